package dev.flareobserver.app.page.r2;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.session.SessionSnapshot;
import java.util.Objects;
import javafx.scene.Node;

/** The R2 page: buckets, an object browser with folders, transfers with progress and cancel. */
public final class R2Page implements Page {

    private final ResourcePageContext context;
    private final R2ViewModel vm;
    private Node view;

    public R2Page(ResourcePageContext context) {
        this.context = Objects.requireNonNull(context);
        this.vm = new R2ViewModel(context.resources()::r2, context.tasks(), context.fx());
        vm.sessionChanged(accountOf(context.session().getValue()));
        context.session().addListener((obs, old, now) -> vm.sessionChanged(accountOf(now)));
    }

    private static String accountOf(SessionSnapshot s) {
        return s == null || !s.connection().isConnected() || s.connection().current() == null
                ? null : s.connection().current().id();
    }

    @Override
    public PageId id() {
        return PageId.R2;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new R2View(vm, context).build();
            view.setId(id().pageId());
        }
        return view;
    }

    @Override
    public void onShow() {
        vm.onShow();
    }

    /** For UI tests that wait for a state. */
    public R2ViewModel viewModel() {
        return vm;
    }
}
