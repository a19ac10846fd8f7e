package dev.vigil.model.cli;

import dev.vigil.model.data.synthetic.SceneClass;
import dev.vigil.model.data.synthetic.SceneSettings;
import dev.vigil.model.data.synthetic.SyntheticDatasetWriter;
import dev.vigil.model.data.synthetic.SyntheticDatasetWriter.ImageFormat;
import dev.vigil.model.data.synthetic.SyntheticImage;
import dev.vigil.model.data.synthetic.SyntheticScenes;
import dev.vigil.model.data.synthetic.SyntheticVideo;
import dev.vigil.model.image.ImageSize;
import dev.vigil.model.media.VideoWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** {@code vigil synth}: writes a synthetic CCTV dataset (images or a video) with exact COCO ground truth. */
@Command(
        name = "synth",
        mixinStandardHelpOptions = true,
        description = "Generate synthetic CCTV-like scenes with exact ground truth: OUT/images/*, "
                + "OUT/annotations.json (COCO) and, with --video, OUT/video.mp4 with each box's exact track_id in the"
                + " annotations (image id = frame number). The same seed gives the same files.")
public final class SynthCommand implements Callable<Integer> {

    /** The video's file name in the output directory. */
    public static final String VIDEO_FILE = "video.mp4";

    static final double DEFAULT_FPS = 10;

    @Option(names = "--out", required = true, description = "output directory (created if needed)")
    Path out;

    @Option(
            names = "--images",
            defaultValue = "100",
            description = "still images to generate (default: ${DEFAULT-VALUE})")
    int images;

    @Option(
            names = "--size",
            defaultValue = SceneSettings.DEFAULT_WIDTH + "x" + SceneSettings.DEFAULT_HEIGHT,
            converter = SizeConverter.class,
            description = "WIDTHxHEIGHT in pixels (default: ${DEFAULT-VALUE})")
    ImageSize size;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--classes",
            split = ",",
            converter = ClassConverter.class,
            description = "object classes, comma-separated, from: person, car, bicycle, dog, bag (default: all)")
    List<SceneClass> classes;

    @Option(
            names = "--min-height",
            description = "smallest object height in pixels (default: " + SceneSettings.DEFAULT_MIN_OBJECT_HEIGHT + ")")
    Double minHeight;

    @Option(
            names = "--max-height",
            description = "largest object height in pixels (default: "
                    + SceneSettings.DEFAULT_MAX_OBJECT_HEIGHT_FRACTION + " of the image height)")
    Double maxHeight;

    @Option(
            names = "--objects",
            paramLabel = "MIN-MAX",
            description = "labelled objects per image (a video: per view, more come as others leave) (default: "
                    + SceneSettings.DEFAULT_MIN_OBJECTS
                    + "-"
                    + SceneSettings.DEFAULT_MAX_OBJECTS
                    + ")")
    String objects;

    @Option(
            names = "--video",
            paramLabel = "SECONDS",
            description = "write one video of this many seconds (frames as images too) instead of stills")
    Double videoSeconds;

    @Option(
            names = "--fps",
            defaultValue = "" + DEFAULT_FPS,
            description = "video frames per second (default: ${DEFAULT-VALUE})")
    double fps;

    @Option(
            names = "--format",
            defaultValue = "png",
            converter = FormatConverter.class,
            description = "image format: png or jpg (default: ${DEFAULT-VALUE})")
    ImageFormat format;

    @Override
    public Integer call() throws IOException {
        SyntheticScenes scenes = new SyntheticScenes(settings(), seed);
        SyntheticDatasetWriter writer = new SyntheticDatasetWriter(out, format, scenes.settings());
        if (videoSeconds == null) {
            if (images <= 0) {
                throw new IllegalArgumentException("--images must be positive, got " + images);
            }
            try (ProgressBar bar = progress("synth", images)) {
                for (int i = 0; i < images; i++) {
                    writer.add(scenes.image(i));
                    bar.step();
                }
            }
        } else {
            writeVideo(scenes, writer);
        }
        writer.finish();
        return 0;
    }

    private void writeVideo(SyntheticScenes scenes, SyntheticDatasetWriter writer) throws IOException {
        int frames = (int) Math.round(videoSeconds * fps);
        if (frames <= 0) {
            throw new IllegalArgumentException("--video " + videoSeconds + " at --fps " + fps + " gives no frames");
        }
        SyntheticVideo video = scenes.video(0, frames, fps);
        try (VideoWriter mp4 = new VideoWriter(out.resolve(VIDEO_FILE), size.width(), size.height(), fps);
                ProgressBar bar = progress("synth video", frames)) {
            for (int t = 0; t < frames; t++) {
                SyntheticImage frame = video.frame(t);
                mp4.write(frame.image());
                writer.addVideoFrame(frame);
                bar.step();
            }
        }
    }

    private SceneSettings settings() {
        SceneSettings settings = SceneSettings.defaults(size.width(), size.height());
        if (classes != null) {
            settings = settings.withClasses(classes);
        }
        if (objects != null) {
            String[] range = objects.split("-");
            try {
                settings = settings.withObjectsPerImage(
                        Integer.parseInt(range[0].strip()), Integer.parseInt(range[range.length - 1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--objects must be MIN-MAX (e.g. 2-6), got '" + objects + "'");
            }
        }
        return settings.withObjectHeights(
                minHeight != null ? minHeight : settings.minObjectHeight(),
                maxHeight != null ? maxHeight : settings.maxObjectHeight());
    }

    private static ProgressBar progress(String task, int steps) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(steps).build();
    }

    /** {@code WIDTHxHEIGHT}. */
    static final class SizeConverter implements ITypeConverter<ImageSize> {
        @Override
        public ImageSize convert(String value) {
            String[] parts = value.toLowerCase().split("x");
            try {
                if (parts.length == 2) {
                    return new ImageSize(Integer.parseInt(parts[1].strip()), Integer.parseInt(parts[0].strip()));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("size must be WIDTHxHEIGHT (e.g. 384x288), got '" + value + "'");
        }
    }

    static final class ClassConverter implements ITypeConverter<SceneClass> {
        @Override
        public SceneClass convert(String value) {
            return SceneClass.byName(value);
        }
    }

    static final class FormatConverter implements ITypeConverter<ImageFormat> {
        @Override
        public ImageFormat convert(String value) {
            return switch (value.strip().toLowerCase()) {
                case "png" -> ImageFormat.PNG;
                case "jpg", "jpeg" -> ImageFormat.JPG;
                default -> throw new IllegalArgumentException("format must be png or jpg, got '" + value + "'");
            };
        }
    }
}
