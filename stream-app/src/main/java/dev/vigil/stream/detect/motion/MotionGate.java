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
        /** Nothing moved: reuse the camera's last detection ({@link #reusable}). */
        REUSE
    }

    /** A detection a still frame reuses: the detector's boxes and the size of the image they are in. */
    public record Reusable(List<Detection> detections, ImageSize imageSize) {}

    private final MotionSettings settings;
    private final GreyPictures pictures;
    private final MotionCheck check;
    private final Map<String, CameraMotion> cameras = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CameraMotion> eldest) {
            return size() > MAX_CAMERAS;
        }
    };

    /** What the gate knows of one camera. */
    private static final class CameraMotion {
        final GreyPicture reference;
        final String ingestRunId;
        final long referenceCaptureMillis;
        int reused;
        /** The reference frame's detection; null until it comes back from the detector. */
        Reusable detection;

        CameraMotion(GreyPicture reference, String ingestRunId, long referenceCaptureMillis) {
            this.reference = reference;
            this.ingestRunId = ingestRunId;
            this.referenceCaptureMillis = referenceCaptureMillis;
        }
    }

    /** @param maxPixels images with more pixels than this are not decoded (they are run, and refused there) */
    public MotionGate(MotionSettings settings, long maxPixels) {
        this.settings = settings;
        this.pictures = new GreyPictures(settings.width(), maxPixels);
        this.check = new MotionCheck(settings.pixelDelta(), settings.minArea());
    }

    /**
     * Judges a frame. A frame to run becomes its camera's reference: its detection must be given to {@link #detected}
     * or, if it does not come back, the camera {@link #forget forgotten}, before the next frame of the camera that
     * reuses it is emitted.
     */
    public Decision look(Frame frame) {
        String camera = frame.getCameraId();
        long captureMillis = frame.getCaptureTime().toEpochMilli();
        GreyPicture picture = picture(frame);
        if (picture == null) {
            cameras.remove(camera); // the detector tells what is wrong with the image; the next frame starts again
            return Decision.RUN;
        }
        CameraMotion known = cameras.get(camera);
        if (known != null && stillLike(known, frame, picture, captureMillis)) {
            known.reused++;
            return Decision.REUSE;
        }
        cameras.put(camera, new CameraMotion(picture, frame.getIngestRunId(), captureMillis));
        return Decision.RUN;
    }

    private boolean stillLike(CameraMotion known, Frame frame, GreyPicture picture, long captureMillis) {
        long sinceReference = captureMillis - known.referenceCaptureMillis;
        return known.reused < settings.maxReusedFrames()
                && sinceReference >= 0
                && sinceReference < settings.maxReuseAge().toMillis()
                && known.ingestRunId.equals(frame.getIngestRunId())
                && known.reference.source().equals(picture.source())
                && known.reference.width() == picture.width()
                && known.reference.height() == picture.height()
                && !check.compare(known.reference, picture).moved();
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

    /** The detector's result for the camera's reference frame (the last frame it was told to run). */
    public void detected(String camera, List<Detection> detections, ImageSize imageSize) {
        CameraMotion known = cameras.get(camera);
        if (known != null) {
            known.detection = new Reusable(List.copyOf(detections), imageSize);
        }
    }

    /** The detection a frame judged {@link Decision#REUSE} gets, or null when its reference's detection failed. */
    public Reusable reusable(String camera) {
        CameraMotion known = cameras.get(camera);
        return known == null ? null : known.detection;
    }

    /** Starts the camera again: its next frame is run. */
    public void forget(String camera) {
        cameras.remove(camera);
    }

    /** Starts every camera again (a new model: no earlier detection may be reused under its name). */
    public void forgetAll() {
        cameras.clear();
    }
}
