package dev.flareobserver.orchestration.deploy;

import dev.flareobserver.api.containers.ContainerInstanceV2;

import java.util.List;

/**
 * What a running deploy (or rollback) reports, called on the deploy's own thread; a UI hops to its own thread.
 * Every step is started, then finished or failed (or skipped, e.g. no rollout needed); {@code progress} and
 * {@code instances} may come any number of times in between.
 */
public interface DeployListener {

    void started(DeployStep step, String detail);

    /** {@code fraction} in 0..1. */
    void progress(DeployStep step, double fraction, String detail);

    void finished(DeployStep step, String detail);

    void skipped(DeployStep step, String reason);

    void failed(DeployStep step, String reason);

    /** A warning the operator must see but that does not stop the deploy (e.g. a dynamically linked binary). */
    void warning(String text);

    /** The application's instances as the converge step last saw them. */
    void instances(List<ContainerInstanceV2> instances);

    DeployListener NONE = new DeployListener() {
        @Override public void started(DeployStep step, String detail) { }
        @Override public void progress(DeployStep step, double fraction, String detail) { }
        @Override public void finished(DeployStep step, String detail) { }
        @Override public void skipped(DeployStep step, String reason) { }
        @Override public void failed(DeployStep step, String reason) { }
        @Override public void warning(String text) { }
        @Override public void instances(List<ContainerInstanceV2> instances) { }
    };
}
