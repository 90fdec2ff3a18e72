package dev.flareobserver.app.page.kv;

import dev.flareobserver.app.page.workers.PanelProblem;
import java.util.concurrent.CompletionException;

/** Failures of KV actions as a person reads them: what failed, why in one line, the full chain one click away. */
final class KvProblems {

    private KvProblems() {
    }

    static PanelProblem of(String what, Throwable error) {
        Throwable cause = unwrap(error);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().strip();
        StringBuilder details = new StringBuilder();
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            details.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return new PanelProblem(what, message, details.toString().strip());
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
