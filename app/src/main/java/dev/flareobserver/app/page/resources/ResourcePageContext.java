package dev.flareobserver.app.page.resources;

import dev.flareobserver.app.session.Resources;
import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.orchestration.task.TaskRunner;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;

/**
 * What the KV, R2 and D1 pages are built from.
 *
 * @param resources the services on the current connection
 * @param writeLock the session's write lock (bind write buttons' {@code disable} to it)
 * @param tasks     runs every request (never on the FX thread)
 * @param fx        back onto the FX thread, once per result
 * @param files     open/save dialogs (UI tests replace them)
 * @param session   the connection state; a page reloads when the account changes
 */
public record ResourcePageContext(Resources resources, WriteLockModel writeLock, TaskRunner tasks, Executor fx,
                                  FileDialogs files, ObservableValue<SessionSnapshot> session) {

    public ResourcePageContext {
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(writeLock, "writeLock");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(fx, "fx");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(session, "session");
    }
}
