package dev.vigil.model.detector;

import ai.djl.Device;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Calls a detector many times and prints the process's resident memory every {@link #REPORT_EVERY} calls, as
 * {@code calls=N rss_kb=R} lines: {@code java -Xmx128m -cp <test classpath> dev.vigil.model.detector.DetectorSoak
 * MODEL_DIR CALLS}. Run in its own JVM by {@link DetectorMemoryTest}, whose small heap keeps the JVM's own growth
 * out of the figure. The frames are small (the model's transform set to 96–128 px, 50 proposals) so that 10,000
 * calls take about a minute; two sizes alternate, so batches of both shapes are allocated and freed in turn.
 */
public final class DetectorSoak {

    static final int REPORT_EVERY = 1000;
    private static final int SHORTER_SIDE = 96;
    private static final int LONGER_SIDE = 128;
    private static final int PRE_NMS_PROPOSALS = 200;
    private static final int PROPOSALS = 50;

    private DetectorSoak() {}

    public static void main(String[] args) throws IOException {
        Path modelDirectory = Path.of(args[0]);
        int calls = Integer.parseInt(args[1]);
        ModelArtifact artifact = ModelArtifact.read(modelDirectory);
        ArchitectureConfig config = artifact.config();
        ArchitectureConfig small = config.withTransform(config.transform().withSizes(SHORTER_SIDE, LONGER_SIDE))
                .withRpn(config.rpn().withTestTopN(PRE_NMS_PROPOSALS, PROPOSALS));
        SplittableRandom random = new SplittableRandom(2015);
        List<RgbImage> frames = List.of(
                randomImage(random, "landscape", new ImageSize(96, 128)),
                randomImage(random, "portrait", new ImageSize(120, 90)));
        try (Detector detector = Detector.load(artifact.withConfig(small), Device.cpu())) {
            for (int call = 1; call <= calls; call++) {
                detector.detect(List.of(frames.get(call % frames.size())));
                if (call % REPORT_EVERY == 0) {
                    System.out.println("calls=" + call + " rss_kb=" + residentKilobytes());
                }
            }
        }
    }

    private static RgbImage randomImage(SplittableRandom random, String name, ImageSize size) {
        float[] chw = new float[RgbImage.CHANNELS * (int) size.pixels()];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = random.nextInt(256) / 255f;
        }
        return new RgbImage(name, size, chw);
    }

    /** VmRSS of /proc/self/status. */
    private static long residentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS line in /proc/self/status");
    }
}
