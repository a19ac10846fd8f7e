package dev.vigil.model.train;

import dev.vigil.model.detector.RgbImage;

/** Mirrors a training image left to right with its boxes (x → width − x). */
final class HorizontalFlipping {

    private HorizontalFlipping() {
    }

    static TrainingImage flip(TrainingImage image) {
        RgbImage picture = image.image();
        int height = picture.size().height();
        int width = picture.size().width();
        float[] source = picture.chw();
        float[] mirrored = new float[source.length];
        for (int row = 0; row < RgbImage.CHANNELS * height; row++) {
            int offset = row * width;
            for (int x = 0; x < width; x++) {
                mirrored[offset + x] = source[offset + width - 1 - x];
            }
        }
        float[] boxes = image.boxes().clone();
        for (int i = 0; i < boxes.length; i += 4) {
            float x1 = boxes[i];
            boxes[i] = width - boxes[i + 2];
            boxes[i + 2] = width - x1;
        }
        return new TrainingImage(new RgbImage(picture.name(), picture.size(), mirrored), boxes, image.classes());
    }
}
