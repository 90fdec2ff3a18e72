package dev.flareobserver.emulator.http;

/** Answers one routed API request; throws {@link ApiException} for a v4 failure. */
@FunctionalInterface
public interface Handler {
    Response handle(RequestContext call);
}
