package dev.vigil.model.eval;

/**
 * One detection as evaluation sees it: a box, the dataset category it claims and its confidence.
 *
 * @param categoryId a dataset category id ({@link dev.vigil.model.data.Category#id()}), not a model class index
 */
public record ScoredBox(float x1, float y1, float x2, float y2, int categoryId, float score) {}
