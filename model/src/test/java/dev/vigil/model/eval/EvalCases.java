package dev.vigil.model.eval;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.nio.file.Path;
import java.util.List;

/** Small hand-made datasets and detections for the evaluator tests. */
final class EvalCases {

    static final int PERSON = 1;
    static final int CAR = 2;
    static final List<Category> CATEGORIES = List.of(new Category(PERSON, "person"), new Category(CAR, "car"));

    private EvalCases() {}

    static Dataset dataset(AnnotatedImage... images) {
        return new Dataset(Path.of("images"), CATEGORIES, List.of(images));
    }

    static AnnotatedImage image(long id, GroundTruthBox... boxes) {
        return new AnnotatedImage(id, id + ".jpg", 640, 480, List.of(boxes));
    }

    static GroundTruthBox person(float x1, float y1, float x2, float y2) {
        return GroundTruthBox.of(x1, y1, x2, y2, PERSON);
    }

    static GroundTruthBox personWithArea(float x1, float y1, float x2, float y2, double area) {
        return new GroundTruthBox(x1, y1, x2, y2, PERSON, false, area, 1f);
    }

    static GroundTruthBox crowdOfPeople(float x1, float y1, float x2, float y2) {
        return new GroundTruthBox(x1, y1, x2, y2, PERSON, true, (double) (x2 - x1) * (y2 - y1), 1f);
    }

    static ScoredBox detectedPerson(float x1, float y1, float x2, float y2, float score) {
        return new ScoredBox(x1, y1, x2, y2, PERSON, score);
    }

    static List<ImageDetectionResult> detections(long imageId, ScoredBox... boxes) {
        return List.of(new ImageDetectionResult(imageId, List.of(boxes)));
    }
}
