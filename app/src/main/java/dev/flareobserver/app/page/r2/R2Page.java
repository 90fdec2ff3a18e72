package dev.flareobserver.app.page.r2;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The R2 page. */
public final class R2Page implements Page {

    private final ResourcePageContext context;
    private Node view;

    public R2Page(ResourcePageContext context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public PageId id() {
        return PageId.R2;
    }

    @Override
    public Node view() {
        if (view == null) {
            VBox root = new VBox(new Label("R2"));
            root.getStyleClass().add("page");
            root.setId(id().pageId());
            view = root;
        }
        return view;
    }
}
