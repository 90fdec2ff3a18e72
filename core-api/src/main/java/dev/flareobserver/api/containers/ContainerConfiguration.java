package dev.flareobserver.api.containers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An application's {@code configuration} (containers.md §3). Create requires {@code image}; the rest is optional
 * and left out of request bodies when null. {@code instance_type} is one of {@code lite} (default), {@code basic},
 * {@code standard-1} … {@code standard-4}; {@code vcpu}/{@code memory_mib}/{@code disk} are the custom form.
 */
public record ContainerConfiguration(
    @JsonProperty("image") String image,
    @JsonProperty("instance_type") String instanceType,
    @JsonProperty("vcpu") Double vcpu,
    @JsonProperty("memory_mib") Integer memoryMib,
    @JsonProperty("disk") Disk disk,
    @JsonProperty("command") List<String> command,
    @JsonProperty("entrypoint") List<String> entrypoint,
    @JsonProperty("environment_variables") List<NameValue> environmentVariables,
    @JsonProperty("labels") List<NameValue> labels,
    @JsonProperty("secrets") List<Secret> secrets,
    @JsonProperty("observability") Observability observability,
    @JsonProperty("wrangler_ssh") WranglerSsh wranglerSsh,
    @JsonProperty("lifecycle") Lifecycle lifecycle) {

  /** Only an image: everything else takes Cloudflare's defaults. */
  public static ContainerConfiguration ofImage(String image) {
    return new ContainerConfiguration(image, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public ContainerConfiguration withImage(String value) {
    return new ContainerConfiguration(value, instanceType, vcpu, memoryMib, disk, command, entrypoint,
        environmentVariables, labels, secrets, observability, wranglerSsh, lifecycle);
  }

  public ContainerConfiguration withEnvironmentVariables(List<NameValue> value) {
    return new ContainerConfiguration(image, instanceType, vcpu, memoryMib, disk, command, entrypoint, value,
        labels, secrets, observability, wranglerSsh, lifecycle);
  }

  public record Disk(@JsonProperty("size_mb") Integer sizeMb) {
  }

  public record Secret(@JsonProperty("name") String name, @JsonProperty("secret") String secret,
                       @JsonProperty("type") String type) {
  }

  public record Observability(@JsonProperty("logs") Logs logs) {
    public record Logs(@JsonProperty("enabled") Boolean enabled) {
    }
  }

  public record WranglerSsh(@JsonProperty("enabled") Boolean enabled, @JsonProperty("port") Integer port) {
  }

  /** {@code max_termination_duration}: how long a stopping container may take (seconds; unit unconfirmed). */
  public record Lifecycle(@JsonProperty("max_termination_duration") Integer maxTerminationDuration) {
  }
}
