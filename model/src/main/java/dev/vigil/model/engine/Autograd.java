package dev.vigil.model.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.function.Supplier;

/**
 * PyTorch's autograd switch, per thread as in torch: {@link #off} runs work with it off (inference, in-place weight
 * updates) and restores it afterwards, as torch's {@code no_grad} does.
 */
public final class Autograd {

    private Autograd() {}

    /** Whether autograd records this thread's operations (torch's {@code is_grad_enabled}). */
    public static boolean isOn() {
        Engine.getInstance(); // loads the native library when nothing has yet
        return JniUtils.isGradMode();
    }

    /** Runs {@code work} with autograd off and returns its result. */
    public static <T> T off(Supplier<T> work) {
        boolean gradMode = isOn();
        JniUtils.setGradMode(false);
        try {
            return work.get();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
