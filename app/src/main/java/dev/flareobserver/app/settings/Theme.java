package dev.flareobserver.app.settings;

/** The window's colour scheme; both are AtlantaFX Primer themes. */
public enum Theme {
    LIGHT, DARK;

    public Theme toggled() {
        return this == LIGHT ? DARK : LIGHT;
    }
}
