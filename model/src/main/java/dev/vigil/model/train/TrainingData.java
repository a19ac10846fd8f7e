package dev.vigil.model.train;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.AspectRatioGroupedBatches;
import dev.vigil.model.data.CategoryClasses;
import dev.vigil.model.data.ClassMap;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.data.HorizontalFlip;
import dev.vigil.model.data.LabelledImage;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset as training images: decoded on demand, crowd boxes (COCO {@code iscrowd}, Vigil's ignore regions) kept
 * apart as {@link IgnoreRegions}, categories mapped to the model's classes, horizontally flipped when asked.
 */
public final class TrainingData {

    private final Dataset dataset;
    private final CategoryClasses classes;
    private final ImageDecoder decoder = new ImageDecoder();

    private final List<String> unreadable;

    /**
     * Checks every image file's header first: images that are missing or unreadable are left out with a warning
     * (see {@link #unreadable()}) so that one bad file does not stop a long run.
     */
    public TrainingData(Dataset dataset, ClassMap classMap) {
        List<AnnotatedImage> readable = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (AnnotatedImage image : dataset.images()) {
            String problem = headerProblem(dataset.imagePath(image));
            if (problem == null) {
                readable.add(image);
            } else {
                problems.add(dataset.imagePath(image) + " (image id " + image.id() + "): " + problem);
            }
        }
        if (readable.isEmpty()) {
            throw new IllegalArgumentException("the training dataset in " + dataset.imagesDir() + " has no readable "
                    + "images" + (problems.isEmpty() ? "" : "; first problem: " + problems.get(0)));
        }
        this.dataset = new Dataset(dataset.imagesDir(), dataset.categories(), readable);
        this.classes = classMap.forCategories(dataset.categories());
        this.unreadable = List.copyOf(problems);
    }

    /** The images left out, each with its file, id and the reason. */
    public List<String> unreadable() {
        return unreadable;
    }

    /** Null when the file holds a readable image header, else why not. */
    private static String headerProblem(java.nio.file.Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            return "no such file";
        }
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            java.util.Iterator<javax.imageio.ImageReader> readers = javax.imageio.ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return "not an image format this JVM reads";
            }
            javax.imageio.ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getWidth(0) > 0 && reader.getHeight(0) > 0 ? null : "empty image";
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
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
            boxes.add(new GroundTruthBox(
                    box.x1() * scaleX,
                    box.y1() * scaleY,
                    box.x2() * scaleX,
                    box.y2() * scaleY,
                    box.categoryId(),
                    box.crowd(),
                    box.area(),
                    box.score()));
        }
        LabelledImage labelled = new LabelledImage(picture, boxes);
        if (flip) {
            labelled = HorizontalFlip.flip(labelled);
        }
        List<GroundTruthBox> objects =
                labelled.boxes().stream().filter(b -> !b.crowd()).toList();
        List<GroundTruthBox> ignored =
                labelled.boxes().stream().filter(GroundTruthBox::crowd).toList();
        return new TrainingImage(labelled.image(), corners(objects), classes.classIndices(objects), corners(ignored));
    }

    private static float[] corners(List<GroundTruthBox> boxes) {
        float[] corners = new float[boxes.size() * 4];
        for (int i = 0; i < boxes.size(); i++) {
            GroundTruthBox b = boxes.get(i);
            corners[i * 4] = b.x1();
            corners[i * 4 + 1] = b.y1();
            corners[i * 4 + 2] = b.x2();
            corners[i * 4 + 3] = b.y2();
        }
        return corners;
    }

    /** Batches of {@code batchSize} images of one aspect-ratio group, shuffled per epoch from {@code seed}. */
    public AspectRatioGroupedBatches groupedBatches(int batchSize, long seed) {
        return AspectRatioGroupedBatches.of(dataset, batchSize, seed);
    }
}
