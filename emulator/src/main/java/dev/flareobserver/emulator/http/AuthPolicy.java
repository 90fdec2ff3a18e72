package dev.flareobserver.emulator.http;

/** How a route wants its caller checked before the handler runs. */
public enum AuthPolicy {
    /** An active token or the global API key (every ordinary endpoint). */
    ACTIVE,
    /** Any known token whatever its status, so token verify can report "expired" or "disabled". */
    ANY_TOKEN,
    /** No credentials: the URL itself is the credential (a signed download link, such as a D1 export's). */
    SIGNED_URL
}
