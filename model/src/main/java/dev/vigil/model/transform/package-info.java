/**
 * Images made ready for the network (the paper's section 3.3: rescaled so that the shorter side is s): torchvision's
 * {@code GeneralizedRCNNTransform} in {@link dev.vigil.model.transform.ImageTransform}, its numbers in
 * {@link dev.vigil.model.transform.TransformConfig}, the padded {@link dev.vigil.model.transform.ImageBatch}, and
 * the inverse mapping of boxes to original pixels. The pixel work is one pass per image
 * ({@link dev.vigil.model.transform.SlotWriter}) of the normalisation ({@link dev.vigil.model.transform.Normalization})
 * and torch's bilinear resize ({@link dev.vigil.model.transform.BilinearAxis}).
 */
package dev.vigil.model.transform;
