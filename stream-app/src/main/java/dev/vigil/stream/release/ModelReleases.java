package dev.vigil.stream.release;

import dev.vigil.model.detector.ModelVersion;
import dev.vigil.model.io.Sha256;
import dev.vigil.schemas.GateRecord;
import dev.vigil.schemas.ModelRelease;
import dev.vigil.schemas.ModelStage;
import dev.vigil.schemas.StageChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keys, references ({@code NAME:VERSION}) and stage changes of {@link ModelRelease} records. */
public final class ModelReleases {

    private ModelReleases() {}

    /** A release named by model name and version, as users type it: {@code NAME:VERSION}. */
    public record Ref(String name, String version) {
        public Ref {
            ModelVersion.checkName(name);
            ModelVersion.checkVersion(version);
        }

        /**
         * @throws IllegalArgumentException naming the expected form when {@code text} is not {@code NAME:VERSION}
         */
        public static Ref parse(String text) {
            int colon = text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException(
                        "'" + text + "' is not NAME:VERSION (e.g. lobby:2026-12-07-3fa9c2d1)");
            }
            return new Ref(text.substring(0, colon), text.substring(colon + 1));
        }

        /** The record key on the models topic. */
        public String key() {
            return name + ":" + version;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    public static Ref ref(ModelRelease release) {
        return new Ref(release.getName(), release.getVersion());
    }

    /**
     * Checks a record read from the topic: its key names it, names and digests are what they must be.
     *
     * @return null when it is well-formed, else what is wrong
     */
    public static String problem(String key, ModelRelease release) {
        try {
            Ref ref = ref(release);
            if (!ref.key().equals(key)) {
                return "key '" + key + "' does not name the release " + ref;
            }
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!Sha256.isHex(release.getDigest()) || !Sha256.isHex(release.getManifestDigest())) {
            return "its digests are not SHA-256 hex";
        }
        if (release.getStage() == ModelStage.UNKNOWN) {
            return "its stage is unknown to this version of Vigil";
        }
        return null;
    }

    /**
     * The release in another stage: stage, time, who and why replaced, the change appended to its history.
     *
     * @param gate the gate's record of this change, or null to keep the release's
     */
    public static ModelRelease moved(
            ModelRelease release, ModelStage stage, Instant at, String by, String reason, GateRecord gate) {
        List<StageChange> history = new ArrayList<>(release.getHistory());
        history.add(new StageChange(stage, at, by, reason));
        return ModelRelease.newBuilder(release)
                .setStage(stage)
                .setChangedAt(at)
                .setChangedBy(by)
                .setReason(reason)
                .setGate(gate != null ? gate : release.getGate())
                .setHistory(history)
                .build();
    }

    /** When the release last entered production, or null if it never did. */
    public static Instant lastInProductionSince(ModelRelease release) {
        Instant last = null;
        for (StageChange change : release.getHistory()) {
            if (change.getStage() == ModelStage.PRODUCTION) {
                last = change.getAt();
            }
        }
        return last;
    }
}
