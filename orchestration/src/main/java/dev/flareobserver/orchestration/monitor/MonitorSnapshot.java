package dev.flareobserver.orchestration.monitor;

/** A monitor's snapshot: it knows how fresh it is and how to become "last good data, now stale". */
public interface MonitorSnapshot<S> {

    Staleness staleness();

    S withFailure(Staleness stale, MonitorProblem why);
}
