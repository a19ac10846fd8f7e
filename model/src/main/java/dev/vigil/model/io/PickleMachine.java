package dev.vigil.model.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of Python's pickle virtual machine (protocols 2 to 4) that {@code torch.save} emits for
 * state_dicts and checkpoints. Python values map to Java as: str → String, int → Long (or BigInteger),
 * float → Double, bool → Boolean, None → null, tuple → unmodifiable List, list → ArrayList,
 * dict / OrderedDict → {@link PickleDict}, tensors → {@link TensorView}, other instances → {@link PickleObject}.
 * Nothing is ever executed: globals are only names.
 */
final class PickleMachine {

    private final ByteBuffer in;
    private final String where;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();
    private final Map<String, StorageReference> storages = new LinkedHashMap<>();

    /**
     * @param pickle the program, read from its position up to and including its STOP opcode
     * @param where the file and entry, for error messages
     */
    PickleMachine(ByteBuffer pickle, String where) {
        this.in = pickle.order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
    }

    /** Unpickles one complete pickle. */
    static Object unpickle(byte[] pickle, String where) throws TorchFileFormatException {
        return new PickleMachine(ByteBuffer.wrap(pickle), where).run();
    }

    /** The storages that persistent ids named, by key (views resolved to their root storage). */
    Map<String, StorageReference> storages() {
        return storages;
    }

    /** Runs the program to its STOP opcode and returns the unpickled value. */
    Object run() throws TorchFileFormatException {
        try {
            while (true) {
                int position = in.position();
                int opcode = in.get() & 0xff;
                if (opcode == '.') {
                    return pop();
                }
                execute(opcode, position);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new TorchFileFormatException(where + ": pickle ends before its STOP opcode", e);
        } catch (ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new TorchFileFormatException(
                    where + ": malformed pickle at byte " + in.position() + ": " + e.getMessage(), e);
        }
    }

    private void execute(int opcode, int position) throws TorchFileFormatException {
        switch (opcode) {
            case 0x80 -> in.get(); // PROTO n
            case 0x95 -> in.getLong(); // FRAME length: frames are read as one stream
            case '(' -> marks.add(stack.size()); // MARK
            case '}' -> push(new PickleDict()); // EMPTY_DICT
            case ']' -> push(new ArrayList<>()); // EMPTY_LIST
            case ')' -> push(tuple()); // EMPTY_TUPLE
            case 0x85 -> push(tuple(pop())); // TUPLE1
            case 0x86 -> { // TUPLE2
                Object second = pop();
                push(tuple(pop(), second));
            }
            case 0x87 -> { // TUPLE3
                Object third = pop();
                Object second = pop();
                push(tuple(pop(), second, third));
            }
            case 't' -> push(tuple(popToMark().toArray())); // TUPLE
            case 'X' -> push(utf8(in.getInt())); // BINUNICODE
            case 0x8c -> push(utf8(in.get() & 0xff)); // SHORT_BINUNICODE
            case 0x8d -> push(utf8(Math.toIntExact(in.getLong()))); // BINUNICODE8
            case 'T' -> push(utf8(in.getInt())); // BINSTRING (Python 2 str)
            case 'U' -> push(utf8(in.get() & 0xff)); // SHORT_BINSTRING (Python 2 str)
            case 'B' -> push(bytes(in.getInt())); // BINBYTES
            case 'C' -> push(bytes(in.get() & 0xff)); // SHORT_BINBYTES
            case 'J' -> push((long) in.getInt()); // BININT
            case 'K' -> push((long) (in.get() & 0xff)); // BININT1
            case 'M' -> push((long) (in.getShort() & 0xffff)); // BININT2
            case 0x8a -> push(littleEndianSigned(bytes(in.get() & 0xff))); // LONG1
            case 0x8b -> push(littleEndianSigned(bytes(in.getInt()))); // LONG4
            case 'G' -> push(ByteBuffer.wrap(bytes(Double.BYTES)).getDouble()); // BINFLOAT, big-endian
            case 0x88 -> push(Boolean.TRUE); // NEWTRUE
            case 0x89 -> push(Boolean.FALSE); // NEWFALSE
            case 'N' -> push(null); // NONE
            case 'c' -> push(new PickleGlobal(line(), line())); // GLOBAL
            case 0x93 -> { // STACK_GLOBAL
                String name = (String) pop();
                push(new PickleGlobal((String) pop(), name));
            }
            case 'R' -> { // REDUCE
                List<?> args = (List<?>) pop();
                push(reduce(pop(), args));
            }
            case 0x81 -> { // NEWOBJ
                List<?> args = (List<?>) pop();
                push(new PickleObject((PickleGlobal) pop(), copyOf(args)));
            }
            case 'b' -> build(pop(), peek()); // BUILD
            case 's' -> { // SETITEM
                Object value = pop();
                Object key = pop();
                dict(peek()).entries().put(key, value);
            }
            case 'u' -> { // SETITEMS
                List<Object> items = popToMark();
                Map<Object, Object> entries = dict(peek()).entries();
                for (int i = 0; i + 1 < items.size(); i += 2) {
                    entries.put(items.get(i), items.get(i + 1));
                }
            }
            case 'a' -> { // APPEND
                Object value = pop();
                list(peek()).add(value);
            }
            case 'e' -> { // APPENDS
                List<Object> items = popToMark();
                list(peek()).addAll(items);
            }
            case 'q' -> memo.put(in.get() & 0xff, peek()); // BINPUT
            case 'r' -> memo.put(in.getInt(), peek()); // LONG_BINPUT
            case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
            case 'h' -> push(memoGet(in.get() & 0xff)); // BINGET
            case 'j' -> push(memoGet(in.getInt())); // LONG_BINGET
            case 'Q' -> push(persistentLoad(pop())); // BINPERSID
            case '0' -> pop(); // POP
            case '1' -> popToMark(); // POP_MARK
            case '2' -> push(peek()); // DUP
            default ->
                throw new TorchFileFormatException(String.format(
                        "%s: unsupported pickle opcode 0x%02x ('%s') at byte %d",
                        where, opcode, (char) opcode, position));
        }
    }

    /** Applies a callable to its arguments: the few torch and collections functions a state_dict needs. */
    private Object reduce(Object callable, List<?> args) throws TorchFileFormatException {
        if (!(callable instanceof PickleGlobal function)) {
            throw new TorchFileFormatException(where + ": REDUCE on " + callable + ", which is not a global");
        }
        String name = function.toString();
        switch (name) {
            case "collections.OrderedDict" -> {
                PickleDict dict = new PickleDict();
                if (!args.isEmpty()) {
                    for (Object pair : (List<?>) args.get(0)) {
                        dict.entries().put(((List<?>) pair).get(0), ((List<?>) pair).get(1));
                    }
                }
                return dict;
            }
            case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2" -> {
                StorageReference storage = (StorageReference) args.get(0);
                return new TensorView(
                        storage, storage.elementOffset() + (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                return args.get(0); // (data, requires_grad, backward_hooks[, state]): the data is the tensor
            }
            case "torch._tensor._rebuild_from_type_v2" -> {
                return reduce(args.get(0), (List<?>) args.get(2)); // (func, type, args, state)
            }
            default -> {
                return new PickleObject(function, copyOf(args));
            }
        }
    }

    private void build(Object state, Object target) throws TorchFileFormatException {
        if (target instanceof PickleDict dict && state instanceof PickleDict attributes) {
            dict.attributes().putAll(attributes.entries());
        } else if (target instanceof PickleObject object) {
            object.setState(state);
        } else if (!(target instanceof TensorView)) { // python attributes of a tensor carry no values
            throw new TorchFileFormatException(
                    where + ": BUILD with state " + state + " on " + target + " is not supported");
        }
    }

    /**
     * Resolves {@code ('storage', storage_type, key, location, numel)} (zip format) or, in the legacy format,
     * {@code ('storage', storage_type, root_key, location, numel, view_metadata)} where view_metadata is None or
     * {@code (view_key, offset, view_numel)}: a view resolves to its root storage plus an element offset.
     */
    private StorageReference persistentLoad(Object pid) throws TorchFileFormatException {
        List<?> id = pid instanceof List<?> list ? list : List.of();
        boolean zip = id.size() == 5;
        if (!(zip || id.size() == 6) || !"storage".equals(id.get(0)) || !(id.get(1) instanceof PickleGlobal type)) {
            throw new TorchFileFormatException(where + ": unsupported persistent id " + pid
                    + " (expected ('storage', storage_type, key, location, numel[, view_metadata]))");
        }
        String key = String.valueOf(id.get(2));
        TorchDtype dtype = TorchDtype.ofStorageClass(type.name())
                .orElseThrow(() -> new TorchFileFormatException(
                        where + ": unsupported storage type " + type + " for storage '" + key + "'"));
        StorageReference root = new StorageReference(key, dtype, (Long) id.get(4), 0);
        storages.putIfAbsent(key, root);
        if (zip || id.get(5) == null) {
            return root;
        }
        long viewOffset = (Long) ((List<?>) id.get(5)).get(1);
        return new StorageReference(key, dtype, root.numel(), viewOffset);
    }

    private static List<Object> tuple(Object... items) {
        return Collections.unmodifiableList(Arrays.asList(items));
    }

    /** An unmodifiable copy that, unlike {@link List#copyOf}, keeps nulls (Python's None). */
    private static List<Object> copyOf(List<?> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private static long[] longs(Object tuple) {
        List<?> items = (List<?>) tuple;
        long[] values = new long[items.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (Long) items.get(i);
        }
        return values;
    }

    private static Object littleEndianSigned(byte[] bytes) {
        if (bytes.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
    }

    private String utf8(int length) {
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** A newline-terminated ASCII argument (GLOBAL's module and name). */
    private String line() {
        StringBuilder text = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            text.append((char) b);
        }
        return text.toString();
    }

    private Object memoGet(int index) throws TorchFileFormatException {
        if (!memo.containsKey(index)) {
            throw new TorchFileFormatException(where + ": pickle reads memo slot " + index + " before writing it");
        }
        return memo.get(index);
    }

    private PickleDict dict(Object value) throws TorchFileFormatException {
        if (value instanceof PickleDict dict) {
            return dict;
        }
        throw new TorchFileFormatException(where + ": SETITEM on " + value + ", which is not a dict");
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object value) throws TorchFileFormatException {
        if (value instanceof ArrayList<?> list) {
            return (List<Object>) list;
        }
        throw new TorchFileFormatException(where + ": APPEND on " + value + ", which is not a list");
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        return stack.get(stack.size() - 1);
    }

    private List<Object> popToMark() {
        int mark = marks.remove(marks.size() - 1);
        List<Object> top = new ArrayList<>(stack.subList(mark, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return top;
    }
}
