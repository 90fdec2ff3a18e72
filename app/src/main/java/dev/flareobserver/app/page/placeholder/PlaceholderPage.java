package dev.flareobserver.app.page.placeholder;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A page whose capability is not built yet: it says what the page will show and which capability
 * brings it, and shows no data (nothing invented).
 */
public final class PlaceholderPage implements Page {

    /** What a future page will show and the capability that brings it. */
    public record Plan(PageId id, String summary, List<String> willShow, String comesWith) {
        public Plan {
            Objects.requireNonNull(id);
            willShow = List.copyOf(willShow);
        }
    }

    private final Plan plan;
    private Node view;

    public PlaceholderPage(Plan plan) {
        this.plan = Objects.requireNonNull(plan);
    }

    public Plan plan() {
        return plan;
    }

    @Override
    public PageId id() {
        return plan.id();
    }

    @Override
    public Node view() {
        if (view == null) {
            view = build();
        }
        return view;
    }

    private Node build() {
        FontIcon icon = new FontIcon(plan.id().icon());
        icon.getStyleClass().add("placeholder-icon");

        Label title = new Label(plan.id().title());
        title.getStyleClass().add(Styles.TITLE_2);

        Label summary = new Label(plan.summary());
        summary.setWrapText(true);
        summary.getStyleClass().add("placeholder-summary");

        VBox bullets = new VBox(6);
        bullets.getStyleClass().add("placeholder-list");
        for (String item : plan.willShow()) {
            Label bullet = new Label("•  " + item);
            bullet.setWrapText(true);
            bullets.getChildren().add(bullet);
        }

        Label comes = new Label("Not built yet — arrives with the " + plan.comesWith() + " capability.");
        comes.setWrapText(true);
        comes.getStyleClass().addAll(Styles.TEXT_MUTED, "placeholder-comes");

        VBox box = new VBox(14, icon, title, summary, bullets, comes);
        box.setAlignment(Pos.TOP_LEFT);
        box.setMaxWidth(620);
        box.getStyleClass().add("placeholder-card");

        VBox root = new VBox(box);
        root.setAlignment(Pos.TOP_CENTER);
        root.getStyleClass().addAll("page", "placeholder-page");
        root.setId(plan.id().pageId());
        return root;
    }

    /** The plans of the pages that later capabilities build (none left: every page is built). */
    public static List<Plan> plans() {
        return List.of();
    }
}
