package dev.flareobserver.emulator.http;

import java.util.List;

/** Cloudflare's page/per_page pagination ({@code V4PagePaginationArray}). */
public final class Paging {

    /** {@code result_info} of a page-paginated list. */
    public record ResultInfo(int page, int perPage, int count, int totalCount, int totalPages) {
    }

    public record Slice<T>(List<T> items, ResultInfo info) {
    }

    /** The requested page and size, already validated. */
    public record PageRequest(int page, int perPage) {

        /**
         * Reads {@code page} and {@code per_page}. A value that is not a number is a 400.
         * A number outside the documented bounds is clamped, not rejected: unconfirmed, but the
         * documented {@code default}/{@code minimum}/{@code maximum} read as server-side limits, and
         * clamping keeps a careless client working while {@code result_info.per_page} shows the size used.
         */
        public static PageRequest from(RequestContext call, int minPerPage, int maxPerPage, int defaultPerPage) {
            int page = Math.max(1, intParam(call, "page", 1));
            int perPage = Math.min(maxPerPage, Math.max(minPerPage, intParam(call, "per_page", defaultPerPage)));
            return new PageRequest(page, perPage);
        }

        public <T> Slice<T> slice(List<T> all) {
            long from = (long) (page - 1) * perPage;
            List<T> items = from >= all.size()
                    ? List.of()
                    : all.subList((int) from, (int) Math.min(all.size(), from + perPage));
            int totalPages = (all.size() + perPage - 1) / perPage;
            return new Slice<>(List.copyOf(items), new ResultInfo(page, perPage, items.size(), all.size(), totalPages));
        }

        private static int intParam(RequestContext call, String name, int fallback) {
            String raw = call.query(name);
            if (raw == null || raw.isEmpty()) {
                return fallback;
            }
            try {
                // The spec types these as "number"; accept "2.0" but not "2.5".
                double d = Double.parseDouble(raw);
                if (d != Math.rint(d) || Double.isInfinite(d)) {
                    throw ApiException.badParameter(name, "must be a whole number");
                }
                return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, d));
            } catch (NumberFormatException e) {
                throw ApiException.badParameter(name, "must be a number");
            }
        }
    }

    private Paging() {
    }
}
