package dev.flareobserver.orchestration.provision;

import java.util.List;
import java.util.stream.Collectors;

/** A wrangler config that cannot be provisioned; found locally, before any request was sent. */
public final class InvalidConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String message(List<ConfigProblem> problems) {
        return (problems.size() == 1 ? "The config has a problem" : "The config has " + problems.size() + " problems")
                + "; nothing was sent:\n" + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
