package dev.flareobserver.app.page.kv;

/** How the editor sets a key's expiration. */
public enum KvExpiryChoice {
    NEVER("Never expires"),
    TTL("Expires after (seconds)"),
    AT("Expires at (UTC)");

    private final String label;

    KvExpiryChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
