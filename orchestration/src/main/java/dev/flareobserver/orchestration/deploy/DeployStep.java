package dev.flareobserver.orchestration.deploy;

/** The steps of a container deploy, in the order they run; the wizard shows one row per step. */
public enum DeployStep {
    CHECK("Check the binary"),
    BUILD("Build the image"),
    PUSH("Push the image"),
    APPLICATION("Create or modify the application"),
    ROLLOUT("Start the rollout"),
    CONVERGE("Wait for healthy instances");

    private final String title;

    DeployStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
