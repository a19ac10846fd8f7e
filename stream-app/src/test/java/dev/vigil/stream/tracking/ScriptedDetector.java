package dev.vigil.stream.tracking;

import dev.vigil.model.image.ImageSize;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.Frame;
import dev.vigil.stream.detect.FrameBatchDetector;
import dev.vigil.stream.detect.ModelIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double of the detector: it returns the boxes a test wrote for each frame (camera and sequence), so that the
 * tracking stage sees hand-made sequences (an object walking across a line, a fast object, a skipped frame). A real
 * detector cannot be made to see a given sequence of boxes; everything after the detector is the real thing.
 */
final class ScriptedDetector implements FrameBatchDetector {

    private final Map<String, List<Detection>> boxes = new HashMap<>();

    /** Frame {@code sequence} of {@code camera} will show {@code detections}. */
    ScriptedDetector show(String camera, long sequence, Detection... detections) {
        boxes.computeIfAbsent(camera + "#" + sequence, k -> new ArrayList<>()).addAll(List.of(detections));
        return this;
    }

    static Detection person(float score, float x1, float y1, float x2, float y2) {
        return new Detection(1, "person", score, x1, y1, x2, y2, null);
    }

    static Detection car(float score, float x1, float y1, float x2, float y2) {
        return new Detection(3, "car", score, x1, y1, x2, y2, null);
    }

    @Override
    public ModelIdentity model() {
        return new ModelIdentity("scripted", "1", "0".repeat(64));
    }

    @Override
    public List<FrameResult> detect(List<Frame> frames) {
        List<FrameResult> results = new ArrayList<>();
        for (Frame frame : frames) {
            results.add(new FrameResult.Detected(
                    boxes.getOrDefault(frame.getCameraId() + "#" + frame.getFrameSequence(), List.of()),
                    new ImageSize(frame.getHeight(), frame.getWidth())));
        }
        return results;
    }
}
