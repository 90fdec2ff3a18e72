package dev.flareobserver.api.queues;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@code /accounts/{account_id}/queues} (Queues v2). */
public final class QueuesClient {
  private static final TypeReference<List<Queue>> QUEUES = new TypeReference<>() { };
  private static final String QUEUES_PATH = "/accounts/{account_id}/queues";
  private static final String QUEUE_PATH = QUEUES_PATH + "/{queue_id}";

  private final HttpTransport transport;

  public QueuesClient(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /** {@code GET .../queues}: every queue of the account (one page; the list is not paginated). */
  public List<Queue> list(String accountId) {
    List<Queue> queues = transport.execute(account(ApiRequest.get(QUEUES_PATH), accountId), QUEUES).result();
    return queues == null ? List.of() : List.copyOf(queues);
  }

  /** {@code GET .../queues/{queue_id}}. */
  public Queue get(String accountId, String queueId) {
    return transport.execute(queue(ApiRequest.get(QUEUE_PATH), accountId, queueId), Queue.class).result();
  }

  /** {@code POST .../queues} with {@code {queue_name}}; not retried (a replay could fail as "name taken"). */
  public Queue create(String accountId, String queueName) {
    Requests.requirePathParam("queue_name", queueName);
    ApiRequest request = account(ApiRequest.post(QUEUES_PATH), accountId)
        .jsonBody(Map.of("queue_name", queueName))
        .idempotent(false);
    return transport.execute(request, Queue.class).result();
  }

  /** {@code PUT .../queues/{queue_id}} with {@code {queue_name}}: renames the queue. */
  public Queue rename(String accountId, String queueId, String newName) {
    Requests.requirePathParam("queue_name", newName);
    return transport.execute(queue(ApiRequest.put(QUEUE_PATH), accountId, queueId)
        .jsonBody(Map.of("queue_name", newName)), Queue.class).result();
  }

  /** {@code DELETE .../queues/{queue_id}}; the document marks a JSON body as required, so an empty object is sent. */
  public void delete(String accountId, String queueId) {
    transport.execute(queue(ApiRequest.delete(QUEUE_PATH), accountId, queueId).jsonBody(Map.of()), Object.class);
  }

  private static ApiRequest account(ApiRequest request, String accountId) {
    return request.pathParam("account_id", Requests.requirePathParam("account_id", accountId));
  }

  private static ApiRequest queue(ApiRequest request, String accountId, String queueId) {
    return account(request, accountId).pathParam("queue_id", Requests.requirePathParam("queue_id", queueId));
  }
}
