package dev.vigil.stream.cli;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model list}: the releases in the registry. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the releases (of NAME, or all): stage, since when and by whom, weights' digest, "
                + "validation AP50 and the gate's last decision.")
public final class ModelListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Parameters(paramLabel = "NAME", arity = "0..1", description = "Only this model's releases.")
    String name;

    @Override
    public Integer call() {
        List<ModelRelease> releases;
        try (ModelRegistry models = registry.connect()) {
            releases = models.read().all().stream()
                    .filter(r -> name == null || r.getName().equals(name))
                    .toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-36s %-10s %-20s %-24s %-12s %6s  %s%n";
        out.printf(format, "RELEASE", "STAGE", "SINCE", "BY", "DIGEST", "AP50", "GATE");
        for (ModelRelease r : releases) {
            Double ap50 = r.getMetrics().get("AP50");
            out.printf(
                    format,
                    ModelReleases.ref(r),
                    r.getStage().name().toLowerCase(Locale.ROOT),
                    r.getChangedAt().toString().substring(0, 19).replace('T', ' '),
                    r.getChangedBy(),
                    r.getDigest().substring(0, 12),
                    ap50 == null ? "-" : String.format(Locale.ROOT, "%.3f", ap50),
                    r.getGate() == null ? "" : r.getGate().getDecision().name().toLowerCase(Locale.ROOT));
        }
        if (releases.isEmpty()) {
            out.println(name == null ? "(no releases)" : "(no releases of " + name + ")");
        }
        return 0;
    }
}
