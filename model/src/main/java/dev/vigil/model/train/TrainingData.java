package dev.vigil.model.train;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.CategoryClasses;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.data.HorizontalFlip;
import dev.vigil.model.data.LabelledImage;
import dev.vigil.model.detector.ImageDecoder;
import dev.vigil.model.detector.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A dataset as training images: decoded on demand, crowd boxes left out, categories mapped to the model's classes,
 * horizontally flipped when asked; the order of images is a seeded shuffle per epoch.
 */
public final class TrainingData {

    private final Dataset dataset;
    private final CategoryClasses classes;
    private final ImageDecoder decoder = new ImageDecoder();

    public TrainingData(Dataset dataset, ClassMap classMap) {
        if (dataset.images().isEmpty()) {
            throw new IllegalArgumentException("the training dataset in " + dataset.imagesDir() + " has no images");
        }
        this.dataset = dataset;
        this.classes = classMap.forCategories(dataset.categories());
    }

    public int size() {
        return dataset.images().size();
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The image at {@code index} with its boxes, mirrored left to right when {@code flip}. */
    public TrainingImage image(int index, boolean flip) {
        AnnotatedImage entry = dataset.images().get(index);
        RgbImage picture;
        try {
            picture = decoder.read(dataset.imagePath(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("training image " + dataset.imagePath(entry) + ": " + e.getMessage(), e);
        }
        float scaleX = (float) picture.size().width() / entry.width();
        float scaleY = (float) picture.size().height() / entry.height();
        List<GroundTruthBox> boxes = new ArrayList<>();
        for (GroundTruthBox box : entry.boxes()) {
            if (!box.crowd()) {
                boxes.add(new GroundTruthBox(box.x1() * scaleX, box.y1() * scaleY, box.x2() * scaleX,
                        box.y2() * scaleY, box.categoryId(), false, box.area(), box.score()));
            }
        }
        LabelledImage labelled = new LabelledImage(picture, boxes);
        if (flip) {
            labelled = HorizontalFlip.flip(labelled);
        }
        float[] corners = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            GroundTruthBox b = labelled.boxes().get(i);
            corners[i * 4] = b.x1();
            corners[i * 4 + 1] = b.y1();
            corners[i * 4 + 2] = b.x2();
            corners[i * 4 + 3] = b.y2();
        }
        return new TrainingImage(labelled.image(), corners, classes.classIndices(labelled.boxes()));
    }

    /** The image order of an epoch: a permutation seeded by the run's seed and the epoch. */
    public int[] epochOrder(long seed, int epoch) {
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
