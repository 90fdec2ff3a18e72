package dev.flareobserver.orchestration.resources.r2;

import dev.flareobserver.orchestration.resources.ConfirmationMismatchException;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.CloudflareConnectionException;
import dev.flareobserver.transport.CloudflareTimeoutException;
import dev.flareobserver.transport.RateLimitedException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A failed R2 action in words: {@code message} for a person (what happened, Cloudflare's own words and code),
 * {@code details} for the expander or the log (status, redacted URL, cf-ray). For the page and the CLI, which
 * cannot see the transport's exception types.
 */
public record R2Problem(String message, String details) {

    public static R2Problem of(String action, Throwable failure) {
        Throwable e = failure;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        String details = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof CancellationException) {
            return new R2Problem(action + " was cancelled.", "");
        }
        if (e instanceof ReadOnlyException || e instanceof InvalidResourceInputException
                || e instanceof ConfirmationMismatchException) {
            // Already a sentence for a person, and nothing was sent.
            return new R2Problem(details, "");
        }
        if (e instanceof RateLimitedException) {
            return new R2Problem(action + " failed: the API rate limit is spent; try again in a few minutes.", details);
        }
        if (e instanceof CloudflareApiException api) {
            String words = api.errors().stream().map(m -> m.message() + " (code " + m.code() + ")")
                    .collect(Collectors.joining("; "));
            return new R2Problem(action + " failed: " + (words.isEmpty() ? "HTTP " + api.httpStatus() : words),
                    details);
        }
        if (e instanceof CloudflareTimeoutException) {
            return new R2Problem(action + " failed: Cloudflare did not answer in time.", details);
        }
        if (e instanceof CloudflareConnectionException) {
            return new R2Problem(action + " failed: Cloudflare cannot be reached.", details);
        }
        return new R2Problem(action + " failed: " + details, "");
    }
}
