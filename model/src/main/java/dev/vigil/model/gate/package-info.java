/**
 * The promotion gate: whether a candidate model may replace the production one, decided on the figures of both on
 * one held-out dataset ({@link dev.vigil.model.gate.PromotionGate}). Knows models and evaluation, not where releases
 * are kept (stream-app's registry records the verdict).
 */
package dev.vigil.model.gate;
