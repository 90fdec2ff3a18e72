package dev.flareobserver.orchestration.provision;

/** A new apply was refused because an earlier apply of the same config never finished: resume or roll it back first. */
public final class UnfinishedApplyException extends RuntimeException {

    private final ApplyRecord record;

    public UnfinishedApplyException(ApplyRecord record) {
        super("An earlier apply of " + record.header().configFile() + " did not finish (journal " + record.applyId()
                + ", started " + record.startedAt() + ": " + record.progressSummary() + "). Resume it to finish the "
                + "remaining steps, or roll it back to delete what it created; nothing was sent.");
        this.record = record;
    }

    public ApplyRecord record() {
        return record;
    }
}
