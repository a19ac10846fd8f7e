/**
 * Charts written as PNG by JFreeChart (headless): loss curves of training, proposal recall of the paper's Figure 4.
 * {@link dev.vigil.model.plot.LinePlot} keeps Vigil's look in one place (tab10 colours, log y over whole decades,
 * the legend inside the plot, NaN points breaking lines).
 */
package dev.vigil.model.plot;
