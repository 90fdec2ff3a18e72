package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.logs.LogListView;
import dev.flareobserver.orchestration.logtail.EntryKind;
import dev.flareobserver.orchestration.logtail.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListCell;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Logs page in the real app against the demo emulator's live tails: two Workers merged, a search,
 * pause with its new-events button, an event's detail, and an export to a file.
 */
class LogsUiTest extends AppUiTest {

    private static final Set<String> TAILED = Set.of("checkout-api", "payments-webhook");

    @TempDir
    Path exportDir;

    @Test
    void tailTwoWorkersSearchPauseOpenAnEventAndExport() throws Exception {
        FlareObserverApp app = launch(Map.of());
        Path file = exportDir.resolve("logs.ndjson");
        // The export asks this instead of a native save dialog.
        app.setExportFileChooser((format, suggested, owner) -> Optional.of(file));
        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");

        clickOn("#" + PageId.LOGS.navId());
        waitUntil(() -> isShown("#page-logs"), "the Logs page is shown");
        assertThat(text("#logs-empty")).isEqualTo("Pick Workers and press Start to tail their live logs.");

        // --- tail two Workers ---------------------------------------------------------------------------
        clickOn("#logs-workers");
        waitUntil(() -> isShown("#logs-workers-list"), "the Worker picker opens");
        for (String worker : List.of("checkout-api", "payments-webhook")) {
            clickOn("#logs-workers-search").push(KeyCode.CONTROL, KeyCode.A).write(worker);
            waitUntil(() -> checkBoxOf(worker).isPresent(), worker + " is listed in the picker");
            clickOn(checkBoxOf(worker).orElseThrow());
        }
        waitUntil(() -> text("#logs-workers").contains("checkout-api and payments-webhook"),
                "the picker names both Workers");
        clickOn("#logs-workers-apply");

        LogListView list = lookup("#logs-list").queryAs(LogListView.class);
        List<LogEntry> rows = app.logs().rows();
        waitUntil(() -> isShown("#logs-stop"), "tailing runs");
        waitUntil(() -> fx(() -> workersShown(rows).containsAll(TAILED)), "events of both Workers arrive");
        assertThat(fx(() -> workersShown(rows))).isSubsetOf(TAILED);
        assertThat(text("#logs-health")).contains("checkout-api · connected").contains("payments-webhook · connected");
        waitUntil(() -> text("#logs-counters").matches(".*[0-9,.]+ events/s · [0-9,]+ buffered.*"),
                "the counters show the stream");

        // --- filter by text: every row shown matches ------------------------------------------------------
        String needle = "payments";
        clickOn("#logs-search").write(needle);
        waitUntil(() -> fx(() -> !rows.isEmpty() && rows.stream().allMatch(e -> matches(e, needle))),
                "only rows matching '" + needle + "' are shown");
        waitUntil(() -> !text("#logs-counters").contains(" 0 filtered"), "the counters say how many rows are hidden");
        clickOn("#logs-search").push(KeyCode.CONTROL, KeyCode.A).push(KeyCode.BACK_SPACE);
        waitUntil(() -> fx(() -> workersShown(rows).containsAll(TAILED)), "clearing the search shows everything again");

        // --- pause: the list stays where it is, the new-events button counts what arrives ----------------------
        waitUntil(() -> fx(() -> rows.size() > 40), "enough rows to scroll");
        clickOn("#logs-follow");
        waitUntil(() -> !app.logs().followingProperty().get(), "paused");
        WaitForAsyncUtils.waitForFxEvents();
        long firstShown = fx(() -> rows.get(list.firstVisibleIndex()).seq());
        int rowsAtPause = fx(rows::size);
        waitUntil(() -> fx(rows::size) > rowsAtPause, "events keep arriving while paused");
        waitUntil(() -> isShown("#logs-new-events") && text("#logs-new-events").matches("[0-9,]+ new events? — resume"),
                "the new-events button appears");
        assertThat(fx(() -> rows.get(list.firstVisibleIndex()).seq())).as("the list does not scroll while paused")
                .isEqualTo(firstShown);

        // --- open an event: its JSON shows in the detail pane ---------------------------------------------------------
        int index = fx(() -> visibleEventIndex(list, rows));
        LogEntry opened = fx(() -> rows.get(index));
        clickOn(fx(() -> list.cellAt(index)));
        waitUntil(() -> text("#logs-detail-title").startsWith(opened.worker()), "the detail pane shows the event");
        String detail = text("#logs-detail-json");
        JsonNode shownJson = new ObjectMapper().readTree(detail);
        assertThat(shownJson).as("the detail is the event's JSON").isEqualTo(new ObjectMapper().readTree(opened.json()));
        assertThat(detail).as("indented for reading").contains("\n  \"");
        assertThat(fx(() -> rows.get(list.firstVisibleIndex()).seq())).as("still paused after picking a row")
                .isEqualTo(firstShown);

        // --- export: what the list shows, one JSON object a line ---------------------------------------------------
        clickOn("#logs-export");
        clickOn("NDJSON (one JSON event a line)…");
        waitUntil(() -> text("#logs-message").startsWith("Exported "), "the export finishes");
        Matcher m = Pattern.compile("Exported ([0-9,]+) entr(y|ies) to (.*)").matcher(text("#logs-message"));
        assertThat(m.matches()).isTrue();
        assertThat(Path.of(m.group(3))).isEqualTo(file);
        int exported = Integer.parseInt(m.group(1).replace(",", ""));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(exported);
        assertThat(exported).isGreaterThanOrEqualTo(rowsAtPause);
        ObjectMapper json = new ObjectMapper();
        List<String> workers = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            if (node.has("flareObserver")) {
                continue;
            }
            workers.add(node.path("scriptName").asText());
            assertThat(node.has("outcome")).as("a tail event: " + line).isTrue();
            assertThat(node.has("eventTimestamp")).as("a tail event: " + line).isTrue();
        }
        assertThat(Set.copyOf(workers)).isEqualTo(TAILED);
        JsonNode openedTree = json.readTree(opened.json());
        if (openedTree instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.hasNonNull("scriptName")) {
            o.put("scriptName", opened.worker());
        }
        List<JsonNode> trees = new ArrayList<>();
        for (String line : lines) {
            trees.add(json.readTree(line));
        }
        assertThat(trees).as("the opened event is in the file").contains(openedTree);

        // --- resume ------------------------------------------------------------------------------------------------
        clickOn("#logs-new-events");
        waitUntil(() -> app.logs().followingProperty().get() && !isShown("#logs-new-events"), "following again");
        waitUntil(() -> fx(() -> list.lastVisibleIndex() >= rows.size() - 2), "the newest rows are in view");

        // --- stop: the tails are deleted, the rows stay -------------------------------------------------------------
        clickOn("#logs-stop");
        waitUntil(() -> isShown("#logs-start") && text("#logs-message").startsWith("Tailing stopped"), "tailing stops");
        assertThat(fx(rows::size)).isPositive();
    }

    @Test
    void anInvalidServerFilterSaysWhyAndChangesNothing() throws Exception {
        FlareObserverApp app = launch(Map.of());
        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");
        clickOn("#" + PageId.LOGS.navId());
        waitUntil(() -> isShown("#page-logs"), "the Logs page is shown");

        clickOn("#logs-server-filters-toggle");
        waitUntil(() -> isShown("#logs-sf-sampling"), "the server filters open");
        clickOn("#logs-sf-sampling").write("1.5");
        clickOn("#logs-sf-apply");
        waitUntil(() -> isShown("#logs-sf-error"), "the problem is shown next to the fields");
        assertThat(text("#logs-sf-error"))
                .isEqualTo("Sampling rate must be between 0 and 1 (exclusive), got 1.5. Nothing was changed.");
        assertThat(app.logs().serverFilters().isEmpty()).isTrue();

        clickOn("#logs-sf-sampling").push(KeyCode.CONTROL, KeyCode.A).write("0.5");
        clickOn("#logs-sf-apply");
        waitUntil(() -> !isShown("#logs-sf-error"), "a valid value clears the message");
        assertThat(app.logs().serverFilters().samplingRate()).isEqualTo(0.5);
        assertThat(text("#logs-server-filters-toggle")).isEqualTo("Server filters (on)");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Reads FX state on the FX thread. */
    private static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("reading the FX state failed", e);
        }
    }

    private Optional<Node> checkBoxOf(String worker) {
        return lookup("#logs-workers-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof ListCell<?> c && c.getItem() != null && worker.equals(c.getText())
                        && c.isVisible())
                .map(n -> ((ListCell<?>) n).getGraphic())
                .filter(g -> g instanceof CheckBox)
                .findFirst();
    }

    private static Set<String> workersShown(List<LogEntry> rows) {
        Set<String> out = new java.util.HashSet<>();
        for (LogEntry e : rows) {
            if (e.kind() == EntryKind.EVENT) {
                out.add(e.worker());
            }
        }
        return out;
    }

    private static boolean matches(LogEntry e, String needle) {
        if (e.kind() != EntryKind.EVENT) {
            return TAILED.contains(e.worker());
        }
        String n = needle.toLowerCase(Locale.ROOT);
        return contains(e.url(), n) || contains(e.firstLine(), n) || contains(e.json(), n);
    }

    private static boolean contains(String s, String lowerNeedle) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    /** An event row in the middle of what the list shows. */
    private static int visibleEventIndex(LogListView list, List<LogEntry> rows) {
        int first = list.firstVisibleIndex() + 1;
        int last = list.lastVisibleIndex() - 1;
        for (int i = (first + last) / 2; i <= last; i++) {
            if (rows.get(i).kind() == EntryKind.EVENT && list.cellAt(i) != null) {
                return i;
            }
        }
        throw new AssertionError("no event row in view");
    }
}
