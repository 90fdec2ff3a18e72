package dev.flareobserver.api.workers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.Requests;
import dev.flareobserver.transport.ApiRequest;
import dev.flareobserver.transport.HttpTransport;
import dev.flareobserver.transport.ResponseParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code /accounts/{account_id}/workers/scripts/{script_name}/tails}: live tails of a Worker's invocations,
 * and {@link #connect} for their WebSocket.
 */
public final class TailsClient {
  static final String TAILS = ScriptsClient.SCRIPT + "/tails";

  private final HttpTransport transport;

  public TailsClient(HttpTransport transport) {
    this.transport = transport;
  }

  /**
   * {@code POST .../tails} with body {@code {"filters":[...]}}. Not retried: a replay after a lost answer would
   * leave a second tail behind, counting against the ten a Worker allows.
   */
  public Tail create(String accountId, String scriptName, TailFilters filters) {
    TailFilters f = filters == null ? TailFilters.none() : filters;
    ApiRequest request = ScriptsClient.script(ApiRequest.post(TAILS), accountId, scriptName)
        .jsonBody(Map.of("filters", f.toWire()))
        .idempotent(false);
    Tail tail = transport.execute(request, Tail.class).result();
    if (tail == null || tail.id() == null || tail.url() == null) {
      throw new ResponseParseException("the created tail has no id or url", 200, "application/json", null, "POST",
          "/accounts/…/workers/scripts/" + scriptName + "/tails", null);
    }
    return tail;
  }

  /**
   * {@code GET .../tails}: the tails open on the Worker. The documented {@code result} is one object; whether
   * several tails come as an array is unconfirmed, so both shapes are read (and null as none).
   */
  public List<Tail> list(String accountId, String scriptName) {
    ApiRequest request = ScriptsClient.script(ApiRequest.get(TAILS), accountId, scriptName);
    JsonNode result = transport.execute(request, JsonNode.class).result();
    if (result == null || result.isNull() || result.isMissingNode()) {
      return List.of();
    }
    ObjectMapper mapper = transport.mapper();
    List<Tail> out = new ArrayList<>();
    try {
      if (result.isArray()) {
        for (JsonNode item : result) {
          addIfTail(out, mapper, item);
        }
      } else {
        addIfTail(out, mapper, result);
      }
    } catch (IOException e) {
      throw new ResponseParseException("a listed tail has an unexpected shape (" + e.getMessage() + ")", 200,
          "application/json", null, "GET", "/accounts/…/workers/scripts/" + scriptName + "/tails", e);
    }
    return List.copyOf(out);
  }

  private static void addIfTail(List<Tail> out, ObjectMapper mapper, JsonNode item) throws IOException {
    // An empty object is how "no tail" could plausibly look for a single-object result.
    if (item.isObject() && item.hasNonNull("id")) {
      out.add(mapper.treeToValue(item, Tail.class));
    }
  }

  /** {@code DELETE .../tails/{id}}: ends the tail; its socket closes. Safe to retry. */
  public void delete(String accountId, String scriptName, String tailId) {
    Requests.requirePathParam("id", tailId);
    ApiRequest request = ScriptsClient.script(ApiRequest.delete(TAILS + "/{id}"), accountId, scriptName)
        .pathParam("id", tailId);
    transport.execute(request, Object.class);
  }

  /**
   * Opens the tail's WebSocket and returns at once; {@link TailSocketListener#onOpen()} tells when it is up,
   * {@link TailSocketListener#onClosed} when it failed or ended.
   */
  public TailSocket connect(Tail tail, TailSocketOptions options, TailSocketListener listener) {
    Objects.requireNonNull(tail, "tail");
    return TailSocket.open(transport, tail, options, listener);
  }
}
