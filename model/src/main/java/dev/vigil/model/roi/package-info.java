/**
 * Pooling of region features: the paper's {@link dev.vigil.model.roi.RoiPool}, {@link dev.vigil.model.roi.RoiAlign}
 * and the feature-pyramid {@link dev.vigil.model.roi.MultiScaleRoiAlign}, with torchvision's semantics, written with
 * engine ops (gather + reduction) so that gradients reach the features.
 */
package dev.vigil.model.roi;
