package dev.vigil.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.detector.ArchitectureConfig;
import dev.vigil.model.detector.FasterRcnn;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Joint training steps on the real engine: the losses of a fixed batch fall as SGD fits it. */
class TrainingStepTest {

    /** A grey image with a red square (class 1) and a blue tall rectangle (class 2) placed from {@code seed}. */
    static TrainingImage scene(long seed, int height, int width) {
        Random random = new Random(seed);
        float[] chw = new float[3 * height * width];
        java.util.Arrays.fill(chw, 0.5f);
        float[] boxes = new float[8];
        int side = 40 + random.nextInt(40);
        int x = random.nextInt(width / 2 - side);
        int y = random.nextInt(height - side);
        paint(chw, height, width, x, y, side, side, new float[] {0.9f, 0.1f, 0.1f});
        boxes[0] = x;
        boxes[1] = y;
        boxes[2] = x + side;
        boxes[3] = y + side;
        int w = 20 + random.nextInt(20);
        int h = 2 * w + random.nextInt(20);
        int x2 = width / 2 + random.nextInt(width / 2 - w);
        int y2 = random.nextInt(height - h);
        paint(chw, height, width, x2, y2, w, h, new float[] {0.1f, 0.2f, 0.9f});
        boxes[4] = x2;
        boxes[5] = y2;
        boxes[6] = x2 + w;
        boxes[7] = y2 + h;
        return new TrainingImage(
                new RgbImage("scene-" + seed, new ImageSize(height, width), chw), boxes, new int[] {1, 2});
    }

    private static void paint(float[] chw, int height, int width, int x, int y, int w, int h, float[] rgb) {
        for (int c = 0; c < 3; c++) {
            for (int yy = y; yy < y + h; yy++) {
                for (int xx = x; xx < x + w; xx++) {
                    chw[(c * height + yy) * width + xx] = rgb[c];
                }
            }
        }
    }

    @Test
    void lossesFallWhileFittingABatch() {
        ArchitectureConfig config = ArchitectureConfig.compact(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            // a fixed start: without it the weights depend on what earlier tests drew from the engine's generator
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            FasterRcnn model = FasterRcnn.initialized(config, manager);
            TrainingStep step = new TrainingStep(
                    model,
                    LossSettings.torchvision(),
                    RoiSamplingSettings.torchvision().withRoisPerImage(128),
                    AnchorTargets.PAPER_CROSS_BOUNDARY);
            TrainableParameters trainable = TrainableParameters.select(model, List.of(""), List.of());
            SgdSettings sgdSettings = new SgdSettings(
                    0.01f, 0.9f, 1e-4f, 10, 0.1f, List.of(), 0.1f, TrainingRecipe.COMPACT_MAX_GRADIENT_NORM);
            List<TrainingImage> batch = List.of(scene(1, 288, 384), scene(2, 288, 384));
            List<LossValues> history = new ArrayList<>();
            Random random = new Random(7);
            try (Sgd sgd = new Sgd(sgdSettings, manager)) {
                for (int i = 0; i < 60; i++) {
                    try (NDManager scope = manager.newSubManager()) {
                        history.add(step.run(scope, batch, true, true, null, random));
                    }
                    sgd.step(trainable, sgdSettings.learningRateAt(i));
                }
            }
            assertThat(history).allMatch(LossValues::finite);
            LossValues first = history.get(0);
            LossValues last = history.get(history.size() - 1);
            assertThat(last.rpnObjectness()).isLessThan(first.rpnObjectness() * 0.5f);
            assertThat(last.rpnBox()).isLessThan(first.rpnBox());
            assertThat(last.classifier()).isLessThan(first.classifier() * 0.5f);
        }
    }
}
