/**
 * Images as the detector takes them: {@link dev.vigil.model.image.RgbImage} (3×H×W floats in [0, 1]) and its
 * {@link dev.vigil.model.image.ImageSize}, the one decoder from files, bytes and decoded pictures
 * ({@link dev.vigil.model.image.ImageDecoder}), and torch-exact bilinear resizing
 * ({@link dev.vigil.model.image.BilinearResize}).
 */
package dev.vigil.model.image;
