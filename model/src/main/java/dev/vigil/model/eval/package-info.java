/**
 * Detection quality: COCO's bbox metrics exactly as pycocotools' {@code COCOeval} computes them
 * ({@link dev.vigil.model.eval.CocoEvaluator}), PASCAL VOC's AP at IoU 0.5 (11-point VOC2007 and all-point
 * VOC2010+, {@link dev.vigil.model.eval.VocEvaluator}), the COCO results file, and the recall of RPN proposals
 * against ground truth over IoU thresholds (the paper's Figure 4, {@link dev.vigil.model.eval.ProposalRecall}).
 * Boxes are (x1, y1, x2, y2) float pixels; {@code float[]} boxes are K×4 row-major.
 */
package dev.vigil.model.eval;
