package dev.flareobserver.orchestration.provision;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An apply as its journal tells it: every step's state, whether the config was written, and how it ended
 * ({@link #outcome()} null = it never finished: the process died or the machine went down mid-apply).
 */
public final class ApplyRecord {

    /** Where one create step got to. BEGUN means the request may or may not have reached the account. */
    public enum StepState { PENDING, BEGUN, DONE, FAILED, ROLLBACK_BEGUN, ROLLED_BACK, ROLLBACK_FAILED }

    public static final String APPLIED = "applied";
    public static final String ROLLED_BACK = "rolled-back";
    public static final String ROLLBACK_INCOMPLETE = "rollback-incomplete";

    private final Path file;
    private final JournalHeader header;
    private final Instant startedAt;
    private final List<StepState> states;
    private final List<String> ids;
    private Instant endedAt;
    private String outcome;
    private String configBefore;
    private String configAfter;
    private boolean writeBackBegun;
    private boolean writeBackDone;
    private final List<String> lines = new ArrayList<>();

    ApplyRecord(Path file, JournalHeader header, Instant startedAt) {
        this.file = file;
        this.header = header;
        this.startedAt = startedAt;
        this.states = new ArrayList<>(Collections.nCopies(header.steps().size(), StepState.PENDING));
        this.ids = new ArrayList<>(Collections.nCopies(header.steps().size(), (String) null));
    }

    /** Folds one journal line in. */
    void apply(JournalEvent e) {
        Integer i = e.step();
        switch (e.type()) {
            case "step-begin" -> states.set(i, StepState.BEGUN);
            case "step-done" -> {
                states.set(i, StepState.DONE);
                ids.set(i, e.resourceId());
            }
            case "step-failed" -> states.set(i, StepState.FAILED);
            case "rollback-begin" -> states.set(i, StepState.ROLLBACK_BEGUN);
            case "rollback-done" -> states.set(i, StepState.ROLLED_BACK);
            case "rollback-failed" -> states.set(i, StepState.ROLLBACK_FAILED);
            case "writeback-begin" -> {
                writeBackBegun = true;
                configBefore = e.text();
            }
            case "writeback-done" -> {
                writeBackDone = true;
                configAfter = e.text();
            }
            case "config-restored" -> writeBackDone = false;
            case "end" -> {
                outcome = e.message();
                endedAt = e.at();
            }
            default -> { }
        }
        lines.add(describe(e));
    }

    private String describe(JournalEvent e) {
        String step = e.step() == null ? "" : header.steps().get(e.step()).describe();
        return switch (e.type()) {
            case "start" -> "Apply of " + header.configFile() + (header.env() == null ? "" : " (env " + header.env() + ")")
                    + ": " + header.steps().size() + " to create";
            case "step-begin" -> "Creating " + step + "…";
            case "step-done" -> "Created " + step + " (" + e.resourceId() + ")" + (e.message() == null ? "" : " — " + e.message());
            case "step-failed" -> "Failed to create " + step + ": " + e.message();
            case "writeback-begin" -> "Writing ids into " + header.configFile() + "…";
            case "writeback-done" -> "Wrote ids into " + header.configFile();
            case "config-restored" -> "Restored " + header.configFile() + " as it was before the apply";
            case "rollback-begin" -> "Rolling back " + step + "…";
            case "rollback-done" -> "Deleted " + step + (e.message() == null ? "" : " (" + e.message() + ")");
            case "rollback-failed" -> "Could not delete " + step + ": " + e.message();
            case "end" -> "Ended: " + e.message();
            default -> e.type();
        };
    }

    public Path file() {
        return file;
    }

    public String applyId() {
        return header.applyId();
    }

    public JournalHeader header() {
        return header;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** {@link #APPLIED}, {@link #ROLLED_BACK}, {@link #ROLLBACK_INCOMPLETE}, or null when it never finished. */
    public String outcome() {
        return outcome;
    }

    public boolean isFinished() {
        return outcome != null;
    }

    public StepState state(int step) {
        return states.get(step);
    }

    /** The created resource's id, once the step is done. */
    public String createdId(int step) {
        return ids.get(step);
    }

    public boolean writeBackBegun() {
        return writeBackBegun;
    }

    public boolean writeBackDone() {
        return writeBackDone;
    }

    public String configBefore() {
        return configBefore;
    }

    public String configAfter() {
        return configAfter;
    }

    /** The journal as lines for a person, oldest first. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** "3 of 4 steps done" and the like, for a list of applies. */
    public String progressSummary() {
        long done = states.stream().filter(s -> s == StepState.DONE).count();
        long rolledBack = states.stream().filter(s -> s == StepState.ROLLED_BACK).count();
        return done + " of " + states.size() + " created" + (rolledBack > 0 ? ", " + rolledBack + " rolled back" : "")
                + (writeBackDone ? ", config written" : "");
    }
}
