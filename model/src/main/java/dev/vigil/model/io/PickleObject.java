package dev.vigil.model.io;

import java.util.List;

/**
 * An instance of a class the reader does not interpret (e.g. {@code argparse.Namespace} next to the weights in
 * a training checkpoint): kept opaque so that the rest of the file can still be read.
 */
final class PickleObject {

    private final PickleGlobal type;
    private final List<Object> args;
    private Object state;

    PickleObject(PickleGlobal type, List<Object> args) {
        this.type = type;
        this.args = args;
    }

    PickleGlobal type() {
        return type;
    }

    List<Object> args() {
        return args;
    }

    void setState(Object state) {
        this.state = state;
    }

    Object state() {
        return state;
    }

    @Override
    public String toString() {
        return type + "(...)";
    }
}
