package dev.vigil.model.cli;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.eval.ClassCategoryMapping;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ScoredBox;
import dev.vigil.model.teacher.TemporalConsistency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A labels file (pseudo-labels with scores) as detections of a ground-truth dataset's images: images matched by the
 * frame number that ends their file names, label classes to ground-truth categories by name, ignore regions left
 * out.
 *
 * @param truth the ground truth restricted to the images the labels have
 * @param results the labels' boxes of those images
 */
record LabelsAgainstTruth(Dataset truth, ClassCategoryMapping mapping, List<ImageDetectionResult> results) {

    private static final Pattern FRAME_NUMBER = Pattern.compile("(\\d+)\\.[^.]*$");

    int matchedImages() {
        return truth.images().size();
    }

    /**
     * @param consistency when positive, the labels are first cleaned by {@link TemporalConsistency} over this many
     *     neighbours, their images taken as consecutive frames in frame-number order
     * @throws IllegalArgumentException when no image of the labels has a ground-truth image of its frame number
     */
    static LabelsAgainstTruth of(Dataset truth, Dataset labels, int consistency) {
        List<AnnotatedImage> frames = new ArrayList<>(labels.images());
        frames.sort(Comparator.comparingLong(image -> frameNumber(image.fileName())));
        if (consistency > 0) {
            frames = new TemporalConsistency(consistency, TemporalConsistency.DEFAULT_MATCH_IOU)
                    .clean(frames)
                    .images();
        }
        Map<Long, AnnotatedImage> byFrame = new HashMap<>();
        frames.forEach(image -> byFrame.put(frameNumber(image.fileName()), image));
        List<String> classNames = new ArrayList<>();
        for (Category category : labels.categories()) {
            while (classNames.size() <= category.id()) {
                classNames.add("");
            }
            classNames.set(category.id(), category.name());
        }
        ClassCategoryMapping mapping = ClassCategoryMapping.byName(classNames, truth.categories());
        List<AnnotatedImage> matched = new ArrayList<>();
        List<ImageDetectionResult> results = new ArrayList<>();
        for (AnnotatedImage image : truth.images()) {
            AnnotatedImage labelled = byFrame.get(frameNumber(image.fileName()));
            if (labelled == null) {
                continue;
            }
            matched.add(image);
            List<ScoredBox> boxes = new ArrayList<>();
            for (GroundTruthBox box : labelled.boxes()) {
                int category = mapping.categoryOf(box.categoryId());
                if (!box.crowd() && category != ClassCategoryMapping.UNMAPPED) {
                    boxes.add(new ScoredBox(box.x1(), box.y1(), box.x2(), box.y2(), category, box.score()));
                }
            }
            results.add(new ImageDetectionResult(image.id(), boxes));
        }
        if (matched.isEmpty()) {
            throw new IllegalArgumentException("no labelled image has the frame number of a ground-truth image");
        }
        return new LabelsAgainstTruth(new Dataset(truth.imagesDir(), truth.categories(), matched), mapping, results);
    }

    /** The number that ends a file's base name, e.g. 600 of {@code vtest_f000600.jpg}; -1 without one. */
    static long frameNumber(String fileName) {
        Matcher m = FRAME_NUMBER.matcher(fileName);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
