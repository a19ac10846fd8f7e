package dev.vigil.model.zone;

/** A point in image pixels (x right, y down). */
public record Point(double x, double y) {}
