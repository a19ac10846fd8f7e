/**
 * Progress of long work (training, labelling, evaluation, snapshots): a bar with ETA on a terminal, plain lines in a
 * log file ({@link dev.vigil.model.progress.ProgressBars}).
 */
package dev.vigil.model.progress;
