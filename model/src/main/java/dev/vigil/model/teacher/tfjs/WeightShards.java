package dev.vigil.model.teacher.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a graph model's weights from its {@code weightsManifest}: each group's shard files are one little-endian
 * byte stream holding its weights in order, each as float32 / int32 / bool, or quantized (float16, or uint8 / uint16
 * with {@code value = q·scale + min}) and expanded back to float32 here.
 */
final class WeightShards {

    /** No single shard group of a TF.js model comes near this; guards against a corrupt manifest. */
    static final long MAX_GROUP_BYTES = 1L << 31;

    private WeightShards() {}

    /**
     * @param manifest the {@code weightsManifest} array
     * @param folder the model file's folder, where the shard paths are resolved (and must stay)
     * @throws IOException naming the shard or weight that is missing, escapes the folder or has too few bytes
     */
    static Map<String, ConstantTensor> read(JsonNode manifest, Path folder) throws IOException {
        Map<String, ConstantTensor> weights = new LinkedHashMap<>();
        Path root = folder.toAbsolutePath().normalize();
        for (JsonNode group : manifest) {
            ByteBuffer bytes =
                    ByteBuffer.wrap(readShards(group.path("paths"), root)).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode spec : group.path("weights")) {
                ConstantTensor weight = decode(spec, bytes);
                weights.put(weight.name(), weight);
            }
        }
        return weights;
    }

    private static byte[] readShards(JsonNode paths, Path root) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (JsonNode p : paths) {
            Path shard = root.resolve(p.asText()).normalize();
            if (!shard.startsWith(root)) {
                throw new IOException("weight shard '" + p.asText() + "' lies outside the model's folder " + root);
            }
            if (!Files.isRegularFile(shard)) {
                throw new NoSuchFileException(shard.toString(), null, "weight shard of the model missing");
            }
            if (all.size() + Files.size(shard) > MAX_GROUP_BYTES) {
                throw new IOException("weight shards of " + root + " exceed " + MAX_GROUP_BYTES + " bytes");
            }
            all.write(Files.readAllBytes(shard));
        }
        return all.toByteArray();
    }

    private static ConstantTensor decode(JsonNode spec, ByteBuffer bytes) throws IOException {
        String name = spec.path("name").asText();
        long[] shape = new long[spec.path("shape").size()];
        long size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = spec.path("shape").get(i).asLong();
            if (shape[i] < 0) {
                throw new IOException("weight " + name + " has a negative dimension");
            }
            size = Math.multiplyExact(size, shape[i]);
        }
        TfDataType type = TfDataType.parse(spec.path("dtype").asText());
        JsonNode quantization = spec.path("quantization");
        String stored = quantization.isMissingNode()
                ? spec.path("dtype").asText()
                : quantization.path("dtype").asText().toLowerCase(Locale.ROOT);
        int width = switch (stored) {
            case "float32", "int32" -> 4;
            case "float16", "uint16" -> 2;
            case "uint8", "bool" -> 1;
            default -> throw new IOException("weight " + name + ": stored type " + stored + " not supported");
        };
        if (size * width > bytes.remaining()) {
            throw new IOException("weight " + name + " needs " + size * width + " bytes, the shards have "
                    + bytes.remaining() + " left");
        }
        int n = (int) size;
        if (type == TfDataType.FLOAT32) {
            float scale = (float) quantization.path("scale").asDouble(1);
            float min = (float) quantization.path("min").asDouble(0);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (stored) {
                    case "float32" -> bytes.getFloat();
                    case "float16" -> Half.toFloat(bytes.getShort());
                    case "uint16" -> (bytes.getShort() & 0xFFFF) * scale + min;
                    case "uint8" -> (bytes.get() & 0xFF) * scale + min;
                    default -> throw new IOException("weight " + name + ": float32 cannot be stored as " + stored);
                };
            }
            return ConstantTensor.ofFloats(name, shape, values);
        }
        if (!quantization.isMissingNode()) {
            throw new IOException("weight " + name + ": quantized " + type + " not supported");
        }
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (stored) {
                case "int32" -> bytes.getInt();
                case "bool", "uint8" -> bytes.get() & 0xFF;
                case "uint16" -> bytes.getShort() & 0xFFFF;
                default -> throw new IOException("weight " + name + ": " + type + " cannot be stored as " + stored);
            };
        }
        return ConstantTensor.ofInts(name, type, shape, values);
    }
}
