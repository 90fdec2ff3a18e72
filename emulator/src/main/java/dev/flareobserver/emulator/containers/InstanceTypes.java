package dev.flareobserver.emulator.containers;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** vCPU, memory and disk of an instance (containers.md §3 instance types; legacy {@code dev} and {@code standard}). */
record InstanceTypes(double vcpu, int memoryMib, int diskMb) {

    private static final Map<String, InstanceTypes> TYPES = Map.of(
            "lite", new InstanceTypes(0.0625, 256, 2000),
            "dev", new InstanceTypes(0.0625, 256, 2000),
            "basic", new InstanceTypes(0.25, 1024, 4000),
            "standard-1", new InstanceTypes(0.5, 4096, 8000),
            "standard", new InstanceTypes(0.5, 4096, 8000),
            "standard-2", new InstanceTypes(1, 6144, 12000),
            "standard-3", new InstanceTypes(2, 8192, 16000),
            "standard-4", new InstanceTypes(4, 12288, 20000));

    static boolean isKnown(String type) {
        return TYPES.containsKey(type);
    }

    /** Custom {@code vcpu}/{@code memory_mib}/{@code disk.size_mb} win over {@code instance_type}; default lite. */
    static InstanceTypes of(JsonNode configuration) {
        InstanceTypes base = TYPES.getOrDefault(configuration.path("instance_type").asText("lite"), TYPES.get("lite"));
        double vcpu = configuration.path("vcpu").isNumber() ? configuration.path("vcpu").asDouble() : base.vcpu();
        int memory = configuration.path("memory_mib").isNumber() ? configuration.path("memory_mib").asInt() : base.memoryMib();
        int disk = configuration.path("disk").path("size_mb").isNumber() ? configuration.path("disk").path("size_mb").asInt()
                : base.diskMb();
        return new InstanceTypes(vcpu, memory, disk);
    }
}
