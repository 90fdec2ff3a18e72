package dev.flareobserver.app.page.workers;

import dev.flareobserver.orchestration.monitor.WorkerRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The Workers table's state, shared by the Overview and the Workers page: one {@link WorkerRowModel}
 * per script name for as long as the Worker exists, a filter as you type and the sort the user chose.
 *
 * <p>Sorting is applied once per snapshot ({@link #apply}), not on every property change: the sorted
 * view has no extractor, and each snapshot re-sorts it with one permutation, which a table turns
 * into moved rows while keeping the selection.
 */
public final class WorkersTableModel {

    /**
     * Most severe health first, then req/s, highest first: during an incident the Workers in trouble are
     * on top, however quiet, until the user picks another column.
     */
    public static final Comparator<WorkerRowModel> DEFAULT_ORDER = Comparator
            .comparing((WorkerRowModel r) -> r.healthProperty().get()).reversed()
            .thenComparing(Comparator.comparing((WorkerRowModel r) -> r.requestsPerSecondProperty().get()).reversed())
            .thenComparing(WorkerRowModel::scriptName);

    private final ObservableList<WorkerRowModel> rows = FXCollections.observableArrayList();
    private final Map<String, WorkerRowModel> byName = new HashMap<>();
    private final FilteredList<WorkerRowModel> filtered = new FilteredList<>(rows);
    private final SortedList<WorkerRowModel> sorted = new SortedList<>(filtered);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyText = new ReadOnlyStringWrapper("Loading Workers…");
    private Comparator<? super WorkerRowModel> order = DEFAULT_ORDER;
    private boolean loaded;
    private Consumer<String> opener = name -> { };
    private Consumer<String> tailer;

    public WorkersTableModel() {
        sorted.setComparator(fresh(order));
        filter.addListener((obs, old, now) -> {
            filtered.setPredicate(predicate(now));
            updateTexts();
        });
    }

    /**
     * Brings the rows in line with a snapshot's Workers: existing rows are updated in place, new
     * Workers are added and vanished ones removed (each in one list change), then one re-sort.
     */
    public void apply(List<WorkerRow> workers, Instant now) {
        Set<String> seen = new HashSet<>(workers.size() * 2);
        List<WorkerRowModel> added = new ArrayList<>();
        for (WorkerRow w : workers) {
            seen.add(w.scriptName());
            WorkerRowModel row = byName.get(w.scriptName());
            if (row == null) {
                row = new WorkerRowModel(w.scriptName());
                byName.put(w.scriptName(), row);
                added.add(row);
            }
            row.update(w, now);
        }
        if (byName.size() > seen.size()) {
            byName.keySet().retainAll(seen);
            rows.removeIf(r -> !seen.contains(r.scriptName()));
        }
        if (!added.isEmpty()) {
            rows.addAll(added);
        }
        loaded = true;
        resort();
        updateTexts();
    }

    /** Forgets every row (another account): the table says it is loading until the next snapshot. */
    public void clear() {
        rows.clear();
        byName.clear();
        loaded = false;
        updateTexts();
    }

    /** The sort the table shows (its columns' comparator); null keeps the default order. */
    public void setOrder(Comparator<? super WorkerRowModel> comparator) {
        order = comparator == null ? DEFAULT_ORDER : comparator;
        resort();
    }

    /** A new comparator instance makes the sorted view sort again, once, with a permutation change. */
    private void resort() {
        sorted.setComparator(fresh(order));
    }

    private static Comparator<WorkerRowModel> fresh(Comparator<? super WorkerRowModel> c) {
        return c::compare;
    }

    private static java.util.function.Predicate<WorkerRowModel> predicate(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // Every word must occur in the name: "pay hook" finds payments-webhook.
        String[] words = text.toLowerCase(Locale.ROOT).trim().split("\\s+");
        return row -> {
            String name = row.scriptName().toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (!name.contains(w)) {
                    return false;
                }
            }
            return true;
        };
    }

    private void updateTexts() {
        int total = rows.size();
        int shown = filtered.size();
        String noun = total == 1 ? "Worker" : "Workers";
        countText.set(!loaded ? "" : shown == total ? total + " " + noun : shown + " of " + total + " " + noun);
        if (!loaded) {
            emptyText.set("Loading Workers…");
        } else if (total == 0) {
            emptyText.set("This account has no Workers yet.");
        } else {
            emptyText.set("No Worker matches “" + filter.get().trim() + "”.");
        }
    }

    /** Enter or double-click on a row. */
    public void open(WorkerRowModel row) {
        if (row != null) {
            opener.accept(row.scriptName());
        }
    }

    public void setOpener(Consumer<String> opener) {
        this.opener = opener == null ? name -> { } : opener;
    }

    /** "Tail live logs" on a row (its context menu): the Logs page tails that Worker. */
    public void tail(WorkerRowModel row) {
        if (row != null && tailer != null) {
            tailer.accept(row.scriptName());
        }
    }

    public void setTailer(Consumer<String> tailer) {
        this.tailer = tailer;
    }

    /** Whether rows offer "Tail live logs". */
    public boolean canTail() {
        return tailer != null;
    }

    /** The rows as shown: filtered and sorted. Always the same list object. */
    public SortedList<WorkerRowModel> items() {
        return sorted;
    }

    /** Every row, unfiltered, in arrival order. */
    public List<WorkerRowModel> allRows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    public Optional<WorkerRowModel> row(String scriptName) {
        return Optional.ofNullable(byName.get(scriptName));
    }

    public StringProperty filterProperty() { return filter; }
    public ReadOnlyStringProperty countTextProperty() { return countText.getReadOnlyProperty(); }
    /** What the empty table says: loading, no Workers, or nothing matches the filter. */
    public ReadOnlyStringProperty emptyTextProperty() { return emptyText.getReadOnlyProperty(); }
}
