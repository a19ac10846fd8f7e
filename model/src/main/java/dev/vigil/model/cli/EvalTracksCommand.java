package dev.vigil.model.cli;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.detector.ModelArtifact;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.model.image.RgbImage;
import dev.vigil.model.media.VideoReader;
import dev.vigil.model.track.ByteTracker;
import dev.vigil.model.track.DetectedBox;
import dev.vigil.model.track.TrackedObject;
import dev.vigil.model.track.TrackerSettings;
import dev.vigil.model.track.TrackerState;
import dev.vigil.model.track.TrackingResult;
import dev.vigil.model.trackeval.CocoTrackFile;
import dev.vigil.model.trackeval.MotChallengeFile;
import dev.vigil.model.trackeval.MotEvaluation;
import dev.vigil.model.trackeval.MotMetrics;
import dev.vigil.model.trackeval.TrackBox;
import dev.vigil.model.trackeval.TrackSequence;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil eval-tracks}: a tracker scored against an identity ground truth with py-motmetrics' metrics (MOTA,
 * MOTP, IDF1, IDP, IDR, ID switches, ...). The tracks come from a MOT results file, from Vigil's tracker fed the ground
 * truth's own boxes (the tracker's own share of the errors), or from a model and Vigil's tracker on the video.
 */
@Command(
        name = "eval-tracks",
        mixinStandardHelpOptions = true,
        description = "Score tracks against an identity ground truth (MOT gt.txt, or COCO JSON with a track_id per"
                + " annotation) as py-motmetrics does: MOTA, MOTP (mean 1 - IoU), IDF1/IDP/IDR, ID switches,"
                + " fragmentations, mostly tracked/lost. Only the frames the ground truth labels are scored; hypotheses"
                + " on ignore regions (crowd, MOT distractors) are dropped.")
public final class EvalTracksCommand implements Callable<Integer> {

    @Option(
            names = "--gt",
            required = true,
            description = "ground truth: MOT gt.txt, or COCO JSON (.json) with track_id")
    Path groundTruthFile;

    @ArgGroup(multiplicity = "1")
    SourceOptions source;

    /** Where the tracks come from. */
    static final class SourceOptions {
        @Option(
                names = "--tracks",
                description = "a tracker's results in MOT format (frame,id,left,top,width,height,...)")
        Path tracks;

        @Option(names = "--gt-boxes", description = "track the ground truth's own boxes (score 1) with Vigil's tracker")
        boolean groundTruthBoxes;

        @Option(names = "--model", description = "run this model artifact and Vigil's tracker over the frames")
        Path model;
    }

    @Option(names = "--video", description = "with --model: the video (frame 1 is its first decoded picture)")
    Path video;

    @Option(
            names = "--images",
            description = "with --model: a folder of frames, in name order (frame 1 first); default, with COCO ground"
                    + " truth: the images it lists")
    Path images;

    @Option(
            names = "--frames",
            paramLabel = "FIRST-LAST",
            description = "frames to track and score, 1-based, inclusive (default: first to last labelled frame)")
    String frames;

    @Option(names = "--classes", split = ",", description = "classes to score (default: the ground truth's)")
    List<String> classes;

    @Option(
            names = "--fps",
            defaultValue = "10",
            description =
                    "the footage's frame rate; ByteTrack keeps lost tracks 30 frames at 30 fps (default: ${DEFAULT-VALUE})")
    double fps;

    @Option(
            names = "--track-buffer",
            description = "frames a lost track waits to be found again (default: ByteTrack's, from --fps)")
    Integer trackBuffer;

    @Option(
            names = "--iou",
            defaultValue = "0.5",
            description = "smallest IoU of a ground-truth/track pair (default: ${DEFAULT-VALUE})")
    double iou;

    @Option(
            names = "--score-thresh",
            description = "with --model: the detector's score threshold (default: the model's)")
    Float scoreThreshold;

    @Option(names = "--write-tracks", description = "write the tracks scored as a MOT results file")
    Path writeTracks;

    @Option(names = "--metrics-json", description = "write the metrics as JSON to this file")
    Path metricsJson;

    @Override
    public Integer call() throws IOException {
        if (!(iou > 0 && iou <= 1)) {
            throw new IllegalArgumentException("--iou must lie in (0, 1], got " + iou);
        }
        boolean coco = groundTruthFile
                .getFileName()
                .toString()
                .toLowerCase(Locale.ROOT)
                .endsWith(".json");
        TrackSequence fullTruth;
        NavigableMap<Integer, Path> cocoImages = new TreeMap<>();
        if (coco) {
            CocoTrackFile.Contents contents = CocoTrackFile.read(groundTruthFile);
            fullTruth = contents.sequence();
            cocoImages = contents.imageFiles();
        } else {
            fullTruth = MotChallengeFile.readGroundTruth(groundTruthFile);
        }
        if (fullTruth.labelledFrames().isEmpty()) {
            throw new IllegalArgumentException(groundTruthFile + " labels no frame");
        }
        int[] range = range(fullTruth);
        TrackSequence truth = fullTruth.within(range[0], range[1]);
        if (truth.labelledFrames().isEmpty()) {
            throw new IllegalArgumentException(groundTruthFile + " labels no frame in --frames " + frames);
        }
        Set<String> scored =
                classes != null ? new TreeSet<>(classes) : truth.labels(b -> b.kind() == TrackBox.Kind.SCORED);

        TrackSequence hypotheses;
        if (source.tracks != null) {
            hypotheses = MotChallengeFile.readResults(source.tracks);
        } else if (source.groundTruthBoxes) {
            List<String> labels = List.copyOf(scored);
            hypotheses = track(
                    range,
                    labels,
                    frame -> truth.labelledFrames().contains(frame)
                            ? truth.boxes(frame).stream()
                                    .filter(b -> b.kind() == TrackBox.Kind.SCORED && labels.contains(b.label()))
                                    .map(b -> new DetectedBox(
                                            labels.indexOf(b.label()),
                                            1f,
                                            (float) b.x(),
                                            (float) b.y(),
                                            (float) (b.x() + b.width()),
                                            (float) (b.y() + b.height())))
                                    .toList()
                            : null);
        } else {
            hypotheses = trackWithModel(range, cocoImages);
        }
        if (writeTracks != null) {
            MotChallengeFile.writeResults(writeTracks, hypotheses);
        }
        MotEvaluation.Report report = MotEvaluation.evaluate(truth, hypotheses, scored, 1 - iou);
        print(System.out, report);
        if (metricsJson != null) {
            writeJson(report);
        }
        return 0;
    }

    /** The detections of a frame, or null when the frame was not observed. */
    @FunctionalInterface
    private interface FrameDetections {
        List<DetectedBox> of(int frame) throws IOException;
    }

    private TrackSequence track(int[] range, List<String> labels, FrameDetections detections) throws IOException {
        TrackerSettings settings = TrackerSettings.byteTrack(fps);
        if (trackBuffer != null) {
            settings = settings.withMaxTimeLost(trackBuffer);
        }
        ByteTracker tracker = new ByteTracker(settings);
        TrackerState state = TrackerState.initial();
        TrackSequence hypotheses = new TrackSequence();
        try (ProgressBar bar = progressBar(range[1] - range[0] + 1L)) {
            for (int frame = range[0]; frame <= range[1]; frame++) {
                List<DetectedBox> boxes = detections.of(frame);
                bar.step();
                if (boxes == null) {
                    tracker.advance(state, 1);
                    continue;
                }
                TrackingResult result = tracker.update(state, boxes);
                hypotheses.label(frame);
                for (TrackedObject o : result.tracked()) {
                    String label = o.classId() >= 0 && o.classId() < labels.size() ? labels.get(o.classId()) : null;
                    hypotheses.add(
                            frame, TrackBox.fromCorners(o.trackId(), label, o.x1(), o.y1(), o.x2(), o.y2(), o.score()));
                }
            }
        }
        return hypotheses;
    }

    private TrackSequence trackWithModel(int[] range, NavigableMap<Integer, Path> cocoImages) throws IOException {
        if (video != null && images != null) {
            throw new IllegalArgumentException("give --video or --images, not both");
        }
        NavigableMap<Integer, Path> frameFiles = new TreeMap<>();
        if (images != null) {
            try (Stream<Path> files = Files.list(images)) {
                List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
                for (int i = 0; i < sorted.size(); i++) {
                    frameFiles.put(i + 1, sorted.get(i));
                }
            }
        } else if (video == null) {
            if (cocoImages.isEmpty()) {
                throw new IllegalArgumentException(
                        "--model needs --video or --images (the ground truth lists no images)");
            }
            frameFiles = cocoImages;
        }
        ModelArtifact artifact = ModelArtifact.read(source.model);
        if (scoreThreshold != null) {
            artifact = artifact.withConfig(
                    artifact.config().withBoxHead(artifact.config().boxHead().withScoreThreshold(scoreThreshold)));
        }
        ImageDecoder decoder = new ImageDecoder();
        try (Detector detector = Detector.load(artifact, Device.cpu());
                VideoFrames videoFrames = video != null ? new VideoFrames(video) : null) {
            List<String> labels = detector.classNames();
            NavigableMap<Integer, Path> files = frameFiles;
            return track(range, labels, frame -> {
                RgbImage image;
                if (videoFrames != null) {
                    image = videoFrames.frame(frame, decoder);
                } else {
                    Path file = files.get(frame);
                    if (file == null) {
                        return null;
                    }
                    image = decoder.read(file);
                }
                if (image == null) {
                    return null;
                }
                List<DetectedBox> boxes = new ArrayList<>();
                for (DetectedObject d : detector.detect(List.of(image)).get(0)) {
                    boxes.add(new DetectedBox(d.classId(), d.score(), d.x1(), d.y1(), d.x2(), d.y2()));
                }
                return boxes;
            });
        }
    }

    /** Decoded pictures of a video, in order; frame 1 is the first. */
    private static final class VideoFrames implements AutoCloseable {
        private final String fileName;
        private final VideoReader reader;
        private int decoded;

        VideoFrames(Path file) throws IOException {
            this.fileName = file.getFileName().toString();
            this.reader = VideoReader.open(file);
        }

        /** Frame {@code frame} (frames are asked for in increasing order), or null past the end. */
        RgbImage frame(int frame, ImageDecoder decoder) throws IOException {
            while (decoded < frame) {
                VideoReader.DecodedFrame picture = reader.next();
                if (picture == null) {
                    return null;
                }
                decoded++;
                if (decoded == frame) {
                    return decoder.fromBgr(fileName + "#" + frame, picture.bgr());
                }
            }
            return null;
        }

        @Override
        public void close() {
            reader.close();
        }
    }

    private int[] range(TrackSequence truth) {
        int first = truth.labelledFrames().first();
        int last = truth.labelledFrames().last();
        if (frames == null) {
            return new int[] {first, last};
        }
        String[] parts = frames.split("-");
        try {
            if (parts.length == 2) {
                int a = Integer.parseInt(parts[0].strip());
                int b = Integer.parseInt(parts[1].strip());
                if (a >= 1 && b >= a) {
                    return new int[] {a, b};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--frames must be FIRST-LAST with 1 <= FIRST <= LAST, got '" + frames + "'");
    }

    private static ProgressBar progressBar(long frames) {
        return new ProgressBarBuilder()
                .setTaskName("eval-tracks")
                .setInitialMax(frames)
                .setUnit(" frames", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                .showSpeed()
                .setUpdateIntervalMillis(500)
                .build();
    }

    private static final String HEADER = String.format(
            Locale.ROOT,
            "%-10s %6s %6s %6s %6s %6s %5s %4s %4s %4s %6s %6s %5s %5s %7s %6s",
            "",
            "IDF1",
            "IDP",
            "IDR",
            "Rcll",
            "Prcn",
            "GT",
            "MT",
            "PT",
            "ML",
            "FP",
            "FN",
            "IDs",
            "FM",
            "MOTA",
            "MOTP");

    static void print(PrintStream out, MotEvaluation.Report report) {
        out.println(HEADER);
        report.perClass().forEach((name, m) -> out.println(row(name, m)));
        if (report.perClass().size() > 1) {
            out.println(row("OVERALL", report.overall()));
        }
        out.printf(
                Locale.ROOT,
                "hypotheses dropped: %d on ignore regions, %d in frames the ground truth does not label%n",
                report.droppedOnIgnoreRegions(),
                report.droppedOutsideLabelledFrames());
    }

    private static String row(String name, MotMetrics m) {
        return String.format(
                Locale.ROOT,
                "%-10s %5.1f%% %5.1f%% %5.1f%% %5.1f%% %5.1f%% %5d %4d %4d %4d %6d %6d %5d %5d %6.1f%% %6.3f",
                name,
                100 * m.idf1(),
                100 * m.idp(),
                100 * m.idr(),
                100 * m.recall(),
                100 * m.precision(),
                m.numUniqueObjects(),
                m.mostlyTracked(),
                m.partiallyTracked(),
                m.mostlyLost(),
                m.numFalsePositives(),
                m.numMisses(),
                m.numSwitches(),
                m.numFragmentations(),
                100 * m.mota(),
                m.motp());
    }

    private void writeJson(MotEvaluation.Report report) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        ObjectNode rows = root.putObject("classes");
        for (Map.Entry<String, MotMetrics> entry : report.perClass().entrySet()) {
            rows.set(entry.getKey(), metricsJson(json, entry.getValue()));
        }
        root.set("overall", metricsJson(json, report.overall()));
        root.put("dropped_on_ignore_regions", report.droppedOnIgnoreRegions());
        root.put("dropped_outside_labelled_frames", report.droppedOutsideLabelledFrames());
        Path parent = metricsJson.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(metricsJson.toFile(), root);
    }

    private static ObjectNode metricsJson(ObjectMapper json, MotMetrics m) {
        ObjectNode node = json.valueToTree(m);
        node.put("mota", m.mota());
        node.put("motp", m.motp());
        node.put("idf1", m.idf1());
        node.put("idp", m.idp());
        node.put("idr", m.idr());
        node.put("precision", m.precision());
        node.put("recall", m.recall());
        return node;
    }
}
