package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.model.testing.SampleFootage;
import dev.vigil.model.trackeval.MotChallengeFile;
import dev.vigil.model.trackeval.TrackSequence;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil eval-tracks} on a small synthetic video with exact identities ({@code vigil synth --video}). */
class EvalTracksCommandTest {

    @TempDir
    static Path video;

    @TempDir
    Path tmp;

    @BeforeAll
    static void synthesise() {
        int exit = new CommandLine(new SynthCommand())
                .execute(
                        "--out",
                        video.toString(),
                        "--video",
                        "3",
                        "--fps",
                        "10",
                        "--size",
                        "192x144",
                        "--seed",
                        "5",
                        "--classes",
                        "person,car");
        assertThat(exit).isZero();
    }

    private static String run(String... args) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new EvalTracksCommand()).execute(args);
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        return printed.toString(StandardCharsets.UTF_8);
    }

    private JsonNode metrics(Path json) throws Exception {
        return new ObjectMapper().readTree(json.toFile());
    }

    @Test
    void theGroundTruthScoredAgainstItselfIsPerfect() throws Exception {
        Path gt = video.resolve("annotations.json");
        Path asResults = tmp.resolve("self.txt");
        // the ground truth's own boxes and ids, written as a tracker's results
        TrackSequence truth = dev.vigil.model.trackeval.CocoTrackFile.read(gt).sequence();
        TrackSequence scoredBoxes = new TrackSequence();
        for (int frame : truth.labelledFrames()) {
            truth.boxes(frame).stream()
                    .filter(b -> b.kind() == dev.vigil.model.trackeval.TrackBox.Kind.SCORED)
                    .forEach(b -> scoredBoxes.add(frame, b));
        }
        MotChallengeFile.writeResults(asResults, scoredBoxes);
        Path json = tmp.resolve("self.json");
        run("--gt", gt.toString(), "--tracks", asResults.toString(), "--metrics-json", json.toString());
        JsonNode all = metrics(json).path("overall");
        assertThat(all.path("numObjects").asLong()).isPositive();
        assertThat(all.path("mota").asDouble()).isEqualTo(1.0);
        assertThat(all.path("idf1").asDouble()).isEqualTo(1.0);
        assertThat(all.path("numSwitches").asLong()).isZero();
    }

    @Test
    void vigilsTrackerOnTheGroundTruthBoxesKeepsMostIdentities() throws Exception {
        Path json = tmp.resolve("gt-boxes.json");
        Path tracks = tmp.resolve("tracks.txt");
        String printed = run(
                "--gt",
                video.resolve("annotations.json").toString(),
                "--gt-boxes",
                "--write-tracks",
                tracks.toString(),
                "--metrics-json",
                json.toString());
        assertThat(printed).contains("IDF1", "MOTA", "OVERALL");
        JsonNode overall = metrics(json).path("overall");
        // each new object is missed in its first frame (a track is confirmed on its second hit); the rest is found
        assertThat(overall.path("mota").asDouble()).isGreaterThan(0.8);
        assertThat(overall.path("idf1").asDouble()).isGreaterThan(0.8);
        assertThat(MotChallengeFile.readResults(tracks).size()).isPositive();
    }

    @Test
    void theShippedModelAndTheTrackerRunOverTheFrames() throws Exception {
        SampleFootage.assumePresent();
        Path json = tmp.resolve("model.json");
        run(
                "--gt", video.resolve("annotations.json").toString(),
                "--model", SampleFootage.REPO.resolve("models/vigil-default").toString(),
                "--frames", "1-4",
                "--metrics-json", json.toString());
        JsonNode overall = metrics(json).path("overall");
        assertThat(overall.path("numFrames").asLong()).as("4 frames, per class").isEqualTo(8);
        assertThat(overall.path("numObjects").asLong()).isPositive();
    }

    @Test
    void aMissingSourceIsNamed() {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new EvalTracksCommand()).setErr(new PrintWriter(errors));
        assertThat(cli.execute("--gt", video.resolve("annotations.json").toString()))
                .isNotZero();
        assertThat(errors.toString()).contains("--tracks", "--gt-boxes", "--model");
    }
}
