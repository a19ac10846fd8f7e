/**
 * Charts written as PNG with Java2D alone (headless): loss curves of training, proposal recall of the paper's
 * Figure 4.
 */
package dev.vigil.model.plot;
