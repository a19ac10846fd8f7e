package dev.vigil.model.io;

/** A class or function named by a pickle GLOBAL / STACK_GLOBAL opcode, e.g. {@code collections.OrderedDict}. */
record PickleGlobal(String module, String name) {

    boolean is(String qualifiedName) {
        return qualifiedName.equals(module + "." + name);
    }

    @Override
    public String toString() {
        return module + "." + name;
    }
}
