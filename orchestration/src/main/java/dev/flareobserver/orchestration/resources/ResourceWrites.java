package dev.flareobserver.orchestration.resources;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one door every write of the resource services goes through: refuses it in read-only mode before
 * any request, runs it, and records the attempt (success or failure, with before/after) in the audit
 * trail. Failures are rethrown unchanged after they are recorded.
 */
public final class ResourceWrites {

    /** What is about to be written: for the read-only message and the audit entry. */
    public record Write(String accountId, String product, String action, String target, String before) {

        public Write {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
        }

        public static Write of(String accountId, String product, String action, String target) {
            return new Write(accountId, product, action, target, null);
        }

        public Write withBefore(String value) {
            return new Write(accountId, product, action, target, value);
        }

        String describe() {
            return product + " " + action + " " + target;
        }
    }

    private final WriteAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    public ResourceWrites(WriteAccess access, AuditTrail audit, Clock clock) {
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Unlocked writes, an in-memory trail: for tests and one-shot command-line writes. */
    public static ResourceWrites unlockedInMemory() {
        return new ResourceWrites(WriteAccess.unlocked(), AuditTrail.inMemory(), Clock.systemUTC());
    }

    public WriteAccess access() {
        return access;
    }

    public AuditTrail audit() {
        return audit;
    }

    /** Checks access only: for writes that must fail early (before local validation or reading "before"). */
    public void requireUnlocked(Write write) {
        access.requireUnlocked(write.describe());
    }

    /** Runs a write whose "after" is not worth recording. */
    public <T> T run(Write write, Supplier<T> work) {
        return run(write, work, result -> null);
    }

    /**
     * @param after what to record as the state after a success (may return null)
     * @throws ReadOnlyException when writes are locked; nothing is run or recorded then
     */
    public <T> T run(Write write, Supplier<T> work, Function<T, String> after) {
        access.requireUnlocked(write.describe());
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            audit.record(new AuditEntry(clock.instant(), write.accountId(), write.product(), write.action(),
                    write.target(), false, messageOf(e), write.before(), null));
            throw e;
        }
        audit.record(new AuditEntry(clock.instant(), write.accountId(), write.product(), write.action(),
                write.target(), true, null, write.before(), after.apply(result)));
        return result;
    }

    /** Like {@link #run(Write, Supplier)} for writes with no result. */
    public void run(Write write, Runnable work) {
        run(write, () -> {
            work.run();
            return null;
        });
    }

    private static String messageOf(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
