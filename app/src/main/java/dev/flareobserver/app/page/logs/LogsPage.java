package dev.flareobserver.app.page.logs;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import javafx.scene.Node;

/**
 * Logs: live tails of chosen Workers, merged. While the page is hidden its frame pulse stops, but the
 * tails keep running (an operator switches pages mid-incident); they are closed when the user stops
 * them, on an account switch and when the app exits.
 */
public final class LogsPage implements Page {

    private final LogsViewModel vm;
    private final ExportFileChooser chooser;
    private LogsView view;
    private Node node;

    public LogsPage(LogsViewModel vm, ExportFileChooser chooser) {
        this.vm = vm;
        this.chooser = chooser;
    }

    @Override
    public PageId id() {
        return PageId.LOGS;
    }

    @Override
    public Node view() {
        if (node == null) {
            view = new LogsView(vm, chooser);
            node = view.build();
        }
        return node;
    }

    @Override
    public void onShow() {
        vm.onShow();
        if (view != null) {
            view.startPulse();
        }
    }

    @Override
    public void onHide() {
        if (view != null) {
            view.stopPulse();
        }
        vm.onHide();
    }
}
