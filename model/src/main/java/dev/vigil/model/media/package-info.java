/**
 * Video and pictures in and out, for both modules: {@link dev.vigil.model.media.VideoReader} (FFmpeg: files, RTSP,
 * HTTP; used by ingest, auto-labelling and track evaluation), {@link dev.vigil.model.media.VideoWriter} (FFmpeg MP4:
 * synthetic videos, the demo's annotated video, benchmark clips) and {@link dev.vigil.model.media.BoxDrawer}
 * (detections drawn on a picture: {@code detect-image --draw}, the demo). Encoded images become the detector's
 * {@link dev.vigil.model.image.RgbImage}s through {@link dev.vigil.model.image.ImageDecoder}.
 */
package dev.vigil.model.media;
