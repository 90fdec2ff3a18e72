package dev.flareobserver.app.page.settings;

import dev.flareobserver.app.page.Page;
import dev.flareobserver.app.page.PageId;
import javafx.scene.Node;

public final class SettingsPage implements Page {

    private final SettingsViewModel viewModel;
    private Node view;

    public SettingsPage(SettingsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @Override
    public PageId id() {
        return PageId.SETTINGS;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new SettingsView(viewModel).build();
        }
        return view;
    }
}
