package dev.vigil.model.track;

import dev.vigil.model.track.Tracklet.Status;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link TrackerState}, for a logged state store: exact (doubles stay doubles, so a tracker restored
 * from them continues exactly as the original would have) and compact (about 200 bytes a track).
 *
 * <p>Layout, big-endian: byte version (1); long frame; long next track id; int tracked count, tracks; int lost count,
 * tracks. A track: byte flags (bit 0 lost, bit 1 confirmed); long track id; int class; float score; long last frame;
 * long start frame; int tracklet length; int hits; 8 doubles mean; 12 doubles covariance ({@link KalmanFilter}).
 */
public final class TrackerStateCodec {

    static final byte VERSION = 1;
    private static final int HEADER_BYTES = 1 + 8 + 8 + 4 + 4;
    private static final int TRACK_BYTES =
            1 + 8 + 4 + 4 + 8 + 8 + 4 + 4 + 8 * (KalmanFilter.MEAN_SIZE + KalmanFilter.COVARIANCE_SIZE);
    private static final int LOST = 1;
    private static final int CONFIRMED = 2;

    private TrackerStateCodec() {}

    public static byte[] encode(TrackerState state) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + TRACK_BYTES * state.trackCount());
        out.put(VERSION).putLong(state.frame).putLong(state.nextTrackId);
        for (List<Tracklet> list : List.of(state.tracked, state.lost)) {
            out.putInt(list.size());
            for (Tracklet track : list) {
                out.put((byte) ((track.status == Status.LOST ? LOST : 0) | (track.confirmed ? CONFIRMED : 0)));
                out.putLong(track.trackId).putInt(track.classId).putFloat(track.score);
                out.putLong(track.frameId).putLong(track.startFrame);
                out.putInt(track.trackletLength).putInt(track.hits);
                for (double value : track.mean) {
                    out.putDouble(value);
                }
                for (double value : track.covariance) {
                    out.putDouble(value);
                }
            }
        }
        return out.array();
    }

    /**
     * @throws IllegalArgumentException naming the cause when the bytes are not a tracker state of this version
     */
    public static TrackerState decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("tracker state of version " + version + ", expected " + VERSION
                        + " (" + bytes.length + " bytes)");
            }
            long frame = in.getLong();
            long nextTrackId = in.getLong();
            if (frame < 0 || nextTrackId < 1) {
                throw new IllegalArgumentException(
                        "tracker state with frame " + frame + " and next track id " + nextTrackId);
            }
            List<Tracklet> tracked = tracks(in, false, nextTrackId);
            List<Tracklet> lost = tracks(in, true, nextTrackId);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException("tracker state has " + in.remaining() + " bytes too many");
            }
            return new TrackerState(frame, nextTrackId, tracked, lost);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("tracker state truncated at " + bytes.length + " bytes", e);
        }
    }

    private static List<Tracklet> tracks(ByteBuffer in, boolean lostList, long nextTrackId) {
        int count = in.getInt();
        if (count < 0 || (long) count * TRACK_BYTES > in.remaining()) {
            throw new IllegalArgumentException(
                    "tracker state announces " + count + " tracks but has " + in.remaining() + " bytes left");
        }
        List<Tracklet> tracks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int flags = in.get();
            Status status = (flags & LOST) != 0 ? Status.LOST : Status.TRACKED;
            boolean confirmed = (flags & CONFIRMED) != 0;
            long trackId = in.getLong();
            if ((status == Status.LOST) != lostList
                    || (confirmed ? trackId < 1 || trackId >= nextTrackId : trackId != Tracklet.NO_ID)) {
                throw new IllegalArgumentException("tracker state has an inconsistent track (flags " + flags + ", id "
                        + trackId + ", next id " + nextTrackId + ")");
            }
            int classId = in.getInt();
            float score = in.getFloat();
            long frameId = in.getLong();
            long startFrame = in.getLong();
            int trackletLength = in.getInt();
            int hits = in.getInt();
            double[] mean = new double[KalmanFilter.MEAN_SIZE];
            double[] covariance = new double[KalmanFilter.COVARIANCE_SIZE];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = in.getDouble();
            }
            for (int k = 0; k < covariance.length; k++) {
                covariance[k] = in.getDouble();
            }
            tracks.add(new Tracklet(
                    status,
                    confirmed,
                    trackId,
                    classId,
                    mean,
                    covariance,
                    score,
                    frameId,
                    startFrame,
                    trackletLength,
                    hits));
        }
        return tracks;
    }
}
