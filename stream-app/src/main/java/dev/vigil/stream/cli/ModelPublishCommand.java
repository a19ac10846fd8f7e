package dev.vigil.stream.cli;

import dev.vigil.schemas.ModelRelease;
import dev.vigil.stream.release.ModelRegistry;
import dev.vigil.stream.release.ModelReleases;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model publish DIR}: a model artifact into the registry, as a candidate. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publishes the model artifact in DIR as a candidate release NAME:VERSION (from its model.json), with the",
            "SHA-256 of its weights and of its manifest, its validation metrics and their dataset (training.json).",
            "An artifact without manifest.json gets one first. Publishing the same artifact again changes nothing."
        })
public final class ModelPublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RegistryConnection registry;

    @Parameters(paramLabel = "DIR", description = "The model artifact folder.")
    Path dir;

    @Option(
            names = "--artifact-url",
            paramLabel = "URL",
            description = "Where detect fetches the artifact from: an http(s) URL under which DIR's files are "
                    + "served (checked now). Default: DIR's absolute path.")
    String artifactUrl;

    @Override
    public Integer call() throws Exception {
        try (ModelRegistry models = registry.connect()) {
            ModelRelease release = models.publish(dir, artifactUrl);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "%s is a %s release (weights %s, artifact %s)%n",
                            ModelReleases.ref(release),
                            release.getStage().name().toLowerCase(java.util.Locale.ROOT),
                            release.getDigest(),
                            release.getArtifactUri());
        }
        return 0;
    }
}
