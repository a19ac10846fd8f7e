package dev.vigil.model.teacher;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The selected frames of a video file, decoded by FFmpeg in order (frame numbers count decoded pictures from 0) and
 * written into the images folder as {@code <video name>_f<frame number, 6 digits>.<jpg|png>}. Not thread-safe.
 */
public final class VideoFrameSource implements ImageSource {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    private final Path video;
    private final FrameSelection selection;
    private final Path imagesDir;
    private final FrameFormat format;
    private final String namePrefix;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final IntPointer writeParameters;
    private long nextFrame;

    private VideoFrameSource(
            Path video, FrameSelection selection, Path imagesDir, FrameFormat format, FFmpegFrameGrabber grabber) {
        this.video = video;
        this.selection = selection;
        this.imagesDir = imagesDir;
        this.format = format;
        this.namePrefix = video.getFileName().toString().replaceFirst("\\.[^.]*$", "") + "_f";
        this.grabber = grabber;
        this.writeParameters = new IntPointer(format.writeParameters());
    }

    /**
     * Opens the video and creates the images folder.
     *
     * @throws IOException naming the video when it is missing or FFmpeg cannot open it
     */
    public static VideoFrameSource open(Path video, FrameSelection selection, Path imagesDir, FrameFormat format)
            throws IOException {
        if (!Files.isRegularFile(video)) {
            throw new NoSuchFileException(video.toString(), null, "no such video file");
        }
        Files.createDirectories(imagesDir);
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new IOException("cannot open video " + video + ": " + e.getMessage(), e);
        }
        return new VideoFrameSource(video, selection, imagesDir, format, grabber);
    }

    @Override
    public Path imagesDir() {
        return imagesDir;
    }

    @Override
    public SourceImage next() throws IOException {
        try {
            while (nextFrame <= selection.last()) {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    return null;
                }
                long number = nextFrame++;
                if (selection.takes(number)) {
                    return write(number, converter.convert(frame));
                }
            }
            return null;
        } catch (FrameGrabber.Exception e) {
            throw new IOException("decoding frame " + nextFrame + " of " + video + " failed: " + e.getMessage(), e);
        }
    }

    private SourceImage write(long number, Mat bgr) throws IOException {
        if (bgr == null || bgr.empty()) {
            throw new IOException("frame " + number + " of " + video + " decoded to an empty picture");
        }
        String fileName = namePrefix + String.format(Locale.ROOT, "%06d.", number) + format.extension();
        Path file = imagesDir.resolve(fileName);
        if (!imwrite(file.toString(), bgr, writeParameters)) {
            throw new IOException("cannot write frame " + number + " of " + video + " to " + file);
        }
        return new SourceImage(fileName, bgr);
    }

    @Override
    public long expectedCount() {
        int length = grabber.getLengthInFrames();
        return length > 0 ? selection.countIn(length) : -1;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        converter.close();
        writeParameters.close();
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // nothing to report beyond the error that led here, or the frames already labelled
        }
    }
}
