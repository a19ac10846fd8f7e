package dev.vigil.model.detector;

import java.time.Instant;

/**
 * What a model artifact is and where it came from ({@code model.json}).
 *
 * @param name model name
 * @param version model version ({@link ModelVersion}); null before {@link ModelArtifact#write} gives it the default
 * @param sourceFile the file the weights were imported or trained from
 * @param sourceSha256 hex SHA-256 of that file
 * @param created when the artifact was written (ISO-8601)
 * @param tool what wrote it
 */
public record ModelInfo(
        String name, String version, String sourceFile, String sourceSha256, String created, String tool) {

    /** Written into {@link #tool} by Vigil. */
    public static final String VIGIL_TOOL = "vigil 0.1.0";

    /** This provenance with another version. */
    public ModelInfo withVersion(String newVersion) {
        return new ModelInfo(name, newVersion, sourceFile, sourceSha256, created, tool);
    }

    /** @param version the version, or null for the default one ({@link ModelVersion#of}) */
    public static ModelInfo now(String name, String version, String sourceFile, String sourceSha256) {
        return new ModelInfo(
                name, version, sourceFile, sourceSha256, Instant.now().toString(), VIGIL_TOOL);
    }
}
