package dev.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.vigil.schemas.Frame;
import dev.vigil.schemas.registry.server.EmbeddedSchemaRegistry;
import dev.vigil.schemas.registry.server.RegistryServerConfig;
import dev.vigil.schemas.registry.server.store.InMemorySchemaStore;
import dev.vigil.schemas.serde.AvroSerdes;
import dev.vigil.schemas.testkit.FixedAnswerServer;
import dev.vigil.schemas.testkit.SampleRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Passwords given to the registry server or client never appear in a log line (Vigil's own loggers at DEBUG, the
 * rest at INFO) nor in an exception's message or stack trace: with the right, a wrong and URL-borne credentials,
 * against a registry that is up, refuses, is down or answers 503.
 */
class CredentialsStayOutOfLogsTest {

    private static final String USER = "vigil";
    private static final String PASSWORD = "Right-Pw-4711";
    private static final String WRONG_PASSWORD = "Wrong-Pw-0815";
    private static final String URL_PASSWORD = "Url-Pw-2342";
    private static final String RECORD =
            "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> texts = new ArrayList<>();
    private Logger vigil;
    private Level vigilLevel;

    @BeforeEach
    void captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        vigil = context.getLogger("dev.vigil");
        vigilLevel = vigil.getLevel();
        vigil.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        vigil.setLevel(vigilLevel);
    }

    @Test
    void noPasswordInLogsOrExceptions() throws Exception {
        RegistryServerConfig secured = RegistryServerConfig.ephemeral().withBasicAuth(USER + ":" + PASSWORD);
        texts.add(secured.toString());
        try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(secured, new InMemorySchemaStore())) {
            RegistryClientConfig right = userInfo(registry.url(), PASSWORD);
            texts.add(right.values().toString());
            assertThat(new RestSchemaRegistryClient(right).register("s-value", RECORD))
                    .isPositive();
            record(() -> new RestSchemaRegistryClient(userInfo(registry.url(), WRONG_PASSWORD)).subjects());
            record(() -> RestSchemaRegistryClient.forUrl(withUrlCredentials(registry.url()))
                    .register("t-value", RECORD));
            Map<String, Object> serde = new HashMap<>(right.originals());
            record(() -> AvroSerdes.specific(Frame.class, serde)
                    .deserializer()
                    .deserialize("frames", new byte[] {0, 0, 0, 0, 99, 2}));
        }
        String down = "http://127.0.0.1:" + closedPort();
        record(() -> new RestSchemaRegistryClient(fast(userInfo(down, PASSWORD))).subjects());
        record(() ->
                new RestSchemaRegistryClient(fast(RegistryClientConfig.forUrl(withUrlCredentials(down)))).subjects());
        try (FixedAnswerServer busy = FixedAnswerServer.answering(503, "{\"error_code\":50301,\"message\":\"busy\"}")) {
            record(() -> new RestSchemaRegistryClient(fast(userInfo(busy.url(), PASSWORD))).subjects());
            Map<String, Object> serde =
                    new HashMap<>(fast(userInfo(busy.url(), PASSWORD)).originals());
            record(() ->
                    AvroSerdes.specific(Frame.class, serde).serializer().serialize("frames", SampleRecords.frame()));
        }

        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                texts.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
        }
        assertThat(logs.list).as("log lines captured").isNotEmpty();
        assertThat(texts.stream().filter(text -> text.contains("HTTP 401")))
                .as("refusals captured")
                .isNotEmpty();
        for (String secret : List.of(
                PASSWORD, WRONG_PASSWORD, URL_PASSWORD, basic(PASSWORD), basic(WRONG_PASSWORD), basic(URL_PASSWORD))) {
            assertThat(texts).as("texts holding %s", secret).noneMatch(text -> text.contains(secret));
        }
    }

    private void record(Runnable call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("the call fails").isNotNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        texts.add(trace.toString());
    }

    private static RegistryClientConfig userInfo(String url, String password) {
        return new RegistryClientConfig(Map.of(
                RegistryClientConfig.SCHEMA_REGISTRY_URL,
                url,
                RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE,
                RegistryClientConfig.SOURCE_USER_INFO,
                RegistryClientConfig.BASIC_AUTH_USER_INFO,
                USER + ":" + password));
    }

    private static RegistryClientConfig fast(RegistryClientConfig config) {
        Map<String, Object> quick = new HashMap<>(config.originals());
        quick.put(RegistryClientConfig.MAX_RETRIES, 1);
        quick.put(RegistryClientConfig.RETRY_BACKOFF_MS, 10);
        return new RegistryClientConfig(quick);
    }

    private static String withUrlCredentials(String url) {
        return url.replace("http://", "http://" + USER + ":" + URL_PASSWORD + "@");
    }

    private static String basic(String password) {
        return Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
