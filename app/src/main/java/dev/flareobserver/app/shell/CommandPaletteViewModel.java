package dev.flareobserver.app.shell;

import dev.flareobserver.app.page.PageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Ctrl+K palette: a filterable list of pages and accounts; Enter jumps to the selected one.
 * Built on the shell's state and commands.
 */
public final class CommandPaletteViewModel {

    private final ShellViewModel shell;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<PaletteEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<PaletteEntry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final ReadOnlyIntegerWrapper selectedIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();

    public CommandPaletteViewModel(ShellViewModel shell) {
        this.shell = Objects.requireNonNull(shell);
        query.addListener((obs, old, now) -> refilter());
        shell.accounts().addListener((ListChangeListener<Object>) c -> refilter());
        refilter();
    }

    public void show() {
        query.set("");
        refilter();
        open.set(true);
    }

    public void hide() {
        open.set(false);
    }

    /** Moves the selection by {@code delta} rows, staying inside the list. */
    public void moveSelection(int delta) {
        if (entries.isEmpty()) {
            selectedIndex.set(-1);
            return;
        }
        int next = Math.max(0, Math.min(entries.size() - 1, selectedIndex.get() + delta));
        selectedIndex.set(next);
    }

    public void select(int index) {
        selectedIndex.set(index >= 0 && index < entries.size() ? index : -1);
    }

    /** Enter: opens the selected page or switches to the selected account, then closes. */
    public boolean activateSelected() {
        int i = selectedIndex.get();
        if (i < 0 || i >= entries.size()) {
            return false;
        }
        activate(entries.get(i));
        return true;
    }

    public void activate(PaletteEntry entry) {
        switch (entry.kind()) {
            case PAGE -> shell.navigate(entry.page());
            case ACCOUNT -> shell.selectAccount(entry.account());
        }
        hide();
    }

    private void refilter() {
        List<PaletteEntry> all = new ArrayList<>();
        for (PageId page : PageId.values()) {
            all.add(PaletteEntry.page(page));
        }
        shell.accounts().forEach(a -> all.add(PaletteEntry.account(a)));
        String q = query.get();
        entries.setAll(all.stream().filter(e -> e.matches(q)).toList());
        selectedIndex.set(entries.isEmpty() ? -1 : 0);
    }

    public StringProperty queryProperty() { return query; }
    public ObservableList<PaletteEntry> entries() { return entriesView; }
    public ReadOnlyIntegerProperty selectedIndexProperty() { return selectedIndex.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty openProperty() { return open.getReadOnlyProperty(); }
}
