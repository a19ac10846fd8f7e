package dev.vigil.model.teacher;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One image to label: its file name relative to the source's images folder (where the file lies once the source has
 * returned it) and its pixels, owned by the source and valid until its next call.
 *
 * @param fileName path relative to {@link ImageSource#imagesDir()}
 * @param bgr the 8-bit BGR pixels
 */
public record SourceImage(String fileName, Mat bgr) {}
