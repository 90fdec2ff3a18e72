package dev.flareobserver.emulator.workers;

import java.util.List;

/**
 * Read-only view of the emulator's Workers for the traffic simulator. The simulator calls it for
 * every analytics query, so implementations answer from memory.
 */
public interface WorkerDirectory {
    /** Script names of an account, stable order. */
    List<String> scriptNames(String accountId);

    /** Every deployment of a script, oldest first (the deployment in force at t is the last with at <= t). */
    List<DeploymentEvent> deployments(String accountId, String scriptName);
}
