package dev.flareobserver.app.page.overview;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import javafx.scene.Node;

/** Overview: the account's health at a glance, and its Workers. Polls only while shown. */
public final class OverviewPage implements Page {

    private final OverviewViewModel viewModel;
    private Node view;

    public OverviewPage(OverviewViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @Override
    public PageId id() {
        return PageId.OVERVIEW;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new OverviewView(viewModel).build();
        }
        return view;
    }

    @Override
    public void onShow() {
        viewModel.onShow();
    }

    @Override
    public void onHide() {
        viewModel.onHide();
    }
}
