package dev.flareobserver.app.page.logs;

import dev.flareobserver.api.workers.TailFilters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Server filters from text, as wrangler tail's flags take them, for the Logs page's form and the
 * {@code tail} command alike: the same values give the same filters and the same messages. Pure.
 */
public final class ServerFilters {

    private ServerFilters() {
    }

    /**
     * The filters of these values; null or blank values and empty lists mean "no such filter".
     *
     * @throws IllegalArgumentException with a sentence for the user when a value is not valid
     */
    public static TailFilters build(List<String> statuses, List<String> methods, String header, List<String> ips,
                                    String search, String samplingRate, String versionId) {
        TailFilters f = TailFilters.none();
        if (!statuses.isEmpty()) {
            f = f.withOutcomes(TailFilters.outcomesForStatus(statuses));
        }
        if (!methods.isEmpty()) {
            f = f.withMethods(methods);
        }
        if (header != null && !header.isBlank()) {
            f = f.withHeader(header.strip());
        }
        if (!ips.isEmpty()) {
            f = f.withClientIps(ips);
        }
        if (search != null && !search.isBlank()) {
            f = f.withQuery(search.strip());
        }
        if (samplingRate != null && !samplingRate.isBlank()) {
            f = f.withSamplingRate(rate(samplingRate.strip()));
        }
        if (versionId != null && !versionId.isBlank()) {
            f = f.withScriptVersion(versionId.strip());
        }
        return f;
    }

    private static double rate(String text) {
        try {
            double r = Double.parseDouble(text.endsWith("%")
                    ? text.substring(0, text.length() - 1).strip() : text);
            return text.endsWith("%") ? r / 100 : r;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Sampling rate must be a number between 0 and 1 (exclusive), got '"
                    + text + "'");
        }
    }

    /** "GET, post  PUT" → [GET, post, PUT]. */
    public static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** "status error · method POST · sampling 0.1" for the toolbar; empty when nothing is set. */
    public static String summary(TailFilters f) {
        List<String> parts = new ArrayList<>();
        if (!f.outcomes().isEmpty()) {
            parts.add("outcome " + String.join("/", f.outcomes()));
        }
        if (!f.methods().isEmpty()) {
            parts.add("method " + String.join("/", f.methods()));
        }
        if (f.headerKey() != null) {
            parts.add("header " + f.headerKey() + (f.headerQuery() == null ? "" : ":" + f.headerQuery()));
        }
        if (!f.clientIps().isEmpty()) {
            parts.add("IP " + String.join("/", f.clientIps()));
        }
        if (f.query() != null) {
            parts.add("search “" + f.query() + "”");
        }
        if (f.samplingRate() != null) {
            parts.add("sampling " + String.format(Locale.ROOT, "%s", f.samplingRate()));
        }
        if (f.scriptVersion() != null) {
            parts.add("version " + f.scriptVersion().substring(0, Math.min(8, f.scriptVersion().length())));
        }
        return String.join(" · ", parts);
    }
}
