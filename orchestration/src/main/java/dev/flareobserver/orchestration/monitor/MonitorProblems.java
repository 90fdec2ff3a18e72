package dev.flareobserver.orchestration.monitor;

import dev.flareobserver.api.analytics.GraphQLException;
import dev.flareobserver.transport.ApiMessage;
import dev.flareobserver.transport.AuthenticationException;
import dev.flareobserver.transport.CloudflareApiException;
import dev.flareobserver.transport.CloudflareConnectionException;
import dev.flareobserver.transport.CloudflareTimeoutException;
import dev.flareobserver.transport.PermissionDeniedException;
import dev.flareobserver.transport.RateLimitedException;
import dev.flareobserver.transport.ResponseParseException;
import dev.flareobserver.transport.ServerErrorException;
import java.util.stream.Collectors;

/** Turns a failed refresh into words that name the panel and the query. */
public final class MonitorProblems {

    private MonitorProblems() {
    }

    public static MonitorProblem from(String panel, String query, RuntimeException e) {
        String message;
        if (e instanceof GraphQLException g) {
            message = "Cloudflare refused the query: " + g.firstMessage();
        } else if (e instanceof RateLimitedException) {
            message = "The API rate limit is spent; the panel waits before asking again.";
        } else if (e instanceof AuthenticationException) {
            message = "Cloudflare rejected the credential.";
        } else if (e instanceof PermissionDeniedException) {
            message = "The token may not read this (analytics needs \"Account Analytics: Read\").";
        } else if (e instanceof ServerErrorException s) {
            message = "Cloudflare could not answer (HTTP " + s.httpStatus() + "); retrying with a pause.";
        } else if (e instanceof CloudflareApiException api) {
            String words = api.errors().stream().map(ApiMessage::message).collect(Collectors.joining("; "));
            message = "Cloudflare refused the query" + (words.isEmpty() ? " (HTTP " + api.httpStatus() + ")." : ": " + words);
        } else if (e instanceof CloudflareTimeoutException) {
            message = "Cloudflare did not answer in time.";
        } else if (e instanceof CloudflareConnectionException) {
            message = "Cloudflare cannot be reached.";
        } else if (e instanceof ResponseParseException) {
            message = "Cloudflare's answer could not be read.";
        } else {
            message = "The refresh failed: " + e.getClass().getSimpleName();
        }
        return new MonitorProblem(panel, query, panel + ": " + message, e.getMessage());
    }
}
