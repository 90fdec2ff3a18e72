package dev.flareobserver.orchestration.provision;

import java.util.List;

/**
 * An apply stopped part-way. It says what was done, what was rolled back, and what could not be (with the
 * journal that records it all, for a later rollback).
 */
public final class ApplyFailedException extends RuntimeException {

    private final String applyId;
    private final List<String> done;
    private final List<String> rolledBack;
    private final List<String> notRolledBack;

    public ApplyFailedException(String applyId, String why, List<String> done, List<String> rolledBack,
                                List<String> notRolledBack, Throwable cause) {
        super(message(why, done, rolledBack, notRolledBack), cause);
        this.applyId = applyId;
        this.done = List.copyOf(done);
        this.rolledBack = List.copyOf(rolledBack);
        this.notRolledBack = List.copyOf(notRolledBack);
    }

    public String applyId() {
        return applyId;
    }

    /** What this apply had created before it failed. */
    public List<String> done() {
        return done;
    }

    /** What of that was deleted again. */
    public List<String> rolledBack() {
        return rolledBack;
    }

    /** What could not be deleted: still in the account, recorded in the journal for a later rollback. */
    public List<String> notRolledBack() {
        return notRolledBack;
    }

    private static String message(String why, List<String> done, List<String> rolledBack, List<String> notRolledBack) {
        StringBuilder s = new StringBuilder("Apply failed: ").append(why).append('.');
        s.append(done.isEmpty() ? " Nothing had been created." : " Created before the failure: " + String.join(", ", done) + ".");
        if (!rolledBack.isEmpty()) {
            s.append(" Rolled back: ").append(String.join(", ", rolledBack)).append('.');
        }
        if (!notRolledBack.isEmpty()) {
            s.append(" NOT rolled back (still in the account; roll back again from the history): ")
                    .append(String.join(", ", notRolledBack)).append('.');
        } else {
            s.append(" The account is as it was before the apply.");
        }
        return s.toString();
    }
}
