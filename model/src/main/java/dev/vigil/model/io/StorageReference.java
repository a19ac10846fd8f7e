package dev.vigil.model.io;

/** A storage named by a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}. */
record StorageReference(String key, TorchDtype dtype, long numel) {
}
