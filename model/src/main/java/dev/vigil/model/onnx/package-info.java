/**
 * The CPU inference peer Vigil is measured against: a torchvision Faster R-CNN exported to ONNX
 * ({@code scripts/export-onnx.py}) and run in ONNX Runtime for Java, and the check that it and Vigil's engine find
 * the same objects on the same weights ({@code vigil bench detector --compare-onnx}).
 */
package dev.vigil.model.onnx;
