package dev.vigil.model.lifecycle;

import dev.vigil.model.lifecycle.LifecycleState.Record;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes of a {@link LifecycleState}: byte version (1); int objects; per object: long track id, int class, UTF
 * label, long first seen, long last seen, float top score, float announced score, long best frame, 4 floats best box,
 * 4 floats box, int zones and their UTF names, boolean stationary, 4 floats rest box, long rest since, double path.
 */
public final class LifecycleStateCodec {

    static final byte VERSION = 1;
    private static final int MAX_OBJECTS = 1_000_000;
    private static final int MAX_ZONES = 10_000;

    private LifecycleStateCodec() {}

    public static byte[] encode(LifecycleState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(state.objects.size());
            for (Record r : state.objects.values()) {
                out.writeLong(r.trackId);
                out.writeInt(r.classId);
                out.writeUTF(r.label);
                out.writeLong(r.firstSeenMillis);
                out.writeLong(r.lastSeenMillis);
                out.writeFloat(r.topScore);
                out.writeFloat(r.announcedScore);
                out.writeLong(r.bestFrameSequence);
                writeBox(out, r.bestBox);
                writeBox(out, r.box);
                out.writeInt(r.zones.size());
                for (String zone : r.zones) {
                    out.writeUTF(zone);
                }
                out.writeBoolean(r.stationary);
                writeBox(out, r.restBox);
                out.writeLong(r.restSinceMillis);
                out.writeDouble(r.pathLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException naming the cause when the bytes are not a lifecycle state of this version
     */
    public static LifecycleState decode(byte[] bytes) {
        LifecycleState state = new LifecycleState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("lifecycle state of version " + version + ", expected " + VERSION);
            }
            int objects = count(in, MAX_OBJECTS, "objects");
            for (int i = 0; i < objects; i++) {
                Record r = new Record();
                r.trackId = in.readLong();
                r.classId = in.readInt();
                r.label = in.readUTF();
                r.firstSeenMillis = in.readLong();
                r.lastSeenMillis = in.readLong();
                r.topScore = in.readFloat();
                r.announcedScore = in.readFloat();
                r.bestFrameSequence = in.readLong();
                r.bestBox = readBox(in);
                r.box = readBox(in);
                int zones = count(in, MAX_ZONES, "zones");
                for (int z = 0; z < zones; z++) {
                    r.zones.add(in.readUTF());
                }
                r.stationary = in.readBoolean();
                r.restBox = readBox(in);
                r.restSinceMillis = in.readLong();
                r.pathLength = in.readDouble();
                state.objects.put(r.trackId, r);
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("lifecycle state has " + in.available() + " bytes too many");
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("lifecycle state truncated at " + bytes.length + " bytes", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("lifecycle state unreadable: " + e.getMessage(), e);
        }
        return state;
    }

    private static void writeBox(DataOutputStream out, float[] box) throws IOException {
        for (float v : box) {
            out.writeFloat(v);
        }
    }

    private static float[] readBox(DataInputStream in) throws IOException {
        return new float[] {in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat()};
    }

    private static int count(DataInputStream in, int max, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IllegalArgumentException("lifecycle state announces " + count + " " + what);
        }
        return count;
    }
}
