package dev.vigil.stream.detect;

import dev.vigil.model.detector.DetectedObject;
import dev.vigil.model.detector.Detector;
import dev.vigil.model.image.DecodedImage;
import dev.vigil.model.image.ImageDecoder;
import dev.vigil.schemas.Detection;
import dev.vigil.schemas.Frame;
import java.util.ArrayList;
import java.util.List;

/** The Faster R-CNN {@link Detector} behind the micro-batcher: decodes the frames, runs them as one batch. */
public final class ModelFrameDetector implements FrameBatchDetector {

    private final Detector detector;
    private final ModelIdentity model;
    private final JpegFrameDecoder decoder = new JpegFrameDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);

    /** Takes ownership of {@code detector}: closing this closes it. */
    public ModelFrameDetector(Detector detector, ModelIdentity model) {
        this.detector = detector;
        this.model = model;
    }

    @Override
    public ModelIdentity model() {
        return model;
    }

    @Override
    public List<FrameResult> detect(List<Frame> frames) {
        FrameResult[] results = new FrameResult[frames.size()];
        List<DecodedImage> images = new ArrayList<>(frames.size());
        List<Integer> positions = new ArrayList<>(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            try {
                images.add(decoder.decode(frames.get(i)));
                positions.add(i);
            } catch (RuntimeException e) {
                results[i] = new FrameResult.Undecodable(e);
            }
        }
        if (!images.isEmpty()) {
            List<List<DetectedObject>> found = detector.detect(images);
            for (int j = 0; j < found.size(); j++) {
                results[positions.get(j)] = new FrameResult.Detected(
                        toEvents(found.get(j)), images.get(j).size());
            }
        }
        return List.of(results);
    }

    private static List<Detection> toEvents(List<DetectedObject> found) {
        List<Detection> out = new ArrayList<>(found.size());
        for (DetectedObject d : found) {
            out.add(new Detection(d.classId(), d.label(), d.score(), d.x1(), d.y1(), d.x2(), d.y2(), null));
        }
        return out;
    }

    @Override
    public void close() {
        detector.close();
    }
}
