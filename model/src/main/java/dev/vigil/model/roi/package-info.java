/**
 * Pooling of region features: the paper's {@link dev.vigil.model.roi.RoiPool}, {@link dev.vigil.model.roi.RoiAlign}
 * and the feature-pyramid {@link dev.vigil.model.roi.MultiScaleRoiAlign}, with torchvision's semantics. Each runs on
 * one of two {@link dev.vigil.model.roi.PoolingPath}s with the same values: engine ops (gather + reduction) that
 * gradients pass through, for training, or loops over a JVM copy of the features, for inference on the CPU.
 */
package dev.vigil.model.roi;
