package dev.vigil.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder();

    @Test
    void rgbPngDecodesToChannelMajorFloatsOver255() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xFF8000);
        image.setRGB(1, 0, 0x0000FF);
        RgbImage decoded = decoder.decode("rgb.png", png(image));
        assertThat(decoded.size()).isEqualTo(new ImageSize(1, 2));
        assertThat(decoded.chw()).containsExactly(1f, 0f, 128 / 255f, 0f, 0f, 1f);
    }

    @Test
    void greyIsReplicatedToThreeChannels() throws IOException {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setSample(0, 0, 0, 51);
        image.getRaster().setSample(1, 0, 0, 255);
        RgbImage decoded = decoder.decode("grey.png", png(image));
        assertThat(decoded.chw()).containsExactly(0.2f, 1f, 0.2f, 1f, 0.2f, 1f);
    }

    @Test
    void sixteenBitSamplesAreScaledBy65535() throws IOException {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535 / 5);
        RgbImage decoded = decoder.decode("deep.png", png(image));
        assertThat(decoded.chw()).containsExactly(13107 / 65535f, 13107 / 65535f, 13107 / 65535f);
    }

    @Test
    void alphaIsDropped() throws IOException {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x10FF0000);
        RgbImage decoded = decoder.decode("alpha.png", png(image));
        assertThat(decoded.chw()).containsExactly(1f, 0f, 0f);
    }

    @Test
    void corruptBytesAreRefusedNamingTheInput() throws IOException {
        byte[] truncated = Arrays.copyOf(png(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)), 60);
        assertThatThrownBy(() -> decoder.decode("cam7/frame.png", truncated))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("cam7/frame.png")
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> decoder.decode("noise.bin", new byte[] {1, 2, 3, 4}))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("noise.bin")
                .hasMessageContaining("not an image");
    }

    @Test
    void emptyInputAndEmptyFilesAreRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertThatThrownBy(() -> decoder.read(empty))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("empty.jpg")
                .hasMessageContaining("0 bytes");
        assertThatThrownBy(() -> decoder.read(dir.resolve("absent.png")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("absent.png");
    }

    @Test
    void imagesAboveThePixelCapAreRefusedBeforeDecoding() throws IOException {
        byte[] big = png(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> new ImageDecoder(50_000).decode("big.png", big))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("big.png")
                .hasMessageContaining("300x200")
                .hasMessageContaining("50000");
        assertThat(new ImageDecoder(60_000).decode("big.png", big).size()).isEqualTo(new ImageSize(200, 300));
    }

    @Test
    void jpegsDecodeToTheSamplesImageIoReads() throws IOException {
        BufferedImage image = noise(48, 32, 5);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", jpeg)).isTrue();
        BufferedImage reference = ImageIO.read(new java.io.ByteArrayInputStream(jpeg.toByteArray()));

        RgbImage decoded = decoder.decode("noise.jpg", jpeg.toByteArray());
        int plane = 48 * 32;
        for (int c = 0; c < 3; c++) {
            int[] samples = reference.getRaster().getSamples(0, 0, 48, 32, c, new int[plane]);
            for (int i = 0; i < plane; i++) {
                assertThat(decoded.chw()[c * plane + i]).isEqualTo(samples[i] / 255f);
            }
        }
    }

    @Test
    void eightBitImagesDecodeToTheirSamplesInRgbOrder() throws IOException {
        BufferedImage image = noise(48, 32, 7);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "jpg", jpeg)).isTrue();
        for (byte[] encoded : List.of(jpeg.toByteArray(), png(image))) {
            RgbImage floats = decoder.decode("noise", encoded);
            ByteRgbImage samples = (ByteRgbImage) decoder.decodeSamples("noise", encoded);
            assertThat(samples.size()).isEqualTo(new ImageSize(32, 48));
            assertThat(samples.name()).isEqualTo("noise");
            int plane = 48 * 32;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    assertThat(ByteRgbImage.unit(samples.rgb()[3 * p + c]))
                            .as("channel %d pixel %d", c, p)
                            .isEqualTo(floats.chw()[c * plane + p]);
                }
            }
        }
    }

    @Test
    void greyAndAlphaImagesDecodeToThreeSamplesAPixel() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 51);
        grey.getRaster().setSample(1, 0, 0, 255);
        assertThat(((ByteRgbImage) decoder.decodeSamples("grey.png", png(grey))).rgb())
                .containsExactly(51, 51, 51, -1, -1, -1);
        BufferedImage alpha = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        alpha.setRGB(0, 0, 0x10FF8000);
        assertThat(((ByteRgbImage) decoder.decodeSamples("alpha.png", png(alpha))).rgb())
                .containsExactly(-1, (byte) 0x80, 0);
    }

    @Test
    void sixteenBitImagesKeepTheirPrecisionAsFloats() throws IOException {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535 / 5);
        DecodedImage decoded = decoder.decodeSamples("deep.png", png(image));
        assertThat(decoded).isInstanceOf(RgbImage.class);
        assertThat(((RgbImage) decoded).chw()).containsExactly(13107 / 65535f, 13107 / 65535f, 13107 / 65535f);
    }

    @Test
    void samplesAreRefusedAsFloatsAre() throws IOException {
        byte[] big = png(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB));
        assertThatThrownBy(() -> new ImageDecoder(50_000).decodeSamples("big.png", big))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("big.png")
                .hasMessageContaining("300x200");
        byte[] truncated = Arrays.copyOf(png(new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB)), 60);
        assertThatThrownBy(() -> decoder.decodeSamples("cam7/frame.png", truncated))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("cam7/frame.png")
                .hasMessageContaining("corrupt");
        assertThatThrownBy(() -> decoder.decodeSamples("empty", new byte[0]))
                .isInstanceOf(InvalidImageException.class)
                .hasMessageContaining("0 bytes");
    }

    @Test
    void decodedBgrPicturesBecomeRgb() {
        try (org.bytedeco.opencv.opencv_core.Mat bgr = new org.bytedeco.opencv.opencv_core.Mat(
                1,
                1,
                org.bytedeco.opencv.global.opencv_core.CV_8UC3,
                new org.bytedeco.opencv.opencv_core.Scalar(255, 51, 0, 0))) {
            assertThat(decoder.fromBgr("px", bgr).chw()).containsExactly(0f, 0.2f, 1f);
        }
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        java.util.Random random = new java.util.Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }
}
