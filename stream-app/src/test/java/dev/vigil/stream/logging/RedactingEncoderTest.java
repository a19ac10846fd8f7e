package dev.vigil.stream.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 11, defect 7: no credentials in a log line, text or JSON, message, argument or stack trace. */
class RedactingEncoderTest {

    static final String SECRET = "S3cretPW";

    @Test
    void uriCredentialsInFreeTextAreRedacted() {
        assertThat(Credentials.redact("Could not open input \"rtsp://admin:" + SECRET + "@10.0.0.7:554/live\"."))
                .isEqualTo("Could not open input \"rtsp://***@10.0.0.7:554/live\".");
        assertThat(Credentials.redact("a@b http://u:p@ss@host/x?y=a@b and https://h/p"))
                .isEqualTo("a@b http://***@host/x?y=a@b and https://h/p");
        assertThat(Credentials.redact("rtsp://cam.local/stream, user@example.org"))
                .isEqualTo("rtsp://cam.local/stream, user@example.org");
        assertThat(Credentials.redact(null)).isNull();
    }

    @Test
    void theProjectsTextAndJsonLogsCarryNoCredentials() throws Exception {
        for (String format : new String[] {"text", "json"}) {
            String written = logThroughProjectConfig(format);
            assertThat(written)
                    .as(format)
                    .doesNotContain(SECRET)
                    .contains("rtsp://***@10.0.0.7:554/live")
                    .contains("http://***@registry:8081");
        }
    }

    /** One event with a credential in its message, an argument and its exception, through src/main's logback.xml. */
    private static String logThroughProjectConfig(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("VIGIL_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(RedactingEncoderTest.class.getResource("/logback.xml"));
        Logger logger = context.getLogger("test");
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(format);
        assertThat(appender).as("appender " + format).isNotNull();
        LoggingEvent event = new LoggingEvent(
                "test",
                logger,
                Level.ERROR,
                "Camera failed: Could not open input \"rtsp://admin:" + SECRET + "@10.0.0.7:554/live\"; registry {}",
                new IOException("cannot reach http://vigil:" + SECRET + "@registry:8081/subjects"),
                new Object[] {"http://vigil:" + SECRET + "@registry:8081"});
        byte[] bytes = appender.getEncoder().encode(event);
        context.stop();
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
