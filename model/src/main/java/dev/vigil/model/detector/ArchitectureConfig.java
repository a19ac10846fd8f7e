package dev.vigil.model.detector;

import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.anchor.AnchorGenerator;
import dev.vigil.model.backbone.Backbones;
import dev.vigil.model.backbone.DetectionBackbone;
import dev.vigil.model.box.BoxCoder;
import dev.vigil.model.roi.MultiScaleRoiAlign;
import dev.vigil.model.roi.RoiPoolConfig;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.rpn.RpnConfig;
import dev.vigil.model.transform.TransformConfig;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every number of a Faster R-CNN architecture; written as {@code config.json} in a model artifact (Jackson).
 *
 * @param arch the architecture's name ({@value #RESNET50_FPN}, {@value #MOBILENET_V3_LARGE_FPN}, {@value #VGG16})
 * @param backbone which feature extractor
 * @param numClasses classes including background
 * @param transform resizing and normalisation
 * @param anchors anchor sizes and ratios per level
 * @param rpn the region proposal network's numbers
 * @param roiPool how proposals are pooled
 * @param boxHead the detection head's numbers
 */
public record ArchitectureConfig(
        String arch,
        BackboneKind backbone,
        int numClasses,
        TransformConfig transform,
        AnchorConfig anchors,
        RpnConfig rpn,
        RoiPoolConfig roiPool,
        BoxHeadConfig boxHead) {

    /** torchvision's {@code fasterrcnn_resnet50_fpn}. */
    public static final String RESNET50_FPN = "fasterrcnn_resnet50_fpn";
    /** torchvision's {@code fasterrcnn_mobilenet_v3_large_fpn}. */
    public static final String MOBILENET_V3_LARGE_FPN = "fasterrcnn_mobilenet_v3_large_fpn";
    /** The paper's VGG-16 model. */
    public static final String VGG16 = "vgg16";
    /** A small VGG-style model in the paper's single-map layout, trained from scratch on CPUs. */
    public static final String COMPACT = "vigil_compact";
    /** {@link #COMPACT} with batch norm in its body. */
    public static final String COMPACT_BN = "vigil_compact_bn";
    /** The compact model's shorter image side. */
    public static final int COMPACT_MIN_SIZE = 384;
    /** The compact model's longest image side. */
    public static final int COMPACT_MAX_SIZE = 640;
    /** The compact model's anchor sizes: the paper's 128, 256, 512 divided by 4. */
    public static final float[] COMPACT_ANCHOR_SIZES = {32f, 64f, 128f};
    /** The compact model's proposals kept after NMS while training. */
    public static final int COMPACT_POST_NMS_TOP_N_TRAIN = 500;
    /** Width of the compact model's fc6 / fc7. */
    public static final int COMPACT_REPRESENTATION_SIZE = 256;
    /** COCO's 90 category ids plus background, as torchvision's COCO models. */
    public static final int COCO_NUM_CLASSES = 91;

    /** The feature extractors. */
    public enum BackboneKind {
        RESNET50_FPN(Backbones::resnet50Fpn),
        MOBILENET_V3_LARGE_FPN(Backbones::mobileNetV3LargeFpn),
        VGG16(Backbones::vgg16),
        VGG_COMPACT(Backbones::vggCompact),
        VGG_COMPACT_BN(Backbones::vggCompactBn);

        private final Supplier<DetectionBackbone> factory;

        BackboneKind(Supplier<DetectionBackbone> factory) {
            this.factory = factory;
        }

        public DetectionBackbone build() {
            return factory.get();
        }
    }

    public ArchitectureConfig {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need background and at least one class, got " + numClasses);
        }
        if (anchors.sizes().size() != rpnLevels(backbone)) {
            throw new IllegalArgumentException(arch + ": " + anchors.sizes().size() + " anchor levels for a backbone"
                    + " with " + rpnLevels(backbone) + " feature maps");
        }
    }

    /** The factory defaults of a named architecture. */
    public static ArchitectureConfig forArch(String arch) {
        return switch (arch) {
            case RESNET50_FPN -> resnet50Fpn();
            case MOBILENET_V3_LARGE_FPN -> mobileNetV3LargeFpn();
            case VGG16 -> vgg16();
            case COMPACT -> compact();
            case COMPACT_BN -> compactBn(COCO_NUM_CLASSES);
            default ->
                throw new IllegalArgumentException("unknown architecture '" + arch + "'; known: "
                        + List.of(RESNET50_FPN, MOBILENET_V3_LARGE_FPN, VGG16, COMPACT, COMPACT_BN));
        };
    }

    /** torchvision's {@code fasterrcnn_resnet50_fpn} with its defaults. */
    public static ArchitectureConfig resnet50Fpn() {
        return new ArchitectureConfig(
                RESNET50_FPN,
                BackboneKind.RESNET50_FPN,
                COCO_NUM_CLASSES,
                TransformConfig.torchvision(),
                AnchorConfig.resnet50Fpn(),
                RpnConfig.torchvision(),
                RoiPoolConfig.multiScaleRoiAlign(MultiScaleRoiAlign.RESNET50_FPN_FEATMAPS),
                BoxHeadConfig.torchvision());
    }

    /** torchvision's {@code fasterrcnn_mobilenet_v3_large_fpn} with its defaults. */
    public static ArchitectureConfig mobileNetV3LargeFpn() {
        return new ArchitectureConfig(
                MOBILENET_V3_LARGE_FPN,
                BackboneKind.MOBILENET_V3_LARGE_FPN,
                COCO_NUM_CLASSES,
                TransformConfig.torchvision(),
                AnchorConfig.mobileNetV3LargeFpn(),
                RpnConfig.torchvision(),
                RoiPoolConfig.multiScaleRoiAlign(MultiScaleRoiAlign.MOBILENET_V3_FPN_FEATMAPS),
                BoxHeadConfig.torchvision());
    }

    /** The paper's VGG-16 model: 600/1000 scale, 9 anchors on conv5_3, 300 proposals, RoI pooling, 4096 fc head. */
    public static ArchitectureConfig vgg16() {
        return new ArchitectureConfig(
                VGG16,
                BackboneKind.VGG16,
                COCO_NUM_CLASSES,
                TransformConfig.torchvision().withSizes(TransformConfig.PAPER_MIN_SIZE, TransformConfig.PAPER_MAX_SIZE),
                AnchorConfig.paper(),
                RpnConfig.paper(),
                RoiPoolConfig.paper(),
                BoxHeadConfig.paperVgg16());
    }

    /**
     * The compact model: {@link dev.vigil.model.backbone.Backbones#vggCompact()} (stride 16, 128 channels), the
     * paper's 3 scales × 3 ratios at a third of its sizes (32, 64, 128) for images scaled to a shorter side of
     * {@value #COMPACT_MIN_SIZE}, 2,000/1,000 proposals before and 500/300 after NMS (train/test), RoIAlign 7×7 and
     * a {@value #COMPACT_REPRESENTATION_SIZE}-wide head, for {@code numClasses} classes with background.
     */
    public static ArchitectureConfig compact(int numClasses) {
        RpnConfig rpn = new RpnConfig(
                RpnConfig.TORCHVISION_PRE_NMS_TOP_N_TRAIN,
                RpnConfig.TORCHVISION_PRE_NMS_TOP_N_TEST,
                COMPACT_POST_NMS_TOP_N_TRAIN,
                RpnConfig.PAPER_POST_NMS_TOP_N_TEST,
                RpnConfig.NMS_THRESHOLD,
                RpnConfig.SCORE_THRESHOLD,
                RpnConfig.MIN_SIZE,
                RpnConfig.FG_IOU_THRESHOLD,
                RpnConfig.BG_IOU_THRESHOLD,
                RpnConfig.BATCH_SIZE_PER_IMAGE,
                RpnConfig.POSITIVE_FRACTION);
        BoxHeadConfig head = new BoxHeadConfig(
                COMPACT_REPRESENTATION_SIZE,
                0f,
                BoxCoder.BOX_HEAD_WEIGHTS,
                BoxHeadConfig.SCORE_THRESHOLD,
                BoxHeadConfig.NMS_THRESHOLD,
                BoxHeadConfig.DETECTIONS_PER_IMAGE,
                BoxHeadConfig.MIN_BOX_SIZE);
        return new ArchitectureConfig(
                COMPACT,
                BackboneKind.VGG_COMPACT,
                numClasses,
                TransformConfig.torchvision().withSizes(COMPACT_MIN_SIZE, COMPACT_MAX_SIZE),
                new AnchorConfig(List.of(COMPACT_ANCHOR_SIZES), List.of(AnchorGenerator.PAPER_ASPECT_RATIOS)),
                rpn,
                RoiPoolConfig.multiScaleRoiAlign(List.of("0")),
                head);
    }

    /** {@link #compact(int)} with batch norm after each conv of the body. */
    public static ArchitectureConfig compactBn(int numClasses) {
        ArchitectureConfig plain = compact(numClasses);
        return new ArchitectureConfig(
                COMPACT_BN,
                BackboneKind.VGG_COMPACT_BN,
                numClasses,
                plain.transform(),
                plain.anchors(),
                plain.rpn(),
                plain.roiPool(),
                plain.boxHead());
    }

    /** {@link #compact(int)} with COCO's classes, as {@link #forArch} gives every architecture. */
    public static ArchitectureConfig compact() {
        return compact(COCO_NUM_CLASSES);
    }

    /** The same architecture for another number of classes (background included). */
    public ArchitectureConfig withNumClasses(int newNumClasses) {
        return new ArchitectureConfig(arch, backbone, newNumClasses, transform, anchors, rpn, roiPool, boxHead);
    }

    /** The same architecture with other anchors (same number of levels). */
    public ArchitectureConfig withAnchors(AnchorConfig newAnchors) {
        return new ArchitectureConfig(arch, backbone, numClasses, transform, newAnchors, rpn, roiPool, boxHead);
    }

    /** The same architecture with another transform (e.g. smaller images). */
    public ArchitectureConfig withTransform(TransformConfig newTransform) {
        return new ArchitectureConfig(arch, backbone, numClasses, newTransform, anchors, rpn, roiPool, boxHead);
    }

    /** The same architecture with other RPN numbers. */
    public ArchitectureConfig withRpn(RpnConfig newRpn) {
        return new ArchitectureConfig(arch, backbone, numClasses, transform, anchors, newRpn, roiPool, boxHead);
    }

    /** The same architecture with another detection head. */
    public ArchitectureConfig withBoxHead(BoxHeadConfig newBoxHead) {
        return new ArchitectureConfig(arch, backbone, numClasses, transform, anchors, rpn, roiPool, newBoxHead);
    }

    private static int rpnLevels(BackboneKind backbone) {
        return switch (backbone) {
            case RESNET50_FPN -> AnchorConfig.RESNET50_FPN_LEVELS;
            case MOBILENET_V3_LARGE_FPN -> AnchorGenerator.MOBILENET_FPN_LEVELS;
            case VGG16, VGG_COMPACT, VGG_COMPACT_BN -> 1;
        };
    }
}
