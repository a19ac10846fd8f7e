/**
 * Box geometry of Faster R-CNN: IoU, the box parameterisation of the paper's eq. 2 ({@link dev.vigil.model.box.BoxCoder}),
 * clipping, minimum size, and non-maximum suppression ({@link dev.vigil.model.box.Nms}), with torchvision 0.14's
 * semantics. Boxes are (x1, y1, x2, y2) float pixels; {@code float[]} boxes are K×4 row-major.
 */
package dev.vigil.model.box;
