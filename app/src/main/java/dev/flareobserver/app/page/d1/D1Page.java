package dev.flareobserver.app.page.d1;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.ResourcePageContext;
import dev.flareobserver.app.session.SessionSnapshot;
import java.util.Objects;
import javafx.scene.Node;

/**
 * D1: databases, their tables, a SQL console with a result grid, and export to .sql. The databases load
 * when the page is first shown and again when the account changes.
 */
public final class D1Page implements Page {

    private final ResourcePageContext context;
    private final D1ViewModel vm;
    private D1View view;
    private Node node;

    public D1Page(ResourcePageContext context) {
        this.context = Objects.requireNonNull(context);
        this.vm = new D1ViewModel(() -> context.resources().d1(), context.tasks(), context.fx(),
                context.writeLock().unlockedProperty());
        context.session().addListener((obs, old, now) -> vm.sessionChanged(accountOf(now)));
    }

    private static String accountOf(SessionSnapshot s) {
        return s == null || !s.connection().isConnected() || s.connection().current() == null ? null
                : s.connection().current().id();
    }

    @Override
    public PageId id() {
        return PageId.D1;
    }

    @Override
    public Node view() {
        if (node == null) {
            view = new D1View(vm, context.files());
            node = view.build();
        }
        return node;
    }

    @Override
    public void onShow() {
        vm.sessionChanged(accountOf(context.session().getValue()));
        vm.onShow();
    }

    /** The page's view model, for tests and benchmarks. */
    public D1ViewModel viewModel() {
        return vm;
    }
}
