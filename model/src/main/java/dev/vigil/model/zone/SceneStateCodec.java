package dev.vigil.model.zone;

import dev.vigil.model.zone.SceneState.Presence;
import dev.vigil.model.zone.SceneState.Side;
import dev.vigil.model.zone.SceneState.TrackScene;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The bytes of a {@link SceneState}: byte version (1); int tracks; per track: long id, int zones, per zone: UTF name,
 * boolean inside, int streak, long streak start, long entered, long last inside, boolean loitering reported; int
 * lines, per line: UTF name, byte committed side, int streak, double anchor x, double anchor y.
 */
public final class SceneStateCodec {

    static final byte VERSION = 1;
    /** Bounds on what a decoded state may announce (a camera with more is not a camera). */
    private static final int MAX_TRACKS = 1_000_000;

    private static final int MAX_SHAPES = 10_000;

    private SceneStateCodec() {}

    public static byte[] encode(SceneState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(state.tracks.size());
            for (Map.Entry<Long, TrackScene> track : state.tracks.entrySet()) {
                out.writeLong(track.getKey());
                out.writeInt(track.getValue().zones.size());
                for (Map.Entry<String, Presence> zone : track.getValue().zones.entrySet()) {
                    Presence p = zone.getValue();
                    out.writeUTF(zone.getKey());
                    out.writeBoolean(p.inside);
                    out.writeInt(p.streak);
                    out.writeLong(p.streakStartMillis);
                    out.writeLong(p.enteredMillis);
                    out.writeLong(p.lastInsideMillis);
                    out.writeBoolean(p.loiteringReported);
                }
                out.writeInt(track.getValue().lines.size());
                for (Map.Entry<String, Side> line : track.getValue().lines.entrySet()) {
                    Side s = line.getValue();
                    out.writeUTF(line.getKey());
                    out.writeByte(s.committed);
                    out.writeInt(s.streak);
                    out.writeDouble(s.anchorX);
                    out.writeDouble(s.anchorY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException naming the cause when the bytes are not a scene state of this version
     */
    public static SceneState decode(byte[] bytes) {
        SceneState state = new SceneState();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("scene state of version " + version + ", expected " + VERSION);
            }
            int tracks = count(in, MAX_TRACKS, "tracks");
            for (int t = 0; t < tracks; t++) {
                TrackScene scene = new TrackScene();
                state.tracks.put(in.readLong(), scene);
                int zones = count(in, MAX_SHAPES, "zones");
                for (int z = 0; z < zones; z++) {
                    Presence p = new Presence();
                    String name = in.readUTF();
                    p.inside = in.readBoolean();
                    p.streak = in.readInt();
                    p.streakStartMillis = in.readLong();
                    p.enteredMillis = in.readLong();
                    p.lastInsideMillis = in.readLong();
                    p.loiteringReported = in.readBoolean();
                    scene.zones.put(name, p);
                }
                int lines = count(in, MAX_SHAPES, "lines");
                for (int l = 0; l < lines; l++) {
                    Side s = new Side();
                    String name = in.readUTF();
                    s.committed = in.readByte();
                    if (s.committed < -1 || s.committed > 1) {
                        throw new IllegalArgumentException("scene state has a line side of " + s.committed);
                    }
                    s.streak = in.readInt();
                    s.anchorX = in.readDouble();
                    s.anchorY = in.readDouble();
                    scene.lines.put(name, s);
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException("scene state has " + in.available() + " bytes too many");
            }
        } catch (EOFException e) {
            throw new IllegalArgumentException("scene state truncated at " + bytes.length + " bytes", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("scene state unreadable: " + e.getMessage(), e);
        }
        return state;
    }

    private static int count(DataInputStream in, int max, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IllegalArgumentException("scene state announces " + count + " " + what);
        }
        return count;
    }
}
