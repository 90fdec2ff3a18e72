package dev.flareobserver.app.page.kv;

import atlantafx.base.theme.Styles;
import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.page.resources.WriteLockModel;
import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The KV page: namespaces | keys of the chosen namespace | value of the chosen key. */
public final class KvPage implements Page {

    private final ResourcePageContext context;
    private KvViewModel vm;
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
            vm = new KvViewModel(() -> context.resources().kv(), context.tasks(), context.fx(), context.session());
            KvWriteButtons writes = new KvWriteButtons(context.writeLock());
            Label locked = new Label(WriteLockModel.LOCKED_HINT);
            locked.setId("kv-readonly-hint");
            locked.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL, "kv-readonly-hint");
            locked.visibleProperty().bind(context.writeLock().unlockedProperty().not());
            locked.managedProperty().bind(locked.visibleProperty());

            SplitPane split = new SplitPane(new KvNamespacesView(vm.namespaces(), writes).build(),
                    new KvBrowserView(vm.browser(), vm.value(), writes, context.files()).build(),
                    new KvValueView(vm.value(), writes, context.files()).build());
            split.setDividerPositions(0.22, 0.50);
            VBox.setVgrow(split, Priority.ALWAYS);
            VBox root = new VBox(8, locked, split);
            root.getStyleClass().addAll("page", "kv-page");
            root.getStylesheets().add(Objects.requireNonNull(KvPage.class.getResource("kv.css"), "kv.css")
                    .toExternalForm());
            root.setId(id().pageId());
            view = root;
        }
        return view;
    }

    @Override
    public void onShow() {
        view();
        vm.onShow();
    }

    /** The page's view model, for UI tests that wait for a state. */
    public KvViewModel viewModel() {
        view();
        return vm;
    }
}
