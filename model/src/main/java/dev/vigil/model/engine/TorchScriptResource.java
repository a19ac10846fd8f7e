package dev.vigil.model.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A TorchScript module shipped as a resource of the model jar, loaded into a manager that lives as long as the JVM. */
final class TorchScriptResource {

    private TorchScriptResource() {}

    /** Loads the resource {@code name} next to {@code owner}. */
    static PtSymbolBlock load(Class<?> owner, String name) {
        PtNDManager manager = (PtNDManager) NDManager.newBaseManager();
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the model jar");
            }
            return JniUtils.loadModule(manager, in, false, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
