package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.ClassNames;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.detector.ModelInfo;
import dev.vigil.model.eval.CocoResultsFile;
import dev.vigil.model.eval.ImageDetectionResult;
import dev.vigil.model.eval.ProposalRecall;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.transform.TransformConfig;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil eval} end to end on a real but randomly initialised Faster R-CNN (MobileNetV3-Large-FPN at 160 px,
 * torchvision's COCO class names) and a small synthetic COCO dataset: its numbers are meaningless, but every stage
 * runs for real, including the RPN's proposals at 300/1000/2000.
 */
class EvaluateCommandTest {

    private static final int IMAGES = 3;
    private static final int WIDTH = 240;
    private static final int HEIGHT = 180;

    @TempDir
    static Path tmp;

    static Path artifact;
    static Path datasetJson;

    @BeforeAll
    static void writeModelAndDataset() throws Exception {
        artifact = tmp.resolve("model");
        ArchitectureConfig config = ArchitectureConfig.mobileNetV3LargeFpn()
                .withTransform(TransformConfig.torchvision().withSizes(160, 240));
        try (NDManager manager = NDManager.newBaseManager()) {
            // a fixed start: an unseeded random model sometimes detects nothing of the dataset's two categories
            Engine.getInstance().setRandomSeed(3);
            ModelArtifact.write(
                    artifact,
                    FasterRcnn.initialized(config, manager),
                    ClassNames.coco(),
                    ModelInfo.now("random", "0", "random init", "none"));
        }
        Path images = Files.createDirectories(tmp.resolve("data/images"));
        Random random = new Random(7);
        List<AnnotatedImage> annotated = new ArrayList<>();
        for (int id = 1; id <= IMAGES; id++) {
            BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = picture.createGraphics();
            g.setColor(Color.DARK_GRAY);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            List<GroundTruthBox> boxes = new ArrayList<>();
            for (int b = 0; b < 4; b++) {
                int x = random.nextInt(WIDTH - 60);
                int y = random.nextInt(HEIGHT - 60);
                int w = 15 + random.nextInt(45);
                int h = 15 + random.nextInt(45);
                g.setColor(new Color(random.nextInt()));
                g.fillRect(x, y, w, h);
                boxes.add(GroundTruthBox.of(x, y, x + w, y + h, b % 2 == 0 ? 1 : 3));
            }
            g.dispose();
            String name = id + ".png";
            ImageIO.write(picture, "png", images.resolve(name).toFile());
            annotated.add(new AnnotatedImage(id, name, WIDTH, HEIGHT, boxes));
        }
        datasetJson = tmp.resolve("data/instances.json");
        CocoDataset.write(
                datasetJson,
                new Dataset(
                        images,
                        List.of(new Category(1, "person"), new Category(3, "car"), new Category(99, "unicorn")),
                        annotated));
    }

    @Test
    void evaluatesWritesMetricsResultsAndProposalRecall() throws Exception {
        Path out = tmp.resolve("out");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int exit = run(
                stdout,
                stderr,
                "--model",
                artifact.toString(),
                "--dataset",
                datasetJson.toString(),
                "--score-thresh",
                "0",
                "--metrics-json",
                out.resolve("metrics.json").toString(),
                "--results",
                out.resolve("results.json").toString(),
                "--proposal-recall",
                out.resolve("recall").toString());

        assertThat(exit).as(stderr.toString()).isZero();
        assertThat(stderr.toString()).contains("unicorn");
        assertThat(stdout.toString())
                .contains("Average Precision", "VOC2007", "person", "car")
                .doesNotContain("unicorn");

        JsonNode metrics =
                new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of(
                "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "voc07_mAP", "voc_area_mAP")) {
            assertThat(metrics.get(key).asDouble()).as(key).isBetween(-1.0, 1.0);
        }
        assertThat(metrics.get("AP50").asDouble())
                .as("small and medium boxes exist")
                .isBetween(0.0, 1.0);
        assertThat(metrics.get("per_class").fieldNames()).toIterable().containsExactlyInAnyOrder("person", "car");
        assertThat(metrics.get("per_class").get("person").has("voc07_AP")).isTrue();

        List<ImageDetectionResult> results = CocoResultsFile.read(out.resolve("results.json"));
        assertThat(results).isNotEmpty().allSatisfy(r -> {
            assertThat(r.imageId()).isBetween(1L, (long) IMAGES);
            assertThat(r.boxes())
                    .hasSizeLessThanOrEqualTo(EvaluateCommand.MAX_DETECTIONS_PER_IMAGE)
                    .allSatisfy(b -> assertThat(b.categoryId()).isIn(1, 3));
        });

        assertRecallIsMonotone(Files.readAllLines(out.resolve("recall").resolve(ProposalRecall.CSV_FILE)));
        assertThat(out.resolve("recall").resolve(ProposalRecall.PNG_FILE)).isNotEmptyFile();
    }

    @Test
    void proposalsComeBestFirstInOriginalPixelsAndAtMostTopN() throws Exception {
        float edge = 1e-3f; // boxes are scaled back to original pixels in float32, as torchvision's resize_boxes
        RgbImage image = new ImageDecoder().read(tmp.resolve("data/images/1.png"));
        try (Detector detector = Detector.load(artifact)) {
            float[] few = detector.proposals(List.of(image), 1000, 50).get(0);
            float[] many = detector.proposals(List.of(image), 1000, 2000).get(0);
            assertThat(few.length / 4).isEqualTo(50);
            assertThat(many.length / 4).isGreaterThan(300).isLessThanOrEqualTo(2000);
            assertThat(Arrays.copyOf(many, few.length))
                    .as("the best 50 lead the 2000")
                    .containsExactly(few);
            for (int i = 0; i < many.length; i += 4) {
                assertThat(many[i]).isBetween(0f, WIDTH + edge);
                assertThat(many[i + 1]).isBetween(0f, HEIGHT + edge);
                assertThat(many[i + 2]).isBetween(many[i], WIDTH + edge);
                assertThat(many[i + 3]).isBetween(many[i + 1], HEIGHT + edge);
            }
        }
    }

    @Test
    void missingImagesFailBeforeDetecting() throws Exception {
        StringWriter stderr = new StringWriter();
        int exit = run(
                new StringWriter(),
                stderr,
                "--model",
                artifact.toString(),
                "--dataset",
                datasetJson.toString(),
                "--images",
                tmp.resolve("nowhere").toString());
        assertThat(exit).isNotZero();
        assertThat(stderr.toString()).contains("3 of 3 dataset images are missing");
    }

    @Test
    void badOptionValuesAreRefused() {
        StringWriter stderr = new StringWriter();
        int exit = run(
                new StringWriter(),
                stderr,
                "--model",
                artifact.toString(),
                "--dataset",
                datasetJson.toString(),
                "--max-images",
                "0");
        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString()).contains("--max-images must be positive");
    }

    /** Rows: IoU ascending; columns: 300, 1000, 2000 proposals. */
    private static void assertRecallIsMonotone(List<String> csv) {
        assertThat(csv).hasSize(1 + ProposalRecall.IOU_STEPS);
        double[][] table = new double[csv.size() - 1][];
        for (int row = 1; row < csv.size(); row++) {
            String[] cells = csv.get(row).split(",");
            table[row - 1] = new double[cells.length - 1];
            for (int c = 1; c < cells.length; c++) {
                table[row - 1][c - 1] = Double.parseDouble(cells[c]);
            }
        }
        assertThat(table[0][2])
                .as("2000 random proposals cover some box at IoU 0.5")
                .isPositive();
        for (int row = 0; row < table.length; row++) {
            for (int c = 0; c < table[row].length; c++) {
                if (row > 0) {
                    assertThat(table[row][c]).as("non-increasing in IoU").isLessThanOrEqualTo(table[row - 1][c]);
                }
                if (c > 0) {
                    assertThat(table[row][c])
                            .as("non-decreasing in proposals")
                            .isGreaterThanOrEqualTo(table[row][c - 1]);
                }
            }
        }
    }

    private static int run(StringWriter stdout, StringWriter stderr, String... args) {
        CommandLine cli = new CommandLine(new EvaluateCommand());
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        return cli.execute(args);
    }
}
