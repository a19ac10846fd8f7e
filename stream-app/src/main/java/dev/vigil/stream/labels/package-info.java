/**
 * Labels on Kafka: frames of a topic labelled by a teacher ({@link dev.vigil.stream.labels.TopicFrameSource}) and
 * published as {@code Annotation} records keyed like frames ({@link dev.vigil.stream.labels.AnnotationPublisher}).
 */
package dev.vigil.stream.labels;
