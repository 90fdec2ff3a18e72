package dev.flareobserver.app.page.overview;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import javafx.scene.Node;

/** Overview: for now the connection summary; account analytics come with Workers monitoring. */
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
}
