package dev.flareobserver.emulator.kv;

/**
 * KV's limits and error codes. Confirmed by public clients: 10009 "get: 'key not found'" (404), 10013
 * "namespace not found", 10014 (wrangler: a namespace with that title exists). The other codes are
 * unconfirmed; their HTTP statuses and messages follow the Workers runtime's KV errors (414 for a key too long,
 * 413 for a value or metadata too large, 400 for a bad expiration or list limit).
 */
final class KvErrors {

    static final int MAX_KEY_BYTES = 512;
    static final int MAX_VALUE_BYTES = 25 * 1024 * 1024;
    static final int MAX_METADATA_BYTES = 1024;
    static final int MIN_TTL_SECONDS = 60;
    static final int MIN_LIST_LIMIT = 10;
    static final int MAX_LIST_LIMIT = 1000;
    static final int MAX_BULK_ITEMS = 10_000;
    static final int MAX_BULK_GET_KEYS = 100;
    static final int MAX_BULK_BYTES = 100_000_000;
    /** Unconfirmed: Cloudflare documents no title limit; the service and this emulator agree on 512. */
    static final int MAX_TITLE_LENGTH = 512;

    static final int KEY_NOT_FOUND = 10009;
    static final int NAMESPACE_NOT_FOUND = 10013;
    static final int TITLE_EXISTS = 10014;
    static final int INVALID_TITLE = 10019;
    static final int INVALID_KEY = 10020;
    static final int INVALID_EXPIRATION = 10033;
    static final int VALUE_TOO_LARGE = 10011;
    static final int INVALID_METADATA = 10012;
    static final int INVALID_LIMIT = 10036;
    static final int INVALID_CURSOR = 10037;
    static final int INVALID_BODY = 10026;

    private KvErrors() {
    }
}
