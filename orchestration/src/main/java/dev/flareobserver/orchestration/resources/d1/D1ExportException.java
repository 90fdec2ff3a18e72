package dev.flareobserver.orchestration.resources.d1;

/** Cloudflare reported the export as failed (status "error"); the message is its own. Nothing was written. */
public final class D1ExportException extends RuntimeException {

    public D1ExportException(String message) {
        super(message);
    }
}
