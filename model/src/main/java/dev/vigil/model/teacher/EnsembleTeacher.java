package dev.vigil.model.teacher;

import dev.vigil.model.detector.DetectedObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Several teachers as one: each labels the image (at a low score threshold), their boxes are matched by Vigil class
 * name and fused by {@link WeightedBoxFusion}, and the fused boxes scoring at least the ensemble's threshold are the
 * pseudo-labels. Closes its members when closed.
 */
public final class EnsembleTeacher implements Teacher {

    private final List<Teacher> members;
    private final double[] weights;
    private final WeightedBoxFusion fusion;
    private final float scoreThreshold;
    private final int maxDetections;
    private final List<String> classNames;

    /**
     * @param members the teachers, each already set to the low threshold its boxes enter the fusion with
     * @param weights one positive weight per member
     * @param scoreThreshold fused boxes scoring below this are dropped
     */
    public EnsembleTeacher(
            List<Teacher> members,
            double[] weights,
            WeightedBoxFusion fusion,
            float scoreThreshold,
            int maxDetections) {
        if (members.isEmpty() || members.size() != weights.length) {
            throw new IllegalArgumentException(
                    "an ensemble needs teachers and one weight each, got " + members.size() + " and " + weights.length);
        }
        this.members = List.copyOf(members);
        this.weights = weights.clone();
        this.fusion = fusion;
        this.scoreThreshold = scoreThreshold;
        this.maxDetections = maxDetections;
        LinkedHashSet<String> names = new LinkedHashSet<>();
        members.forEach(t -> names.addAll(t.classNames()));
        this.classNames = List.copyOf(names);
    }

    /** {@code ensemble(a+b)} of the members' names. */
    @Override
    public String name() {
        return members.stream().map(Teacher::name).collect(Collectors.joining("+", "ensemble(", ")"));
    }

    /** The members' classes, in order of first appearance. */
    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public List<DetectedObject> detect(Mat image) {
        List<List<DetectedObject>> perMember = new ArrayList<>(members.size());
        for (Teacher member : members) {
            List<DetectedObject> renumbered = new ArrayList<>();
            for (DetectedObject d : member.detect(image)) {
                int classId = 1 + classNames.indexOf(d.label());
                renumbered.add(new DetectedObject(classId, d.label(), d.score(), d.x1(), d.y1(), d.x2(), d.y2()));
            }
            perMember.add(renumbered);
        }
        List<DetectedObject> kept = new ArrayList<>();
        for (DetectedObject d : fusion.fuse(perMember, weights)) {
            if (d.score() >= scoreThreshold && kept.size() < maxDetections) {
                kept.add(d);
            }
        }
        return kept;
    }

    @Override
    public void close() {
        members.forEach(Teacher::close);
    }
}
