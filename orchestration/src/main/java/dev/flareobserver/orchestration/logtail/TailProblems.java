package dev.flareobserver.orchestration.logtail;

import dev.flareobserver.transport.ApiMessage;
import dev.flareobserver.transport.AuthenticationException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.CloudflareConnectionException;
import dev.flareobserver.transport.CloudflareTimeoutException;
import dev.flareobserver.transport.NotFoundException;
import dev.flareobserver.transport.PermissionDeniedException;
import dev.flareobserver.transport.RateLimitedException;
import dev.flareobserver.transport.ResponseParseException;
import dev.flareobserver.transport.ServerErrorException;
import java.util.stream.Collectors;

/** Turns a failed tail request into a sentence for the Logs page, with Cloudflare's own words kept. */
final class TailProblems {

    private TailProblems() {
    }

    /** Why starting (or renewing) the tail of {@code worker} failed. */
    static String startFailed(String worker, RuntimeException e) {
        String said = serverWords(e);
        if (e instanceof NotConnectedException) {
            return "Not connected to Cloudflare: connect to an account first.";
        }
        if (e instanceof NotFoundException) {
            return "Cloudflare has no Worker named \"" + worker + "\" on this account" + said + ".";
        }
        if (e instanceof AuthenticationException) {
            return "Cloudflare did not accept the API token" + said + ".";
        }
        if (e instanceof PermissionDeniedException) {
            return "The API token may not tail \"" + worker + "\" (it needs Workers Tail: Read)" + said + ".";
        }
        if (e instanceof RateLimitedException) {
            // Also how a refusal for load can look (e.g. too many tails on the Worker): keep the server's words.
            return said.isEmpty() ? "Cloudflare's rate limit was reached; trying again later."
                    : "Cloudflare refused to start a tail on \"" + worker + "\" for now" + said + ".";
        }
        if (e instanceof ServerErrorException s) {
            return "Cloudflare could not start the tail (HTTP " + s.httpStatus() + ")" + said + ".";
        }
        if (e instanceof CloudflareApiException api) {
            return "Cloudflare refused to start a tail on \"" + worker + "\""
                    + (said.isEmpty() ? " (HTTP " + api.httpStatus() + ")" : said) + ".";
        }
        if (e instanceof CloudflareTimeoutException) {
            return "Cloudflare did not answer in time.";
        }
        if (e instanceof CloudflareConnectionException) {
            return "Cloudflare cannot be reached.";
        }
        if (e instanceof ResponseParseException) {
            return "Cloudflare's answer to starting the tail could not be read.";
        }
        return "Starting the tail failed unexpectedly (" + e.getClass().getSimpleName() + ").";
    }

    /**
     * Whether trying again cannot help: Cloudflare refused the request itself (unknown Worker, token,
     * permission, too many tails). Rate limits, 5xx and network trouble are worth a retry.
     */
    static boolean isPermanent(RuntimeException e) {
        if (e instanceof NotConnectedException) {
            return true;
        }
        if (e instanceof CloudflareApiException api) {
            int status = api.httpStatus();
            return status != 429 && status != 408 && status < 500;
        }
        return false;
    }

    /** A WebSocket close as words: "code 1006" plus the reason when there is one. */
    static String close(int code, String reason) {
        String what = switch (code) {
            case 1006 -> "the connection was cut";
            case 1001 -> "the server went away";
            case 1011 -> "the server had an error";
            case -1 -> "the connection could not be opened";
            default -> "closed";
        };
        return what + " (code " + code + (reason == null || reason.isBlank() ? "" : ", " + reason.strip()) + ")";
    }

    private static String serverWords(RuntimeException e) {
        if (e instanceof CloudflareApiException api && !api.errors().isEmpty()) {
            return ": " + api.errors().stream().map(ApiMessage::message).collect(Collectors.joining("; "))
                    + " (code " + api.errors().get(0).code() + ", HTTP " + api.httpStatus() + ")";
        }
        return "";
    }

    /** The connection has no API client (not connected, or no account chosen). */
    static final class NotConnectedException extends IllegalStateException {
        NotConnectedException(String message) {
            super(message);
        }
    }
}
