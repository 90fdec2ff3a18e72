package dev.flareobserver.emulator.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An emulator killed with SIGKILL leaves its instances running; the next one on the same data kills them. */
class OrphanedInstancesTest {

    @TempDir
    Path dir;

    private Process startFrom(Path executableDir) throws Exception {
        Files.createDirectories(executableDir);
        Path sleep = executableDir.resolve("sleep");
        Files.copy(Path.of("/bin/sleep"), sleep, StandardCopyOption.REPLACE_EXISTING);
        return new ProcessBuilder(sleep.toString(), "60").start();
    }

    @Test
    void aProcessLeftInAnInstanceDirectoryIsKilledAndAnUnrelatedPidIsLeftAlone() throws Exception {
        Path instances = dir.resolve("instances");
        Process orphan = startFrom(instances.resolve("a1").resolve("rootfs"));
        Files.writeString(instances.resolve("a1").resolve("pid"), Long.toString(orphan.pid()));
        Process stranger = startFrom(dir.resolve("elsewhere"));
        Files.createDirectories(instances.resolve("b2"));
        Files.writeString(instances.resolve("b2").resolve("pid"), Long.toString(stranger.pid()));
        Files.createDirectories(instances.resolve("never-started"));
        try {
            InstanceSupervisor.killOrphans(instances);

            assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).as("the orphan was killed").isTrue();
            assertThat(stranger.isAlive()).as("a pid whose program lies elsewhere is not ours").isTrue();
        } finally {
            orphan.destroyForcibly();
            stranger.destroyForcibly();
        }
    }
}
