package dev.flareobserver.orchestration.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskRunnerTest {

    @Test
    void sameThreadRunnerFinishesTheWorkBeforeSubmitReturns() throws Exception {
        TaskRunner runner = TaskRunner.sameThread();
        List<List<TaskSnapshot>> seen = new CopyOnWriteArrayList<>();
        runner.addListener(seen::add);

        Task<Integer> task = runner.submit("Count", ctx -> {
            ctx.message("half way");
            ctx.progress(0.5);
            return 42;
        });

        assertThat(task.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(task.result().get()).isEqualTo(42);
        assertThat(task.progress()).isEqualTo(1.0);
        assertThat(runner.running()).isEmpty();
        assertThat(seen).anySatisfy(list -> assertThat(list).singleElement().satisfies(s -> {
            assertThat(s.title()).isEqualTo("Count");
            assertThat(s.message()).isEqualTo("half way");
            assertThat(s.progress()).isEqualTo(0.5);
            assertThat(s.state()).isEqualTo(TaskState.RUNNING);
        }));
        assertThat(seen.get(seen.size() - 1)).as("the last report has no running task").isEmpty();
    }

    @Test
    void aFailingTaskReportsItsMessageAndCompletesExceptionally() {
        TaskRunner runner = TaskRunner.sameThread();
        Task<Object> task = runner.submit("Break", ctx -> {
            throw new IllegalStateException("disk full");
        });

        assertThat(task.state()).isEqualTo(TaskState.FAILED);
        assertThat(task.snapshot().error()).isEqualTo("disk full");
        assertThat(task.result()).isCompletedExceptionally();
    }

    @Test
    void cancelInterruptsRunningWorkAndEndsCancelled() throws Exception {
        try (TaskRunner runner = TaskRunner.create()) {
            CountDownLatch started = new CountDownLatch(1);
            Task<String> task = runner.submit("Wait forever", ctx -> {
                started.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    ctx.throwIfCancelled();
                }
                return "not cancelled";
            });
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.running()).containsExactly(task);

            task.cancel();

            try {
                task.result().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | CancellationException expected) {
                // either form says "cancelled"
            }
            assertThat(task.result()).isCompletedExceptionally();
            assertThat(task.state()).isEqualTo(TaskState.CANCELLED);
            assertThat(runner.running()).isEmpty();
        }
    }

    @Test
    void tasksOnThePoolRunConcurrentlyAndAreListedWhileRunning() throws Exception {
        try (TaskRunner runner = TaskRunner.create()) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch bothRunning = new CountDownLatch(2);
            Task<Void> a = runner.submit("A", ctx -> { bothRunning.countDown(); await(release); return null; });
            Task<Void> b = runner.submit("B", ctx -> { bothRunning.countDown(); await(release); return null; });
            assertThat(bothRunning.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(runner.snapshots()).extracting(TaskSnapshot::title).containsExactly("A", "B");
            release.countDown();
            a.result().get(5, TimeUnit.SECONDS);
            b.result().get(5, TimeUnit.SECONDS);
            assertThat(runner.snapshots()).isEmpty();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
