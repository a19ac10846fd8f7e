package dev.vigil.model.engine;

import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * PyTorch's autograd switch, which in DJL's PyTorch engine is process-wide: {@link #off} runs work with it off
 * (inference, in-place weight updates) and restores it afterwards, as torch's {@code no_grad} does.
 */
public final class Autograd {

    private Autograd() {
    }

    /** Runs {@code work} with autograd off and returns its result. */
    public static <T> T off(Supplier<T> work) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
