package dev.flareobserver.app.chart;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the ticks of a time axis go and how they read: on round clock times of the viewer's zone
 * (every 2 min for 15 minutes ... every day for a week), {@code HH:mm} up to a day, {@code EEE HH:mm} beyond.
 * Pure, so it is tested without a toolkit.
 */
public final class TimeTicks {

    private static final List<Duration> UNITS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(2),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1));
    /** Enough labels to read a shape, few enough that "EEE HH:mm" labels never collide on a narrow chart. */
    private static final int MAX_TICKS = 8;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY_CLOCK = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private TimeTicks() {
    }

    /** The tick spacing for a visible span. */
    public static Duration unitFor(Duration span) {
        for (Duration unit : UNITS) {
            if (span.toMillis() / unit.toMillis() <= MAX_TICKS) {
                return unit;
            }
        }
        return UNITS.get(UNITS.size() - 1);
    }

    public static DateTimeFormatter formatFor(Duration span) {
        return span.compareTo(Duration.ofHours(25)) <= 0 ? CLOCK : DAY_CLOCK;
    }

    /** The tick times inside [from, to], aligned on round times of {@code zone}. */
    public static List<Instant> ticks(Instant from, Instant to, ZoneId zone) {
        List<Instant> out = new ArrayList<>();
        if (!to.isAfter(from)) {
            return out;
        }
        Duration unit = unitFor(Duration.between(from, to));
        ZonedDateTime t;
        if (unit.toDays() >= 1) {
            t = from.atZone(zone).truncatedTo(ChronoUnit.DAYS);
        } else {
            ZonedDateTime start = from.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
            long minutesOfDay = start.getHour() * 60L + start.getMinute();
            long unitMinutes = unit.toMinutes();
            t = start.minusMinutes(minutesOfDay % unitMinutes);
        }
        while (!t.toInstant().isAfter(to)) {
            if (!t.toInstant().isBefore(from)) {
                out.add(t.toInstant());
            }
            // Adding to the zoned time keeps ticks on local midnights across daylight-saving changes.
            t = unit.toDays() >= 1 ? t.plusDays(unit.toDays()) : t.plus(unit);
        }
        return out;
    }

    public static String label(Instant t, Duration span, ZoneId zone) {
        return formatFor(span).format(t.atZone(zone));
    }
}
