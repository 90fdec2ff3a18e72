package dev.flareobserver.emulator.faults;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A fault's path filter over the path after {@code /client/v4} (a leading {@code /client/v4} in the
 * pattern is ignored). A pattern starting with {@code regex:} or {@code ^} is a regular expression
 * (searched, so anchor it yourself); anything else is a glob matched against the whole path:
 * {@code *} = any characters within one segment, {@code **} = anything, {@code ?} = one character.
 * Example: {@code /accounts/*} matches {@code /accounts/abc} but not {@code /accounts/abc/tokens/verify}.
 */
public final class PathPattern {

    private static final String PREFIX = "/client/v4";

    private final Pattern pattern;
    private final boolean regex;

    private PathPattern(Pattern pattern, boolean regex) {
        this.pattern = pattern;
        this.regex = regex;
    }

    public static PathPattern compile(String spec) {
        try {
            if (spec.startsWith("regex:")) {
                return new PathPattern(Pattern.compile(spec.substring("regex:".length())), true);
            }
            if (spec.startsWith("^")) {
                return new PathPattern(Pattern.compile(spec), true);
            }
            String glob = spec.startsWith(PREFIX) ? spec.substring(PREFIX.length()) : spec;
            return new PathPattern(Pattern.compile(globToRegex(glob)), false);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid fault path pattern '" + spec + "': " + e.getDescription(), e);
        }
    }

    public boolean matches(String path) {
        return regex ? pattern.matcher(path).find() : pattern.matcher(path).matches();
    }

    private static String globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    b.append(".*");
                    i++;
                } else {
                    b.append("[^/]*");
                }
            } else if (c == '?') {
                b.append("[^/]");
            } else {
                b.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // One optional trailing slash, as the router ignores it too.
        return b + "/?";
    }
}
