package dev.vigil.model.teacher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which Vigil class (a COCO name, as torchvision's class list spells it) each teacher label becomes. Several teacher
 * labels may map to one class (Car and Vehicle both to car); labels not in the map are dropped. Vigil classes are
 * listed in the order they first appear in the map.
 */
public final class TeacherLabelMap {

    /** The default map of the Open Images SSD's labels to COCO names, for everyday CCTV scenes. */
    public static final String DEFAULT_SPEC = "Person=person,Bicycle=bicycle,Car=car,Vehicle=car,Dog=dog,Cat=cat,"
            + "Cattle=cow,Chair=chair,Table=dining table,Desk=dining table,Laptop=laptop,Computer mouse=mouse,"
            + "Computer monitor=tv,Mug=cup,Coffee cup=cup,Bottle=bottle,Book=book";

    private final Map<String, String> vigilClassByTeacherLabel;
    private final List<String> vigilClasses;

    private TeacherLabelMap(Map<String, String> vigilClassByTeacherLabel) {
        if (vigilClassByTeacherLabel.isEmpty()) {
            throw new IllegalArgumentException("the teacher label map maps no label to a class");
        }
        this.vigilClassByTeacherLabel = Collections.unmodifiableMap(new LinkedHashMap<>(vigilClassByTeacherLabel));
        this.vigilClasses = List.copyOf(new LinkedHashSet<>(vigilClassByTeacherLabel.values()));
    }

    /** {@link #DEFAULT_SPEC}. */
    public static TeacherLabelMap defaults() {
        return parse(DEFAULT_SPEC);
    }

    /**
     * Parses {@code TeacherLabel=vigil class} pairs separated by commas, e.g. {@code Person=person,Vehicle=car}.
     *
     * @throws IllegalArgumentException naming the entry that is not a pair, or a teacher label given twice
     */
    public static TeacherLabelMap parse(String spec) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] pair = entry.split("=", -1);
            if (pair.length != 2 || pair[0].isBlank() || pair[1].isBlank()) {
                throw new IllegalArgumentException("teacher label map entry '" + entry.strip()
                        + "' is not TeacherLabel=class (in '" + spec + "')");
            }
            String label = pair[0].strip();
            if (map.put(label, pair[1].strip()) != null) {
                throw new IllegalArgumentException("teacher label '" + label + "' is mapped twice (in '" + spec + "')");
            }
        }
        return new TeacherLabelMap(map);
    }

    /**
     * The same map keeping only labels that become one of {@code classes}, classes in the order given.
     *
     * @throws IllegalArgumentException naming a class that no teacher label maps to
     */
    public TeacherLabelMap restrictedTo(Collection<String> classes) {
        Set<String> wanted = new LinkedHashSet<>(classes);
        for (String name : wanted) {
            if (!vigilClasses.contains(name)) {
                throw new IllegalArgumentException("no teacher label maps to class '" + name + "'; classes available: "
                        + String.join(", ", vigilClasses));
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : wanted) {
            vigilClassByTeacherLabel.forEach((label, vigilClass) -> {
                if (vigilClass.equals(name)) {
                    kept.put(label, vigilClass);
                }
            });
        }
        return new TeacherLabelMap(kept);
    }

    /**
     * The entries for the labels of one teacher, e.g. the Open Images entries of a map that also holds COCO ones.
     *
     * @throws IllegalArgumentException when none of {@code teacherLabels} is mapped
     */
    public TeacherLabelMap forLabels(Collection<String> teacherLabels) {
        Map<String, String> kept = new LinkedHashMap<>();
        vigilClassByTeacherLabel.forEach((label, vigilClass) -> {
            if (teacherLabels.contains(label)) {
                kept.put(label, vigilClass);
            }
        });
        if (kept.isEmpty()) {
            throw new IllegalArgumentException(
                    "the teacher label map '" + this + "' maps none of the teacher's labels");
        }
        return new TeacherLabelMap(kept);
    }

    /** The mapped labels that are none of {@code knownLabels}, in map order. */
    public List<String> labelsOutside(Collection<String> knownLabels) {
        return vigilClassByTeacherLabel.keySet().stream()
                .filter(label -> !knownLabels.contains(label))
                .toList();
    }

    /** The Vigil class of {@code teacherLabel}, or null when the label is dropped. */
    public String vigilClass(String teacherLabel) {
        return vigilClassByTeacherLabel.get(teacherLabel);
    }

    /** The teacher labels that are mapped. */
    public Set<String> teacherLabels() {
        return vigilClassByTeacherLabel.keySet();
    }

    /** The distinct Vigil classes, in order of first appearance. */
    public List<String> vigilClasses() {
        return vigilClasses;
    }

    @Override
    public String toString() {
        List<String> pairs = new ArrayList<>();
        vigilClassByTeacherLabel.forEach((label, vigilClass) -> pairs.add(label + "=" + vigilClass));
        return String.join(",", pairs);
    }
}
