package dev.flareobserver.orchestration.task;

/** An immutable picture of one task, for listeners and the UI's task list. */
public record TaskSnapshot(long id, String title, double progress, String message, TaskState state, String error) {

    public boolean isDone() {
        return state.isDone();
    }

    public boolean isIndeterminate() {
        return progress < 0;
    }
}
