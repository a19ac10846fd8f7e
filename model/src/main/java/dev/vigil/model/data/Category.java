package dev.vigil.model.data;

/** A dataset's object category: COCO's {@code {"id": .., "name": ..}}. */
public record Category(int id, String name) {}
