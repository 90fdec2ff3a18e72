package dev.flareobserver.app.page.workers;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The banner of a panel whose refresh failed: what, which query, details one click away. Hidden when fine. */
public final class PanelProblemBanner {

    private PanelProblemBanner() {
    }

    public static Node build(ObservableValue<PanelProblem> problem, String id) {
        FontIcon icon = new FontIcon(Feather.ALERT_TRIANGLE);
        icon.getStyleClass().add("banner-icon");
        Label title = new Label();
        title.setId(id + "-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setWrapText(true);
        Label message = new Label();
        message.setId(id + "-message");
        message.setWrapText(true);
        VBox texts = new VBox(2, title, message);
        HBox.setHgrow(texts, Priority.ALWAYS);

        BooleanProperty detailsShown = new SimpleBooleanProperty();
        Button toggle = new Button("Details");
        toggle.getStyleClass().add(Styles.SMALL);
        toggle.setMinWidth(Region.USE_PREF_SIZE);
        toggle.setOnAction(e -> detailsShown.set(!detailsShown.get()));
        detailsShown.addListener((obs, old, now) -> toggle.setText(now ? "Hide details" : "Details"));

        HBox top = new HBox(12, icon, texts, toggle);
        top.setAlignment(Pos.TOP_LEFT);
        TextArea details = new TextArea();
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(4);
        details.getStyleClass().add("problem-details");
        details.visibleProperty().bind(detailsShown);
        details.managedProperty().bind(details.visibleProperty());

        VBox banner = new VBox(8, top, details);
        banner.setId(id);
        banner.getStyleClass().addAll("panel-problem", "warning");
        Runnable update = () -> {
            PanelProblem p = problem.getValue();
            banner.setVisible(p != null);
            banner.setManaged(p != null);
            title.setText(p == null ? "" : p.title());
            message.setText(p == null ? "" : p.message());
            details.setText(p == null ? "" : p.details());
            toggle.setVisible(p != null && !p.details().isBlank());
        };
        problem.addListener((obs, old, now) -> update.run());
        update.run();
        return banner;
    }
}
