package dev.flareobserver.app;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads classes the first frame needs on a spare core while the FX toolkit starts, which cuts the
 * time to the first frame. FX classes are only loaded, not initialised (their static initialisers
 * may expect the toolkit); everything else may be initialised. Purely a speed-up: failures are ignored.
 */
final class Warmup {

    private static final String[] LOAD_ONLY = {
        "javafx.scene.control.ComboBox",
        "javafx.scene.control.ToggleButton",
        "javafx.scene.control.ProgressBar",
        "javafx.scene.control.ProgressIndicator",
        "javafx.scene.control.Tooltip",
        "javafx.scene.control.skin.ComboBoxListViewSkin",
        "javafx.scene.control.skin.ToggleButtonSkin",
        "javafx.scene.control.skin.ProgressIndicatorSkin",
        "javafx.scene.control.skin.LabelSkin",
        "javafx.scene.control.skin.ButtonSkin",
        "javafx.scene.layout.GridPane",
        "javafx.scene.layout.BorderPane",
        "javafx.css.CssParser",
        "atlantafx.base.theme.PrimerLight",
        "atlantafx.base.theme.PrimerDark",
        "atlantafx.base.controls.ModalPane",
        "atlantafx.base.controls.Spacer",
        "org.kordamp.ikonli.javafx.FontIcon",
        "org.kordamp.ikonli.feather.Feather",
        "org.kordamp.ikonli.feather.FeatherIkonHandler",
        "dev.flareobserver.app.shell.ShellView",
        "dev.flareobserver.app.shell.ShellViewModel",
        "dev.flareobserver.app.page.overview.OverviewView",
        "dev.flareobserver.app.session.AppSession",
        "dev.flareobserver.orchestration.connection.ConnectionSettings",
        "dev.flareobserver.orchestration.task.TaskRunner",
    };

    private Warmup() {
    }

    static void startInBackground() {
        Thread t = new Thread(Warmup::run, "flare-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run() {
        try {
            // Settings are read with Jackson before the first frame; its start-up cost is the largest.
            new ObjectMapper().readTree("{\"theme\":\"LIGHT\"}");
        } catch (Exception | LinkageError ignored) {
            // only a speed-up
        }
        ClassLoader loader = Warmup.class.getClassLoader();
        for (String name : LOAD_ONLY) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError ignored) {
                // only a speed-up
            }
        }
    }
}
