package dev.vigil.model.anchor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Anchor sizes and aspect ratios (height / width) per feature level, as a model's {@code config.json} stores them.
 * Each backbone names its default ({@code BackboneSpec#defaultAnchors}), built from the presets here.
 *
 * @param sizes per level, the anchor sizes in pixels of the resized image
 * @param aspectRatios per level, the ratios
 */
public record AnchorConfig(List<float[]> sizes, List<float[]> aspectRatios) {

    /** The paper's anchor scales (box areas 128², 256², 512²). */
    public static final List<Float> PAPER_SIZES = List.of(128f, 256f, 512f);
    /** The paper's aspect ratios 1:2, 1:1, 2:1 (height / width). */
    public static final List<Float> PAPER_ASPECT_RATIOS = List.of(0.5f, 1.0f, 2.0f);
    /** torchvision's FPN anchor sizes, smallest first: one per level P2–P6 in {@code fasterrcnn_resnet50_fpn}. */
    public static final List<Float> FPN_SIZES = List.of(32f, 64f, 128f, 256f, 512f);

    public AnchorConfig {
        if (sizes.size() != aspectRatios.size() || sizes.isEmpty()) {
            throw new IllegalArgumentException(
                    "need sizes and aspect ratios for the same (non-zero) number of levels, got " + sizes.size()
                            + " and " + aspectRatios.size());
        }
        sizes = copy(sizes);
        aspectRatios = copy(aspectRatios);
    }

    /** One feature level with these sizes, each at the paper's three ratios. */
    public static AnchorConfig singleLevel(List<Float> sizes) {
        return new AnchorConfig(List.of(toArray(sizes)), List.of(toArray(PAPER_ASPECT_RATIOS)));
    }

    /** The paper: one level (conv5_3), 3 scales (128, 256, 512) × 3 ratios. */
    public static AnchorConfig paper() {
        return singleLevel(PAPER_SIZES);
    }

    /** One size per level, smallest on the finest level, each at the paper's ratios (torchvision's FPN anchors). */
    public static AnchorConfig oneSizePerLevel(List<Float> sizes) {
        List<float[]> perLevel = new ArrayList<>();
        for (float size : sizes) {
            perLevel.add(new float[] {size});
        }
        return new AnchorConfig(perLevel, Collections.nCopies(sizes.size(), toArray(PAPER_ASPECT_RATIOS)));
    }

    /** All the sizes on each of {@code levels} levels, at the paper's ratios. */
    public static AnchorConfig sameOnEveryLevel(int levels, List<Float> sizes) {
        return new AnchorConfig(
                Collections.nCopies(levels, toArray(sizes)), Collections.nCopies(levels, toArray(PAPER_ASPECT_RATIOS)));
    }

    /** Feature levels (one anchor set per feature map the RPN reads). */
    public int levels() {
        return sizes.size();
    }

    @Override
    public List<float[]> sizes() {
        return copy(sizes);
    }

    @Override
    public List<float[]> aspectRatios() {
        return copy(aspectRatios);
    }

    public AnchorGenerator toGenerator() {
        return new AnchorGenerator(sizes, aspectRatios);
    }

    private static List<float[]> copy(List<float[]> perLevel) {
        return perLevel.stream().map(float[]::clone).toList();
    }

    private static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }
}
