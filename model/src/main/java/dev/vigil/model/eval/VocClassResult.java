package dev.vigil.model.eval;

import dev.vigil.model.data.Category;

/**
 * VOC AP of one category; both APs are {@link VocEvaluation#UNDEFINED} when it has no positives.
 *
 * @param positives ground-truth boxes that count (not difficult)
 * @param elevenPointAp VOC2007's 11-point interpolated AP
 * @param allPointAp VOC2010+'s area under the precision envelope
 */
public record VocClassResult(Category category, int positives, double elevenPointAp, double allPointAp) {}
