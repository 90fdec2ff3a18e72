package dev.flareobserver.orchestration.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.flareobserver.orchestration.resources.AuditTrail;
import dev.flareobserver.orchestration.resources.ReadOnlyException;
import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.WriteAccess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisionWorkflowTest {

    static final String CONFIG = """
            name = "shop"   # the Worker

            [[kv_namespaces]]
            binding = "CACHE"

            [[d1_databases]]
            binding = "DB"
            database_name = "shop-db"

            [[r2_buckets]]
            binding = "UPLOADS"
            bucket_name = "shop-uploads"

            [queues]
            producers = [ { binding = "ORDERS", queue = "shop-orders" } ]
            consumers = [ { queue = "shop-orders" } ]
            """;

    @TempDir
    Path dir;

    private FakeAccount account;
    private Path file;
    private ProvisionJournals journals;
    private AuditTrail audit;

    @BeforeEach
    void setUp() throws Exception {
        account = new FakeAccount();
        account.add(ResourceKind.KV_NAMESPACE, "someone-elses");
        account.add(ResourceKind.QUEUE, "email-outbox");
        file = dir.resolve("wrangler.toml");
        Files.writeString(file, CONFIG);
        journals = new ProvisionJournals(dir.resolve("journals"), Clock.systemUTC());
        audit = AuditTrail.inMemory();
    }

    private ProvisionPlan plan() {
        return ProvisionPlanner.plan(WranglerConfigReader.read(file, null), account);
    }

    private ProvisionWorkflow workflow(ProvisionWorkflow.StepHook hook) {
        return new ProvisionWorkflow(account, new ResourceWrites(WriteAccess.unlocked(), audit, Clock.systemUTC()),
                journals, hook);
    }

    @Test
    void planListsEachKindOnceAndExplainsEveryItem() {
        ProvisionPlan plan = plan();
        assertThat(account.requests).containsExactly("list KV_NAMESPACE", "list D1_DATABASE", "list R2_BUCKET", "list QUEUE");
        assertThat(plan.items()).extracting(PlanItem::action).containsExactly(PlanAction.CREATE, PlanAction.CREATE,
                PlanAction.CREATE, PlanAction.CREATE, PlanAction.CREATE);
        assertThat(plan.creates()).hasSize(4);
        assertThat(plan.items().get(0).reason()).contains("no namespace titled \"shop-cache\"");
        assertThat(plan.items().get(4).sharedWith()).isEqualTo("queue ORDERS");
        assertThat(plan.headline()).isEqualTo("4 to create, 0 to keep, 0 drifted");
    }

    @Test
    void applyCreatesWritesIdsBackAndASecondApplyIsANoOp() throws Exception {
        ApplyResult result = workflow(ProvisionWorkflow.StepHook.NONE).apply(plan());
        assertThat(result.created()).hasSize(4);
        assertThat(result.configWritten()).isTrue();
        LiveResource kv = account.resources.get(ResourceKind.KV_NAMESPACE).get(1);
        LiveResource db = account.resources.get(ResourceKind.D1_DATABASE).get(0);
        assertThat(Files.readString(file)).isEqualTo(CONFIG
                .replace("binding = \"CACHE\"\n", "binding = \"CACHE\"\nid = \"" + kv.id() + "\"\n")
                .replace("database_name = \"shop-db\"\n", "database_name = \"shop-db\"\ndatabase_id = \"" + db.id() + "\"\n"));
        assertThat(audit.entries()).extracting(e -> e.product() + " " + e.action() + " " + e.target()).containsExactly(
                "KV create KV namespace (provision) shop-cache", "D1 create D1 database (provision) shop-db",
                "R2 create R2 bucket (provision) shop-uploads", "Queues create queue (provision) shop-orders");
        assertThat(journals.list()).singleElement().satisfies(r -> assertThat(r.outcome()).isEqualTo(ApplyRecord.APPLIED));

        account.requests.clear();
        ProvisionPlan again = plan();
        assertThat(again.hasChanges()).isFalse();
        assertThat(again.items()).extracting(PlanItem::action).containsOnly(PlanAction.KEEP);
        assertThat(workflow(ProvisionWorkflow.StepHook.NONE).apply(again).changedNothing()).isTrue();
        assertThat(account.requests).noneMatch(r -> r.startsWith("create") || r.startsWith("delete"));
        assertThat(journals.list()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop-cache", "shop-db", "shop-uploads", "shop-orders"})
    void aFailureAtAnyStepRollsBackWhatThisApplyCreatedOnly(String failing) throws Exception {
        String before = account.dump();
        account.failCreate = failing::equals;
        ApplyFailedException e = catchThrowableOfType(() -> workflow(ProvisionWorkflow.StepHook.NONE).apply(plan()),
                ApplyFailedException.class);
        assertThat(e.getMessage()).contains("injected failure creating " + failing).contains("as it was before the apply");
        assertThat(e.done()).isEqualTo(e.rolledBack());
        assertThat(e.notRolledBack()).isEmpty();
        assertThat(account.dump()).isEqualTo(before);
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
        assertThat(journals.list().get(0).outcome()).isEqualTo(ApplyRecord.ROLLED_BACK);
    }

    @Test
    void aRollbackThatCannotDeleteSaysWhatIsLeft() {
        account.failCreate = "shop-orders"::equals;
        account.failDelete = "shop-db"::equals;
        ApplyFailedException e = catchThrowableOfType(() -> workflow(ProvisionWorkflow.StepHook.NONE).apply(plan()),
                ApplyFailedException.class);
        assertThat(e.notRolledBack()).singleElement().asString().startsWith("D1 database shop-db");
        assertThat(e.getMessage()).contains("NOT rolled back");
        assertThat(journals.list().get(0).outcome()).isEqualTo(ApplyRecord.ROLLBACK_INCOMPLETE);

        account.failDelete = name -> false;
        ApplyResult again = workflow(ProvisionWorkflow.StepHook.NONE).rollback(journals.list().get(0), aTask(), line -> { });
        assertThat(again.deleted()).singleElement().asString().startsWith("D1 database shop-db");
        assertThat(account.resources.get(ResourceKind.D1_DATABASE)).isEmpty();
    }

    private static dev.flareobserver.orchestration.task.TaskContext aTask() {
        return dev.flareobserver.orchestration.task.TaskRunner.sameThread().submit("t", c -> c).result().join();
    }

    @Test
    void rollingBackAFinishedApplyDeletesWhatItCreatedAndRestoresTheConfig() throws Exception {
        LiveResource existing = account.add(ResourceKind.R2_BUCKET, "shop-uploads");
        String before = account.dump();
        workflow(ProvisionWorkflow.StepHook.NONE).apply(plan());
        assertThat(Files.readString(file)).isNotEqualTo(CONFIG);
        ApplyRecord applied = journals.list().get(0);

        ApplyResult undone = workflow(ProvisionWorkflow.StepHook.NONE).rollback(applied, aTask(), line -> { });
        assertThat(undone.deleted()).hasSize(3).noneMatch(d -> d.contains("shop-uploads"));
        assertThat(undone.configWritten()).isTrue();
        assertThat(account.dump()).isEqualTo(before);
        assertThat(account.resources.get(ResourceKind.R2_BUCKET)).containsExactly(existing);
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
        assertThat(journals.list().get(0).outcome()).isEqualTo(ApplyRecord.ROLLED_BACK);
        assertThat(workflow(ProvisionWorkflow.StepHook.NONE).rollback(journals.list().get(0), aTask(), line -> { })
                .changedNothing()).as("a second rollback does nothing").isTrue();
    }

    @Test
    void readOnlyRefusesApplyResumeAndRollbackBeforeAnyRequest() {
        ProvisionPlan plan = plan();
        account.requests.clear();
        ProvisionWorkflow locked = new ProvisionWorkflow(account,
                new ResourceWrites(WriteAccess.locked(), audit, Clock.systemUTC()), journals);
        assertThatThrownBy(() -> locked.apply(plan)).isInstanceOf(ReadOnlyException.class);
        assertThat(account.requests).isEmpty();
        assertThat(journals.list()).isEmpty();
        assertThat(audit.entries()).isEmpty();

        // The other two write paths: resume and roll back an apply cut short.
        ProvisionWorkflow.StepHook crash = (at, step) -> {
            if (step.index() == 1) {
                throw new Error("simulated crash");
            }
        };
        assertThatThrownBy(() -> workflow(crash).apply(plan)).hasMessage("simulated crash");
        ApplyRecord unfinished = journals.unfinished(file).get(0);
        String state = account.dump();
        account.requests.clear();
        assertThatThrownBy(() -> locked.resume(unfinished, aTask(), line -> { })).isInstanceOf(ReadOnlyException.class);
        assertThatThrownBy(() -> locked.rollback(unfinished, aTask(), line -> { })).isInstanceOf(ReadOnlyException.class);
        assertThat(account.requests).isEmpty();
        assertThat(account.dump()).isEqualTo(state);
        assertThat(journals.unfinished(file)).hasSize(1);
    }

    /** A crash (an Error the workflow does not catch, like the process dying) at each point; then resume or roll back. */
    @ParameterizedTest
    @ValueSource(strings = {"before:0", "after:0", "before:2", "after:3"})
    void aCrashLeavesAJournalThatResumesOrRollsBack(String point) throws Exception {
        String before = account.dump();
        String[] p = point.split(":");
        ProvisionWorkflow.StepHook crash = (at, step) -> {
            if (at.equals(p[0]) && step.index() == Integer.parseInt(p[1])) {
                throw new Error("simulated crash");
            }
        };
        assertThatThrownBy(() -> workflow(crash).apply(plan())).hasMessage("simulated crash");
        List<ApplyRecord> unfinished = journals.unfinished(file);
        assertThat(unfinished).hasSize(1);
        assertThatThrownBy(() -> workflow(ProvisionWorkflow.StepHook.NONE).apply(plan()))
                .isInstanceOf(UnfinishedApplyException.class);

        // Roll back: the account is as before, the config untouched.
        List<String> log = new ArrayList<>();
        workflow(ProvisionWorkflow.StepHook.NONE).rollback(unfinished.get(0), aTask(), log::add);
        assertThat(account.dump()).isEqualTo(before);
        assertThat(Files.readString(file)).isEqualTo(CONFIG);
        assertThat(journals.unfinished(file)).isEmpty();

        // The same crash again, then resume: everything exists once, ids written.
        assertThatThrownBy(() -> workflow(crash).apply(plan())).hasMessage("simulated crash");
        ApplyResult resumed = workflow(ProvisionWorkflow.StepHook.NONE).resume(journals.unfinished(file).get(0), aTask(), log::add);
        assertThat(resumed.configWritten()).isTrue();
        assertThat(account.resources.get(ResourceKind.QUEUE)).extracting(LiveResource::name)
                .containsExactly("email-outbox", "shop-orders");
        assertThat(account.resources.get(ResourceKind.KV_NAMESPACE)).hasSize(2);
        assertThat(plan().hasChanges()).isFalse();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("database_id = \"");
    }

    @Test
    void driftIsReportedAndLeftAlone() throws Exception {
        LiveResource db = account.add(ResourceKind.D1_DATABASE, "other-db");
        Files.writeString(file, """
                name = "shop"
                [[kv_namespaces]]
                binding = "CACHE"
                id = "00000000000000000000000000000000"
                [[d1_databases]]
                binding = "DB"
                database_name = "shop-db"
                database_id = "%s"
                """.formatted(db.id()));
        ProvisionPlan plan = plan();
        assertThat(plan.items()).extracting(PlanItem::action).containsExactly(PlanAction.DRIFT, PlanAction.DRIFT);
        assertThat(plan.items().get(0).reason()).contains("is not a KV namespace of this account");
        assertThat(plan.items().get(1).reason()).contains("is the database \"other-db\", not \"shop-db\"");
        assertThat(plan.hasChanges()).isTrue();
        assertThat(plan.hasWork()).isFalse();
        String before = account.dump();
        assertThat(workflow(ProvisionWorkflow.StepHook.NONE).apply(plan).changedNothing()).isTrue();
        assertThat(account.dump()).isEqualTo(before);
    }

    @Test
    void anExistingResourceFoundByNameIsKeptAndItsIdWrittenBack() throws Exception {
        LiveResource kv = account.add(ResourceKind.KV_NAMESPACE, "shop-cache");
        ProvisionPlan plan = plan();
        assertThat(plan.items().get(0).action()).isEqualTo(PlanAction.KEEP);
        assertThat(plan.items().get(0).writeBackId()).isEqualTo(kv.id());
        workflow(ProvisionWorkflow.StepHook.NONE).apply(plan);
        assertThat(Files.readString(file)).contains("binding = \"CACHE\"\nid = \"" + kv.id() + "\"\n");
        assertThat(account.resources.get(ResourceKind.KV_NAMESPACE)).hasSize(2);
    }

    @Test
    void aBucketInAJurisdictionIsLeftToTheOperatorWithoutARequest() throws Exception {
        Files.writeString(file, """
                name = "shop"
                [[r2_buckets]]
                binding = "EU_FILES"
                bucket_name = "shop-eu"
                jurisdiction = "eu"
                """);
        ProvisionPlan plan = plan();
        assertThat(plan.items()).extracting(PlanItem::action).containsExactly(PlanAction.MANUAL);
        assertThat(plan.items().get(0).reason()).contains("jurisdiction eu", "wrangler r2 bucket create shop-eu --jurisdiction eu");
        assertThat(plan.headline()).endsWith("1 to do by hand");
        assertThat(plan.hasChanges()).as("the operator has something to do").isTrue();
        assertThat(plan.hasWork()).as("but apply has not").isFalse();
        assertThat(workflow(ProvisionWorkflow.StepHook.NONE).apply(plan).changedNothing()).isTrue();
        assertThat(account.requests).as("not listed without the jurisdiction, not created").isEmpty();
    }
}
