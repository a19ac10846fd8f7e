package dev.vigil.model.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Agreement with pycocotools on a randomised case (crowd regions, areas on the size bounds, duplicates, score ties,
 * an image with more than 100 detections, categories without counted ground truth). The fixtures in
 * {@code src/test/resources/eval} were computed by pycocotools 2.0.11 (numpy 2.2.6) with
 * {@code src/test/python/eval/make_coco_eval_fixture.py}.
 */
class CocoEvaluatorPycocotoolsTest {

    private static final double TOLERANCE = 1e-6;

    @Test
    void summaryAndPerClassApMatchPycocotools() throws IOException, URISyntaxException {
        Path dir = Path.of(getClass()
                        .getResource("/eval/coco_random_expected.json")
                        .toURI())
                .getParent();
        Dataset truth = CocoDataset.read(dir.resolve("coco_random_gt.json"), dir);
        List<ImageDetectionResult> found = CocoResultsFile.read(dir.resolve("coco_random_results.json"));
        JsonNode expected = new ObjectMapper()
                .readTree(dir.resolve("coco_random_expected.json").toFile());
        assertThat(expected.get("pycocotools").asText()).isEqualTo("2.0.11");

        CocoEvaluation evaluation = new CocoEvaluator().evaluate(truth, found);

        double[] stats = evaluation.summary().toArray();
        for (int i = 0; i < stats.length; i++) {
            assertThat(stats[i])
                    .as("COCOeval.stats[%d]", i)
                    .isCloseTo(expected.get("stats").get(i).asDouble(), within(TOLERANCE));
        }
        for (Category category : evaluation.categories()) {
            JsonNode perClass = expected.get("per_class").get(String.valueOf(category.id()));
            assertThat(evaluation.categoryAveragePrecision(category.id(), CocoEvaluation.ALL_IOU_THRESHOLDS))
                    .as("AP of %s", category.name())
                    .isCloseTo(perClass.get("AP").asDouble(), within(TOLERANCE));
            assertThat(evaluation.categoryAveragePrecision(category.id(), 0.5))
                    .as("AP50 of %s", category.name())
                    .isCloseTo(perClass.get("AP50").asDouble(), within(TOLERANCE));
        }
        assertThat(Arrays.stream(stats).boxed())
                .as("no metric of the case is trivially 0 or 1")
                .allSatisfy(v -> assertThat(v).isBetween(0.05, 0.95));
    }
}
