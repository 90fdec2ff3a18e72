package dev.flareobserver.emulator.graphql;

/** A query Cloudflare would refuse: becomes one GraphQL error whose message is exactly this message. */
final class QueryError extends RuntimeException {

    QueryError(String message) {
        super(message, null, false, false);
    }
}
