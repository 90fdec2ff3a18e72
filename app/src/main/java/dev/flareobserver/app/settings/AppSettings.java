package dev.flareobserver.app.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the user chose and the app remembers between runs ({@code settings.json}).
 *
 * @param analyticsRefreshSeconds  how often Overview and Workers poll analytics while visible
 * @param resourcesRefreshSeconds  how often the KV, R2 and D1 lists refresh while visible
 * @param containersRefreshSeconds how often Containers polls instance state while visible
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AppSettings(Theme theme, int analyticsRefreshSeconds, int resourcesRefreshSeconds,
                          int containersRefreshSeconds) {

    public static final int MIN_REFRESH_SECONDS = 5;
    public static final int MAX_REFRESH_SECONDS = 3600;

    public AppSettings {
        theme = theme == null ? Theme.LIGHT : theme;
        analyticsRefreshSeconds = clamp(analyticsRefreshSeconds, 30);
        resourcesRefreshSeconds = clamp(resourcesRefreshSeconds, 60);
        containersRefreshSeconds = clamp(containersRefreshSeconds, 15);
    }

    public static AppSettings defaults() {
        return new AppSettings(Theme.LIGHT, 30, 60, 15);
    }

    public AppSettings withTheme(Theme value) {
        return new AppSettings(value, analyticsRefreshSeconds, resourcesRefreshSeconds, containersRefreshSeconds);
    }

    public AppSettings withAnalyticsRefreshSeconds(int value) {
        return new AppSettings(theme, value, resourcesRefreshSeconds, containersRefreshSeconds);
    }

    public AppSettings withResourcesRefreshSeconds(int value) {
        return new AppSettings(theme, analyticsRefreshSeconds, value, containersRefreshSeconds);
    }

    public AppSettings withContainersRefreshSeconds(int value) {
        return new AppSettings(theme, analyticsRefreshSeconds, resourcesRefreshSeconds, value);
    }

    /** A missing or absurd value (0 from an old file, a typo) falls back to the default, never to a hot loop. */
    private static int clamp(int value, int fallback) {
        if (value <= 0) {
            return fallback;
        }
        return Math.max(MIN_REFRESH_SECONDS, Math.min(MAX_REFRESH_SECONDS, value));
    }
}
