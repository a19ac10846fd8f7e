package dev.vigil.model.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Inputs and outputs of torchvision 0.14 ops, written by {@code src/test/resources/torchvision/make_golden.py}
 * (Debian's python3-torchvision 0.14.1): each array as a "name dims" line and a line of values.
 */
public final class TorchvisionGolden {

    private static final String RESOURCE = "/torchvision/golden.txt";
    private static Map<String, Entry> entries;

    private record Entry(long[] dims, double[] values) {}

    private TorchvisionGolden() {}

    public static long[] dims(String name) {
        return entry(name).dims.clone();
    }

    public static float[] floats(String name) {
        double[] values = entry(name).values;
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    public static int[] ints(String name) {
        return Arrays.stream(entry(name).values).mapToInt(v -> (int) v).toArray();
    }

    private static synchronized Entry entry(String name) {
        if (entries == null) {
            entries = load();
        }
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no golden array " + name + " in " + RESOURCE);
        }
        return entry;
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> loaded = new HashMap<>();
        try (InputStream in = TorchvisionGolden.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header;
            while ((header = reader.readLine()) != null) {
                String[] parts = header.split(" ", -1);
                long[] dims = parts[1].isEmpty()
                        ? new long[0]
                        : Arrays.stream(parts[1].split(","))
                                .mapToLong(Long::parseLong)
                                .toArray();
                String line = reader.readLine();
                double[] values = line.isBlank()
                        ? new double[0]
                        : Arrays.stream(line.trim().split(" "))
                                .mapToDouble(Double::parseDouble)
                                .toArray();
                loaded.put(parts[0], new Entry(dims, values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }
}
