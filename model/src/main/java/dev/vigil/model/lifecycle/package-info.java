/**
 * The life of a tracked object as events a subscriber wants (Frigate's new / update / end): {@link
 * dev.vigil.model.lifecycle.ObjectLifecycle} turns the tracker's confirmations and removals and the zone events of
 * each frame into {@link dev.vigil.model.lifecycle.ObjectEvent}s, keeping per object its first and last sighting, top
 * score and best view, zones, whether it stands still, and how far it went, in a {@link
 * dev.vigil.model.lifecycle.LifecycleState} that {@link dev.vigil.model.lifecycle.LifecycleStateCodec} makes bytes of.
 */
package dev.vigil.model.lifecycle;
