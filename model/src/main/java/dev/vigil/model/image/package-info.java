/**
 * Images as the detector takes them: {@link dev.vigil.model.image.RgbImage} (3×H×W floats in [0, 1]) or
 * {@link dev.vigil.model.image.ByteRgbImage} (the 8-bit samples as decoded), both a
 * {@link dev.vigil.model.image.DecodedImage} of an {@link dev.vigil.model.image.ImageSize}, and the one decoder from
 * files, bytes and decoded pictures ({@link dev.vigil.model.image.ImageDecoder}).
 */
package dev.vigil.model.image;
