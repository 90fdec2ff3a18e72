package dev.flareobserver.orchestration.connection;

/** An account the token can see, as the UI lists it. */
public record AccountSummary(String id, String name, String type) {

    /** "Name (id)" when both are known; what a switcher or a palette shows. */
    public String label() {
        if (name == null || name.isBlank()) {
            return id;
        }
        return name;
    }
}
