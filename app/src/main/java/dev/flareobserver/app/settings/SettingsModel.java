package dev.flareobserver.app.settings;

import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings as one observable value, shared by the shell (theme) and the Settings page.
 * Every change is saved in the background, so the FX thread never waits for the disk.
 */
public final class SettingsModel {

    private static final Logger LOG = LoggerFactory.getLogger(SettingsModel.class);

    private final SettingsStore store;
    private final Executor saver;
    private final ReadOnlyObjectWrapper<AppSettings> settings;

    /**
     * @param saver where saves run (a background thread in the app, {@code Runnable::run} in tests)
     */
    public SettingsModel(SettingsStore store, AppSettings initial, Executor saver) {
        this.store = Objects.requireNonNull(store);
        this.saver = Objects.requireNonNull(saver);
        this.settings = new ReadOnlyObjectWrapper<>(Objects.requireNonNull(initial));
    }

    public ReadOnlyObjectProperty<AppSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public AppSettings get() {
        return settings.get();
    }

    public String location() {
        return store.file().toString();
    }

    /** Replaces the settings and saves them; no-op when nothing changed. */
    public void update(AppSettings next) {
        if (next.equals(settings.get())) {
            return;
        }
        settings.set(next);
        saver.execute(() -> {
            try {
                store.save(next);
            } catch (RuntimeException e) {
                LOG.warn("Settings not saved: {}", e.getMessage());
            }
        });
    }
}
