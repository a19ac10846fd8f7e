package dev.vigil.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * One warning for a task whose local state Kafka Streams finds unusable under exactly-once (after a crash or a kill the
 * state has no checkpoint): instead of Kafka Streams' five lines for that one event, one of them an ERROR with two stack
 * traces, although Kafka Streams recovers by itself (it wipes the local state and restores it from the changelog). Its
 * lines are matched by logger and words, the ERROR only when every exception it lists is a
 * {@link TaskCorruptedException}: any other exception in it still prints at ERROR. Installed by the shipped {@code
 * logback.xml}.
 */
public final class CorruptedTaskNotice extends TurboFilter {

    static final String TASK_MANAGER = "org.apache.kafka.streams.processor.internals.TaskManager";
    static final String STREAM_THREAD = "org.apache.kafka.streams.processor.internals.StreamThread";
    static final String STATE_MANAGER = "org.apache.kafka.streams.processor.internals.ProcessorStateManager";
    static final String STATE_DIRECTORY = "org.apache.kafka.streams.processor.internals.StateDirectory";
    private static final Set<String> KAFKA_LOGGERS = Set.of(TASK_MANAGER, STATE_MANAGER, STATE_DIRECTORY);

    /** TaskManager's ERROR: "Get exceptions for the following tasks: {0_0=EXCEPTION: message, ...}". */
    private static final String TASK_EXCEPTIONS = "Get exceptions for the following tasks: {";
    /** An entry of that map: the task id and the exception's class. */
    private static final Pattern TASK_EXCEPTION = Pattern.compile("(?:\\{|, )\\d+_\\d+=([\\w.$]+)");
    /** The message of every TaskCorruptedException. */
    private static final String CORRUPTED = "are corrupted and hence need to be re-initialized";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (logger.getName().equals(STREAM_THREAD) && t instanceof TaskCorruptedException corrupted) {
            logger.getLoggerContext()
                    .getLogger(CorruptedTaskNotice.class)
                    .warn(
                            "Restoring the state of task(s) {} from the changelog: Kafka Streams found the local copy unusable"
                                    + " under exactly-once (no checkpoint, as after a crash or a kill) and wiped it; processing"
                                    + " goes on when the restore ends",
                            corrupted.corruptedTasks());
            return FilterReply.DENY;
        }
        if (!KAFKA_LOGGERS.contains(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        // Kafka's LogContext hands over the message formatted; a plain SLF4J call hands over format and arguments
        String message = params == null
                ? format
                : MessageFormatter.arrayFormat(format, params).getMessage();
        return isReplaced(logger.getName(), level, message) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /** Whether a line of Kafka Streams is one of those the notice replaces (the StreamThread's line aside). */
    static boolean isReplaced(String logger, Level level, String message) {
        if (level.equals(Level.ERROR)) {
            return logger.equals(TASK_MANAGER) && listsOnlyCorruptedTasks(message);
        }
        return switch (logger) {
            case TASK_MANAGER -> message.contains("Encounter corrupted task");
            case STATE_MANAGER -> message.contains("did not find checkpoint offsets while stores are not empty");
            case STATE_DIRECTORY ->
                message.contains("Failed to register startup state stores") && message.contains(CORRUPTED);
            default -> false;
        };
    }

    private static boolean listsOnlyCorruptedTasks(String message) {
        int start = message.indexOf(TASK_EXCEPTIONS);
        if (start < 0) {
            return false;
        }
        Matcher entry = TASK_EXCEPTION.matcher(message.substring(start + TASK_EXCEPTIONS.length() - 1));
        int entries = 0;
        while (entry.find()) {
            if (!entry.group(1).equals(TaskCorruptedException.class.getName())) {
                return false;
            }
            entries++;
        }
        return entries > 0;
    }
}
