package dev.flareobserver.app.cli;

import static dev.flareobserver.app.page.workers.Fixtures.NOW;
import static dev.flareobserver.app.page.workers.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.page.workers.Fixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkersTableTest {

    @Test
    void rendersBusiestFirstWithUnitsRightAlignedFiguresAndDashesForUnknown() {
        String out = WorkersTable.render("Acme (acc)", "15 m", Fixtures.snapshot(NOW, List.of(
                row("legacy-cron", 0, 0, null), row("api-gateway", 40, 3, 9.0), row("auth-service", 2, 0, 4.0))),
                Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
        String[] lines = out.split("\n");

        assertThat(lines[0]).isEqualTo("Acme (acc) · 3 Workers · last 15 m · updated 12:00:00");
        assertThat(lines[1]).isEqualTo("600 req/min · errors 1.0 % · CPU p99 13 ms · 1 Worker with errors");
        assertThat(lines[3]).startsWith("NAME");
        assertThat(lines[4]).startsWith("api-gateway").contains("9.0 ms").endsWith("Warning");
        assertThat(lines[6]).startsWith("legacy-cron").contains("—");
        // Figures are right-aligned: the req/s column ends at the same place on every line.
        int end = lines[3].indexOf("REQ/S") + "REQ/S".length();
        assertThat(lines[4].substring(0, end)).endsWith("40.0");
        assertThat(lines[6].substring(0, end)).endsWith("0");
    }

    @Test
    void aStaleSnapshotSaysSoAndWhy() {
        var good = Fixtures.snapshot(NOW, List.of(row("api-gateway", 40, 3, 9.0)));
        String out = WorkersTable.render("Acme", "15 m", Fixtures.stale(good, NOW),
                Clock.fixed(NOW.plusSeconds(180), ZoneOffset.UTC), ZoneOffset.UTC);
        assertThat(out).contains("stale · 3 m old").contains("! rate limiter budget depleted");
    }
}
