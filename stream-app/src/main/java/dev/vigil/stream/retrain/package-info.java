/**
 * {@code vigil retrain}: one camera's frames from the topic → labels (annotations on the topic, else the teacher's,
 * published there) → a split by capture time (the last part held out) → fine-tuning from the production model → both
 * models evaluated on the held-out frames → the candidate published to the model registry and promoted only when the
 * gate finds it not worse; a report (markdown + PNG). Each step picks up what an interrupted run left.
 */
package dev.vigil.stream.retrain;
