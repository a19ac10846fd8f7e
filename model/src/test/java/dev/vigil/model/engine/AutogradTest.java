package dev.vigil.model.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The autograd switch on the real engine. */
class AutogradTest {

    @Test
    void offRestoresThePreviousModeAndWorksBeforeAnyArrayExists() {
        // the first call may come before the engine's native library is loaded: it must not fail
        Autograd.off(() -> null);
        boolean before = JniUtils.isGradMode();
        boolean inside = Autograd.off(JniUtils::isGradMode);
        assertThat(inside).isFalse();
        assertThat(JniUtils.isGradMode()).isEqualTo(before);
    }

    @Test
    void theModeBelongsToTheThreadThatSetsIt() throws Exception {
        boolean seenByAnotherThread = Autograd.off(() -> CompletableFuture.supplyAsync(() -> {
                            JniUtils.setGradMode(true);
                            return JniUtils.isGradMode();
                        })
                        .join()
                && JniUtils.isGradMode());
        assertThat(seenByAnotherThread)
                .as("another thread turning autograd on does not turn it on here")
                .isFalse();
    }
}
