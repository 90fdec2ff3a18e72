package dev.flareobserver.orchestration.logtail;

/**
 * Live counters of a session.
 *
 * @param received        events received from the sockets
 * @param dropped         events evicted or refused because the buffer was full (the ring buffer drops the oldest)
 * @param sampled         overload notices from the service (it was sampling: some events never reached us)
 * @param filtered        events the current client filter hides
 * @param gaps            gap markers in the stream
 * @param buffered        entries held in the buffer now
 * @param eventsPerSecond received events per second over the last few seconds
 */
public record LogCounters(long received, long dropped, long sampled, long filtered, long gaps, long buffered,
                          double eventsPerSecond) {
}
