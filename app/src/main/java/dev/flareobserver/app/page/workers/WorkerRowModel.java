package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.time.Instant;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One line of the Workers table, kept for as long as its Worker exists: each snapshot updates its
 * properties in place, so the table keeps the selection, the scroll position and its cells. A property
 * only fires when its text or sort value really changed.
 */
public final class WorkerRowModel {

    private final String scriptName;
    private final ReadOnlyObjectWrapper<Metric> requestsPerSecond = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> errors = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> errorRatio = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> cpuP50 = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> cpuP99 = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> wallP99 = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> subrequests = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<Metric> lastDeploy = new ReadOnlyObjectWrapper<>(Metric.UNKNOWN);
    private final ReadOnlyObjectWrapper<HealthBadge> health =
            new ReadOnlyObjectWrapper<>(HealthBadge.of(dev.flareobserver.orchestration.monitor.Health.UNKNOWN, false));
    private WorkerRow source;
    private Instant deployTextNow;

    public WorkerRowModel(String scriptName) {
        this.scriptName = Objects.requireNonNull(scriptName);
    }

    /** Takes the figures of the latest snapshot; {@code now} is what "last deploy 3 h ago" is relative to. */
    public void update(WorkerRow row, Instant now) {
        source = row;
        number(requestsPerSecond, row.requestsPerSecond(), WorkerFormats::perSecond);
        number(errors, (double) row.errors(), v -> WorkerFormats.count((long) v));
        // Without requests there is no ratio: unknown, not 0 %.
        number(errorRatio, row.requests() == 0 ? null : row.errorRatio(), WorkerFormats::percent);
        number(cpuP50, row.cpuP50Ms(), WorkerFormats::millis);
        number(cpuP99, row.cpuP99Ms(), WorkerFormats::millis);
        number(wallP99, row.wallP99Ms(), WorkerFormats::millis);
        number(subrequests, (double) row.subrequests(), v -> WorkerFormats.count((long) v));
        // Relative to now: the text changes while the instant does not, so a new "now" makes a new figure.
        Instant deployed = row.lastDeploy();
        if (deployed == null) {
            if (lastDeploy.get().known()) {
                lastDeploy.set(Metric.UNKNOWN);
            }
        } else if (!lastDeploy.get().known() || lastDeploy.get().value() != deployed.toEpochMilli()
                || !now.equals(deployTextNow)) {
            lastDeploy.set(Metric.of(deployed.toEpochMilli(), v -> WorkerFormats.ago(deployed, now)));
        }
        deployTextNow = now;
        HealthBadge current = health.get();
        if (current.health() != row.health() || current.spike() != row.spike()) {
            health.set(HealthBadge.of(row.health(), row.spike()));
        }
    }

    /**
     * Fires only when the number changed (most figures of most Workers stay the same between refreshes);
     * the text is formatted later, and only if a cell shows it.
     */
    private static void number(ReadOnlyObjectWrapper<Metric> property, Double value,
                               java.util.function.DoubleFunction<String> format) {
        Metric current = property.get();
        if (value == null) {
            if (current.known()) {
                property.set(Metric.UNKNOWN);
            }
        } else if (!current.known() || current.value() != value) {
            property.set(Metric.of(value, format));
        }
    }

    public String scriptName() {
        return scriptName;
    }

    /** The snapshot row last applied, or null before the first. */
    public WorkerRow source() {
        return source;
    }

    public ReadOnlyObjectProperty<Metric> requestsPerSecondProperty() { return requestsPerSecond.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> errorsProperty() { return errors.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> errorRatioProperty() { return errorRatio.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> cpuP50Property() { return cpuP50.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> cpuP99Property() { return cpuP99.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> wallP99Property() { return wallP99.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> subrequestsProperty() { return subrequests.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Metric> lastDeployProperty() { return lastDeploy.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<HealthBadge> healthProperty() { return health.getReadOnlyProperty(); }

    @Override
    public String toString() {
        return scriptName;
    }
}
