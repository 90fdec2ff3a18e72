package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of an apply journal. Types: {@code start} (with the header), {@code step-begin}, {@code step-done}
 * (with the id), {@code step-failed}, {@code writeback-begin} (with the text before), {@code writeback-done}
 * (with the text after), {@code rollback-begin}, {@code rollback-done}, {@code rollback-failed}, {@code end}
 * (with the outcome in {@code message}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEvent(String type, Instant at, Integer step, String resourceId, String message,
                           JournalHeader header, String text) {

    static JournalEvent of(String type, Instant at) {
        return new JournalEvent(type, at, null, null, null, null, null);
    }

    JournalEvent step(int index) {
        return new JournalEvent(type, at, index, resourceId, message, header, text);
    }

    JournalEvent id(String value) {
        return new JournalEvent(type, at, step, value, message, header, text);
    }

    JournalEvent message(String value) {
        return new JournalEvent(type, at, step, resourceId, value, header, text);
    }

    JournalEvent header(JournalHeader value) {
        return new JournalEvent(type, at, step, resourceId, message, value, text);
    }

    JournalEvent text(String value) {
        return new JournalEvent(type, at, step, resourceId, message, header, value);
    }
}
