import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where detect's stream threads spent their time, by stage, from a JFR recording of `vigil bench pipeline` (see
 * scripts/profile-pipeline.sh). Run with `java scripts/JfrStages.java FILE.jfr`. Each execution sample (the thread
 * in Java code) and native-method sample (the thread in a JNI call: libtorch, OpenCV, RocksDB, a socket) of a
 * stream thread goes to the first stage, in the order below, that a frame of its stack names: the innermost stage
 * wins because each stage calls the next one (the reader calls the batcher, the batcher the detect step, ...).
 * JFR samples at most one thread in native code per period, so native samples are undercounted against Java ones
 * when other threads also sit in native code (the broker's): compare stages within a column.
 */
public class JfrStages {

    /** Stage name and the frame prefixes (class.method) that put a sample in it, innermost stages first. */
    private static final List<Map.Entry<String, List<String>>> STAGES = List.of(
            Map.entry("JPEG decode", List.of("dev.vigil.model.image.ImageDecoder")),
            Map.entry("input preparation (normalise, resize, pad)", List.of("dev.vigil.model.transform.")),
            Map.entry("network (DJL, libtorch)", List.of("dev.vigil.model.", "ai.djl.")),
            Map.entry("tracking stage", List.of("dev.vigil.stream.tracking.")),
            Map.entry("events: build, serialize, send", List.of("dev.vigil.stream.detect.DetectStep")),
            Map.entry("buffer store (put, take, changelog)", List.of("dev.vigil.stream.detect.FrameBuffer")),
            Map.entry("micro-batcher", List.of("dev.vigil.stream.detect.MicroBatcher")),
            Map.entry("frame reader: deserialize, check", List.of("dev.vigil.stream.detect.FrameReader")),
            Map.entry(
                    "commit (flush, transaction)",
                    List.of(
                            "org.apache.kafka.streams.processor.internals.TaskManager.commit",
                            "org.apache.kafka.streams.processor.internals.StreamThread.maybeCommit",
                            "org.apache.kafka.clients.producer.KafkaProducer.commitTransaction")),
            Map.entry(
                    "poll",
                    List.of(
                            "org.apache.kafka.streams.processor.internals.StreamThread.pollRequests",
                            "org.apache.kafka.clients.consumer.")),
            Map.entry("punctuate", List.of("org.apache.kafka.streams.processor.internals.StreamTask.maybePunctuate")));

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java scripts/JfrStages.java FILE.jfr");
            System.exit(2);
        }
        // thread -> stage -> {java samples, native samples}
        Map<String, Map<String, int[]>> threads = new LinkedHashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            boolean inNative = type.equals("jdk.NativeMethodSample");
            if (!inNative && !type.equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedThread thread = event.getThread("sampledThread");
            String name = thread == null ? null : thread.getJavaName();
            if (name == null || !name.contains("-StreamThread-") || name.contains("producer")) {
                continue;
            }
            String stage = stage(event);
            threads.computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .computeIfAbsent(stage, s -> new int[2])[inNative ? 1 : 0]++;
        }
        if (threads.isEmpty()) {
            System.out.println("No samples of a stream thread in " + args[0]);
            return;
        }
        int run = 0;
        for (Map.Entry<String, Map<String, int[]>> thread : threads.entrySet()) {
            run++;
            int java = 0;
            int nat = 0;
            for (int[] n : thread.getValue().values()) {
                java += n[0];
                nat += n[1];
            }
            System.out.printf("run %d, %s: %d Java samples, %d native samples%n", run, thread.getKey(), java, nat);
            System.out.printf("  %-40s %8s %7s %8s %7s%n", "stage", "java", "%", "native", "%");
            for (Map.Entry<String, List<String>> stage : STAGES) {
                print(stage.getKey(), thread.getValue().get(stage.getKey()), java, nat);
            }
            print("other", thread.getValue().get("other"), java, nat);
        }
    }

    private static void print(String stage, int[] n, int java, int nat) {
        int[] counts = n == null ? new int[2] : n;
        System.out.printf(
                "  %-40s %8d %6.1f%% %8d %6.1f%%%n",
                stage,
                counts[0],
                100.0 * counts[0] / Math.max(1, java),
                counts[1],
                100.0 * counts[1] / Math.max(1, nat));
    }

    private static String stage(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return "other";
        }
        List<RecordedFrame> frames = event.getStackTrace().getFrames();
        for (Map.Entry<String, List<String>> stage : STAGES) {
            for (RecordedFrame frame : frames) {
                if (frame.getMethod() == null) {
                    continue;
                }
                String method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                for (String prefix : stage.getValue()) {
                    if (method.startsWith(prefix)) {
                        return stage.getKey();
                    }
                }
            }
        }
        return "other";
    }
}
