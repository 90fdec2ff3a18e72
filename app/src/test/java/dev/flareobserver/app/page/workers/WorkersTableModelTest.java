package dev.flareobserver.app.page.workers;

import static dev.flareobserver.app.page.workers.Fixtures.NOW;
import static dev.flareobserver.app.page.workers.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class WorkersTableModelTest {

    private final WorkersTableModel model = new WorkersTableModel();

    private List<String> names() {
        return model.items().stream().map(WorkerRowModel::scriptName).toList();
    }

    @Test
    void troubledThenBusiestWorkersComeFirstAndUnknownsReadAsADash() {
        model.apply(List.of(row("auth-service", 2, 0, 4.0), row("api-gateway", 40, 3, 9.0),
                row("legacy-cron", 0, 0, null)), NOW);

        assertThat(names()).containsExactly("api-gateway", "auth-service", "legacy-cron");
        WorkerRowModel quiet = model.row("legacy-cron").orElseThrow();
        assertThat(quiet.requestsPerSecondProperty().get().text()).isEqualTo("0");
        assertThat(quiet.errorRatioProperty().get().text()).isEqualTo("—");
        assertThat(quiet.cpuP99Property().get().text()).isEqualTo("—");
        assertThat(model.row("api-gateway").orElseThrow().cpuP99Property().get().text()).isEqualTo("9.0 ms");
        assertThat(model.row("api-gateway").orElseThrow().lastDeployProperty().get().text()).isEqualTo("3 h ago");
        assertThat(model.countTextProperty().get()).isEqualTo("3 Workers");
    }

    @Test
    void aFailingWorkerComesBeforeBusierHealthyOnes() {
        model.apply(List.of(row("busy-ok", 50, 0, 4.0), row("quiet-failing", 1, 5, 4.0), row("mid-ok", 10, 0, 4.0)),
                NOW);

        assertThat(names()).containsExactly("quiet-failing", "busy-ok", "mid-ok");
    }

    @Test
    void aSnapshotUpdatesTheSameRowObjectsInPlaceAndResortsOnce() {
        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 5, 0, 4.0), row("c", 1, 0, 4.0)), NOW);
        WorkerRowModel b = model.row("b").orElseThrow();
        var items = model.items();
        List<ListChangeListener.Change<?>> changes = new ArrayList<>();
        AtomicInteger permutations = new AtomicInteger();
        items.addListener((ListChangeListener<WorkerRowModel>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    permutations.incrementAndGet();
                }
                if (c.wasAdded() || c.wasRemoved()) {
                    changes.add(c);
                }
            }
        });
        AtomicInteger rpsChanges = new AtomicInteger();
        b.requestsPerSecondProperty().addListener((obs, old, now) -> rpsChanges.incrementAndGet());
        AtomicInteger cpuChanges = new AtomicInteger();
        b.cpuP99Property().addListener((obs, old, now) -> cpuChanges.incrementAndGet());

        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 50, 0, 4.0), row("c", 1, 0, 4.0)), NOW);

        assertThat(model.row("b").orElseThrow()).isSameAs(b);
        assertThat(model.items()).isSameAs(items);
        assertThat(names()).containsExactly("b", "a", "c");
        assertThat(b.requestsPerSecondProperty().get().text()).isEqualTo("50.0");
        assertThat(rpsChanges).hasValue(1);
        // An unchanged figure does not fire: no cell redraws for it.
        assertThat(cpuChanges).hasValue(0);
        // Rows moved, none was removed or re-added: a table keeps its selection.
        assertThat(changes).isEmpty();
        assertThat(permutations.get()).isEqualTo(1);
    }

    @Test
    void newWorkersAppearAndDeletedOnesGo() {
        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 5, 0, 4.0)), NOW);
        WorkerRowModel a = model.row("a").orElseThrow();

        model.apply(List.of(row("a", 10, 0, 4.0), row("tiny-worker", 0.5, 0, 1.0)), NOW);

        assertThat(names()).containsExactly("a", "tiny-worker");
        assertThat(model.row("a").orElseThrow()).isSameAs(a);
        assertThat(model.row("b")).isEmpty();
    }

    @Test
    void filterAsYouTypeMatchesEveryWordOfTheName() {
        model.apply(List.of(row("payments-webhook", 3, 10, 4.0), row("checkout-api", 9, 0, 40.0),
                row("api-gateway", 20, 0, 2.0)), NOW);

        model.filterProperty().set("API");
        assertThat(names()).containsExactly("api-gateway", "checkout-api");
        assertThat(model.countTextProperty().get()).isEqualTo("2 of 3 Workers");

        model.filterProperty().set("pay hook");
        assertThat(names()).containsExactly("payments-webhook");

        model.filterProperty().set("nothing-like-this");
        assertThat(names()).isEmpty();
        assertThat(model.emptyTextProperty().get()).contains("No Worker matches").contains("nothing-like-this");

        model.filterProperty().set("");
        assertThat(names()).hasSize(3);
    }

    @Test
    void aFilteredRowStillUpdatesAndReturnsWithItsNewFigures() {
        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 5, 0, 4.0)), NOW);
        model.filterProperty().set("a");
        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 99, 0, 4.0)), NOW);
        model.filterProperty().set("");

        assertThat(names()).containsExactly("b", "a");
    }

    @Test
    void theUsersSortIsKeptAcrossSnapshotsAndUnknownsSortLast() {
        model.apply(List.of(row("a", 10, 0, 4.0), row("b", 5, 0, null), row("c", 1, 0, 80.0)), NOW);
        Comparator<WorkerRowModel> cpuDescending = Comparator
                .comparing((WorkerRowModel r) -> r.cpuP99Property().get()).reversed();
        model.setOrder(cpuDescending);
        assertThat(names()).containsExactly("c", "a", "b");

        model.apply(List.of(row("a", 10, 0, 100.0), row("b", 5, 0, null), row("c", 1, 0, 80.0)), NOW);
        assertThat(names()).containsExactly("a", "c", "b");
    }

    @Test
    void beforeTheFirstSnapshotTheTableSaysItIsLoading() {
        assertThat(model.emptyTextProperty().get()).isEqualTo("Loading Workers…");
        model.apply(List.of(), NOW);
        assertThat(model.emptyTextProperty().get()).isEqualTo("This account has no Workers yet.");
    }

    @Test
    void openingARowPassesTheWorkerName() {
        model.apply(List.of(row("checkout-api", 9, 0, 40.0)), NOW);
        List<String> opened = new ArrayList<>();
        model.setOpener(opened::add);
        model.open(model.items().get(0));
        model.open(null);
        assertThat(opened).containsExactly("checkout-api");
    }

    @Test
    void aThousandWorkersAreUpdatedInPlaceSnapshotAfterSnapshot() {
        // The time this takes is measured by the benchmarks (WorkersTableFxBench), not asserted here.
        List<dev.flareobserver.orchestration.monitor.WorkerRow> first = new ArrayList<>();
        List<dev.flareobserver.orchestration.monitor.WorkerRow> second = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            first.add(row("worker-" + i, i % 97, i % 5, 3.0 + i % 11));
            second.add(row("worker-" + i, (i * 7) % 101, i % 3, 2.0 + i % 13));
        }
        model.apply(first, NOW);
        java.util.Set<WorkerRowModel> rows = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        rows.addAll(model.items());

        model.apply(second, NOW);

        assertThat(model.items()).hasSize(1000);
        assertThat(model.items()).allMatch(rows::contains);
    }

    @Test
    void clearingForAnotherAccountShowsLoadingUntilItsFirstSnapshot() {
        model.apply(List.of(row("a", 10, 0, 4.0)), NOW);
        model.clear();
        assertThat(model.items()).isEmpty();
        assertThat(model.emptyTextProperty().get()).isEqualTo("Loading Workers…");
        assertThat(model.countTextProperty().get()).isEmpty();
    }
}
