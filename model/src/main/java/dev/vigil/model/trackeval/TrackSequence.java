package dev.vigil.model.trackeval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The boxes of a video by frame number (1-based, as in MOT Challenge files), and which frames are labelled: a ground
 * truth may label only some frames, and only those are scored (a labelled frame may have no boxes).
 */
public final class TrackSequence {

    private final NavigableMap<Integer, List<TrackBox>> boxes = new TreeMap<>();
    private final NavigableSet<Integer> labelledFrames = new TreeSet<>();

    /** Marks {@code frame} as labelled, even if it gets no box. */
    public void label(int frame) {
        if (frame < 1) {
            throw new IllegalArgumentException("frame numbers start at 1, got " + frame);
        }
        labelledFrames.add(frame);
    }

    /** Adds a box to {@code frame}, which becomes labelled. */
    public void add(int frame, TrackBox box) {
        label(frame);
        boxes.computeIfAbsent(frame, f -> new ArrayList<>()).add(box);
    }

    public List<TrackBox> boxes(int frame) {
        return Collections.unmodifiableList(boxes.getOrDefault(frame, List.of()));
    }

    public NavigableSet<Integer> labelledFrames() {
        return Collections.unmodifiableNavigableSet(labelledFrames);
    }

    /** The class names of the boxes that {@code wanted} accepts, sorted; null labels are left out. */
    public NavigableSet<String> labels(Predicate<TrackBox> wanted) {
        NavigableSet<String> labels = new TreeSet<>();
        boxes.values()
                .forEach(list -> list.stream()
                        .filter(wanted)
                        .filter(b -> b.label() != null)
                        .forEach(b -> labels.add(b.label())));
        return labels;
    }

    /** The frames from {@code first} to {@code last} (inclusive) of this sequence, labels included. */
    public TrackSequence within(int first, int last) {
        TrackSequence part = new TrackSequence();
        for (int frame : labelledFrames.subSet(first, true, last, true)) {
            part.label(frame);
            boxes(frame).forEach(b -> part.add(frame, b));
        }
        return part;
    }

    /** Boxes in all, over every frame. */
    public int size() {
        return boxes.values().stream().mapToInt(List::size).sum();
    }
}
