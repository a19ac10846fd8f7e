package dev.vigil.stream.live;

import dev.vigil.model.zone.SceneConfig;
import dev.vigil.stream.live.LiveRecords.Annotated;
import dev.vigil.stream.live.LiveRecords.Summary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every camera the live view has seen on its topics, by id, and who watches them (the camera pages' streams). The
 * number of cameras is bounded: camera ids come from the wire, and each costs memory. Thread-safe.
 */
final class LiveCameras {

    static final int MAX_CAMERAS = 256;

    private final SceneConfig scene;
    private final ConcurrentSkipListMap<String, LiveCamera> cameras = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, CopyOnWriteArrayList<Consumer<Annotated>>> watchers =
            new ConcurrentHashMap<>();
    private final AtomicLong refusedRecords = new AtomicLong();

    LiveCameras(SceneConfig scene) {
        this.scene = scene;
    }

    /** The camera of this id, made on its first record; empty when {@link #MAX_CAMERAS} are known already. */
    Optional<LiveCamera> camera(String id) {
        LiveCamera known = cameras.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        if (cameras.size() >= MAX_CAMERAS) {
            refusedRecords.incrementAndGet();
            return Optional.empty();
        }
        return Optional.of(cameras.computeIfAbsent(id, name -> new LiveCamera(name, scene)));
    }

    /** The camera of this id if it is known; never makes one (for requests). */
    Optional<LiveCamera> known(String id) {
        return Optional.ofNullable(cameras.get(id));
    }

    List<Summary> summaries(long nowMillis) {
        return cameras.values().stream().map(c -> c.summary(nowMillis)).toList();
    }

    int size() {
        return cameras.size();
    }

    /** Records of cameras past {@link #MAX_CAMERAS}, not shown. */
    long refusedRecords() {
        return refusedRecords.get();
    }

    /** Calls {@code watcher} with each new drawable frame of camera {@code id} until {@link #unwatch}. */
    void watch(String id, Consumer<Annotated> watcher) {
        watchers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(watcher);
    }

    void unwatch(String id, Consumer<Annotated> watcher) {
        List<Consumer<Annotated>> list = watchers.get(id);
        if (list != null) {
            list.remove(watcher);
        }
    }

    void publish(Annotated frame) {
        List<Consumer<Annotated>> list = watchers.get(frame.camera());
        if (list != null) {
            list.forEach(w -> w.accept(frame));
        }
    }
}
