package dev.flareobserver.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flareobserver.app.FlareObserverApp;
import dev.flareobserver.app.page.PageId;
import dev.flareobserver.app.page.resources.FileDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ListView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Provisioning page in the real app against the demo emulator: open a config, read the plan and its
 * explanations, apply with a step log, see the apply in the history and roll it back (typed confirmation),
 * export the account and save it. While writes are locked, apply and roll back are disabled.
 */
class ProvisioningUiTest extends AppUiTest {

    @TempDir
    Path dir;

    @Test
    void openPlanApplyRollBackAndExport() throws Exception {
        Path config = dir.resolve("wrangler.toml");
        String text = """
                name = "ui-shop"
                # orders in, e-mails out
                [[kv_namespaces]]
                binding = "SESSIONS"  # one per login

                [queues]
                producers = [
                  { binding = "ORDERS", queue = "ui-shop-orders" },
                  { binding = "MAIL", queue = "email-outbox" },
                ]
                """;
        Files.writeString(config, text);
        Path saved = dir.resolve("exported.toml");
        FlareObserverApp app = launch(Map.of());
        app.setFileDialogs(new FileDialogs() {
            @Override
            public Optional<Path> open(String title, Window owner) {
                return Optional.of(config);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName, Window owner) {
                return Optional.of(saved);
            }
        });
        waitUntil(() -> text("#status-connection").contains("Connected"), "the demo emulator connects");
        clickOn("#" + PageId.PROVISIONING.navId());
        waitUntil(() -> isShown("#page-provisioning"), "the Provisioning page is shown");

        // --- open: the plan as a tree, with the reason of the selected item --------------------------------------
        clickOn("#provision-open");
        waitUntil(() -> text("#provision-status").equals("Plan: 2 to create, 1 to keep, 0 drifted"), "the plan is shown");
        @SuppressWarnings("unchecked")
        TreeView<Object> tree = lookup("#provision-tree").queryAs(TreeView.class);
        assertThat(fx(() -> leaves(tree.getRoot()))).containsExactly("CREATE  KV namespace SESSIONS  (ui-shop-sessions)",
                "CREATE  queue ORDERS  (ui-shop-orders)", "KEEP  queue MAIL  (email-outbox)");
        fx(() -> {
            tree.getSelectionModel().select(tree.getRoot().getChildren().get(1).getChildren().get(0));
            return null;
        });
        waitUntil(() -> text("#provision-explanation").startsWith("no queue named \"ui-shop-orders\"; apply creates it"),
                "the explanation of the selected item");
        assertThat(text("#provision-explanation")).contains(config + ":8:");

        // --- read-only: apply is disabled --------------------------------------------------------------------
        locked(app, true);
        waitUntil(() -> lookup("#provision-apply").query().isDisabled(), "apply is disabled while read-only");
        locked(app, false);
        waitUntil(() -> !lookup("#provision-apply").query().isDisabled(), "apply is enabled again");

        // --- apply: the step log, then a plan with nothing to do ------------------------------------------------
        clickOn("#provision-apply");
        waitUntil(() -> logLines("#provision-log").contains("Created queue ui-shop-orders"), "the step log shows the create");
        waitUntil(() -> text("#provision-status").equals("No changes: the account and the config agree."),
                "the plan after apply has nothing to do");
        assertThat(logLines("#provision-log")).contains("Creating queue ui-shop-orders…").contains("Ended: applied");
        assertThat(lookup("#provision-apply").query().isDisabled()).isTrue();
        assertThat(Files.readString(config)).as("only the namespace's id line is new")
                .matches("(?s)" + java.util.regex.Pattern.quote(text.substring(0, text.indexOf("[queues]") - 1))
                        + "id = \"[0-9a-f]{32}\"\n\n" + java.util.regex.Pattern.quote(text.substring(text.indexOf("[queues]"))));

        // --- history: the apply is there; locked, nothing can be rolled back; unlocked, roll back -------------------
        clickOn("History");
        waitUntil(() -> fx(() -> lookup("#provision-history").queryAs(ListView.class).getItems().size()) > 0,
                "the history lists the apply");
        ListView<?> history = lookup("#provision-history").queryAs(ListView.class);
        fx(() -> {
            history.getSelectionModel().select(0);
            return null;
        });
        waitUntil(() -> !lookup("#provision-rollback").query().isDisabled(), "roll back is possible");
        locked(app, true);
        waitUntil(() -> lookup("#provision-rollback").query().isDisabled(), "roll back is disabled while read-only");
        locked(app, false);
        waitUntil(() -> !lookup("#provision-rollback").query().isDisabled(), "roll back is enabled again");
        clickOn("#provision-rollback");
        waitUntil(() -> isShown("#confirm-name"), "the rollback asks for the apply's id");
        String applyId = fx(() -> ((javafx.scene.control.TextField) lookup("#confirm-name").query()).getPromptText());
        clickOn("#confirm-name").write(applyId);
        clickOn("#confirm-delete");
        waitUntil(() -> logLines("#provision-log").contains("Deleted queue ui-shop-orders"), "the rollback deletes the queue");
        waitUntil(() -> logLines("#provision-log").contains("Restored " + config), "the rollback restores the config");
        assertThat(Files.readString(config)).isEqualTo(text);
        waitUntil(() -> text("#provision-status").equals("Plan: 2 to create, 1 to keep, 0 drifted"),
                "after the rollback the namespace and the queue are missing again");

        // --- export: the account as wrangler TOML, saved to a file -------------------------------------------------
        fx(() -> {
            lookup("#provision-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel().select(2);
            return null;
        });
        waitUntil(() -> isShown("#provision-export"), "the Export tab is shown");
        clickOn("#provision-export");
        waitUntil(() -> text("#provision-export-text").contains("queue = \"email-outbox\""), "the export shows the queues");
        clickOn("#provision-save");
        waitUntil(() -> Files.exists(saved), "the export is saved");
        assertThat(Files.readString(saved)).isEqualTo(text("#provision-export-text"));
    }

    private static void locked(FlareObserverApp app, boolean locked) {
        fx(() -> {
            if (locked) {
                app.writeLock().lock();
            } else {
                app.writeLock().unlock();
            }
            return null;
        });
    }

    private static java.util.List<String> leaves(TreeItem<?> root) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (TreeItem<?> group : root.getChildren()) {
            for (TreeItem<?> item : group.getChildren()) {
                var p = (dev.flareobserver.orchestration.provision.PlanItem) item.getValue();
                out.add(p.action() + "  " + p.desired().describe() + "  (" + p.desired().name() + ")");
            }
        }
        return out;
    }

    private String logLines(String query) {
        return String.join("\n", fx(() -> lookup(query).queryAs(ListView.class).getItems().stream()
                .map(String::valueOf).toList()));
    }

    private static <T> T fx(java.util.concurrent.Callable<T> work) {
        try {
            return WaitForAsyncUtils.asyncFx(work).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
