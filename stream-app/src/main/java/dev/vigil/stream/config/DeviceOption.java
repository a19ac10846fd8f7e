package dev.vigil.stream.config;

import dev.vigil.model.detector.DeviceChoice;
import picocli.CommandLine.Option;

/** Where a command runs its detector ({@code --device}): a picocli mixin. */
public final class DeviceOption {

    @Option(
            names = "--device",
            defaultValue = "auto",
            description = "${COMPLETION-CANDIDATES} (any case). Default: ${DEFAULT-VALUE}.")
    DeviceChoice device;

    public DeviceChoice device() {
        return device;
    }
}
