package dev.flareobserver.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks on demand and rewrites BENCHMARKS.md with the figures:
 * {@code mvn -Pbench -pl src-test -am verify}. Each comparison is a ratio measured in one run,
 * because this is a shared 2-core machine and absolute times drift.
 */
public final class BenchmarkReport {

    static final String COMMAND = "mvn -Pbench -pl src-test -am verify";

    /**
     * {@code -Dbench.only=tail,table} runs only the named groups and keeps the other sections of the
     * file as they were; without it every benchmark runs.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md").toAbsolutePath();
        String only = System.getProperty("bench.only", "").trim();
        java.util.function.Predicate<String> wanted = group -> only.isEmpty()
                || java.util.Arrays.asList(only.split(",")).contains(group);
        List<String> sections = new ArrayList<>();
        if (wanted.test("envelope")) {
            sections.add(envelopeDecode());
        }
        if (wanted.test("overview")) {
            sections.add(overviewSnapshot());
            sections.add(OverviewRequestsBench.run());
        }
        if (wanted.test("table")) {
            sections.add(WorkersTableFxBench.run(300));
        }
        if (wanted.test("firstframe")) {
            sections.add(FirstFrameBench.run(out.getParent(), 7));
        }
        if (wanted.test("tail")) {
            sections.addAll(TailBenchmarks.run());
        }
        if (wanted.test("logsfx")) {
            sections.add(LogsFxBench.run());
        }
        if (wanted.test("kv")) {
            sections.add(KvBenchmarks.run());
        }
        if (wanted.test("r2")) {
            sections.add(R2Benchmarks.run());
        }
        if (wanted.test("d1")) {
            sections.add(D1Benchmarks.run());
        }
        if (wanted.test("grid")) {
            sections.add(ContainersGridBenchmarks.run());
        }
        if (wanted.test("deploy")) {
            sections.add(DeployBenchmarks.run());
        }
        write(out, sections);
    }

    private static String envelopeDecode() throws Exception {
        Options options = new OptionsBuilder()
                .include(EnvelopeDecodeBenchmark.class.getName())
                .forks(1)
                .warmupIterations(4).warmupTime(TimeValue.seconds(2))
                .measurementIterations(6).measurementTime(TimeValue.seconds(2))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double raw = score(results, "rawJackson");
        double envelope = score(results, "envelopeDecode");
        double rawError = error(results, "rawJackson");
        double envelopeError = error(results, "envelopeDecode");
        double ratio = envelope / raw;
        return String.format(Locale.ROOT, """
                ## Envelope decode vs raw Jackson (1000-item list page)

                Target: envelope decode >= 0.8 x raw Jackson throughput on the same bytes.

                | benchmark | pages/s | +- (99.9%%) |
                | --- | ---: | ---: |
                | raw Jackson binding (`EnvelopeDecodeBenchmark.rawJackson`) | %.0f | %.0f |
                | envelope decode (`EnvelopeDecodeBenchmark.envelopeDecode`) | %.0f | %.0f |

                **Ratio envelope / raw: %.2f** (%s)
                """, raw, rawError, envelope, envelopeError, ratio, ratio >= 0.8 ? "meets the target" : "BELOW the target");
    }

    private static String overviewSnapshot() throws Exception {
        Options options = new OptionsBuilder()
                .include(dev.flareobserver.orchestration.monitor.OverviewSnapshotBenchmark.class.getName())
                .forks(1)
                .warmupIterations(4).warmupTime(TimeValue.seconds(2))
                .measurementIterations(6).measurementTime(TimeValue.seconds(2))
                .build();
        RunResult result = new Runner(options).run().iterator().next();
        double ms = result.getPrimaryResult().getScore();
        return String.format(Locale.ROOT, """
                ## Response to snapshot in orchestration (1000 Workers)

                Target: <= 50 ms from the GraphQL response bytes to the AccountSnapshot, for 1000 Workers.
                `OverviewSnapshotBenchmark.responseToSnapshot`: JSON binding of one overview answer (current,
                previous, load, total) plus deriving every figure, health and spike.

                | average | +- (99.9%%) |
                | ---: | ---: |
                | **%.2f ms** | %.2f ms |

                %s the target.
                """, ms, result.getPrimaryResult().getScoreError(), ms <= 50 ? "Meets" : "MISSES");
    }

    private static double score(Collection<RunResult> results, String method) {
        return find(results, method).getPrimaryResult().getScore();
    }

    private static double error(Collection<RunResult> results, String method) {
        return find(results, method).getPrimaryResult().getScoreError();
    }

    private static RunResult find(Collection<RunResult> results, String method) {
        return results.stream().filter(r -> r.getParams().getBenchmark().endsWith("." + method)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no result for " + method));
    }

    /** Replaces the sections that ran (matched by their "## " heading) and keeps the others in place. */
    private static void write(Path out, List<String> sections) throws IOException {
        java.util.LinkedHashMap<String, String> byHeading = new java.util.LinkedHashMap<>();
        if (Files.exists(out)) {
            String old = Files.readString(out, StandardCharsets.UTF_8);
            for (String part : old.split("(?m)^(?=## )")) {
                if (part.startsWith("## ")) {
                    byHeading.put(heading(part), part.strip() + "\n");
                }
            }
        }
        for (String section : sections) {
            byHeading.put(heading(section), section.strip() + "\n");
        }
        StringBuilder md = new StringBuilder("# Benchmarks\n\n")
                .append("Produced by `").append(COMMAND).append("` (all) or with `-Dbench.only=GROUP,...` ")
                .append("(envelope, overview, table, firstframe, tail, logsfx, kv, r2, d1, grid, deploy: only those sections are rerun). ")
                .append("Last run ").append(LocalDate.now(ZoneOffset.UTC)).append(" (")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(").\n\n");
        byHeading.values().forEach(s -> md.append(s).append('\n'));
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
    }

    private static String heading(String section) {
        String first = section.strip().lines().findFirst().orElse("");
        return first.trim();
    }

    private BenchmarkReport() {}
}
