/**
 * The detection network on top of the proposals (the paper's Fast R-CNN part, section 3.2), as torchvision's
 * {@code RoIHeads}: pooling (from {@code roi}), {@link dev.vigil.model.roiheads.TwoMlpHead} (fc6, fc7),
 * {@link dev.vigil.model.roiheads.FastRcnnPredictor} (class scores and per-class box deltas) and
 * {@link dev.vigil.model.roiheads.DetectionPostprocessor} (per-class NMS, the best detections per image); numbers in
 * {@link dev.vigil.model.roiheads.BoxHeadConfig}.
 */
package dev.vigil.model.roiheads;
