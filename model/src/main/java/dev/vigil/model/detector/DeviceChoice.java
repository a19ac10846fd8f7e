package dev.vigil.model.detector;

import ai.djl.Device;
import ai.djl.engine.Engine;

/** Where the detector runs: {@code auto} takes the first GPU the engine finds, else the CPU. */
public enum DeviceChoice {
    AUTO,
    CPU,
    GPU;

    /**
     * @throws IllegalStateException for {@code GPU} when the engine sees none
     */
    public Device device() {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (this) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new IllegalStateException("No GPU visible to the PyTorch engine (use --device cpu or auto)");
                }
                yield Device.gpu();
            }
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
