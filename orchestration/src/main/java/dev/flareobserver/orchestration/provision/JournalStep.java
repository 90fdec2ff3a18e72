package dev.flareobserver.orchestration.provision;

import java.util.List;

/**
 * One create step of an apply, as journaled: what to create and which config entries get its id
 * ({@code writeBackEntries}: entry paths whose {@code kind.idField()} is filled in).
 */
public record JournalStep(int index, ResourceKind kind, String binding, String name, String jurisdiction,
                          List<String> writeBackEntries) {

    public JournalStep {
        writeBackEntries = writeBackEntries == null ? List.of() : List.copyOf(writeBackEntries);
    }

    /** "KV namespace my-worker-cache". */
    public String describe() {
        return kind.label() + " " + name;
    }
}
