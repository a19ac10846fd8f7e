package dev.vigil.model.progress;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars that read well where they are written: on a terminal one line redrawn in place twice a second; in a
 * file or a pipe (no console) whole lines, one every {@value #PLAIN_LINE_SECONDS} s and one at the end, never cut
 * and never carriage returns, so that a log shows {@code train 120/300 (40%) 0:02:10 ETA 0:03:15 loss 1.203 ...}.
 */
public final class ProgressBars {

    /** Seconds between two lines when not on a terminal. */
    public static final int PLAIN_LINE_SECONDS = 10;
    /** A plain line is never cut shorter than this. */
    static final int PLAIN_LINE_LENGTH = 160;

    private ProgressBars() {}

    /** Whether this process writes to a terminal (a console with no redirection). */
    public static boolean onTerminal() {
        return System.console() != null;
    }

    /**
     * A bar for {@code task} counting {@code max} steps (-1 when unknown) of {@code unit} (" images"), written to
     * standard error.
     */
    public static ProgressBarBuilder builder(String task, long max, String unit) {
        return builder(task, max, unit, System.err, onTerminal());
    }

    /** As {@link #builder(String, long, String)}, to {@code out}, in the terminal or the plain form. */
    public static ProgressBarBuilder builder(String task, long max, String unit, PrintStream out, boolean terminal) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                // the library's own format ("#.#") writes a slow rate as ".4 images/s"
                .showSpeed(new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        if (terminal) {
            return builder.setConsumer(new ConsoleProgressBarConsumer(utf8(out)))
                    .setUpdateIntervalMillis(500);
        }
        PrintStream lines = utf8(out);
        return builder.setConsumer(new DelegatingProgressBarConsumer(lines::println, PLAIN_LINE_LENGTH))
                .setUpdateIntervalMillis(PLAIN_LINE_SECONDS * 1000);
    }

    /** {@link #builder(String, long, String)}, built. */
    public static ProgressBar create(String task, long max, String unit) {
        return builder(task, max, unit).build();
    }

    private static PrintStream utf8(PrintStream out) {
        return out == System.err || out == System.out ? new PrintStream(out, true, StandardCharsets.UTF_8) : out;
    }
}
