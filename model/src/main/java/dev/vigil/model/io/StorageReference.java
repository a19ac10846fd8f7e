package dev.vigil.model.io;

/**
 * A storage named by a persistent id: its key, element type and element count; {@code elementOffset} is where a
 * legacy-format storage view starts inside its root storage (0 otherwise).
 */
record StorageReference(String key, TorchDtype dtype, long numel, long elementOffset) {}
