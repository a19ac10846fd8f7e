package dev.vigil.model.cli;

import ai.djl.Device;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil bench model-load}: how long a model artifact takes to become a detector that has run once, in the
 * three steps detect goes through at start-up and at each switch of model: reading every file and checking it against
 * the manifest, building the network from the weights in memory, and a first detection on a blank image.
 */
@Command(
        name = "model-load",
        mixinStandardHelpOptions = true,
        description = "Benchmark loading a model artifact: read + verify, build, first run (milliseconds).")
public final class BenchModelLoadCommand implements Callable<Integer> {

    @Option(
            names = "--model",
            paramLabel = "DIR",
            defaultValue = "models/vigil-default",
            description = "the artifact (default: ${DEFAULT-VALUE})")
    Path model;

    @Option(names = "--repeat", defaultValue = "10", description = "loads measured (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() throws Exception {
        List<double[]> runs = new ArrayList<>();
        float[] grey = new float[3 * 64 * 64];
        Arrays.fill(grey, 0.5f);
        RgbImage blank = new RgbImage("blank", new ImageSize(64, 64), grey);
        for (int i = 0; i < repeat; i++) {
            long t0 = System.nanoTime();
            ModelArtifact artifact = ModelArtifact.read(model);
            long t1 = System.nanoTime();
            try (Detector detector = Detector.load(artifact, Device.cpu())) {
                long t2 = System.nanoTime();
                detector.detect(List.of(blank));
                long t3 = System.nanoTime();
                runs.add(new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6});
            }
            if (i == 0) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %s %s, %d files, %.1f MB, manifest %s%n",
                        model,
                        artifact.info().name(),
                        artifact.info().version(),
                        artifact.files().digests().size(),
                        artifact.files().totalBytes() / 1e6,
                        artifact.hasManifest() ? "checked" : "absent");
            }
        }
        String[] steps = {"read + verify", "build network", "first run", "total"};
        System.out.printf(Locale.ROOT, "%-16s %10s %10s %10s%n", "ms", "first", "median", "min");
        for (int s = 0; s < steps.length; s++) {
            List<Double> values = new ArrayList<>();
            for (double[] run : runs) {
                values.add(run[s]);
            }
            double first = values.get(0);
            Collections.sort(values);
            System.out.printf(
                    Locale.ROOT,
                    "%-16s %10.1f %10.1f %10.1f%n",
                    steps[s],
                    first,
                    values.get(values.size() / 2),
                    values.get(0));
        }
        return 0;
    }
}
