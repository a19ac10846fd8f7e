package dev.vigil.model.data.synthetic;

import dev.vigil.model.data.Category;
import java.util.ArrayList;
import java.util.List;

/**
 * What the synthetic scene generator draws.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param classes the object classes to draw; category ids are their 1-based positions here
 * @param minObjectHeight the smallest labelled object's box height in pixels
 * @param maxObjectHeight the largest labelled object's box height in pixels (at most {@code height})
 * @param minObjects fewest labelled objects a still image asks for
 * @param maxObjects most labelled objects a still image asks for (occlusion may remove some)
 * @param maxDistractors most unlabelled things (trees, lamp posts, benches, bins, cones) per scene
 * @param minVisibleFraction objects showing less of themselves are removed (stills) or marked crowd (videos)
 * @param camera lighting, noise and blur
 */
public record SceneSettings(
        int width,
        int height,
        List<SceneClass> classes,
        double minObjectHeight,
        double maxObjectHeight,
        int minObjects,
        int maxObjects,
        int maxDistractors,
        double minVisibleFraction,
        CameraSettings camera) {

    public static final int DEFAULT_WIDTH = 384;
    public static final int DEFAULT_HEIGHT = 288;
    public static final double DEFAULT_MIN_OBJECT_HEIGHT = 12;
    /** The largest object's height as a fraction of the image height. */
    public static final double DEFAULT_MAX_OBJECT_HEIGHT_FRACTION = 0.95;

    public static final int DEFAULT_MIN_OBJECTS = 1;
    public static final int DEFAULT_MAX_OBJECTS = 8;
    public static final int DEFAULT_MAX_DISTRACTORS = 5;
    public static final double DEFAULT_MIN_VISIBLE_FRACTION = 0.4;
    /** Smallest image side the generator accepts. */
    public static final int MIN_SIDE = 32;

    public SceneSettings {
        classes = List.copyOf(classes);
        if (width < MIN_SIDE || height < MIN_SIDE) {
            throw new IllegalArgumentException(
                    "synthetic image size " + width + "x" + height + " is below " + MIN_SIDE + "x" + MIN_SIDE);
        }
        if (classes.isEmpty() || classes.size() != classes.stream().distinct().count()) {
            throw new IllegalArgumentException("synthetic classes must be distinct and at least one, got " + classes);
        }
        if (!(minObjectHeight >= 1 && minObjectHeight <= maxObjectHeight && maxObjectHeight <= height)) {
            throw new IllegalArgumentException("object heights must satisfy 1 <= min (" + minObjectHeight + ") <= max ("
                    + maxObjectHeight + ") <= image height (" + height + ")");
        }
        if (minObjects < 0 || minObjects > maxObjects) {
            throw new IllegalArgumentException(
                    "objects per image must satisfy 0 <= min (" + minObjects + ") <= max (" + maxObjects + ")");
        }
        if (maxDistractors < 0) {
            throw new IllegalArgumentException("maxDistractors must not be negative, got " + maxDistractors);
        }
        if (!(minVisibleFraction >= 0 && minVisibleFraction <= 1)) {
            throw new IllegalArgumentException("minVisibleFraction must be in [0, 1], got " + minVisibleFraction);
        }
    }

    /** Every class at the given size, with the default ranges. */
    public static SceneSettings defaults(int width, int height) {
        return new SceneSettings(
                width,
                height,
                List.of(SceneClass.values()),
                DEFAULT_MIN_OBJECT_HEIGHT,
                Math.floor(height * DEFAULT_MAX_OBJECT_HEIGHT_FRACTION),
                DEFAULT_MIN_OBJECTS,
                DEFAULT_MAX_OBJECTS,
                DEFAULT_MAX_DISTRACTORS,
                DEFAULT_MIN_VISIBLE_FRACTION,
                CameraSettings.DEFAULT);
    }

    public SceneSettings withClasses(List<SceneClass> newClasses) {
        return new SceneSettings(
                width,
                height,
                newClasses,
                minObjectHeight,
                maxObjectHeight,
                minObjects,
                maxObjects,
                maxDistractors,
                minVisibleFraction,
                camera);
    }

    public SceneSettings withObjectHeights(double newMin, double newMax) {
        return new SceneSettings(
                width,
                height,
                classes,
                newMin,
                newMax,
                minObjects,
                maxObjects,
                maxDistractors,
                minVisibleFraction,
                camera);
    }

    public SceneSettings withObjectsPerImage(int newMin, int newMax) {
        return new SceneSettings(
                width,
                height,
                classes,
                minObjectHeight,
                maxObjectHeight,
                newMin,
                newMax,
                maxDistractors,
                minVisibleFraction,
                camera);
    }

    public SceneSettings withCamera(CameraSettings newCamera) {
        return new SceneSettings(
                width,
                height,
                classes,
                minObjectHeight,
                maxObjectHeight,
                minObjects,
                maxObjects,
                maxDistractors,
                minVisibleFraction,
                newCamera);
    }

    /** The dataset categories: each class's name, ids 1, 2, ... in {@link #classes()} order. */
    public List<Category> categories() {
        List<Category> categories = new ArrayList<>(classes.size());
        for (int i = 0; i < classes.size(); i++) {
            categories.add(new Category(i + 1, classes.get(i).categoryName()));
        }
        return categories;
    }

    int categoryId(SceneClass sceneClass) {
        return classes.indexOf(sceneClass) + 1;
    }
}
