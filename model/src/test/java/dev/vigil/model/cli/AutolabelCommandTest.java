package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import dev.vigil.model.teacher.CenterNetTeacher;
import dev.vigil.model.teacher.ClassThresholds;
import dev.vigil.model.testing.SampleFootage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil autolabel} end to end on frames of vtest.avi with the real teacher. */
class AutolabelCommandTest {

    private static final Path CENTERNET_MODEL = SampleFootage.REPO.resolve(CenterNetTeacher.DEFAULT_MODEL);
    private static final Path GROUND_TRUTH =
            SampleFootage.REPO.resolve("model/src/test/resources/groundtruth/vtest-600-794/annotations.json");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void footage() {
        SampleFootage.assumePresent();
    }

    @Test
    void labelsSelectedVideoFramesIntoCocoJsonWithTheirImages() throws IOException {
        Path json = tmp.resolve("set/train.json");
        int exit = run(
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "100-104",
                "--every",
                "2",
                "--out",
                json.toString(),
                "--teacher",
                "ssd",
                "--teacher-model",
                SampleFootage.TEACHER_MODEL.toString());

        assertThat(exit).as(err.toString()).isZero();
        Dataset dataset = CocoDataset.read(json);
        assertThat(dataset.imagesDir()).isEqualTo(tmp.resolve("set/images").toAbsolutePath());
        assertThat(dataset.images())
                .extracting(AnnotatedImage::fileName)
                .containsExactly("vtest_f000100.jpg", "vtest_f000102.jpg", "vtest_f000104.jpg");
        assertThat(dataset.categories()).extracting(Category::name).startsWith("person", "bicycle", "car");
        List<GroundTruthBox> persons = new ArrayList<>();
        for (AnnotatedImage image : dataset.images()) {
            BufferedImage pixels = ImageIO.read(dataset.imagePath(image).toFile());
            assertThat(pixels.getWidth()).isEqualTo(image.width()).isEqualTo(SampleFootage.WIDTH);
            assertThat(pixels.getHeight()).isEqualTo(image.height()).isEqualTo(SampleFootage.HEIGHT);
            assertThat(image.boxes()).allSatisfy(box -> {
                assertThat(box.x1()).isBetween(0f, box.x2());
                assertThat(box.y1()).isBetween(0f, box.y2());
                assertThat(box.x2()).isLessThanOrEqualTo(image.width());
                assertThat(box.y2()).isLessThanOrEqualTo(image.height());
                assertThat(box.score()).isBetween(0.4f, 1f);
            });
            image.boxes().stream().filter(box -> box.categoryId() == 1).forEach(persons::add);
        }
        assertThat(persons).as("persons on 3 frames with 3-8 people").hasSizeGreaterThanOrEqualTo(6);

        JsonNode annotation =
                new ObjectMapper().readTree(json.toFile()).get("annotations").get(0);
        assertThat(annotation.get("score").asDouble()).isBetween(0.4, 1.0);
        assertThat(annotation.get("bbox")).hasSize(4);
        assertThat(out.toString())
                .contains("3 images from")
                .containsPattern("person +" + persons.size() + " ")
                .containsPattern("teacher ssd-mobilenetv2-oidv4: \\d+\\.\\d ms per image");
    }

    @Test
    void labelsAFolderOfImagesKeepingOnlyTheAskedClassesAndReportsUnreadableFiles() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        Map<Integer, Mat> frames = SampleFootage.frames(300, 700);
        for (Map.Entry<Integer, Mat> frame : frames.entrySet()) {
            assertThat(imwrite(folder.resolve("frame" + frame.getKey() + ".png").toString(), frame.getValue()))
                    .isTrue();
            frame.getValue().close();
        }
        Files.writeString(folder.resolve("broken.jpg"), "not a JPEG");
        Files.writeString(folder.resolve("notes.txt"), "not an image at all");
        Path json = tmp.resolve("photos.json");

        int exit = run(
                "--images",
                folder.toString(),
                "--classes",
                "person",
                "--score-thresh",
                "0.5",
                "--out",
                json.toString(),
                "--teacher",
                "ssd",
                "--teacher-model",
                SampleFootage.TEACHER_MODEL.toString());

        assertThat(exit).isEqualTo(AutolabelCommand.EXIT_BAD_IMAGES);
        assertThat(err.toString()).contains("skipped broken.jpg");
        Dataset dataset = CocoDataset.read(json);
        assertThat(dataset.imagesDir()).isEqualTo(folder.toAbsolutePath());
        assertThat(dataset.categories()).containsExactly(new Category(1, "person"));
        assertThat(dataset.images())
                .extracting(AnnotatedImage::fileName)
                .containsExactly("frame300.png", "frame700.png");
        assertThat(dataset.images())
                .flatExtracting(AnnotatedImage::boxes)
                .isNotEmpty()
                .allSatisfy(box -> assertThat(box.score()).isGreaterThanOrEqualTo(0.5f));
    }

    @Test
    void aMissingTeacherNamesTheFetchScript() {
        Path missing = tmp.resolve("no-teacher.tflite");
        int exit = run(
                "--images",
                tmp.toString(),
                "--out",
                tmp.resolve("x.json").toString(),
                "--teacher",
                "ssd",
                "--teacher-model",
                missing.toString());
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains(missing.toString()).contains("scripts/fetch-teacher-model.sh");
        assertThat(tmp.resolve("x.json")).doesNotExist();
    }

    @Test
    void centerNetFindsPersonsAndTheVan() throws IOException {
        Path json = tmp.resolve("cn/labels.json");
        int exit = run(
                "--teacher",
                "centernet",
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "700-701",
                "--score-thresh",
                "0.3",
                "--out",
                json.toString(),
                "--centernet-model",
                CENTERNET_MODEL.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("teacher " + CenterNetTeacher.NAME);
        Dataset dataset = CocoDataset.read(json);
        assertThat(dataset.categories()).extracting(Category::name).startsWith("person", "bicycle", "car");
        List<GroundTruthBox> boxes = new ArrayList<>();
        dataset.images().forEach(image -> boxes.addAll(image.boxes()));
        assertThat(boxes).allSatisfy(box -> assertThat(box.score()).isBetween(0.3f, 1f));
        // 8 people walk in frames 700-701; CenterNet calls the parked van a truck, which the default map makes a car
        assertThat(boxes).filteredOn(box -> box.categoryId() == 1).hasSizeGreaterThanOrEqualTo(10);
        assertThat(boxes).filteredOn(box -> box.categoryId() == 3).isNotEmpty();
    }

    @Test
    void labelsASnapshotFolderWithEveryCameraAndFailsWhenNothingIsLabelled() throws IOException {
        Path video = tmp.resolve("video/labels.json");
        assertThat(run(
                        "--teacher",
                        "centernet",
                        "--video",
                        SampleFootage.VIDEO.toString(),
                        "--frames",
                        "700-701",
                        "--out",
                        video.toString(),
                        "--centernet-model",
                        CENTERNET_MODEL.toString()))
                .as(err.toString())
                .isZero();
        List<AnnotatedImage> frames = CocoDataset.read(video).images();
        Path images = tmp.resolve("snapshot/images");
        Files.createDirectories(images.resolve("cam-a"));
        Files.createDirectories(images.resolve("cam-b"));
        Files.copy(video.resolveSibling("images").resolve(frames.get(0).fileName()), images.resolve("cam-a/700.jpg"));
        Files.copy(video.resolveSibling("images").resolve(frames.get(1).fileName()), images.resolve("cam-b/701.jpg"));

        Path json = tmp.resolve("snapshot/labels.json");
        int exit = run(
                "--teacher",
                "centernet",
                "--images",
                images.toString(),
                "--out",
                json.toString(),
                "--centernet-model",
                CENTERNET_MODEL.toString());

        assertThat(exit).as(err.toString()).isZero();
        Dataset dataset = CocoDataset.read(json);
        assertThat(dataset.images())
                .extracting(AnnotatedImage::fileName)
                .containsExactly("cam-a/700.jpg", "cam-b/701.jpg");
        assertThat(dataset.images())
                .allSatisfy(image -> assertThat(image.boxes()).isNotEmpty());

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run(
                        "--teacher",
                        "centernet",
                        "--images",
                        empty.toString(),
                        "--out",
                        tmp.resolve("empty.json").toString(),
                        "--centernet-model",
                        CENTERNET_MODEL.toString()))
                .isEqualTo(AutolabelCommand.EXIT_NOTHING_LABELLED);
        assertThat(err.toString()).contains("nothing labelled: no image found in " + empty);
    }

    @Test
    void theDefaultEnsembleFusesBothTeachersIntoTheChosenClasses() throws IOException {
        Path json = tmp.resolve("ensemble/labels.json");
        int exit = run(
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "700-700",
                "--classes",
                "person,car",
                "--out",
                json.toString(),
                "--ssd-model",
                SampleFootage.TEACHER_MODEL.toString(),
                "--centernet-model",
                CENTERNET_MODEL.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("teacher ensemble(" + CenterNetTeacher.NAME + "+ssd-mobilenetv2-oidv4)");
        Dataset dataset = CocoDataset.read(json);
        assertThat(dataset.categories()).extracting(Category::name).containsExactly("person", "car");
        assertThat(dataset.images())
                .singleElement()
                .satisfies(image -> assertThat(image.boxes())
                        .hasSizeGreaterThanOrEqualTo(5)
                        .allSatisfy(box -> assertThat(box.score()).isBetween(0.35f, 1f)));
    }

    @Test
    void choosesEachClassThresholdOnAValidationSetAndLabelsWithIt() throws Exception {
        // the validation set: two hand-checked frames of the ground truth (600, 610) and their boxes
        Dataset truth = CocoDataset.read(GROUND_TRUTH, tmp);
        Path validation = Files.createDirectories(tmp.resolve("val"));
        Map<Integer, Mat> frames = SampleFootage.frames(600, 610);
        frames.forEach((n, frame) ->
                imwrite(validation.resolve(String.format("vtest_%06d.jpg", n)).toString(), frame));
        frames.values().forEach(Mat::close);
        CocoDataset.write(
                validation.resolve("val.json"),
                new Dataset(validation, truth.categories(), truth.images().subList(0, 2)));
        Path json = tmp.resolve("out/labels.json");

        int exit = run(
                "--teacher",
                "ssd",
                "--ssd-model",
                SampleFootage.TEACHER_MODEL.toString(),
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "700-700",
                "--classes",
                "person,car",
                "--thresholds-from",
                validation.resolve("val.json").toString(),
                "--out",
                json.toString());

        assertThat(exit).as(err.toString()).isZero();
        java.util.regex.Matcher chosen = java.util.regex.Pattern.compile(
                        "class thresholds chosen: --class-thresh (person=(0\\.\\d\\d)\\S*)")
                .matcher(out.toString());
        assertThat(chosen.find()).as(out.toString()).isTrue();
        ClassThresholds thresholds = ClassThresholds.parse(chosen.group(1), 0.4f);
        assertThat(out.toString())
                .contains("threshold of person: " + chosen.group(2) + ", on 2 validation images precision")
                .contains("pseudo-labels scoring >= " + thresholds.spec());
        Dataset labels = CocoDataset.read(json);
        List<GroundTruthBox> boxes = labels.images().get(0).boxes();
        assertThat(boxes).filteredOn(b -> b.categoryId() == 1).isNotEmpty();
        assertThat(boxes)
                .allSatisfy(b -> assertThat(b.score())
                        .isGreaterThanOrEqualTo(thresholds.of(
                                labels.categories().get(b.categoryId() - 1).name())));

        assertThat(run(
                        "--teacher",
                        "ssd",
                        "--teacher-model",
                        SampleFootage.TEACHER_MODEL.toString(),
                        "--video",
                        SampleFootage.VIDEO.toString(),
                        "--out",
                        "x.json",
                        "--class-thresh",
                        "persn=0.4"))
                .isNotZero();
        assertThat(err.toString()).contains("--class-thresh names [persn], not classes of the teacher");
        assertThat(run("--video", SampleFootage.VIDEO.toString(), "--out", "x.json", "--min-precision", "0.9"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--thresholds-images and --min-precision go with --thresholds-from");
    }

    @Test
    void testTimeAugmentationLabelsTheMirroredImageAndTilesToo() throws IOException {
        Path json = tmp.resolve("tta/labels.json");
        int exit = run(
                "--teacher",
                "ssd",
                "--teacher-model",
                SampleFootage.TEACHER_MODEL.toString(),
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "700-700",
                "--classes",
                "person,car",
                "--tta",
                "flip,tiles",
                "--out",
                json.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("teacher ssd-mobilenetv2-oidv4[flip,tiles]");
        AnnotatedImage image = CocoDataset.read(json).images().get(0);
        assertThat(image.boxes())
                .filteredOn(b -> b.categoryId() == 1)
                .hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(box -> {
                    assertThat(box.score()).isBetween(0.4f, 1f);
                    assertThat(box.x1()).isBetween(0f, box.x2());
                    assertThat(box.x2()).isLessThanOrEqualTo(image.width());
                    assertThat(box.y2()).isLessThanOrEqualTo(image.height());
                });
        assertThat(run("--video", SampleFootage.VIDEO.toString(), "--out", "x.json", "--tta", "rotate"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--tta: test-time augmentation 'rotate' is none of flip, tiles, tiles3, none");
    }

    @Test
    void refusesUnknownTeachersAndLabels() {
        assertThat(run("--images", tmp.toString(), "--out", "x.json", "--teacher", "yolo"))
                .isNotZero();
        assertThat(err.toString()).contains("teacher 'yolo' is none of ssd, centernet, ensemble");
        assertThat(run("--images", tmp.toString(), "--out", "x.json", "--label-map", "Persn=person,person=person"))
                .isNotZero();
        assertThat(err.toString()).contains("labels of neither teacher: [Persn]");
        assertThat(run("--images", tmp.toString(), "--out", "x.json", "--teacher", "ensemble", "--teacher-model", "m"))
                .isNotZero();
        assertThat(err.toString()).contains("--ssd-model and --centernet-model");
    }

    @Test
    void refusesVideoOptionsForAnImageFolderAndBadRanges() {
        assertThat(run("--images", tmp.toString(), "--frames", "0-9", "--out", "x.json"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--frames, --every and --images-out apply to --video only");

        assertThat(run("--video", SampleFootage.VIDEO.toString(), "--frames", "ten-20", "--out", "x.json"))
                .isNotZero();
        assertThat(err.toString()).contains("frame range 'ten-20' is not FIRST-LAST");

        assertThat(run("--video", "a.avi", "--images", "dir", "--out", "x.json"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new AutolabelCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
