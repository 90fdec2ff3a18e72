package dev.flareobserver.app.page.provisioning;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.FileDialogs;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** The Provisioning page: a wrangler config against the live account (plan, apply, history, export). */
public final class ProvisioningPage implements Page {

    private final ProvisioningViewModel model;
    private final FileDialogs files;
    private Node view;

    public ProvisioningPage(ProvisioningViewModel model, FileDialogs files) {
        this.model = Objects.requireNonNull(model);
        this.files = Objects.requireNonNull(files);
    }

    @Override
    public PageId id() {
        return PageId.PROVISIONING;
    }

    @Override
    public Node view() {
        if (view == null) {
            VBox root = new VBox(new ProvisioningView(model, files).build());
            VBox.setVgrow(root.getChildren().get(0), javafx.scene.layout.Priority.ALWAYS);
            root.getStyleClass().add("page");
            root.setId(id().pageId());
            view = root;
        }
        return view;
    }
}
