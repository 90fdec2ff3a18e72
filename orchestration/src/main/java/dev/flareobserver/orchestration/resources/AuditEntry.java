package dev.flareobserver.orchestration.resources;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One write the app attempted: when, on which account, what (product, action, target), whether it
 * succeeded (and why not), and for values the state before and after as shown to a person
 * ({@link AuditValues#describe}). {@code before}/{@code after} are null when they do not apply.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant at, String accountId, String product, String action, String target,
                         boolean succeeded, String error, String before, String after) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
    }

    /** One line for a person: "KV put value cache/user:1 — ok". */
    public String summary() {
        return product + " " + action + " " + target + (succeeded ? " — ok" : " — failed: " + error);
    }
}
