package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;

/** How video frames are stored as image files. */
public enum FrameFormat {
    /** JPEG at quality {@value #JPEG_QUALITY}. */
    JPG("jpg", IMWRITE_JPEG_QUALITY, FrameFormat.JPEG_QUALITY),
    /** Lossless PNG at OpenCV's default compression level {@value #PNG_COMPRESSION}. */
    PNG("png", IMWRITE_PNG_COMPRESSION, FrameFormat.PNG_COMPRESSION);

    /** JPEG quality of written frames: 95, where JPEG artefacts no longer change what a detector sees. */
    public static final int JPEG_QUALITY = 95;
    /** PNG compression level 0–9 of written frames (OpenCV's default, 3). */
    public static final int PNG_COMPRESSION = 3;

    private final String extension;
    private final int parameter;
    private final int value;

    FrameFormat(String extension, int parameter, int value) {
        this.extension = extension;
        this.parameter = parameter;
        this.value = value;
    }

    /**
     * The format whose extension is {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the formats there are
     */
    public static FrameFormat of(String name) {
        for (FrameFormat format : values()) {
            if (format.extension.equalsIgnoreCase(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown image format '" + name + "'; use jpg or png");
    }

    public String extension() {
        return extension;
    }

    /** OpenCV {@code imwrite} parameters: (parameter, value) pairs. */
    int[] writeParameters() {
        return new int[] {parameter, value};
    }
}
