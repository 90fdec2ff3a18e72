package dev.flareobserver.app.page.kv;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The KV page. */
public final class KvPage implements Page {

    private final ResourcePageContext context;
    private Node view;

    public KvPage(ResourcePageContext context) {
        this.context = Objects.requireNonNull(context);
    }

    @Override
    public PageId id() {
        return PageId.KV;
    }

    @Override
    public Node view() {
        if (view == null) {
            VBox root = new VBox(new Label("KV"));
            root.getStyleClass().add("page");
            root.setId(id().pageId());
            view = root;
        }
        return view;
    }
}
