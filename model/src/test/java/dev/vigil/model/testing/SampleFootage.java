package dev.vigil.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.model.teacher.SsdTeacher;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** The repository's sample footage (vtest.avi: 768×576, 795 frames, 3–8 walking people) and teacher model. */
public final class SampleFootage {

    public static final Path REPO = Path.of(System.getProperty("vigil.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    public static final Path VIDEO = REPO.resolve("data/samples/vtest.avi");
    public static final Path TEACHER_MODEL = REPO.resolve(SsdTeacher.DEFAULT_MODEL);
    public static final int WIDTH = 768;
    public static final int HEIGHT = 576;

    private SampleFootage() {}

    public static void assumePresent() {
        assertThat(VIDEO)
                .withFailMessage("Sample footage missing: run scripts/fetch-sample-data.sh")
                .exists();
        assertThat(TEACHER_MODEL)
                .withFailMessage("Teacher model missing: run " + SsdTeacher.FETCH_SCRIPT)
                .exists();
    }

    /** The given frames (0-based), decoded as BGR and copied out of the decoder; the caller closes them. */
    public static Map<Integer, Mat> frames(int... frameNumbers) throws Exception {
        int[] wanted = frameNumbers.clone();
        Arrays.sort(wanted);
        Map<Integer, Mat> frames = new LinkedHashMap<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(VIDEO.toFile());
                OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            int number = 0;
            for (Frame frame; frames.size() < wanted.length && (frame = grabber.grabImage()) != null; number++) {
                if (Arrays.binarySearch(wanted, number) >= 0) {
                    frames.put(number, converter.convert(frame).clone());
                }
            }
        }
        assertThat(frames.keySet()).as("frames decoded from " + VIDEO).hasSize(wanted.length);
        return frames;
    }
}
