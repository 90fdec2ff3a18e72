package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Body of {@code POST .../instances/{id}/exec}; {@code stdin} is base64. */
public record ExecRequest(
    @JsonProperty("command") List<String> command,
    @JsonProperty("cwd") String cwd,
    @JsonProperty("environment_variables") Map<String, String> environmentVariables,
    @JsonProperty("stdin") String stdin,
    @JsonProperty("user") String user) {

  public ExecRequest {
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("exec needs a command (e.g. [\"ls\", \"-l\"])");
    }
    command = List.copyOf(command);
  }

  public static ExecRequest of(String... command) {
    return new ExecRequest(List.of(command), null, null, null, null);
  }

  public ExecRequest withStdin(byte[] input) {
    return new ExecRequest(command, cwd, environmentVariables, Base64.getEncoder().encodeToString(input), user);
  }

  /** What the command printed and how it ended; {@code stdout}/{@code stderr} are base64 on the wire. */
  public record Result(@JsonProperty("exit_code") Integer exitCode,
                       @JsonProperty("stdout") String stdout,
                       @JsonProperty("stderr") String stderr) {

    public String stdoutText() {
      return decode(stdout);
    }

    public String stderrText() {
      return decode(stderr);
    }

    private static String decode(String base64) {
      return base64 == null ? "" : new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
  }
}
