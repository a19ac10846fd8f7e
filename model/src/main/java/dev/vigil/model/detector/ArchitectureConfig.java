package dev.vigil.model.detector;

import dev.vigil.model.anchor.AnchorConfig;
import dev.vigil.model.backbone.BackboneRegistry;
import dev.vigil.model.backbone.BackboneSpec;
import dev.vigil.model.backbone.MobileNetV3LargeFpnSpec;
import dev.vigil.model.backbone.ResNet50FpnSpec;
import dev.vigil.model.backbone.Vgg16Spec;
import dev.vigil.model.backbone.VggCompactSpec;
import dev.vigil.model.roi.RoiPoolConfig;
import dev.vigil.model.roiheads.BoxHeadConfig;
import dev.vigil.model.rpn.RpnConfig;
import dev.vigil.model.transform.TransformConfig;
import java.util.List;

/**
 * Every number of a Faster R-CNN architecture; written as {@code config.json} in a model artifact (Jackson). What
 * depends on the backbone (its feature maps, so the anchor levels and the maps RoI pooling reads) comes from its
 * {@link BackboneSpec} in the {@link BackboneRegistry}.
 *
 * @param arch the architecture's name ({@value #RESNET50_FPN}, {@value #MOBILENET_V3_LARGE_FPN}, {@value #VGG16},
 *     {@value #COMPACT}, {@value #COMPACT_BN}, or a registered backbone's name)
 * @param backbone the {@link BackboneSpec#name() name} of the feature extractor
 * @param numClasses classes including background
 * @param transform resizing and normalisation
 * @param anchors anchor sizes and ratios per level
 * @param rpn the region proposal network's numbers
 * @param roiPool how proposals are pooled
 * @param boxHead the detection head's numbers
 */
public record ArchitectureConfig(
        String arch,
        String backbone,
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
    /** The compact model's proposals kept after NMS while training. */
    public static final int COMPACT_POST_NMS_TOP_N_TRAIN = 500;
    /** Width of the compact model's fc6 / fc7. */
    public static final int COMPACT_REPRESENTATION_SIZE = 256;
    /** COCO's 90 category ids plus background, as torchvision's COCO models. */
    public static final int COCO_NUM_CLASSES = 91;

    private static final List<String> PRESETS =
            List.of(RESNET50_FPN, MOBILENET_V3_LARGE_FPN, VGG16, COMPACT, COMPACT_BN);

    public ArchitectureConfig {
        if (numClasses < 2) {
            throw new IllegalArgumentException("need background and at least one class, got " + numClasses);
        }
        int featureMaps = BackboneRegistry.get(backbone).featureMaps().size();
        if (anchors.levels() != featureMaps) {
            throw new IllegalArgumentException(arch + ": " + anchors.levels() + " anchor levels for a backbone"
                    + " with " + featureMaps + " feature maps");
        }
    }

    /**
     * The factory defaults of a named architecture: one of the presets, or a registered backbone's name for that
     * backbone with torchvision's numbers ({@link #withTorchvisionDefaults}).
     */
    public static ArchitectureConfig forArch(String arch) {
        return switch (arch) {
            case RESNET50_FPN -> resnet50Fpn();
            case MOBILENET_V3_LARGE_FPN -> mobileNetV3LargeFpn();
            case VGG16 -> vgg16();
            case COMPACT -> compact();
            case COMPACT_BN -> compactBn(COCO_NUM_CLASSES);
            default ->
                BackboneRegistry.find(arch)
                        .map(spec -> withTorchvisionDefaults(arch, spec))
                        .orElseThrow(() -> new IllegalArgumentException("unknown architecture '" + arch + "'; known: "
                                + PRESETS + " and the backbones " + BackboneRegistry.names()));
        };
    }

    /**
     * {@code spec}'s backbone in torchvision's {@code FasterRCNN} with its defaults: 800/1333 images, the backbone's
     * anchors, torchvision's RPN, MultiScaleRoIAlign over the backbone's maps, the 1024-wide head, COCO's classes.
     */
    public static ArchitectureConfig withTorchvisionDefaults(String arch, BackboneSpec spec) {
        return new ArchitectureConfig(
                arch,
                spec.name(),
                COCO_NUM_CLASSES,
                TransformConfig.torchvision(),
                spec.defaultAnchors(),
                RpnConfig.torchvision(),
                RoiPoolConfig.multiScaleRoiAlign(spec.roiFeatureMaps()),
                BoxHeadConfig.torchvision());
    }

    /** torchvision's {@code fasterrcnn_resnet50_fpn} with its defaults. */
    public static ArchitectureConfig resnet50Fpn() {
        return withTorchvisionDefaults(RESNET50_FPN, BackboneRegistry.get(ResNet50FpnSpec.NAME));
    }

    /** torchvision's {@code fasterrcnn_mobilenet_v3_large_fpn} with its defaults. */
    public static ArchitectureConfig mobileNetV3LargeFpn() {
        return withTorchvisionDefaults(MOBILENET_V3_LARGE_FPN, BackboneRegistry.get(MobileNetV3LargeFpnSpec.NAME));
    }

    /** The paper's VGG-16 model: 600/1000 scale, 9 anchors on conv5_3, 300 proposals, RoI pooling, 4096 fc head. */
    public static ArchitectureConfig vgg16() {
        BackboneSpec spec = BackboneRegistry.get(Vgg16Spec.NAME);
        return new ArchitectureConfig(
                VGG16,
                spec.name(),
                COCO_NUM_CLASSES,
                TransformConfig.torchvision().withSizes(TransformConfig.PAPER_MIN_SIZE, TransformConfig.PAPER_MAX_SIZE),
                spec.defaultAnchors(),
                RpnConfig.paper(),
                RoiPoolConfig.paper(),
                BoxHeadConfig.paperVgg16());
    }

    /**
     * The compact model: {@link dev.vigil.model.backbone.Backbones#vggCompact()} (stride 16, 128 channels), the
     * paper's 3 scales × 3 ratios at a quarter of its sizes (32, 64, 128) for images scaled to a shorter side of
     * {@value #COMPACT_MIN_SIZE}, 2,000/1,000 proposals before and 500/300 after NMS (train/test), RoIAlign 7×7 and
     * a {@value #COMPACT_REPRESENTATION_SIZE}-wide head, for {@code numClasses} classes with background.
     */
    public static ArchitectureConfig compact(int numClasses) {
        return compact(COMPACT, BackboneRegistry.get(VggCompactSpec.NAME), numClasses);
    }

    /** {@link #compact(int)} with batch norm after each conv of the body. */
    public static ArchitectureConfig compactBn(int numClasses) {
        return compact(COMPACT_BN, BackboneRegistry.get(VggCompactSpec.BATCH_NORM_NAME), numClasses);
    }

    private static ArchitectureConfig compact(String arch, BackboneSpec spec, int numClasses) {
        RpnConfig rpn = RpnConfig.torchvision().toBuilder()
                .postNmsTopN(COMPACT_POST_NMS_TOP_N_TRAIN, RpnConfig.PAPER_POST_NMS_TOP_N_TEST)
                .build();
        BoxHeadConfig head = BoxHeadConfig.torchvision().withRepresentationSize(COMPACT_REPRESENTATION_SIZE);
        return new ArchitectureConfig(
                arch,
                spec.name(),
                numClasses,
                TransformConfig.torchvision().withSizes(COMPACT_MIN_SIZE, COMPACT_MAX_SIZE),
                spec.defaultAnchors(),
                rpn,
                RoiPoolConfig.multiScaleRoiAlign(spec.roiFeatureMaps()),
                head);
    }

    /** {@link #compact(int)} with COCO's classes, as {@link #forArch} gives every architecture. */
    public static ArchitectureConfig compact() {
        return compact(COCO_NUM_CLASSES);
    }

    /** The description of this architecture's backbone. */
    public BackboneSpec backboneSpec() {
        return BackboneRegistry.get(backbone);
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
}
