package dev.flareobserver.orchestration.deploy;

/** A deploy that stopped at {@code step}; the message says why and what state the application was left in. */
public class DeployFailedException extends RuntimeException {

    private final DeployStep step;

    public DeployFailedException(DeployStep step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    public DeployStep step() {
        return step;
    }
}
