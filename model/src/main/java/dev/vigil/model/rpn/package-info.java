/**
 * The region proposal network (the paper's section 3.1): the shared {@link dev.vigil.model.rpn.RpnHead}, the layout
 * of its predictions, the {@link dev.vigil.model.rpn.ProposalLayer} (decode, clip, NMS, top-N) and
 * {@link dev.vigil.model.rpn.RegionProposalNetwork}, which puts them together as torchvision's module does.
 */
package dev.vigil.model.rpn;
