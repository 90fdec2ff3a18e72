package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.orchestration.task.TaskContext;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Deploys native binaries as Cloudflare Containers. The seam between the deploy wizard / command line and
 * {@link DeployWorkflow}, so the wizard can be tested on its own.
 */
public interface ContainerDeployer {

    /** Local checks only, no request: ELF, x86-64, executable, static (see {@link BinaryReport}). */
    BinaryReport inspect(Path binary) throws IOException;

    /** Check, build, push, create or modify, roll out, wait until healthy. Cancel through {@code task}. */
    DeployResult deploy(DeployRequest request, DeployListener listener, TaskContext task);

    /** Rolls {@code applicationName} back to the version it ran before its latest one, and waits for it. */
    DeployResult rollback(String applicationName, DeployListener listener, TaskContext task);
}
