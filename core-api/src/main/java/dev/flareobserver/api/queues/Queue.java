package dev.flareobserver.api.queues;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A queue ({@code mq_queue}; create and update answer the smaller {@code mq_queue_created/updated}, so the
 * counts are null there).
 */
public record Queue(
    @JsonProperty("queue_id") String queueId,
    @JsonProperty("queue_name") String queueName,
    @JsonProperty("created_on") Instant createdOn,
    @JsonProperty("modified_on") Instant modifiedOn,
    @JsonProperty("producers_total_count") Integer producersTotalCount,
    @JsonProperty("consumers_total_count") Integer consumersTotalCount) {
}
