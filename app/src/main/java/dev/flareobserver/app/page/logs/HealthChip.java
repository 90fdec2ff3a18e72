package dev.flareobserver.app.page.logs;

/**
 * One Worker's tail as a chip above the list.
 *
 * @param text       "checkout-api · connected"
 * @param styleClass tail-ok, tail-busy, tail-warn, tail-failed or tail-off
 * @param tooltip    state, the detail when something is wrong, events so far
 */
public record HealthChip(String worker, String text, String styleClass, String tooltip) {
}
