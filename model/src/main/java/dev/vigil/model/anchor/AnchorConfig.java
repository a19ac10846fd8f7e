package dev.vigil.model.anchor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Anchor sizes and aspect ratios (height / width) per feature level.
 *
 * @param sizes per level, the anchor sizes in pixels of the resized image
 * @param aspectRatios per level, the ratios
 */
public record AnchorConfig(List<float[]> sizes, List<float[]> aspectRatios) {

    /** Levels of {@code fasterrcnn_resnet50_fpn} (P2–P6). */
    public static final int RESNET50_FPN_LEVELS = 5;

    public AnchorConfig {
        if (sizes.size() != aspectRatios.size() || sizes.isEmpty()) {
            throw new IllegalArgumentException(
                    "need sizes and aspect ratios for the same (non-zero) number of levels, got " + sizes.size()
                            + " and " + aspectRatios.size());
        }
        sizes = List.copyOf(sizes);
        aspectRatios = List.copyOf(aspectRatios);
    }

    /** {@code fasterrcnn_resnet50_fpn}: one size per level, 32 to 512, ratios (0.5, 1, 2). */
    public static AnchorConfig resnet50Fpn() {
        List<float[]> sizes = new ArrayList<>();
        for (float size : AnchorGenerator.FPN_SIZES) {
            sizes.add(new float[] {size});
        }
        return new AnchorConfig(sizes, Collections.nCopies(RESNET50_FPN_LEVELS, AnchorGenerator.PAPER_ASPECT_RATIOS));
    }

    /** {@code fasterrcnn_mobilenet_v3_large_fpn}: all five sizes on each of three levels, ratios (0.5, 1, 2). */
    public static AnchorConfig mobileNetV3LargeFpn() {
        int levels = AnchorGenerator.MOBILENET_FPN_LEVELS;
        return new AnchorConfig(
                Collections.nCopies(levels, AnchorGenerator.FPN_SIZES),
                Collections.nCopies(levels, AnchorGenerator.PAPER_ASPECT_RATIOS));
    }

    /** The paper: one level (conv5_3), 3 scales (128, 256, 512) × 3 ratios. */
    public static AnchorConfig paper() {
        return new AnchorConfig(List.of(AnchorGenerator.PAPER_SIZES), List.of(AnchorGenerator.PAPER_ASPECT_RATIOS));
    }

    public AnchorGenerator toGenerator() {
        return new AnchorGenerator(sizes, aspectRatios);
    }
}
