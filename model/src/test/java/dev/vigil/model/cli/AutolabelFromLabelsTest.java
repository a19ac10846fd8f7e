package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil autolabel --from-labels}: pseudo-labels written once at a low score, thresholded and cleaned after
 * (no teacher runs), with {@code --tracks}.
 */
class AutolabelFromLabelsTest {

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /**
     * Six frames of one walking person: confident in 1-3, the teacher unsure (0.2-0.3) in 4-6; a lone 0.25 box far
     * away in frame 2 and a 0.05 one in frame 3.
     */
    private Path rawLabels() throws IOException {
        List<AnnotatedImage> images = new ArrayList<>();
        float[] scores = {0.9f, 0.8f, 0.9f, 0.3f, 0.2f, 0.25f};
        for (int t = 0; t < scores.length; t++) {
            List<GroundTruthBox> boxes = new ArrayList<>();
            float x = 10 + 2 * t;
            boxes.add(new GroundTruthBox(x, 10, x + 20, 60, 1, false, 1000, scores[t]));
            if (t == 1) {
                boxes.add(new GroundTruthBox(200, 10, 220, 60, 1, false, 1000, 0.25f));
            }
            if (t == 2) {
                boxes.add(new GroundTruthBox(300, 10, 320, 60, 1, false, 1000, 0.05f));
            }
            images.add(new AnnotatedImage(t + 1, String.format("vtest_f%06d.jpg", t), 400, 100, boxes));
        }
        Path raw = tmp.resolve("raw.json");
        CocoDataset.write(raw, new Dataset(tmp.resolve("images"), List.of(new Category(1, "person")), images));
        return raw;
    }

    @Test
    void thresholdsLabelsWrittenEarlierWithoutATeacher() throws IOException {
        Path cleaned = tmp.resolve("clean.json");

        int exit = run(
                "--from-labels", rawLabels().toString(), "--class-thresh", "person=0.5", "--out", cleaned.toString());

        assertThat(exit).as(err.toString()).isZero();
        Dataset labels = CocoDataset.read(cleaned);
        assertThat(labels.imagesDir()).isEqualTo(tmp.resolve("images").toAbsolutePath());
        assertThat(labels.images()).hasSize(6);
        assertThat(labels.images().stream().flatMap(i -> i.boxes().stream()))
                .hasSize(3)
                .allSatisfy(b -> assertThat(b.score()).isGreaterThanOrEqualTo(0.5f));
    }

    @Test
    void tracksKeepTheUnsureBoxesOfATrackAndDropTheLowScoreOnesOnNoTrack() throws IOException {
        Path cleaned = tmp.resolve("clean.json");

        int exit = runWithTracks(cleaned, "--track-low", "0.1");

        assertThat(exit).as(err.toString()).isZero();
        List<AnnotatedImage> images = CocoDataset.read(cleaned).images();
        for (AnnotatedImage image : images) {
            assertThat(image.boxes())
                    .as(image.fileName())
                    .filteredOn(b -> b.x1() < 100)
                    .singleElement()
                    .satisfies(b -> assertThat(b.crowd()).isFalse());
        }
        assertThat(images.get(1).boxes()).as("a low-score box on no track").noneMatch(b -> b.x1() == 200);
        assertThat(images.get(2).boxes()).noneMatch(b -> b.x1() == 300);
        assertThat(out.toString())
                .contains("3 boxes at their class's threshold kept, 3 under it recovered")
                .doesNotContain("ms per image");
    }

    @Test
    void ignoreUntrackedMakesTheLowScoreBoxesOnNoTrackIgnoreRegions() throws IOException {
        Path cleaned = tmp.resolve("clean.json");

        int exit = runWithTracks(cleaned, "--ignore-untracked");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(CocoDataset.read(cleaned).images().get(1).boxes())
                .filteredOn(b -> b.x1() == 200)
                .singleElement()
                .satisfies(b -> assertThat(b.crowd()).isTrue());
    }

    @Test
    void refusesTracksTogetherWithConsistencyAndTeacherOptionsWithoutATeacher() throws IOException {
        Path raw = rawLabels();
        String cleaned = tmp.resolve("clean.json").toString();

        assertThat(run("--from-labels", raw.toString(), "--tracks", "--consistency", "1", "--out", cleaned))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--tracks and --consistency");
        assertThat(run("--from-labels", raw.toString(), "--frames", "0-3", "--out", cleaned))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--from-labels runs no teacher");
    }

    /** autolabel --from-labels on the raw labels, persons at 0.5, with --tracks and {@code options}, into {@code out}. */
    private int runWithTracks(Path out, String... options) throws IOException {
        List<String> args = new ArrayList<>(
                List.of("--from-labels", rawLabels().toString(), "--class-thresh", "person=0.5", "--tracks"));
        args.addAll(List.of(options));
        args.addAll(List.of("--out", out.toString()));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new AutolabelCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
