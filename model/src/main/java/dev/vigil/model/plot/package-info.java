/**
 * Charts written as PNG by JFreeChart (headless): loss curves of training, proposal recall of the paper's Figure 4,
 * benchmark and comparison plots. {@link dev.vigil.model.plot.ChartStyle} keeps Vigil's look in one place (title, fonts,
 * the legend below the plot area, where it hides nothing); {@link dev.vigil.model.plot.LinePlot} adds tab10 colours,
 * log y over whole decades, whole-number ticks on an x axis of whole numbers and NaN points breaking lines.
 */
package dev.vigil.model.plot;
