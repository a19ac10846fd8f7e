/**
 * Anchors (the paper's section 3.1.1): {@link dev.vigil.model.anchor.AnchorGenerator}, bit-exact with torchvision's,
 * and {@link dev.vigil.model.anchor.AnchorConfig}, the sizes and ratios per level a model stores, with the paper's
 * single-level and torchvision's FPN presets (each backbone picks its default).
 */
package dev.vigil.model.anchor;
