package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.synthetic.SceneObject;
import dev.vigil.model.data.synthetic.SceneSettings;
import dev.vigil.model.data.synthetic.SyntheticScenes;
import dev.vigil.model.data.synthetic.SyntheticVideo;
import dev.vigil.model.trackeval.CocoTrackFile;
import dev.vigil.model.trackeval.TrackBox;
import dev.vigil.model.trackeval.TrackSequence;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesAReadableCocoDatasetAndTheSameFilesForTheSameSeed() throws IOException {
        assertThat(run(
                        "--out",
                        dir.resolve("a").toString(),
                        "--images",
                        "4",
                        "--seed",
                        "7",
                        "--size",
                        "160x120",
                        "--classes",
                        "person,car"))
                .isZero();
        assertThat(run(
                        "--out",
                        dir.resolve("b").toString(),
                        "--images",
                        "4",
                        "--seed",
                        "7",
                        "--size",
                        "160x120",
                        "--classes",
                        "person,car"))
                .isZero();
        assertThat(run(
                        "--out",
                        dir.resolve("c").toString(),
                        "--images",
                        "4",
                        "--seed",
                        "8",
                        "--size",
                        "160x120",
                        "--classes",
                        "person,car"))
                .isZero();

        Dataset dataset = CocoDataset.read(dir.resolve("a/annotations.json"));
        assertThat(dataset.categories()).containsExactly(new Category(1, "person"), new Category(2, "car"));
        assertThat(dataset.images()).hasSize(4);
        for (AnnotatedImage image : dataset.images()) {
            assertThat(dataset.imagePath(image)).isRegularFile();
            assertThat(image.width()).isEqualTo(160);
            assertThat(image.height()).isEqualTo(120);
        }
        assertThat(dataset.images().stream()
                        .mapToInt(image -> image.boxes().size())
                        .sum())
                .isPositive();
        List<Path> files = files(dir.resolve("a"));
        assertThat(files).hasSize(5);
        for (Path file : files) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file.toString())
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readAllBytes(dir.resolve("c/annotations.json")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("a/annotations.json")));
    }

    @Test
    void videoModeWritesAnMp4AndEveryFrameWithItsBoxes() throws Exception {
        assertThat(run("--out", dir.toString(), "--video", "1", "--fps", "5", "--size", "160x120", "--format", "jpg"))
                .isZero();

        Dataset dataset = CocoDataset.read(dir.resolve("annotations.json"));
        assertThat(dataset.images())
                .extracting(AnnotatedImage::fileName)
                .containsExactly("000001.jpg", "000002.jpg", "000003.jpg", "000004.jpg", "000005.jpg");
        try (FFmpegFrameGrabber grabber =
                new FFmpegFrameGrabber(dir.resolve(SynthCommand.VIDEO_FILE).toFile())) {
            grabber.start();
            assertThat(grabber.getImageWidth()).isEqualTo(160);
            assertThat(grabber.getImageHeight()).isEqualTo(120);
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(5);
        }
    }

    @Test
    void videoAnnotationsCarryEveryObjectsExactTrackId() throws Exception {
        assertThat(run("--out", dir.toString(), "--video", "2", "--fps", "5", "--size", "160x120", "--seed", "3"))
                .isZero();

        TrackSequence truth =
                CocoTrackFile.read(dir.resolve("annotations.json")).sequence();
        SyntheticVideo video = new SyntheticScenes(SceneSettings.defaults(160, 120), 3).video(0, 10, 5);
        assertThat(truth.labelledFrames()).hasSize(10);
        int boxes = 0;
        for (int frame = 1; frame <= 10; frame++) {
            List<SceneObject> objects = video.frame(frame - 1).objects();
            assertThat(truth.boxes(frame))
                    .as("frame %d", frame)
                    .extracting(TrackBox::id)
                    .containsExactlyElementsOf(
                            objects.stream().map(o -> (long) o.trackId()).toList());
            boxes += objects.size();
        }
        assertThat(boxes).as("the video has objects").isPositive();
    }

    @Test
    void badOptionsAreNamed() {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new SynthCommand()).setErr(new PrintWriter(errors));
        assertThat(cli.execute("--out", dir.toString(), "--size", "384by288")).isNotZero();
        assertThat(errors.toString()).contains("size must be WIDTHxHEIGHT (e.g. 384x288), got '384by288'");
        assertThat(cli.execute("--out", dir.toString(), "--classes", "person,unicorn"))
                .isNotZero();
        assertThat(errors.toString()).contains("unknown synthetic class 'unicorn'");
    }

    @Test
    void helpListsTheOptions() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SynthCommand()).setOut(new PrintWriter(out));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("--out", "--images", "--size", "--seed", "--classes", "--video", "--fps");
    }

    private static int run(String... args) {
        return new CommandLine(new SynthCommand()).execute(args);
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }
}
