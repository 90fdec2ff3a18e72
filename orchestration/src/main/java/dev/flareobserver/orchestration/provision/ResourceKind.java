package dev.flareobserver.orchestration.provision;

/** The account resources a wrangler config binds and provisioning can create. */
public enum ResourceKind {
    KV_NAMESPACE("KV namespace", "KV", "kv_namespaces", "id"),
    D1_DATABASE("D1 database", "D1", "d1_databases", "database_id"),
    R2_BUCKET("R2 bucket", "R2", "r2_buckets", "bucket_name"),
    QUEUE("queue", "Queues", "queues", "queue");

    private final String label;
    private final String product;
    private final String configKey;
    private final String idField;

    ResourceKind(String label, String product, String configKey, String idField) {
        this.label = label;
        this.product = product;
        this.configKey = configKey;
        this.idField = idField;
    }

    /** For people: "KV namespace". */
    public String label() {
        return label;
    }

    /** The product name the audit trail uses: "KV", "R2", "D1", "Queues". */
    public String product() {
        return product;
    }

    /** The wrangler config key of the binding array ("kv_namespaces"; "queues" for producers and consumers). */
    public String configKey() {
        return configKey;
    }

    /** The config field that names the live resource, and which write-back fills in. */
    public String idField() {
        return idField;
    }
}
