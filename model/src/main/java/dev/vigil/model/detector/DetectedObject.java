package dev.vigil.model.detector;

/**
 * One detected object, in pixels of the image as it was given.
 *
 * @param classId index into the model's class list (1..C-1)
 * @param label the class name
 * @param score class probability
 * @param x1 left
 * @param y1 top
 * @param x2 right
 * @param y2 bottom
 */
public record DetectedObject(int classId, String label, float score, float x1, float y1, float x2, float y2) {}
