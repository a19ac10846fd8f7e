package dev.vigil.stream.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Fills any command-line option the user did not give, from (first match wins): the environment variable
 * {@code VIGIL_<OPTION>} ({@code --bootstrap-servers} → {@code VIGIL_BOOTSTRAP_SERVERS}), then the properties file
 * named by {@code --config FILE} or {@code VIGIL_CONFIG}, under the key {@code bootstrap-servers} or
 * {@code bootstrap.servers}. An option with several long names ({@code --web-port, --metrics-port}) is set by any of
 * them, the first declared first. Options given on the command line always win.
 */
public final class ConfigDefaultProvider implements CommandLine.IDefaultValueProvider {

    public static final String ENV_PREFIX = "VIGIL_";
    public static final String CONFIG_OPTION = "--config";
    public static final String CONFIG_ENV = ENV_PREFIX + "CONFIG";

    private final Map<String, String> environment;
    private final Properties fileProperties;

    public ConfigDefaultProvider(Map<String, String> environment, Properties fileProperties) {
        this.environment = Map.copyOf(environment);
        this.fileProperties = fileProperties;
    }

    /** A provider for this process: its environment and the properties file named in {@code args} or the environment. */
    public static ConfigDefaultProvider forProcess(String[] args) {
        Map<String, String> env = System.getenv();
        String path = configPath(args, env);
        return new ConfigDefaultProvider(env, path == null ? new Properties() : load(Path.of(path)));
    }

    static String configPath(String[] args, Map<String, String> env) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return args[i].substring(CONFIG_OPTION.length() + 1);
            }
        }
        return env.get(CONFIG_ENV);
    }

    /**
     * Reads a properties file.
     *
     * @throws IllegalArgumentException naming the file when it is missing or unreadable
     */
    public static Properties load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Configuration file " + file + " does not exist or is not a file");
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        for (String key : keys(option)) {
            String fromEnv = environment.get(envName(key));
            if (fromEnv != null) {
                return fromEnv;
            }
        }
        for (String key : keys(option)) {
            String fromFile = fileProperties.getProperty(key);
            if (fromFile == null) {
                fromFile = fileProperties.getProperty(key.replace('-', '.'));
            }
            if (fromFile != null) {
                return fromFile;
            }
        }
        return option.defaultValue();
    }

    /**
     * The keys that set an option, one per name in the order declared ({@code --web-port, --metrics-port} →
     * {@code web-port, metrics-port}): the first is the current name, the others older ones that still work.
     */
    public static List<String> keys(OptionSpec option) {
        return Arrays.stream(option.names())
                .filter(n -> n.startsWith("--"))
                .map(n -> n.replaceFirst("^-+", ""))
                .toList();
    }

    /** The environment variable that sets an option: {@code bootstrap-servers} → {@code VIGIL_BOOTSTRAP_SERVERS}. */
    public static String envName(String optionKey) {
        return ENV_PREFIX + optionKey.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
