package dev.vigil.model.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.vigil.model.image.ByteRgbImage;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.testing.SampleFootage;
import dev.vigil.model.testing.TestImages;
import dev.vigil.model.testing.TorchvisionReference;
import dev.vigil.model.testing.TwoPassTransform;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

class ImageTransformTest {

    /** Largest difference allowed against torch's resize: a few float32 ulps (torch's kernel may fuse a multiply-add). */
    private static final float RESIZE_TOLERANCE = 2e-6f;

    @Test
    void resizedSizeFollowsTorchvisionsFloat32ScaleAndFloor() {
        ImageTransform transform = new ImageTransform(TransformConfig.torchvision());
        // 800/576 = 1.3888..., 1333/768 = 1.7356...: the shorter side rules
        assertThat(transform.resizedSize(new ImageSize(576, 768))).isEqualTo(new ImageSize(800, 1066));
        // 1333/1920 rules: the longer side is capped (expected sizes printed by torchvision 0.14.1)
        assertThat(transform.resizedSize(new ImageSize(1080, 1920))).isEqualTo(new ImageSize(749, 1333));
        assertThat(transform.resizedSize(new ImageSize(720, 1280))).isEqualTo(new ImageSize(749, 1333));
        assertThat(transform.paddedSide(1066)).isEqualTo(1088);
        assertThat(transform.paddedSide(800)).isEqualTo(800);
    }

    @Test
    void batchOfFramesEqualsTorchvisionsTransform() throws Exception {
        TorchvisionReference reference = TorchvisionReference.of(TorchvisionReference.RESNET50_FPN);
        ImageTransform transform = reference.transform();
        List<RgbImage> frames = reference.decodedFrames();
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageBatch batch = transform.apply(manager, frames);
            assertThat(batch.resizedSizes()).isEqualTo(reference.sizes("image_sizes"));
            assertThat(batch.originalSizes()).isEqualTo(reference.sizes("original_sizes"));
            assertThat(batch.images().getShape().getShape()).isEqualTo(reference.shape("images"));
            assertClose(batch.images().toFloatArray(), reference.tensor("images"));
        }
    }

    @Test
    void imagesOfDifferentSizesArePaddedAsTorchvisionPadsThem() throws Exception {
        TorchvisionReference reference = TorchvisionReference.of(TorchvisionReference.RESNET50_FPN);
        var crop = reference.index().get("mixed_crop");
        RgbImage frame = reference.decodedFrames().get(1);
        RgbImage cropped = TestImages.crop(
                frame,
                crop.get("top").asInt(),
                crop.get("left").asInt(),
                new ImageSize(crop.get("height").asInt(), crop.get("width").asInt()));
        List<ImageSize> expectedSizes = new ArrayList<>();
        crop.get("image_sizes")
                .forEach(s -> expectedSizes.add(
                        new ImageSize(s.get(0).asInt(), s.get(1).asInt())));
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageBatch batch = reference
                    .transform()
                    .apply(manager, List.of(reference.decodedFrames().get(0), cropped));
            assertThat(batch.resizedSizes()).isEqualTo(expectedSizes);
            assertThat(batch.images().getShape().getShape()).isEqualTo(reference.shape("mixed.images"));
            assertClose(batch.images().toFloatArray(), reference.tensor("mixed.images"));
        }
    }

    /** detect's input: the reference frames' own bytes decoded to 8-bit samples, not to floats. */
    @Test
    void samplesOfTheFramesGiveTorchvisionsBatch() throws Exception {
        TorchvisionReference reference = TorchvisionReference.of(TorchvisionReference.RESNET50_FPN);
        ImageDecoder decoder = new ImageDecoder();
        List<DecodedImage> frames = new ArrayList<>();
        for (Path frame : reference.frames()) {
            frames.add(decoder.decodeSamples(frame.toString(), Files.readAllBytes(frame)));
        }
        assertThat(frames).allMatch(ByteRgbImage.class::isInstance);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageBatch batch = reference.transform().apply(manager, frames);
            assertThat(batch.resizedSizes()).isEqualTo(reference.sizes("image_sizes"));
            assertClose(batch.images().toFloatArray(), reference.tensor("images"));
        }
    }

    /**
     * The single pass against normalising the whole image and then resizing it (the two passes the transform made
     * before, {@link TwoPassTransform}), on real frames JPEG-encoded as ingest sends them, bit for bit: from the 8-bit
     * samples detect decodes and from the floats training reads, down by 2/3 (the shipped model's 384/640), up
     * (torchvision's 800/1333), with a smaller image padded beside a full frame.
     */
    @Test
    void realJpegFramesGiveBitForBitTheBatchOfNormalisingThenResizing() throws Exception {
        assertThat(SampleFootage.VIDEO)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        List<byte[]> jpegs = new ArrayList<>();
        Map<Integer, Mat> frames = SampleFootage.frames(100, 400);
        try (Mat first = frames.get(100);
                Mat second = frames.get(400);
                Mat crop = new Mat(second, new Rect(101, 37, 333, 250)).clone()) {
            jpegs.add(jpeg(first));
            jpegs.add(jpeg(crop));
        }
        ImageDecoder decoder = new ImageDecoder();
        List<DecodedImage> samples = new ArrayList<>();
        List<RgbImage> floats = new ArrayList<>();
        for (byte[] jpeg : jpegs) {
            samples.add(decoder.decodeSamples("frame", jpeg));
            floats.add(decoder.decode("frame", jpeg));
        }
        assertThat(samples).allMatch(ByteRgbImage.class::isInstance);
        for (TransformConfig settings :
                List.of(TransformConfig.torchvision().withSizes(384, 640), TransformConfig.torchvision())) {
            ImageTransform transform = new ImageTransform(settings);
            float[] expected = TwoPassTransform.batch(settings, transform, floats);
            try (NDManager manager = NDManager.newBaseManager()) {
                assertSameBits(transform.apply(manager, samples).images().toFloatArray(), expected);
                assertSameBits(transform.apply(manager, floats).images().toFloatArray(), expected);
            }
        }
    }

    /**
     * A batch of four 768×576 frames was about 56 MB of float arrays on the JVM before the single pass (each frame's
     * floats, their normalised copy, the resized copy): now only a few rows.
     */
    @Test
    void preparingABatchAllocatesRowsNotImages() {
        ByteRgbImage frame = new ByteRgbImage("frame", new ImageSize(576, 768), new byte[3 * 576 * 768]);
        List<ByteRgbImage> batch = List.of(frame, frame, frame, frame);
        ImageTransform transform =
                new ImageTransform(TransformConfig.torchvision().withSizes(384, 640));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (NDManager manager = NDManager.newBaseManager()) {
            transform.apply(manager, batch); // loads and initialises what the first call needs
            long before = threads.getCurrentThreadAllocatedBytes();
            ImageBatch prepared = transform.apply(manager, batch);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(prepared.images().getShape().getShape()).containsExactly(4, 3, 384, 512);
            assertThat(allocated).as("bytes allocated on the JVM").isLessThan(1L << 20);
        }
    }

    @Test
    void boxesGoBackToOriginalPixelsExactlyAsTorchvision() throws Exception {
        TorchvisionReference reference = TorchvisionReference.of(TorchvisionReference.RESNET50_FPN);
        for (int i = 0; i < 2; i++) {
            float[] boxes = reference.tensor("detections_resized." + i + ".boxes");
            ImageTransform.toOriginalPixels(
                    boxes,
                    reference.sizes("image_sizes").get(i),
                    reference.sizes("original_sizes").get(i));
            assertThat(boxes).containsExactly(reference.tensor("detections." + i + ".boxes"));
        }
    }

    @Test
    void anImageThatResizesToNothingIsRefused() {
        ImageTransform transform = new ImageTransform(TransformConfig.torchvision());
        assertThatThrownBy(() -> transform.resizedSize(new ImageSize(1, 5000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resizes to nothing");
    }

    /**
     * Images already at the model's size are only normalised (torch's resampling at scale 1 returns each value as it
     * is), and the narrower one is zero-padded to the batch's width: the batch's memory starts undefined, so every
     * padding value must have been written.
     */
    @Test
    void imagesAtTheModelsSizeAreOnlyNormalisedAndThePaddingIsZero() {
        TransformConfig settings = TransformConfig.torchvision().withSizes(60, 80);
        ImageTransform transform = new ImageTransform(settings);
        List<RgbImage> images = List.of(patterned("wide", 60, 80), patterned("square", 60, 60));
        try (NDManager manager = NDManager.newBaseManager()) {
            ImageBatch batch = transform.apply(manager, images);
            assertThat(batch.resizedSizes()).containsExactly(new ImageSize(60, 80), new ImageSize(60, 60));
            float[] values = batch.images().toFloatArray();
            int height = (int) batch.images().getShape().get(2);
            int width = (int) batch.images().getShape().get(3);
            assertThat(height).isEqualTo(64);
            assertThat(width).isEqualTo(96);
            for (int i = 0; i < images.size(); i++) {
                RgbImage image = images.get(i);
                int w = image.size().width();
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            float expected = y < 60 && x < w
                                    ? (image.chw()[(c * 60 + y) * w + x] - settings.imageMean()[c])
                                            / settings.imageStd()[c]
                                    : 0f;
                            assertThat(values[((i * 3 + c) * height + y) * width + x])
                                    .as("image %d c %d y %d x %d", i, c, y, x)
                                    .isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    private static RgbImage patterned(String name, int height, int width) {
        float[] chw = new float[3 * height * width];
        for (int i = 0; i < chw.length; i++) {
            chw[i] = (i * 37 % 256) / 255f;
        }
        return new RgbImage(name, new ImageSize(height, width), chw);
    }

    private static byte[] jpeg(Mat bgr) {
        try (BytePointer encoded = new BytePointer();
                IntPointer quality = new IntPointer(opencv_imgcodecs.IMWRITE_JPEG_QUALITY, 90)) {
            assertThat(opencv_imgcodecs.imencode(".jpg", bgr, encoded, quality)).isTrue();
            byte[] bytes = new byte[(int) encoded.limit()];
            encoded.get(bytes);
            return bytes;
        }
    }

    /** Equal as float32 bit patterns; the first difference is named. */
    private static void assertSameBits(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                assertThat(actual[i]).as("value %d of %d", i, actual.length).isEqualTo(expected[i]);
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        float worst = 0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertThat(worst).as("largest difference from torchvision").isLessThanOrEqualTo(RESIZE_TOLERANCE);
    }
}
