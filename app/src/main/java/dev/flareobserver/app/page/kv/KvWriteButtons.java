package dev.flareobserver.app.page.kv;

import dev.flareobserver.app.page.resources.WriteLockModel;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Tooltip;

/** Write buttons of the KV page: disabled while writes are locked (or while {@code busy}), with the hint. */
final class KvWriteButtons {

    private final WriteLockModel lock;

    KvWriteButtons(WriteLockModel lock) {
        this.lock = lock;
    }

    /** Disables {@code button} while locked or while {@code alsoDisabled} holds; its own tooltip returns on unlock. */
    void guard(ButtonBase button, ObservableBooleanValue alsoDisabled) {
        BooleanBinding locked = lock.unlockedProperty().not();
        button.disableProperty().bind(alsoDisabled == null ? locked : locked.or(alsoDisabled));
        Tooltip hint = new Tooltip(WriteLockModel.LOCKED_HINT);
        Tooltip own = button.getTooltip();
        Runnable update = () -> button.setTooltip(lock.isUnlocked() ? own : hint);
        lock.unlockedProperty().addListener((obs, old, now) -> update.run());
        update.run();
    }

    WriteLockModel lock() {
        return lock;
    }
}
