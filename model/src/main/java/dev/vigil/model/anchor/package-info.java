/**
 * Anchors (the paper's section 3.1.1): {@link dev.vigil.model.anchor.AnchorGenerator}, bit-exact with torchvision's,
 * with the paper's single-level and torchvision's FPN configurations.
 */
package dev.vigil.model.anchor;
