package dev.vigil.model.train;

import dev.vigil.model.data.AnnotatedImage;
import dev.vigil.model.data.Category;
import dev.vigil.model.data.CocoDataset;
import dev.vigil.model.data.Dataset;
import dev.vigil.model.data.GroundTruthBox;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Small COCO datasets of {@link TrainingStepTest#scene} images (a red square and a blue bar) for training tests. */
public final class TrainingFixtures {

    public static final int HEIGHT = 192;
    public static final int WIDTH = 256;

    private TrainingFixtures() {}

    /** Writes {@code images} PNGs and {@code DIR/annotations.json}; returns the JSON's path. */
    public static Path cocoDataset(Path dir, int images, long seed) throws IOException {
        Path imagesDir = Files.createDirectories(dir.resolve("images"));
        List<AnnotatedImage> entries = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            TrainingImage scene = TrainingStepTest.scene(seed + i, HEIGHT, WIDTH);
            String name = "scene-" + i + ".png";
            ImageIO.write(toBufferedImage(scene), "png", imagesDir.resolve(name).toFile());
            float[] b = scene.boxes();
            entries.add(new AnnotatedImage(
                    i + 1,
                    name,
                    WIDTH,
                    HEIGHT,
                    List.of(
                            GroundTruthBox.of(b[0], b[1], b[2], b[3], 1),
                            GroundTruthBox.of(b[4], b[5], b[6], b[7], 2))));
        }
        Path json = dir.resolve("annotations.json");
        CocoDataset.write(
                json, new Dataset(imagesDir, List.of(new Category(1, "square"), new Category(2, "bar")), entries));
        return json;
    }

    private static BufferedImage toBufferedImage(TrainingImage scene) {
        float[] chw = scene.image().chw();
        int plane = HEIGHT * WIDTH;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                int r = Math.round(chw[i] * 255);
                int g = Math.round(chw[plane + i] * 255);
                int bl = Math.round(chw[2 * plane + i] * 255);
                image.setRGB(x, y, r << 16 | g << 8 | bl);
            }
        }
        return image;
    }
}
