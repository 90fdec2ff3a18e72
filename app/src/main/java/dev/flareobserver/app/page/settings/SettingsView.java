package dev.flareobserver.app.page.settings;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.settings.Theme;
import javafx.beans.property.IntegerProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.layout.ColumnConstraints;
import javafx.geometry.Pos;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Builds the Settings page and binds it to its view model. */
final class SettingsView {

    private final SettingsViewModel vm;

    SettingsView(SettingsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        ToggleSwitch dark = new ToggleSwitch("Dark theme");
        dark.setId("settings-dark-theme");
        dark.setSelected(vm.themeProperty().get() == Theme.DARK);
        dark.selectedProperty().addListener((obs, old, now) -> vm.themeProperty().set(now ? Theme.DARK : Theme.LIGHT));
        vm.themeProperty().addListener((obs, old, now) -> dark.setSelected(now == Theme.DARK));

        GridPane appearance = grid();
        appearance.addRow(0, key("Theme"), dark);

        GridPane refresh = grid();
        refresh.addRow(0, key("Analytics (Overview, Workers)"),
                withUnit(spinner(vm.analyticsRefreshProperty(), "settings-refresh-analytics")));
        refresh.addRow(1, key("Resources (KV, R2, D1)"),
                withUnit(spinner(vm.resourcesRefreshProperty(), "settings-refresh-resources")));
        refresh.addRow(2, key("Containers"),
                withUnit(spinner(vm.containersRefreshProperty(), "settings-refresh-containers")));
        Label refreshNote = note("Only the page you are looking at refreshes.");

        GridPane connection = grid();
        connection.addRow(0, key("Mode"), value(vm.modeProperty(), "settings-mode"));
        connection.addRow(1, key("Credential"), value(vm.credentialProperty(), "settings-credential"));
        connection.addRow(2, key("API base URL"), value(vm.baseUrlProperty(), "settings-base-url"));
        connection.addRow(3, key("CLOUDFLARE_ACCOUNT_ID"), value(vm.preferredAccountProperty(), "settings-account-id"));
        Label how = note("");
        how.textProperty().bind(vm.howToConnectProperty());

        GridPane files = grid();
        files.addRow(0, key("Settings file"), value(vm.settingsFileProperty(), "settings-file"));

        VBox content = new VBox(24,
                section("Appearance", appearance),
                section("Refresh intervals", refresh, refreshNote),
                section("Connection", connection, how),
                section("Storage", files));
        content.getStyleClass().addAll("page", "settings-page");

        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        scroll.setId(PageId.SETTINGS.pageId());
        return scroll;
    }

    private Spinner<Integer> spinner(IntegerProperty property, String id) {
        Spinner<Integer> spinner = new Spinner<>();
        SpinnerValueFactory.IntegerSpinnerValueFactory factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                vm.minRefreshSeconds(), vm.maxRefreshSeconds(), property.get(), 5);
        spinner.setValueFactory(factory);
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        spinner.setId(id);
        factory.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                property.set(now);
            }
        });
        property.addListener((obs, old, now) -> factory.setValue(now.intValue()));
        return spinner;
    }

    private static VBox section(String name, Node... body) {
        Label header = new Label(name);
        header.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        VBox box = new VBox(10, header);
        box.getChildren().addAll(body);
        box.getStyleClass().add("settings-section");
        return box;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(10);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(220);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.SOMETIMES);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    private static Label key(String text) {
        Label l = new Label(text);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, "summary-key");
        return l;
    }

    private static Node withUnit(Node spinner) {
        Label unit = new Label("seconds");
        unit.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(8, spinner, unit);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Label value(ObservableStringValue text, String id) {
        Label l = new Label();
        l.textProperty().bind(text);
        l.setWrapText(true);
        l.setId(id);
        l.getStyleClass().add("summary-value");
        return l;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().addAll(Styles.TEXT_MUTED, "section-note");
        return l;
    }
}
