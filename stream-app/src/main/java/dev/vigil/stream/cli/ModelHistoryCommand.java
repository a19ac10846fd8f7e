package dev.vigil.stream.cli;

import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ReleaseBook;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model history}: the audit trail. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = "The audit trail: every stage change of the releases (of NAME, or all), oldest first, with who "
                + "made it and why; which version was in production when.")
public final class ModelHistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this model's releases.")
    String name;

    @Override
    public Integer call() {
        List<ReleaseBook.AuditEntry> entries;
        try (ModelRegistry models = registry.connect()) {
            entries = models.read().audit(name);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (ReleaseBook.AuditEntry e : entries) {
            out.printf(
                    "%s  %-36s %-10s %-24s %s%n",
                    e.at(), e.release(), e.stage().name().toLowerCase(Locale.ROOT), e.by(), e.reason());
        }
        return 0;
    }
}
