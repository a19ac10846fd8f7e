package dev.vigil.model.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A detector's classes: model class index ↔ name, background at index 0, as the lines of a model artifact's
 * {@code classes.txt} ({@link dev.vigil.model.detector.ClassNames}): {@code ClassMap.ofClassNames(ClassNames.read(f))}
 * and {@code ClassNames.write(f, map.names())} round-trip. Names may repeat (torchvision's COCO list has "N/A" for
 * unused ids); looking such a name up is an error.
 */
public final class ClassMap {

    /** torchvision's name of class 0. */
    public static final String BACKGROUND = "__background__";

    private final List<String> names;

    private ClassMap(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * From a model's class names, background first (whatever it is called).
     *
     * @throws IllegalArgumentException when there is no foreground class or a name is blank
     */
    public static ClassMap ofClassNames(List<String> namesWithBackground) {
        if (namesWithBackground.size() < 2) {
            throw new IllegalArgumentException(
                    "class names need background and at least one class, got " + namesWithBackground);
        }
        for (int i = 0; i < namesWithBackground.size(); i++) {
            if (namesWithBackground.get(i) == null || namesWithBackground.get(i).isBlank()) {
                throw new IllegalArgumentException("class name " + i + " is blank in " + namesWithBackground);
            }
        }
        return new ClassMap(namesWithBackground);
    }

    /** Background, then {@code foregroundNames} as classes 1, 2, ... */
    public static ClassMap ofForeground(List<String> foregroundNames) {
        List<String> names = new ArrayList<>(foregroundNames.size() + 1);
        names.add(BACKGROUND);
        names.addAll(foregroundNames);
        return ofClassNames(names);
    }

    /** Background, then the categories' names ordered by category id. */
    public static ClassMap ofCategories(List<Category> categories) {
        return ofForeground(categories.stream()
                .sorted(Comparator.comparingInt(Category::id))
                .map(Category::name)
                .toList());
    }

    /** Every name by class index, background first: what {@code classes.txt} holds. */
    public List<String> names() {
        return names;
    }

    /** Classes including background (a model's {@code numClasses}). */
    public int numClasses() {
        return names.size();
    }

    public String name(int classIndex) {
        if (classIndex < 0 || classIndex >= names.size()) {
            throw new IndexOutOfBoundsException("class index " + classIndex + " is not in [0, " + names.size() + ")");
        }
        return names.get(classIndex);
    }

    /**
     * @throws IllegalArgumentException when no class, or more than one, has that name
     */
    public int classIndex(String name) {
        int[] matches = IntStream.range(0, names.size())
                .filter(i -> names.get(i).equals(name))
                .toArray();
        if (matches.length == 1) {
            return matches[0];
        }
        if (matches.length == 0) {
            throw new IllegalArgumentException(
                    "class '" + name + "' is not one of the model's classes " + names.subList(1, names.size()));
        }
        throw new IllegalArgumentException(
                "class name '" + name + "' is ambiguous: classes " + Arrays.toString(matches) + " share it");
    }

    /**
     * The class index of each of a dataset's categories, matched by name.
     *
     * @throws IllegalArgumentException when a category's name is not a foreground class here
     */
    public CategoryClasses forCategories(List<Category> categories) {
        int[] ids = new int[categories.size()];
        int[] classIndices = new int[categories.size()];
        for (int i = 0; i < categories.size(); i++) {
            Category category = categories.get(i);
            ids[i] = category.id();
            try {
                classIndices[i] = classIndex(category.name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "category " + category.id() + " ('" + category.name() + "'): " + e.getMessage(), e);
            }
            if (classIndices[i] == 0) {
                throw new IllegalArgumentException(
                        "category " + category.id() + " ('" + category.name() + "') names the background class");
            }
        }
        return new CategoryClasses(ids, classIndices);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassMap map && names.equals(map.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.stream().collect(Collectors.joining(", ", "ClassMap[", "]"));
    }
}
