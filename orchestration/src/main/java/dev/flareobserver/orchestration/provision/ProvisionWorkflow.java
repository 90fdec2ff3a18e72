package dev.flareobserver.orchestration.provision;

import dev.flareobserver.orchestration.resources.ResourceWrites;
import dev.flareobserver.orchestration.resources.ResourceWrites.Write;
import dev.flareobserver.orchestration.task.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * Applies a {@link ProvisionPlan}: creates what is missing, one journaled step at a time, then writes the
 * new ids into the config. Each step is on disk before its request is sent and again after it answered, so
 * an apply cut short by a crash can be {@link #resume resumed} or {@link #rollback rolled back} later. A
 * failure rolls back at once what this apply created (never anything that existed before) and raises an
 * {@link ApplyFailedException} saying what was done and undone. Every write goes through {@link ResourceWrites}:
 * in read-only mode nothing is sent at all.
 */
public final class ProvisionWorkflow {

    /** A test seam around each create request: {@code point} is "before" or "after" the request. */
    public interface StepHook {
        StepHook NONE = (point, step) -> { };

        void at(String point, JournalStep step);
    }

    private static final TaskContext NO_TASK = new TaskContext() {
        @Override public void progress(double fraction) { }
        @Override public void message(String text) { }
        @Override public boolean isCancelled() { return false; }
        @Override public void throwIfCancelled() { }
    };

    private final AccountResources account;
    private final ResourceWrites writes;
    private final ProvisionJournals journals;
    private final StepHook hook;

    public ProvisionWorkflow(AccountResources account, ResourceWrites writes, ProvisionJournals journals) {
        this(account, writes, journals, StepHook.NONE);
    }

    public ProvisionWorkflow(AccountResources account, ResourceWrites writes, ProvisionJournals journals, StepHook hook) {
        this.account = Objects.requireNonNull(account, "account");
        this.writes = Objects.requireNonNull(writes, "writes");
        this.journals = Objects.requireNonNull(journals, "journals");
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    public ProvisionJournals journals() {
        return journals;
    }

    public ApplyResult apply(ProvisionPlan plan) {
        return apply(plan, NO_TASK, line -> { });
    }

    /**
     * @throws dev.flareobserver.orchestration.resources.ReadOnlyException before any request when writes are locked
     * @throws UnfinishedApplyException before any request when an earlier apply of the config never finished
     * @throws ApplyFailedException when a step failed (what it created is rolled back)
     */
    public ApplyResult apply(ProvisionPlan plan, TaskContext task, Consumer<String> log) {
        WranglerConfig config = plan.config();
        Path file = config.file().toAbsolutePath().normalize();
        writes.requireUnlocked(Write.of(plan.accountId(), "Provision", "apply", file.toString()));
        requireSameAccount(plan.accountId());
        if (!plan.hasWork()) {
            log.accept("Nothing to do: the account and the config agree.");
            return ApplyResult.nothingToDo();
        }
        List<ApplyRecord> unfinished = journals.unfinished(file);
        if (!unfinished.isEmpty()) {
            throw new UnfinishedApplyException(unfinished.get(0));
        }
        List<JournalStep> steps = new ArrayList<>();
        for (PlanItem item : plan.creates()) {
            List<String> entries = new ArrayList<>();
            for (PlanItem other : plan.items()) {
                boolean same = other == item || item.desired().describe().equals(other.sharedWith());
                if (same && other.needsWriteBack()) {
                    entries.add(other.desired().entryPath());
                }
            }
            DesiredBinding d = item.desired();
            steps.add(new JournalStep(steps.size(), d.kind(), d.binding(), d.name(), d.jurisdiction(), entries));
        }
        List<ConfigWriteBack.IdEdit> kept = plan.items().stream().filter(i -> i.writeBackId() != null)
                .map(i -> new ConfigWriteBack.IdEdit(i.desired().entryPath(), i.kind().idField(), i.writeBackId()))
                .toList();
        JournalHeader header = new JournalHeader(journals.newId(), plan.accountId(), file.toString(), config.env(),
                steps, kept);
        ProvisionJournals.Journal journal = journals.open(header);
        ApplyRecord record = new ApplyRecord(journal.file(), header, journal.clock().instant());
        record.apply(JournalEvent.of("start", record.startedAt()).header(header));
        log.accept(record.lines().get(0));
        return new Run(journal, record, task, log).forward();
    }

    /** Finishes an apply that never ended: steps that may have run are looked up by name first, never repeated blindly. */
    public ApplyResult resume(ApplyRecord record, TaskContext task, Consumer<String> log) {
        writes.requireUnlocked(Write.of(record.header().accountId(), "Provision", "resume apply", record.header().configFile()));
        requireSameAccount(record.header().accountId());
        if (record.isFinished()) {
            throw new IllegalStateException("The apply " + record.applyId() + " already ended (" + record.outcome() + ")");
        }
        return new Run(journals.reopen(record), record, task, log).forward();
    }

    /**
     * Deletes what an apply created (finished or not) and restores the config text it replaced, if the file
     * still holds what the apply wrote. Only resources the journal shows this apply created are deleted.
     *
     * @throws ApplyFailedException when something could not be deleted (it stays in the journal for another try)
     */
    public ApplyResult rollback(ApplyRecord record, TaskContext task, Consumer<String> log) {
        writes.requireUnlocked(Write.of(record.header().accountId(), "Provision", "roll back apply", record.header().configFile()));
        requireSameAccount(record.header().accountId());
        if (ApplyRecord.ROLLED_BACK.equals(record.outcome())) {
            return new ApplyResult(record.applyId(), List.of(), List.of(), false, record.lines());
        }
        Run run = new Run(journals.reopen(record), record, task, log);
        Undo undo = run.undo();
        run.emit(JournalEvent.of("end", now()).message(undo.complete() ? ApplyRecord.ROLLED_BACK : ApplyRecord.ROLLBACK_INCOMPLETE));
        if (!undo.complete()) {
            throw new ApplyFailedException(record.applyId(), "the rollback could not delete everything", undo.created(),
                    undo.deleted(), undo.left(), undo.firstError());
        }
        return new ApplyResult(record.applyId(), List.of(), undo.deleted(), undo.configRestored(), record.lines());
    }

    private void requireSameAccount(String accountId) {
        if (!accountId.equals(account.accountId())) {
            throw new IllegalStateException("This is for account " + accountId + ", but the connection is to account "
                    + account.accountId() + "; nothing was sent.");
        }
    }

    private java.time.Instant now() {
        return journals.clock().instant();
    }

    private record Undo(List<String> created, List<String> deleted, List<String> left, boolean configRestored,
                        RuntimeException firstError) {
        boolean complete() {
            return left.isEmpty();
        }
    }

    /** One pass over a journal: the events it appends are folded into the record and shown to the log. */
    private final class Run {
        private final ProvisionJournals.Journal journal;
        private final ApplyRecord record;
        private final TaskContext task;
        private final Consumer<String> log;
        private final JournalHeader header;

        Run(ProvisionJournals.Journal journal, ApplyRecord record, TaskContext task, Consumer<String> log) {
            this.journal = journal;
            this.record = record;
            this.task = task;
            this.log = log;
            this.header = record.header();
        }

        void emit(JournalEvent event) {
            journal.append(event);
            record.apply(event);
            List<String> lines = record.lines();
            String line = lines.get(lines.size() - 1);
            log.accept(line);
            task.message(line);
        }

        ApplyResult forward() {
            List<String> created = new ArrayList<>();
            int total = header.steps().size() + 1;
            Integer current = null;
            try {
                for (JournalStep step : header.steps()) {
                    task.throwIfCancelled();
                    ApplyRecord.StepState state = record.state(step.index());
                    if (state == ApplyRecord.StepState.DONE) {
                        continue;
                    }
                    if (state != ApplyRecord.StepState.PENDING && state != ApplyRecord.StepState.ROLLED_BACK) {
                        // The request may have reached the account before the process died: look before creating.
                        Optional<LiveResource> found = findByName(step);
                        if (found.isPresent()) {
                            emit(JournalEvent.of("step-done", now()).step(step.index()).id(found.get().id())
                                    .message("found after an interruption"));
                            created.add(step.describe() + " (" + found.get().id() + ")");
                            continue;
                        }
                    }
                    current = step.index();
                    emit(JournalEvent.of("step-begin", now()).step(step.index()));
                    hook.at("before", step);
                    LiveResource made = writes.run(
                            Write.of(header.accountId(), step.kind().product(), "create " + step.kind().label()
                                    + " (provision)", step.name()),
                            () -> account.create(step.kind(), step.name(), step.jurisdiction()), LiveResource::id);
                    hook.at("after", step);
                    emit(JournalEvent.of("step-done", now()).step(step.index()).id(made.id()));
                    current = null;
                    created.add(step.describe() + " (" + made.id() + ")");
                    task.progress((step.index() + 1.0) / total);
                }
                task.throwIfCancelled();
                boolean written = writeBack();
                emit(JournalEvent.of("end", now()).message(ApplyRecord.APPLIED));
                task.progress(1);
                return new ApplyResult(header.applyId(), created, List.of(), written, record.lines());
            } catch (RuntimeException e) {
                if (current != null) {
                    emit(JournalEvent.of("step-failed", now()).step(current).message(messageOf(e)));
                }
                Undo undo = undo();
                emit(JournalEvent.of("end", now()).message(undo.complete() ? ApplyRecord.ROLLED_BACK
                        : ApplyRecord.ROLLBACK_INCOMPLETE));
                String why = e instanceof CancellationException ? "it was cancelled" : messageOf(e);
                throw new ApplyFailedException(header.applyId(), why, undo.created(), undo.deleted(), undo.left(), e);
            }
        }

        /** Writes the ids into the config; false when there was nothing to write (or it was already written). */
        private boolean writeBack() {
            List<ConfigWriteBack.IdEdit> edits = new ArrayList<>(header.keptEdits());
            for (JournalStep step : header.steps()) {
                String value = step.kind() == ResourceKind.R2_BUCKET ? step.name() : record.createdId(step.index());
                for (String entry : step.writeBackEntries()) {
                    edits.add(new ConfigWriteBack.IdEdit(entry, step.kind().idField(), value));
                }
            }
            if (edits.isEmpty()) {
                return false;
            }
            Path file = Path.of(header.configFile());
            WranglerConfig current = WranglerConfigReader.read(file, header.env());
            for (ConfigWriteBack.IdEdit edit : edits) {
                if (current.bindings().stream().noneMatch(b -> b.entryPath().equals(edit.entryPath()))) {
                    throw new IllegalStateException("the config changed since the plan: it has no entry "
                            + edit.entryPath() + " any more");
                }
            }
            String after = ConfigWriteBack.edit(current, edits);
            String before = record.configBefore() != null ? record.configBefore() : current.text();
            if (!after.equals(current.text())) {
                emit(JournalEvent.of("writeback-begin", now()).text(before));
                writeAtomically(file, after);
            } else if (!record.writeBackBegun()) {
                return false;
            }
            emit(JournalEvent.of("writeback-done", now()).text(after));
            return true;
        }

        Undo undo() {
            List<String> created = new ArrayList<>();
            List<String> deleted = new ArrayList<>();
            List<String> left = new ArrayList<>();
            RuntimeException first = null;
            for (int i = header.steps().size() - 1; i >= 0; i--) {
                JournalStep step = header.steps().get(i);
                String id = record.createdId(i);
                switch (record.state(i)) {
                    case PENDING, ROLLED_BACK -> {
                        continue;
                    }
                    case BEGUN, FAILED -> {
                        // Unknown whether the create reached the account. The plan found no resource of this name
                        // before the apply (else there would be no step), so one found now is this apply's.
                        Optional<LiveResource> found;
                        try {
                            found = findByName(step);
                        } catch (RuntimeException e) {
                            first = first == null ? e : first;
                            left.add(step.describe() + " (may exist: could not check: " + messageOf(e) + ")");
                            continue;
                        }
                        if (found.isEmpty()) {
                            continue;
                        }
                        id = found.get().id();
                        emit(JournalEvent.of("step-done", now()).step(i).id(id).message("found after an interruption"));
                    }
                    default -> { }
                }
                if (id == null) {
                    continue;
                }
                String what = step.describe() + " (" + id + ")";
                created.add(what);
                emit(JournalEvent.of("rollback-begin", now()).step(i));
                LiveResource target = new LiveResource(step.kind(), id, step.name(), step.jurisdiction());
                try {
                    boolean existed = writes.run(Write.of(header.accountId(), step.kind().product(),
                            "delete " + step.kind().label() + " (provision rollback)", step.name()),
                            () -> account.delete(target));
                    emit(JournalEvent.of("rollback-done", now()).step(i).message(existed ? null : "it was already gone"));
                    deleted.add(what);
                } catch (RuntimeException e) {
                    first = first == null ? e : first;
                    emit(JournalEvent.of("rollback-failed", now()).step(i).message(messageOf(e)));
                    left.add(what);
                }
            }
            boolean restored = false;
            if (record.writeBackDone() && record.configBefore() != null) {
                Path file = Path.of(header.configFile());
                try {
                    String now = Files.readString(file, StandardCharsets.UTF_8);
                    if (now.equals(record.configAfter())) {
                        writeAtomically(file, record.configBefore());
                        emit(JournalEvent.of("config-restored", now()));
                        restored = true;
                    } else {
                        log.accept("The config changed after the apply wrote it; it is left as it is (remove the ids by hand).");
                    }
                } catch (IOException e) {
                    log.accept("Could not restore " + file + ": " + e.getMessage());
                }
            }
            java.util.Collections.reverse(created);
            java.util.Collections.reverse(deleted);
            return new Undo(created, deleted, left, restored, first);
        }

        private Optional<LiveResource> findByName(JournalStep step) {
            return account.list(step.kind()).stream().filter(r -> r.name().equals(step.name())).findFirst();
        }
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".flare-provision.tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String messageOf(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
