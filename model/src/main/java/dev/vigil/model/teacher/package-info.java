/**
 * A pretrained teacher detector for pseudo-labelling real footage: SSD MobileNetV2 trained on Open Images v4
 * (TFLite, run through TensorFlow Lite), its anchors and box decoding as the TF Object Detection API defines them,
 * the map from its labels to Vigil's classes, and the auto-labelling of videos and image folders into COCO
 * datasets.
 */
package dev.vigil.model.teacher;
