package dev.vigil.stream.cli;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model rollback NAME}: back to the previous production release. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Puts the release of NAME that was in production before the current one back in production, "
                + "and retires the current one (no gate: it served before). Running detects follow at once.")
public final class ModelRollbackCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Option(names = "--reason", description = "Why, for the audit trail.")
    String reason;

    @Override
    public Integer call() throws Exception {
        try (ModelRegistry models = registry.connect()) {
            ModelRelease back = models.rollback(name, reason);
            spec.commandLine().getOut().printf("%s is in production again%n", ModelReleases.ref(back));
        }
        return 0;
    }
}
