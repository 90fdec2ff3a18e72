package dev.flareobserver.emulator.graphql;

import dev.flareobserver.emulator.containers.InstanceSample;

import java.time.Instant;
import java.util.List;

/** Where {@code containersMetricsAdaptiveGroups} reads the container instances' measurements. */
@FunctionalInterface
public interface ContainerSamples {

    ContainerSamples NONE = (account, from, to) -> List.of();

    /** The account's samples with {@code from <= time < to}. */
    List<InstanceSample> samples(String accountId, Instant from, Instant to);
}
