package dev.vigil.model.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil bench detector} on small frames: its table, and PyTorch's profiler trace per batch size. */
class BenchDetectorCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsARowPerBatchSizeAndWritesOneProfilerTraceEach() throws Exception {
        Path trace = tmp.resolve("trace.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new BenchDetectorCommand())
                    .execute(
                            "--size",
                            "96x64",
                            "--batch",
                            "1,2",
                            "--iterations",
                            "1",
                            "--warmup",
                            "0",
                            "--proposals",
                            "20",
                            "--torch-profile",
                            trace.toString());
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        List<String> rows = printed.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.matches("\\s+[12]\\s+\\d+\\.\\d+.*"))
                .toList();
        assertThat(rows).hasSize(2);

        for (int batch : new int[] {1, 2}) {
            JsonNode root = new ObjectMapper()
                    .readTree(tmp.resolve("trace-batch" + batch + ".json").toFile());
            // libtorch writes the Chrome trace's array form; its object form holds the array as traceEvents
            JsonNode events = root.isArray() ? root : root.path("traceEvents");
            List<String> names = new ArrayList<>();
            events.forEach(event -> names.add(event.path("name").asText()));
            assertThat(names).as("ops traced for batch %d", batch).contains("aten::conv2d", "aten::addmm");
        }
    }
}
