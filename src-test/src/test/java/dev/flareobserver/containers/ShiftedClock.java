package dev.flareobserver.containers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock plus a shift a test moves (registry credentials expire in emulator time). */
public final class ShiftedClock extends Clock {

    private volatile Duration shift = Duration.ZERO;

    public void shift(Duration by) {
        shift = shift.plus(by);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }
}
