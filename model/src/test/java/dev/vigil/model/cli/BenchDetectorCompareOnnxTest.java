package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.testing.CommandRun;
import dev.vigil.model.testing.SampleFootage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil bench detector --compare-onnx} end to end, small: torchvision's MobileNetV3-FPN exported by
 * {@code scripts/export-onnx.py} (Debian's torch) at a 144-pixel shorter side with 50 proposals, run in ONNX Runtime
 * and in Vigil on the same weights and vtest.avi frames. The two must find the same objects; timings are printed,
 * not asserted.
 */
class BenchDetectorCompareOnnxTest {

    private static final Path SCRIPT = SampleFootage.REPO.resolve("scripts/export-onnx.py");
    private static final Path WEIGHT_RECIPE = Path.of("src/test/python/parity/make_reference.py");
    private static final Path EXPORT = Path.of("target/onnx-peer-144");
    private static final String MIN_SIZE = "144";
    private static final String PROPOSALS = "50";

    @BeforeAll
    static void export() throws Exception {
        assertThat(SampleFootage.VIDEO)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        Path stamp = EXPORT.resolve("scripts.sha256");
        String hash = sha256(SCRIPT, WEIGHT_RECIPE);
        if (Files.exists(stamp) && Files.readString(stamp).equals(hash)) {
            return;
        }
        Files.createDirectories(EXPORT);
        Path log = EXPORT.resolve("export.log");
        Process process = new ProcessBuilder(
                        "/usr/bin/python3",
                        SCRIPT.toString(),
                        "--video",
                        SampleFootage.VIDEO.toString(),
                        "--out",
                        EXPORT.toString(),
                        "--min-size",
                        MIN_SIZE,
                        "--max-size",
                        "192",
                        "--proposals",
                        PROPOSALS)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(process.waitFor(20, TimeUnit.MINUTES)).as("export finished").isTrue();
        assertThat(process.exitValue()).as("export: %s", Files.readString(log)).isZero();
        Files.writeString(stamp, hash);
    }

    @Test
    void bothEnginesFindTheSameObjectsAndTheTableIsPrinted() {
        CommandRun run = bench("--weights", EXPORT.resolve("weights.pth").toString(), "--proposals", PROPOSALS);

        assertThat(run.exit()).as(run.text()).isZero();
        assertThat(run.text()).containsPattern("(?m)^vigil\\s+\\d+\\.\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");
        assertThat(run.text()).containsPattern("(?m)^onnxruntime\\s+\\d+\\.\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");
        assertThat(run.text()).containsPattern("(?m)^vigil / onnxruntime: \\d+\\.\\d\\d$");
        assertSameDetectionsOnEveryFrame(run);
    }

    @Test
    void bothEnginesProfilesOfTheSameFramesArePutSideBySidePerLayerKind(@TempDir Path tmp) throws Exception {
        Path torchTrace = tmp.resolve("vigil.json");
        Path onnxTrace = tmp.resolve("onnxruntime.json");
        CommandRun run = bench(
                "--weights",
                EXPORT.resolve("weights.pth").toString(),
                "--proposals",
                PROPOSALS,
                "--torch-profile",
                torchTrace.toString(),
                "--onnx-profile",
                onnxTrace.toString());

        assertThat(run.exit()).as(run.text()).isZero();
        assertThat(run.text()).containsPattern("(?m)^vigil's stages, mean ms a frame: preprocess \\d+\\.\\d backbone ");
        assertThat(torchTrace).content().contains("aten::addmm");
        assertThat(onnxTrace).content().contains("_kernel_time").contains("\"op_name\" : \"Gemm\"");

        Path benchOutput = tmp.resolve("bench.txt");
        Files.writeString(benchOutput, run.text());
        Process script = new ProcessBuilder(
                        "/usr/bin/python3",
                        SampleFootage.REPO.resolve("scripts/engine-ops.py").toString(),
                        torchTrace.toString(),
                        onnxTrace.toString(),
                        "3",
                        benchOutput.toString())
                .redirectErrorStream(true)
                .start();
        String table = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor()).as(table).isZero();
        // both engines ran fc6 (up to 50 proposals x 12,544 x 1,024: at most 1.28 GFLOP a frame) and the body's convs
        Matcher fc6 = Pattern.compile("(?m)^fc6 \\(\\+ReLU\\)\\s+(\\d+\\.\\d)\\s+(\\d+\\.\\d)\\s+(\\d+\\.\\d\\d)\\s")
                .matcher(table);
        assertThat(fc6.find()).as(table).isTrue();
        assertThat(Double.parseDouble(fc6.group(1))).as("vigil's fc6 ms").isPositive();
        assertThat(Double.parseDouble(fc6.group(2))).as("ORT's fc6 ms").isPositive();
        assertThat(Double.parseDouble(fc6.group(3))).as("fc6 GFLOP").isBetween(0.5, 1.29);
        assertThat(table).containsPattern("(?m)^  its convolutions\\s+[1-9]\\d*\\.\\d");
        assertThat(table).containsPattern("(?m)^RoIAlign \\(MultiScaleRoIAlign\\)\\s+\\d+\\.\\d\\s+\\d+\\.\\d");
    }

    @Test
    void withAndWithoutThePackedKernelsVigilFindsTheSameObjects() {
        List<String> args = sameFrames();
        args.addAll(List.of(
                "--compare-packed-kernels",
                "--weights",
                EXPORT.resolve("weights.pth").toString(),
                "--proposals",
                PROPOSALS));
        CommandRun run = run(args);

        assertThat(run.exit()).as(run.text()).isZero();
        assertThat(run.text()).containsPattern("(?m)^packed\\s+\\d+\\.\\d+\\s+\\d+\\.\\d\\s+\\d+\\.\\d$");
        assertThat(run.text()).containsPattern("(?m)^plain stages, mean ms a frame: preprocess \\d+\\.\\d backbone ");
        assertSameDetectionsOnEveryFrame(run);
    }

    @Test
    void anotherNetworkOnVigilsSideIsCaughtAsADisagreement() {
        // the export keeps 50 proposals; with 10, Vigil runs a different network on the same weights
        CommandRun run = bench("--weights", EXPORT.resolve("weights.pth").toString(), "--proposals", "10");

        assertThat(run.exit()).as(run.text()).isEqualTo(1);
        assertThat(run.text())
                .containsPattern("same detections: [0-2] of 3 frames")
                .contains("first disagreement");
    }

    @Test
    void withoutTheExportsWeightsTheComparisonIsRefused() {
        CommandRun run = bench("--proposals", PROPOSALS);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.text()).contains("--compare-onnx needs --weights");
    }

    /** The run found the same detections on all three frames, and more than 30 of them. */
    private static void assertSameDetectionsOnEveryFrame(CommandRun run) {
        Matcher agreement = Pattern.compile("same detections: (\\d+) of (\\d+) frames \\((\\d+) pairs")
                .matcher(run.text());
        assertThat(agreement.find()).as(run.text()).isTrue();
        assertThat(agreement.group(1)).isEqualTo("3").isEqualTo(agreement.group(2));
        assertThat(Integer.parseInt(agreement.group(3)))
                .as("detections paired over 3 frames")
                .isGreaterThan(30);
    }

    private static CommandRun bench(String... options) {
        List<String> args = sameFrames();
        args.addAll(List.of("--compare-onnx", EXPORT.resolve("model.onnx").toString()));
        args.addAll(List.of(options));
        return run(args);
    }

    /** Three vtest.avi frames at the export's size, no warm-up, one thread. */
    private static List<String> sameFrames() {
        return new ArrayList<>(List.of(
                "--video",
                SampleFootage.VIDEO.toString(),
                "--frames",
                "3",
                "--min-size",
                MIN_SIZE,
                "--iterations",
                "3",
                "--warmup",
                "0",
                "--threads",
                "1"));
    }

    private static CommandRun run(List<String> args) {
        return CommandRun.of(new BenchDetectorCommand(), args.toArray(String[]::new));
    }

    private static String sha256(Path... files) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                digest.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
