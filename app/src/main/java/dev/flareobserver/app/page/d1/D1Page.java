package dev.flareobserver.app.page.d1;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The D1 page. */
public final class D1Page implements Page {

    private final ResourcePageContext context;
    private Node view;

    public D1Page(ResourcePageContext context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public PageId id() {
        return PageId.D1;
    }

    @Override
    public Node view() {
        if (view == null) {
            VBox root = new VBox(new Label("D1"));
            root.getStyleClass().add("page");
            root.setId(id().pageId());
            view = root;
        }
        return view;
    }
}
