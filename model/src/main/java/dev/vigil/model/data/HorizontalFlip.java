package dev.vigil.model.data;

import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Mirrors images left to right with their boxes, at random (torchvision's {@code RandomHorizontalFlip}). */
public final class HorizontalFlip {

    /** torchvision's and the paper's chance of flipping a training image. */
    public static final double DEFAULT_PROBABILITY = 0.5;

    private final double probability;

    public HorizontalFlip() {
        this(DEFAULT_PROBABILITY);
    }

    public HorizontalFlip(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
        }
        this.probability = probability;
    }

    /** The sample flipped with this instance's probability, else unchanged. */
    public LabelledImage apply(LabelledImage sample, SplittableRandom random) {
        return random.nextDouble() < probability ? flip(sample) : sample;
    }

    /** The image mirrored (a new array) and every box {@code (x1, x2)} → {@code (W − x2, W − x1)}. */
    public static LabelledImage flip(LabelledImage sample) {
        RgbImage image = sample.image();
        ImageSize size = image.size();
        int width = size.width();
        float[] source = image.chw();
        float[] mirrored = new float[source.length];
        int rows = RgbImage.CHANNELS * size.height();
        for (int row = 0; row < rows; row++) {
            int start = row * width;
            int end = start + width - 1;
            for (int x = 0; x < width; x++) {
                mirrored[start + x] = source[end - x];
            }
        }
        List<GroundTruthBox> boxes = new ArrayList<>(sample.boxes().size());
        for (GroundTruthBox box : sample.boxes()) {
            boxes.add(new GroundTruthBox(
                    width - box.x2(),
                    box.y1(),
                    width - box.x1(),
                    box.y2(),
                    box.categoryId(),
                    box.crowd(),
                    box.area(),
                    box.score()));
        }
        return new LabelledImage(new RgbImage(image.name(), size, mirrored), boxes);
    }
}
