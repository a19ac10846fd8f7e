package dev.vigil.model.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A video decoded by FFmpeg, picture after picture in 8-bit BGR: a file, or a stream (RTSP, HTTP). A stream opened
 * with an I/O timeout runs RTSP over TCP with FFmpeg's {@code timeout}/{@code rw_timeout}/{@code stimeout} set, so
 * {@link #next()} returns or fails within the timeout instead of blocking on a dead stream. Errors name the video as
 * the caller called it. Not thread-safe.
 */
public final class VideoReader implements AutoCloseable {

    static {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
    }

    private static final int BGR_CHANNELS = 3;
    private static final Pattern FFMPEG_ERROR = Pattern.compile("error (-?\\d+)");
    private static final int ETIMEDOUT = 110;
    private static final int ERROR_TEXT_BYTES = 256;

    private final String name;
    private final FFmpegFrameGrabber grabber;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private long decoded;

    /**
     * A decoded picture and its presentation time.
     *
     * @param bgr 8-bit BGR, owned by the reader until the next call
     * @param number pictures decoded before this one (the first is 0)
     */
    public record DecodedFrame(Mat bgr, long ptsMicros, long number) {}

    private VideoReader(String name, FFmpegFrameGrabber grabber) {
        this.name = name;
        this.grabber = grabber;
    }

    /**
     * Opens a video file; errors call it {@code video <path>}.
     *
     * @throws NoSuchFileException when there is no such file
     * @throws IOException naming the file when FFmpeg cannot open it
     */
    public static VideoReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such video file");
        }
        return open(file.toString(), "video " + file, null);
    }

    /**
     * Opens a file path or a stream URI.
     *
     * @param name how errors call the video, e.g. {@code Camera 'gate' (rtsp://host/stream)}; keep credentials out
     * @param ioTimeout for streams: the longest FFmpeg may wait to connect or read, or null for files
     * @throws IOException starting with {@code name} when the video cannot be opened
     */
    public static VideoReader open(String uri, String name, Duration ioTimeout) throws IOException {
        if (!uri.contains("://") && !Files.isReadable(Path.of(uri))) {
            throw new IOException(name + ": file " + uri + " does not exist or is not readable");
        }
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(uri);
        if (ioTimeout != null) {
            String timeoutMicros = String.valueOf(ioTimeout.toNanos() / 1_000);
            grabber.setOption("rtsp_transport", "tcp");
            grabber.setOption("timeout", timeoutMicros);
            grabber.setOption("rw_timeout", timeoutMicros);
            grabber.setOption("stimeout", timeoutMicros);
        }
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
        long startNanos = System.nanoTime();
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            Duration waited = Duration.ofNanos(System.nanoTime() - startNanos);
            // JavaCV's message quotes the URI, credentials and all: the reason is told from FFmpeg's error code
            throw new IOException(name + ": cannot open: " + openFailure(e.getMessage(), waited, ioTimeout));
        }
        return new VideoReader(name, grabber);
    }

    /**
     * Why FFmpeg could not open a video, without the URI: {@code timeout ...} when it waited the I/O timeout out (an
     * RTSP server that accepts and never answers gives FFmpeg's "invalid data" after its read timed out) unless the
     * server answered with a status (a 404 that came late is a 404), else FFmpeg's text for its error code.
     *
     * @param javacvMessage JavaCV's message, {@code avformat_open_input() error -111: Could not open input "URI"...}
     */
    static String openFailure(String javacvMessage, Duration waited, Duration ioTimeout) {
        Matcher m = FFMPEG_ERROR.matcher(javacvMessage == null ? "" : javacvMessage);
        Integer code = m.find() ? Integer.valueOf(m.group(1)) : null;
        boolean timedOut = code != null && code == -ETIMEDOUT
                || ioTimeout != null && waited.compareTo(ioTimeout) >= 0 && !isServerStatus(code);
        String ffmpegText = code == null ? "unknown FFmpeg error" : errorText(code) + " (FFmpeg error " + code + ")";
        if (timedOut) {
            return "timeout: no answer within " + ioTimeout.toMillis() + " ms (the I/O timeout); " + ffmpegText;
        }
        return ffmpegText;
    }

    /**
     * Whether FFmpeg's error is an HTTP/RTSP status the server sent (AVERROR_HTTP_*: FFERRTAG(0xF8, ...), e.g. 404): the
     * server answered, so a slow answer is that status, not a timeout.
     */
    static boolean isServerStatus(Integer code) {
        return code != null && code < 0 && (-code & 0xFF) == 0xF8;
    }

    private static String errorText(int code) {
        try (BytePointer text = new BytePointer(ERROR_TEXT_BYTES)) {
            text.fill(0);
            if (avutil.av_strerror(code, text, ERROR_TEXT_BYTES) < 0) {
                return "error " + code;
            }
            byte[] bytes = new byte[ERROR_TEXT_BYTES];
            text.get(bytes);
            int length = 0;
            while (length < bytes.length && bytes[length] != 0) {
                length++;
            }
            return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * The next picture, or {@code null} at the end of a file.
     *
     * @throws IOException naming the video and the picture when decoding or reading fails (an I/O timeout included)
     */
    public DecodedFrame next() throws IOException {
        try {
            Frame frame = grabber.grabImage();
            if (frame == null) {
                return null;
            }
            // JavaCV guesses channels as row stride / width, which padded rows of narrow videos (96 px: 384-byte
            // rows) turn into 4; the pixels are BGR24, as asked for
            frame.imageChannels = BGR_CHANNELS;
            Mat bgr = converter.convert(frame);
            if (bgr == null || bgr.empty()) {
                throw new IOException(name + ": frame " + decoded + " decoded to an empty picture");
            }
            return new DecodedFrame(bgr, frame.timestamp, decoded++);
        } catch (FrameGrabber.Exception e) {
            throw new IOException(name + ": decoding frame " + decoded + " failed: " + e.getMessage(), e);
        }
    }

    /** Frames per second the video declares (0 when unknown). */
    public double declaredFps() {
        return grabber.getVideoFrameRate();
    }

    /** Pictures the container declares, or -1 when it does not say (live streams). */
    public long declaredLength() {
        int length = grabber.getLengthInFrames();
        return length > 0 ? length : -1;
    }

    /** The container's creation time tag (ISO-8601), if it has one. */
    public String creationTimeTag() {
        return grabber.getMetadata("creation_time");
    }

    @Override
    public void close() {
        closeQuietly(grabber);
        converter.close();
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // closing a broken stream: nothing to report beyond the error that led here
        }
    }
}
