package dev.flareobserver.app.page.workers;

import atlantafx.base.theme.Styles;
import dev.flareobserver.orchestration.monitor.TimeWindow;
import java.util.Locale;
import javafx.beans.property.ObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;

/** The 15 m / 1 h / 6 h / 24 h / 7 d pills; buttons are {@code #<id>-15m}, {@code #<id>-7d}, ... */
public final class WindowSelector {

    private WindowSelector() {
    }

    public static Node build(ObjectProperty<TimeWindow> window, String id) {
        HBox box = new HBox();
        box.setId(id);
        box.getStyleClass().add("window-selector");
        box.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ToggleGroup group = new ToggleGroup();
        TimeWindow[] windows = TimeWindow.values();
        for (int i = 0; i < windows.length; i++) {
            TimeWindow w = windows[i];
            ToggleButton b = new ToggleButton(w.label());
            b.setId(id + "-" + w.label().replace(" ", "").toLowerCase(Locale.ROOT));
            b.setUserData(w);
            b.setToggleGroup(group);
            b.setFocusTraversable(false);
            // The pills keep their labels when the header row is tight.
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            b.getStyleClass().addAll(Styles.SMALL,
                    i == 0 ? Styles.LEFT_PILL : i == windows.length - 1 ? Styles.RIGHT_PILL : Styles.CENTER_PILL);
            b.setSelected(w == window.get());
            b.setOnAction(e -> {
                // A pill stays selected when clicked again.
                b.setSelected(true);
                window.set(w);
            });
            box.getChildren().add(b);
        }
        window.addListener((obs, old, now) -> group.getToggles().forEach(t -> t.setSelected(t.getUserData() == now)));
        return box;
    }
}
