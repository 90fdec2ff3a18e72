package dev.flareobserver.api.workers;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Instant;

/**
 * A live tail of a Worker: the {@code result} of {@code POST .../tails}.
 *
 * @param id        the tail's id, for {@code DELETE .../tails/{id}}
 * @param url       the WebSocket to connect to ({@code wss://...}), used verbatim
 * @param expiresAt when the service stops delivering to it (it does not close the socket then)
 */
public record Tail(@JsonProperty("id") String id, @JsonProperty("url") URI url,
    @JsonProperty("expires_at") Instant expiresAt) {

  /** Never shows the URL: it is the tail's only credential. */
  @Override
  public String toString() {
    return "Tail[id=" + id + ", expiresAt=" + expiresAt + "]";
  }
}
