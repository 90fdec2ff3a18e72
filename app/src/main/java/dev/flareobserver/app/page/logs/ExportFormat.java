package dev.flareobserver.app.page.logs;

/** The export formats of the Logs page. */
public enum ExportFormat {
    /** One JSON object a line, the object {@code wrangler tail --format json} prints. */
    NDJSON("NDJSON (one JSON event a line)", "ndjson"),
    /** Readable lines, like wrangler's pretty format. */
    TEXT("Text (as wrangler prints it)", "log");

    private final String label;
    private final String extension;

    ExportFormat(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    public String label() {
        return label;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }
}
