package dev.flareobserver.app.page.settings;

import dev.flareobserver.app.session.SessionSnapshot;
import dev.flareobserver.app.settings.AppSettings;
import dev.flareobserver.app.settings.SettingsModel;
import dev.flareobserver.app.settings.Theme;
import dev.flareobserver.orchestration.connection.ConnectionSettings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Settings page: theme and refresh intervals (saved as they change) and the connection as it is
 * configured, with the credential redacted.
 */
public final class SettingsViewModel {

    private final SettingsModel settings;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final IntegerProperty analyticsRefresh = new SimpleIntegerProperty();
    private final IntegerProperty resourcesRefresh = new SimpleIntegerProperty();
    private final IntegerProperty containersRefresh = new SimpleIntegerProperty();
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper credential = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper baseUrl = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper preferredAccount = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper howToConnect = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper settingsFile = new ReadOnlyStringWrapper();
    private boolean applying;

    public SettingsViewModel(SettingsModel settings, ReadOnlyObjectProperty<SessionSnapshot> session) {
        this.settings = settings;
        settingsFile.set(settings.location());
        load(settings.get());
        settings.settingsProperty().addListener((obs, old, now) -> load(now));
        theme.addListener((obs, old, now) -> save());
        analyticsRefresh.addListener((obs, old, now) -> save());
        resourcesRefresh.addListener((obs, old, now) -> save());
        containersRefresh.addListener((obs, old, now) -> save());
        applySession(session.get());
        session.addListener((obs, old, now) -> applySession(now));
    }

    private void load(AppSettings s) {
        applying = true;
        try {
            theme.set(s.theme());
            analyticsRefresh.set(s.analyticsRefreshSeconds());
            resourcesRefresh.set(s.resourcesRefreshSeconds());
            containersRefresh.set(s.containersRefreshSeconds());
        } finally {
            applying = false;
        }
    }

    private void save() {
        if (applying) {
            return;
        }
        AppSettings next = new AppSettings(theme.get(), analyticsRefresh.get(), resourcesRefresh.get(),
                containersRefresh.get());
        settings.update(next);
        // The record clamps out-of-range values; show what was really kept.
        if (!next.equals(settings.get())) {
            load(settings.get());
        }
    }

    void applySession(SessionSnapshot s) {
        ConnectionSettings c = s.settings();
        if (s.demo()) {
            mode.set("Demo — local emulator (no CLOUDFLARE_API_TOKEN set)");
            howToConnect.set("To connect a real account, quit and start Flare Observer with CLOUDFLARE_API_TOKEN "
                    + "set (and CLOUDFLARE_ACCOUNT_ID to pick the account), as for wrangler. "
                    + "CLOUDFLARE_API_BASE_URL overrides the API address.");
        } else {
            mode.set(c != null && c.mode() == ConnectionSettings.Mode.API_KEY
                    ? "Global API key (CLOUDFLARE_API_KEY + CLOUDFLARE_EMAIL)" : "API token");
            howToConnect.set("The credential comes from the environment; change it there and restart Flare Observer. "
                    + "Unset it to use demo mode.");
        }
        credential.set(c == null ? "demo emulator (starting…)" : c.credentialDescription());
        baseUrl.set(c == null ? (s.connection().endpoint().isBlank() ? "—" : s.connection().endpoint()) : c.baseUrl());
        preferredAccount.set(c == null || c.preferredAccountId() == null
                ? "not set — the first account is used" : c.preferredAccountId());
    }

    public ObjectProperty<Theme> themeProperty() { return theme; }
    public IntegerProperty analyticsRefreshProperty() { return analyticsRefresh; }
    public IntegerProperty resourcesRefreshProperty() { return resourcesRefresh; }
    public IntegerProperty containersRefreshProperty() { return containersRefresh; }
    public ReadOnlyStringProperty modeProperty() { return mode.getReadOnlyProperty(); }
    public ReadOnlyStringProperty credentialProperty() { return credential.getReadOnlyProperty(); }
    public ReadOnlyStringProperty baseUrlProperty() { return baseUrl.getReadOnlyProperty(); }
    public ReadOnlyStringProperty preferredAccountProperty() { return preferredAccount.getReadOnlyProperty(); }
    public ReadOnlyStringProperty howToConnectProperty() { return howToConnect.getReadOnlyProperty(); }
    public ReadOnlyStringProperty settingsFileProperty() { return settingsFile.getReadOnlyProperty(); }
    public int minRefreshSeconds() { return AppSettings.MIN_REFRESH_SECONDS; }
    public int maxRefreshSeconds() { return AppSettings.MAX_REFRESH_SECONDS; }
}
