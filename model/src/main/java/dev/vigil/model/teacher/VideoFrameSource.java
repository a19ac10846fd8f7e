package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import dev.vigil.model.media.VideoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The selected frames of a video file, decoded in order by the {@link VideoReader} (frame numbers count decoded
 * pictures from 0) and written into the images folder as {@code <video name>_f<frame number, 6 digits>.<jpg|png>}.
 * Not thread-safe.
 */
public final class VideoFrameSource implements ImageSource {

    private final Path video;
    private final FrameSelection selection;
    private final Path imagesDir;
    private final FrameFormat format;
    private final String namePrefix;
    private final VideoReader reader;
    private final IntPointer writeParameters;
    private long nextFrame;

    private VideoFrameSource(
            Path video, FrameSelection selection, Path imagesDir, FrameFormat format, VideoReader reader) {
        this.video = video;
        this.selection = selection;
        this.imagesDir = imagesDir;
        this.format = format;
        this.namePrefix = video.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "_f";
        this.reader = reader;
        this.writeParameters = new IntPointer(format.writeParameters());
    }

    /**
     * Opens the video and creates the images folder.
     *
     * @throws IOException naming the video when it is missing or FFmpeg cannot open it
     */
    public static VideoFrameSource open(Path video, FrameSelection selection, Path imagesDir, FrameFormat format)
            throws IOException {
        VideoReader reader = VideoReader.open(video);
        try {
            Files.createDirectories(imagesDir);
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return new VideoFrameSource(video, selection, imagesDir, format, reader);
    }

    @Override
    public Path imagesDir() {
        return imagesDir;
    }

    @Override
    public SourceImage next() throws IOException {
        while (nextFrame <= selection.last()) {
            VideoReader.DecodedFrame frame = reader.next();
            if (frame == null) {
                return null;
            }
            nextFrame++;
            if (selection.takes(frame.number())) {
                return write(frame.number(), frame.bgr());
            }
        }
        return null;
    }

    private SourceImage write(long number, Mat bgr) throws IOException {
        String fileName = namePrefix + String.format(Locale.ROOT, "%06d.", number) + format.extension();
        Path file = imagesDir.resolve(fileName);
        if (!imwrite(file.toString(), bgr, writeParameters)) {
            throw new IOException("cannot write frame " + number + " of " + video + " to " + file);
        }
        return new SourceImage(fileName, bgr);
    }

    @Override
    public long expectedCount() {
        long length = reader.declaredLength();
        return length > 0 ? selection.countIn(length) : -1;
    }

    @Override
    public void close() {
        reader.close();
        writeParameters.close();
    }
}
