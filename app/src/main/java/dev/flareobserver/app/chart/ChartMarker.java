package dev.flareobserver.app.chart;

import java.time.Instant;
import java.util.Objects;

/**
 * A vertical line on a {@link TimeChart} (a deployment).
 *
 * @param at      where it stands
 * @param flag    the short text at its top ("v7")
 * @param details the hover text (version, author, message, change around it)
 */
public record ChartMarker(Instant at, String flag, String details) {

    public ChartMarker {
        Objects.requireNonNull(at);
        Objects.requireNonNull(flag);
        Objects.requireNonNull(details);
    }
}
