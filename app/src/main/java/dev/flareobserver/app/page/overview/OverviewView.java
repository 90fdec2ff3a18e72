package dev.flareobserver.app.page.overview;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.PageId;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Builds the Overview page and binds it to its view model. */
final class OverviewView {

    private final OverviewViewModel vm;

    OverviewView(OverviewViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        Label heading = new Label();
        heading.textProperty().bind(vm.headingProperty());
        heading.getStyleClass().add(Styles.TITLE_2);
        heading.setId("overview-heading");

        Label sub = new Label();
        sub.textProperty().bind(vm.subheadingProperty());
        sub.getStyleClass().add(Styles.TEXT_MUTED);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(vm.loadingProperty());
        spinner.managedProperty().bind(spinner.visibleProperty());

        HBox titleRow = new HBox(12, spinner, new VBox(2, heading, sub));
        titleRow.setAlignment(Pos.CENTER_LEFT);

        GridPane account = grid();
        row(account, 0, "Account", vm.accountNameProperty(), "overview-account-name");
        row(account, 1, "Account ID", vm.accountIdProperty(), "overview-account-id");
        row(account, 2, "Visible to this credential", vm.accountsVisibleProperty(), "overview-accounts");

        GridPane connection = grid();
        row(connection, 0, "State", vm.stateProperty(), "overview-state");
        row(connection, 1, "Mode", vm.modeProperty(), "overview-mode");
        row(connection, 2, "Endpoint", vm.endpointProperty(), "overview-endpoint");
        row(connection, 3, "Credential", vm.credentialProperty(), "overview-credential");
        row(connection, 4, "Token status", vm.tokenStatusProperty(), "overview-token");

        HBox cards = new HBox(16, card("Account", Feather.USER, account), card("Connection", Feather.LINK, connection));
        cards.getChildren().forEach(c -> HBox.setHgrow(c, Priority.ALWAYS));

        Label next = new Label("Workers health, request rates and errors will appear here with the Workers "
                + "monitoring capability.");
        next.setWrapText(true);
        next.getStyleClass().addAll(Styles.TEXT_MUTED, "overview-note");

        VBox root = new VBox(20, titleRow, cards, next);
        root.getStyleClass().addAll("page", "overview-page");
        root.setId(PageId.OVERVIEW.pageId());
        return root;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(8);
        ColumnConstraints keys = new ColumnConstraints();
        keys.setMinWidth(150);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(keys, values);
        return grid;
    }

    private static void row(GridPane grid, int row, String key, ObservableStringValue value, String id) {
        Label k = new Label(key);
        k.getStyleClass().addAll(Styles.TEXT_MUTED, "summary-key");
        Label v = new Label();
        v.textProperty().bind(value);
        v.setId(id);
        v.setWrapText(true);
        v.getStyleClass().add("summary-value");
        grid.addRow(row, k, v);
    }

    private static Node card(String title, Feather icon, Node body) {
        Label t = new Label(title, new FontIcon(icon));
        t.getStyleClass().addAll(Styles.TITLE_4, "card-title");
        VBox card = new VBox(12, t, body);
        card.getStyleClass().add("summary-card");
        card.setMaxWidth(Double.MAX_VALUE);
        return card;
    }
}
