package dev.flareobserver.orchestration.resources.kv;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.api.kv.KvKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The keys of one namespace (under one prefix) as far as the user has scrolled: pages are fetched on demand,
 * never ahead of need, and held compactly so a million-key namespace fits easily. Key names live as UTF-8 in
 * one growing byte array with an offset per key, expirations in a {@code long[]}, and metadata (which most keys
 * lack) as compact JSON in a map by row.
 *
 * <p>{@link #fetchNext()} does the request and may run on any thread; {@link #append} and the readers are
 * synchronized, so a UI can read rows on its own thread while a page loads elsewhere.
 */
public final class KvKeyBrowser {

    /** Rows from the end at which the next page is wanted, so scrolling rarely waits. */
    public static final int PREFETCH_DISTANCE = 200;

    private final String namespaceId;
    private final String prefix;
    private final Function<String, KvKeyPage> pages;

    private byte[] names = new byte[16 * 1024];
    private int namesUsed;
    private int[] offsets = new int[1024];
    private long[] expirations = new long[1024];
    private final Map<Integer, String> metadata = new HashMap<>();
    /** Keys whose UTF-8 form would not give them back (unpaired surrogates): kept as strings. */
    private final Map<Integer, String> unencodable = new HashMap<>();
    private int size;
    private String cursor;
    private boolean started;
    private boolean complete;

    /**
     * @param pages fetches the page at a cursor (null: the first page)
     */
    KvKeyBrowser(String namespaceId, String prefix, Function<String, KvKeyPage> pages) {
        this.namespaceId = Objects.requireNonNull(namespaceId, "namespaceId");
        this.prefix = prefix == null ? "" : prefix;
        this.pages = Objects.requireNonNull(pages, "pages");
    }

    public String namespaceId() {
        return namespaceId;
    }

    public String prefix() {
        return prefix;
    }

    /** Fetches the page after what is loaded (blocking; not on a UI thread). Nothing changes until {@link #append}. */
    public KvKeyPage fetchNext() {
        String at;
        synchronized (this) {
            if (complete) {
                return new KvKeyPage(cursor, java.util.List.of(), null);
            }
            at = started ? cursor : null;
        }
        return pages.apply(at);
    }

    /**
     * Adds a fetched page if it continues exactly where the loaded rows end; a page fetched twice or for an
     * older position is ignored.
     *
     * @return the number of rows added
     */
    public synchronized int append(KvKeyPage page) {
        String expected = started ? cursor : null;
        if (complete || !Objects.equals(page.requestedCursor(), expected)) {
            return 0;
        }
        for (KvKey key : page.keys()) {
            add(key);
        }
        started = true;
        cursor = page.nextCursor();
        complete = page.isLast();
        return page.keys().size();
    }

    /** Fetches and appends the next page in one call (for the command line and benchmarks). */
    public int loadNext() {
        return append(fetchNext());
    }

    public synchronized int size() {
        return size;
    }

    /** True once the last page was appended. */
    public synchronized boolean isComplete() {
        return complete;
    }

    public synchronized boolean isStarted() {
        return started;
    }

    /** Whether the next page should be fetched now that row {@code index} is shown. */
    public synchronized boolean wantsMore(int index) {
        return !complete && (!started || index >= size - PREFETCH_DISTANCE);
    }

    public synchronized String key(int row) {
        check(row);
        String odd = unencodable.get(row);
        if (odd != null) {
            return odd;
        }
        int end = row + 1 < size ? offsets[row + 1] : namesUsed;
        return new String(names, offsets[row], end - offsets[row], StandardCharsets.UTF_8);
    }

    /** Epoch seconds, or null when the key does not expire. */
    public synchronized Long expiration(int row) {
        check(row);
        return expirations[row] == 0 ? null : expirations[row];
    }

    /** The key's metadata as compact JSON, or null. */
    public synchronized String metadataJson(int row) {
        check(row);
        return metadata.get(row);
    }

    /** An estimate of the heap this browser holds, from its arrays' capacities and the metadata strings. */
    public synchronized long estimatedBytes() {
        long bytes = 16L + names.length + 4L * offsets.length + 8L * expirations.length;
        for (String json : metadata.values()) {
            bytes += 48 + 40 + json.length(); // map entry + boxed row + compact Latin-1 string
        }
        for (String key : unencodable.values()) {
            bytes += 48 + 40 + 2L * key.length();
        }
        return bytes;
    }

    private void add(KvKey key) {
        byte[] utf8 = key.name().getBytes(StandardCharsets.UTF_8);
        if (size == offsets.length) {
            int capacity = offsets.length * 2;
            offsets = Arrays.copyOf(offsets, capacity);
            expirations = Arrays.copyOf(expirations, capacity);
        }
        if (namesUsed + utf8.length > names.length) {
            names = Arrays.copyOf(names, Math.max(names.length * 2, namesUsed + utf8.length));
        }
        System.arraycopy(utf8, 0, names, namesUsed, utf8.length);
        offsets[size] = namesUsed;
        namesUsed += utf8.length;
        expirations[size] = key.expiration() == null ? 0 : key.expiration();
        JsonNode meta = key.metadata();
        if (meta != null) {
            metadata.put(size, meta.toString());
        }
        if (!new String(utf8, StandardCharsets.UTF_8).equals(key.name())) {
            unencodable.put(size, key.name());
        }
        size++;
    }

    private void check(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("Row " + row + " of " + size);
        }
    }
}
