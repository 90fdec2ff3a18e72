package dev.flareobserver.orchestration.resources.d1;

import java.nio.file.Path;

/** A finished export: where the .sql file is, how big it is, and the name Cloudflare gave it. */
public record D1ExportResult(Path file, long bytes, String serverFilename) {
}
