package dev.flareobserver.app.page.kv;

/** How a value is shown. */
public enum KvViewMode {
    TEXT("Text"),
    JSON("JSON"),
    HEX("Hex"),
    IMAGE("Image");

    private final String label;

    KvViewMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
