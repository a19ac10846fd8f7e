package dev.vigil.stream.demo;

import java.nio.file.Path;

/**
 * What the demo runs.
 *
 * @param source         camera URI or video file, replayed as a live camera
 * @param model          model artifact directory
 * @param maxFrames      stop after this many frames (0 = the whole source)
 * @param out            output folder for annotated frames and video
 * @param fps            frames per second taken from the camera
 * @param batchSize      frames per detector call
 * @param staleAfterMs   skip frames older than this (0 = never)
 * @param scoreThreshold detections at or above this are drawn and counted
 * @param device         auto, cpu or gpu
 */
public record DemoSettings(
        String source,
        Path model,
        long maxFrames,
        Path out,
        double fps,
        int batchSize,
        long staleAfterMs,
        float scoreThreshold,
        String device) {}
