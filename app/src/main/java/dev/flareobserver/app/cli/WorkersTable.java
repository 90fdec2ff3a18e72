package dev.flareobserver.app.cli;

import dev.flareobserver.app.page.workers.WorkerFormats;
import dev.flareobserver.orchestration.monitor.AccountSnapshot;
import dev.flareobserver.orchestration.monitor.Totals;
import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Workers table of the command line, as the app's table reads (same units, "—" for unknown), busiest
 * Worker first. Pure: tested on plain snapshots.
 */
final class WorkersTable {

    static final Comparator<WorkerRow> BUSIEST_FIRST = Comparator.comparingDouble(WorkerRow::requestsPerSecond)
            .reversed().thenComparing(WorkerRow::scriptName);
    private static final String[] HEADERS = {"NAME", "REQ/S", "ERRORS", "ERROR %", "CPU P50", "CPU P99", "WALL P99",
            "SUBREQUESTS", "LAST DEPLOY", "HEALTH"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private WorkersTable() {
    }

    /** A header line (account, figures, freshness), then the table. */
    static String render(String account, String span, AccountSnapshot s, Clock clock, ZoneId zone) {
        StringBuilder out = new StringBuilder();
        List<WorkerRow> rows = new ArrayList<>(s.workers());
        rows.sort(BUSIEST_FIRST);
        out.append(account).append(" · ").append(rows.size()).append(rows.size() == 1 ? " Worker" : " Workers")
                .append(" · last ").append(span);
        if (s.fetchedAt() != null) {
            out.append(" · ").append(s.staleness().stale()
                    ? WorkerFormats.stale(s.staleness().age(clock))
                    : "updated " + CLOCK.format(s.fetchedAt().atZone(zone)));
        }
        out.append('\n');
        Totals t = s.totals();
        if (t != null) {
            out.append(WorkerFormats.perMinute(t.requestsPerMinute())).append(" · errors ")
                    .append(WorkerFormats.percent(t.errorRatio())).append(" · CPU p99 ")
                    .append(WorkerFormats.millis(t.cpuP99Ms())).append(" · ").append(t.workersWithErrors())
                    .append(t.workersWithErrors() == 1 ? " Worker" : " Workers").append(" with errors\n");
        }
        if (s.problem() != null) {
            out.append("! ").append(s.problem().message()).append('\n');
        }
        out.append('\n');
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADERS);
        for (WorkerRow r : rows) {
            lines.add(cells(r, s));
        }
        out.append(align(lines));
        return out.toString();
    }

    static String[] cells(WorkerRow r, AccountSnapshot s) {
        return new String[] {
            r.scriptName(),
            WorkerFormats.perSecond(r.requestsPerSecond()),
            WorkerFormats.count(r.errors()),
            r.requests() == 0 ? WorkerFormats.UNKNOWN : WorkerFormats.percent(r.errorRatio()),
            WorkerFormats.millis(r.cpuP50Ms()),
            WorkerFormats.millis(r.cpuP99Ms()),
            WorkerFormats.millis(r.wallP99Ms()),
            WorkerFormats.count(r.subrequests()),
            WorkerFormats.ago(r.lastDeploy(), s.fetchedAt()),
            WorkerFormats.health(r.health()) + (r.spike() ? " (spike)" : ""),
        };
    }

    /** Name and health left-aligned, the figures right-aligned, two spaces between columns. */
    static String align(List<String[]> lines) {
        int n = HEADERS.length;
        int[] widths = new int[n];
        for (String[] l : lines) {
            for (int i = 0; i < n; i++) {
                widths[i] = Math.max(widths[i], l[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] l : lines) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                boolean left = i == 0 || i == n - 1;
                String pad = " ".repeat(widths[i] - l[i].length());
                line.append(left ? l[i] + pad : pad + l[i]);
                if (i < n - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The JSON shape of {@code --json}: plain numbers, null for unknown. */
    static Map<String, Object> json(String accountId, String accountName, String span, AccountSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accountId", accountId);
        m.put("accountName", accountName);
        m.put("span", span);
        m.put("fetchedAt", s.fetchedAt() == null ? null : s.fetchedAt().toString());
        m.put("stale", s.staleness().stale());
        m.put("problem", s.problem() == null ? null : s.problem().message());
        Totals t = s.totals();
        if (t != null) {
            Map<String, Object> totals = new LinkedHashMap<>();
            totals.put("requestsPerMinute", t.requestsPerMinute());
            totals.put("errorRatio", t.errorRatio());
            totals.put("cpuP99Ms", t.cpuP99Ms());
            totals.put("workersWithErrors", t.workersWithErrors());
            m.put("totals", totals);
        } else {
            m.put("totals", null);
        }
        List<Map<String, Object>> workers = new ArrayList<>();
        s.workers().stream().sorted(BUSIEST_FIRST).forEach(r -> {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("name", r.scriptName());
            w.put("requestsPerSecond", r.requestsPerSecond());
            w.put("requests", r.requests());
            w.put("errors", r.errors());
            w.put("errorRatio", r.requests() == 0 ? null : r.errorRatio());
            w.put("cpuP50Ms", r.cpuP50Ms());
            w.put("cpuP99Ms", r.cpuP99Ms());
            w.put("wallP99Ms", r.wallP99Ms());
            w.put("subrequests", r.subrequests());
            w.put("lastDeploy", r.lastDeploy() == null ? null : r.lastDeploy().toString());
            w.put("health", r.health() == null ? null : r.health().name().toLowerCase(Locale.ROOT));
            w.put("requestsTrend", r.requestsTrend());
            w.put("spike", r.spike());
            workers.add(w);
        });
        m.put("workers", workers);
        return m;
    }
}
