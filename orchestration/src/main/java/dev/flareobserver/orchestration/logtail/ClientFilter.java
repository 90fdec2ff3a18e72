package dev.flareobserver.orchestration.logtail;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The filter applied on this side, instantly, over what the buffer holds: text (plain, case-insensitive)
 * or a regular expression over the entry's URL, first line and JSON; a minimum level; Workers; outcomes.
 * GAP and NOTICE entries pass whenever their Worker does, so a filtered view still shows where
 * continuity was lost. Immutable.
 *
 * @param text     search text or regex; empty matches all
 * @param regex    whether {@code text} is a regular expression
 * @param minLevel entries whose most severe log is below this are hidden (NONE shows all)
 * @param workers  only these Workers; empty means all
 * @param outcomes only these wire outcomes; empty means all
 */
public record ClientFilter(String text, boolean regex, LogLevel minLevel, Set<String> workers, Set<String> outcomes) {

    private static final ClientFilter ALL = new ClientFilter("", false, LogLevel.NONE, Set.of(), Set.of());

    public ClientFilter {
        text = text == null ? "" : text;
        minLevel = minLevel == null ? LogLevel.NONE : minLevel;
        workers = Set.copyOf(workers == null ? Set.of() : workers);
        outcomes = Set.copyOf(outcomes == null ? Set.of() : outcomes);
        if (regex) {
            try {
                Pattern.compile(text);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("Not a valid regular expression: " + e.getDescription()
                        + " near position " + e.getIndex());
            }
        }
    }

    public static ClientFilter all() {
        return ALL;
    }

    public boolean isAll() {
        return equals(ALL);
    }

    /** A predicate for this filter, compiled once; call it from one thread at a time. */
    public Predicate<LogEntry> predicate() {
        Predicate<String> textMatch;
        if (text.isEmpty()) {
            textMatch = s -> true;
        } else if (regex) {
            Pattern p = Pattern.compile(text);
            textMatch = s -> s != null && p.matcher(s).find();
        } else {
            String needle = text.toLowerCase(Locale.ROOT);
            textMatch = s -> s != null && containsIgnoreCase(s, needle);
        }
        return e -> {
            if (!workers.isEmpty() && !workers.contains(e.worker())) {
                return false;
            }
            if (e.kind() != EntryKind.EVENT) {
                return true;
            }
            if (!outcomes.isEmpty() && !outcomes.contains(e.outcome())) {
                return false;
            }
            if (e.level().compareTo(minLevel) < 0) {
                return false;
            }
            return text.isEmpty() || textMatch.test(e.url()) || textMatch.test(e.firstLine()) || textMatch.test(e.json());
        };
    }

    /**
     * Case-insensitive {@code contains} without lower-casing a copy of each haystack: a rescan of a full
     * buffer would otherwise allocate as much as the buffer holds. {@code needle} is lower case.
     */
    static boolean containsIgnoreCase(String haystack, String needle) {
        int n = needle.length();
        if (n == 0) {
            return true;
        }
        char lower = needle.charAt(0);
        char upper = Character.toUpperCase(lower);
        for (int i = 0, last = haystack.length() - n; i <= last; i++) {
            char c = haystack.charAt(i);
            if ((c == lower || c == upper || Character.toLowerCase(c) == lower)
                    && haystack.regionMatches(true, i, needle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
