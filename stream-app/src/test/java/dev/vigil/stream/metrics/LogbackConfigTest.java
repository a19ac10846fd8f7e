package dev.vigil.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import dev.vigil.stream.logging.KnownNoiseFilter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The logging configuration shipped in the jar (src/main/resources/logback.xml) loads without an error. */
class LogbackConfigTest {

    private static final Path SHIPPED = Path.of("src/main/resources/logback.xml");

    @Test
    void theShippedConfigurationLoadsCleanlyAndQuietsTheCudaProbe() throws Exception {
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SHIPPED.toFile());
        List<Status> problems = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(s -> s.getLevel() >= Status.ERROR)
                .toList();
        assertThat(problems).as("logback's errors in %s", SHIPPED).isEmpty();
        assertThat(context.getLogger("ai.djl.util.cuda.CudaUtils").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("dev.vigil").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getTurboFilterList())
                .as("the filter of known third-party noise")
                .hasAtLeastOneElementOfType(KnownNoiseFilter.class);
        context.stop();
    }
}
