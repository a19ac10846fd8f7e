package dev.vigil.stream.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskCorruptedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams' lines about a task restored after a crash, as its loggers write them (text taken from a killed and
 * restarted {@code vigil detect}), through the shipped logging configuration.
 */
class CorruptedTaskNoticeTest {

    static final String PREFIX = "stream-thread [vigil-detect-1-StreamThread-1] ";
    static final TaskCorruptedException CORRUPTED = new TaskCorruptedException(Set.of(new TaskId(0, 0)));

    LoggerContext context;
    ListAppender<ILoggingEvent> printed = new ListAppender<>();

    @BeforeEach
    void shippedConfiguration() throws Exception {
        context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        printed.setContext(context);
        printed.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(printed);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void kafkaStreamsErrorAndWarningsOfARestoreAfterACrashBecomeOneWarning() {
        kafka(CorruptedTaskNotice.STATE_MANAGER)
                .warn(PREFIX + "stream-task [0_0] State store frame-buffer did not find checkpoint offsets while stores"
                        + " are not empty, since under EOS it has the risk of getting uncommitted data in stores we"
                        + " have to treat it as a task corruption error and wipe out the local state of task 0_0"
                        + " before re-bootstrapping");
        kafka(CorruptedTaskNotice.STATE_DIRECTORY)
                .warn("Failed to register startup state stores for task {}: {}", "0_0", CORRUPTED.getMessage());
        kafka(CorruptedTaskNotice.TASK_MANAGER)
                .error(PREFIX + "Get exceptions for the following tasks: " + Map.of(new TaskId(0, 0), CORRUPTED));
        kafka(CorruptedTaskNotice.TASK_MANAGER)
                .warn(
                        PREFIX + "Encounter corrupted task 0_0, will group it with other corrupted tasks and handle"
                                + " together",
                        CORRUPTED);
        kafka(CorruptedTaskNotice.STREAM_THREAD)
                .warn(
                        PREFIX + "Detected the states of tasks [0_0] are corrupted. Will close the task as dirty and"
                                + " re-create and bootstrap from scratch.",
                        CORRUPTED);

        assertThat(printed.list).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage())
                    .startsWith("Restoring the state of task(s) [0_0] from the changelog")
                    .contains("no checkpoint");
            assertThat(line.getThrowableProxy()).isNull();
        });
    }

    @Test
    void anErrorListingAnyOtherExceptionStillPrintsAtError() {
        String tasks = Map.of(new TaskId(0, 0), CORRUPTED, new TaskId(1, 0), new StreamsException("disk full"))
                .toString();
        kafka(CorruptedTaskNotice.TASK_MANAGER).error(PREFIX + "Get exceptions for the following tasks: " + tasks);
        kafka(CorruptedTaskNotice.TASK_MANAGER).error(PREFIX + "Failed to commit stream task 0_0");
        kafka(CorruptedTaskNotice.STATE_DIRECTORY)
                .warn("Failed to register startup state stores for task 0_0: java.io.IOException: No space left");

        assertThat(printed.list)
                .extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.ERROR, Level.ERROR, Level.WARN);
    }

    private ch.qos.logback.classic.Logger kafka(String name) {
        return context.getLogger(name);
    }
}
