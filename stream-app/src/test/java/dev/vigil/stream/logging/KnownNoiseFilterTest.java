package dev.vigil.stream.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which third-party lines the shipped logging configuration drops, and which it keeps. */
class KnownNoiseFilterTest {

    private static final String STREAMS_STATE_DIR = "org.apache.kafka.streams.processor.internals.StateDirectory";

    @TempDir
    Path tmp;

    @Test
    void dropsTheBrokersFirstStartNoticeByLoggerAndWordsOnly() {
        String activation = "[QuorumController id=1] Performing controller activation. The metadata log appears to be "
                + "empty. Appending 6 bootstrap record(s) in metadata transaction";
        assertThat(KnownNoiseFilter.isNoise("org.apache.kafka.controller.QuorumController", activation))
                .isTrue();
        assertThat(KnownNoiseFilter.isNoise("org.apache.kafka.controller.QuorumController", "Renouncing leadership"))
                .as("the controller's other warnings still print")
                .isFalse();
        assertThat(KnownNoiseFilter.isNoise("dev.vigil.Something", activation))
                .as("the same words from another logger")
                .isFalse();
    }

    @Test
    void dropsTheTemporaryStateDirWarningOnlyForFoldersTemporaryOnPurpose() {
        Path ephemeral = tmp.resolve("vigil-infra-1");
        KnownNoiseFilter.temporaryOnPurpose(ephemeral);
        assertThat(KnownNoiseFilter.isNoise(STREAMS_STATE_DIR, warning(ephemeral.resolve("streams"))))
                .isTrue();
        assertThat(KnownNoiseFilter.isNoise(STREAMS_STATE_DIR, warning(tmp.resolve("chosen-by-the-user"))))
                .as("a state directory the user chose in the OS's temporary folder is still warned about")
                .isFalse();
    }

    private static String warning(Path stateDir) {
        return "Using an OS temp directory in the state.dir property can cause failures with writing the checkpoint "
                + "file due to the fact that this directory can be cleared by the OS. Resolved state.dir: ["
                + stateDir + "]";
    }
}
