package dev.vigil.stream.detect.motion;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.ImageEncoding;
import dev.vigil.stream.kafka.CameraIds;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The motion gate of one stream task: decides, frame by frame and camera by camera, whether the detector must run on
 * a frame or the camera's last detection still describes it. Each camera keeps the small grey picture of the last
 * frame the detector ran on (its reference) and that frame's detections; a later frame reuses them when nothing moved
 * between the reference and it ({@link MotionCheck}), unless the reuse has lasted {@code maxReusedFrames} frames or
 * {@code maxReuseAge} of capture time (then the frame is run, so a slow change is never missed for long). The first
 * frame of a camera, a frame of another size or ingest run, and any frame after a detection that did not come back,
 * are run: the gate then starts again from that frame (as Frigate recalibrates after a camera jump).
 *
 * <p>The reference is the frame whose detections are reused, not a running average of the scene: the question is
 * whether this frame still looks like the one the detector saw, and a change that builds up slowly (a shadow, a
 * creeping object) builds up against the reference until it counts. The state lives in memory: it is a cache of what
 * the detector said, rebuilt by running the first frame of each camera after a start, a rebalance or a crash, which
 * costs one detection a camera and keeps exactly-once as it is (the events and their offsets commit together as
 * before; the gate writes nothing). Not thread-safe: one per stream task.
 */
public final class MotionGate {

    /** Cameras remembered per task; the least recently seen is forgotten past this (camera ids come from the wire). */
    static final int MAX_CAMERAS = 1024;

    /** What to do with a frame. */
    public enum Decision {
        /** Run the detector on it: it becomes its camera's reference. */
        RUN,
        /** Nothing moved: reuse the detection of the reference it was compared with. */
        REUSE
    }

    /**
     * The gate's verdict on a frame.
     *
     * @param reference RUN: the reference the frame became, whose detection goes to {@link #detected} (null when the
     *                  frame could not be judged); REUSE: the reference whose detection the frame reuses. Later frames of the camera may replace the camera's reference meanwhile
     *                  (several frames of one camera judged before a batch runs): a verdict keeps its own.
     */
    public record Verdict(Decision decision, Reference reference) {}

    /** A detection a still frame reuses: the detector's boxes and the size of the image they are in. */
    public record Reusable(List<Detection> detections, ImageSize imageSize) {}

    /** A frame the detector was told to run, as the gate keeps it for its camera. */
    public static final class Reference {
        private final String camera;
        private final GreyPicture picture;
        private final String ingestRunId;
        private final long captureMillis;
        private int reused;
        /** The frame's detection; null until it comes back from the detector, and for ever if it does not. */
        private Reusable detection;

        private Reference(String camera, GreyPicture picture, String ingestRunId, long captureMillis) {
            this.camera = camera;
            this.picture = picture;
            this.ingestRunId = ingestRunId;
            this.captureMillis = captureMillis;
        }

        /** The detection a frame judged REUSE gets: null until it came back, and for ever if it failed. */
        public Reusable detection() {
            return detection;
        }
    }

    private final MotionSettings settings;
    private final GreyPictures pictures;
    private final MotionCheck check;
    private final Map<String, Reference> cameras = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reference> eldest) {
            return size() > MAX_CAMERAS;
        }
    };

    /** @param maxPixels images with more pixels than this are not decoded (they are run, and refused there) */
    public MotionGate(MotionSettings settings, long maxPixels) {
        this.settings = settings;
        this.pictures = new GreyPictures(settings.width(), maxPixels);
        this.check = new MotionCheck(settings.pixelDelta(), settings.minArea());
    }

    /**
     * Judges a frame. A frame to run becomes its camera's reference: its detection must be given to {@link #detected}
     * or, if it does not come back, to {@link #failed}, before a frame that reuses it is emitted.
     */
    public Verdict look(Frame frame) {
        String camera = frame.getCameraId();
        long captureMillis = frame.getCaptureTime().toEpochMilli();
        GreyPicture picture = picture(frame);
        if (picture == null) {
            cameras.remove(camera); // the detector tells what is wrong with the image; the next frame starts again
            return new Verdict(Decision.RUN, null);
        }
        Reference known = cameras.get(camera);
        if (known != null && stillLike(known, frame, picture, captureMillis)) {
            known.reused++;
            return new Verdict(Decision.REUSE, known);
        }
        Reference reference = new Reference(camera, picture, frame.getIngestRunId(), captureMillis);
        cameras.put(camera, reference);
        return new Verdict(Decision.RUN, reference);
    }

    private boolean stillLike(Reference known, Frame frame, GreyPicture picture, long captureMillis) {
        long sinceReference = captureMillis - known.captureMillis;
        return known.reused < settings.maxReusedFrames()
                && sinceReference >= 0
                && sinceReference < settings.maxReuseAge().toMillis()
                && known.ingestRunId.equals(frame.getIngestRunId())
                && known.picture.source().equals(picture.source())
                && known.picture.width() == picture.width()
                && known.picture.height() == picture.height()
                && !check.compare(known.picture, picture).moved();
    }

    /** The small grey picture of the frame's image, or null when it cannot be made. */
    private GreyPicture picture(Frame frame) {
        if (frame.getEncoding() != ImageEncoding.JPEG && frame.getEncoding() != ImageEncoding.PNG) {
            return null;
        }
        ByteBuffer image = frame.getImage().duplicate();
        byte[] encoded = new byte[image.remaining()];
        image.get(encoded);
        try {
            return pictures.reduce(CameraIds.frameName(frame.getCameraId(), frame.getFrameSequence()), encoded);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The detector's result for a frame judged RUN; {@code reference} may be null (nothing to keep). */
    public void detected(Reference reference, List<Detection> detections, ImageSize imageSize) {
        if (reference != null) {
            reference.detection = new Reusable(List.copyOf(detections), imageSize);
        }
    }

    /**
     * The detector did not give a result for a frame judged RUN: frames that reuse it have none, and its camera starts again unless a later frame replaced it as the camera's reference.
     */
    public void failed(Reference reference) {
        if (reference != null) {
            cameras.remove(reference.camera, reference);
        }
    }

    /** Starts every camera again (a new model: no earlier detection may be reused under its name). */
    public void forgetAll() {
        cameras.clear();
    }
}
