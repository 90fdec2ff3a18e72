package dev.flareobserver.app.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeTicksTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant NOW = Instant.parse("2025-03-04T12:07:31Z"); // a Tuesday

    private static List<String> labels(Duration span) {
        List<String> out = new ArrayList<>();
        for (Instant t : TimeTicks.ticks(NOW.minus(span), NOW, UTC)) {
            out.add(TimeTicks.label(t, span, UTC));
        }
        return out;
    }

    @Test
    void ticksSitOnRoundClockTimes() {
        assertThat(labels(Duration.ofMinutes(15))).containsExactly("11:54", "11:56", "11:58", "12:00", "12:02",
                "12:04", "12:06");
        assertThat(labels(Duration.ofHours(1))).containsExactly("11:10", "11:20", "11:30", "11:40", "11:50", "12:00");
        assertThat(labels(Duration.ofHours(24))).containsExactly("15:00", "18:00", "21:00", "00:00", "03:00",
                "06:00", "09:00", "12:00");
    }

    @Test
    void aWeekShowsTheDayAtMidnight() {
        assertThat(labels(Duration.ofDays(7))).containsExactly("Wed 00:00", "Thu 00:00", "Fri 00:00", "Sat 00:00",
                "Sun 00:00", "Mon 00:00", "Tue 00:00");
    }

    @Test
    void seriesAreCappedByMergingNeighboursIntoTheirMean() {
        List<ChartPoint> points = new ArrayList<>();
        for (int i = 0; i < 800; i++) {
            points.add(new ChartPoint(NOW.plusSeconds(i), i % 2 == 0 ? 10.0 : 20.0));
        }
        ChartSeries capped = new ChartSeries("Requests", "req/min", points).capped(ChartSeries.MAX_POINTS);
        assertThat(capped.points()).hasSizeLessThanOrEqualTo(400);
        assertThat(capped.points().get(0).value()).isEqualTo(15.0);
    }
}
