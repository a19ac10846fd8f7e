/**
 * The detector as applications use it: {@link dev.vigil.model.detector.Detector} (load a
 * {@link dev.vigil.model.detector.ModelArtifact}, detect on {@link dev.vigil.model.image.RgbImage}s, get
 * {@link dev.vigil.model.detector.DetectedObject}s in the images' pixels), the device choice, and
 * {@link dev.vigil.model.detector.ArchitectureConfig}, what an artifact's {@code config.json} holds.
 * {@link dev.vigil.model.detector.FasterRcnn} assembles backbone, RPN and RoI heads as torchvision's
 * {@code FasterRCNN} does, and maps detections and proposals back to original pixels.
 */
package dev.vigil.model.detector;
