package dev.flareobserver.api.d1;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;

/**
 * One answer of the export polling flow ({@code POST .../export}): {@code status} is "active" while the dump is
 * made (HTTP 202; poll again with {@link #atBookmark()}), then "complete" with {@link #result()} or "error"
 * with {@link #error()}.
 *
 * @param messages log lines since the previous poll
 */
public record D1ExportStatus(
    @JsonProperty("type") String type,
    @JsonProperty("status") String status,
    @JsonProperty("success") Boolean success,
    @JsonProperty("at_bookmark") String atBookmark,
    @JsonProperty("error") String error,
    @JsonProperty("messages") List<String> messages,
    @JsonProperty("result") File result) {

  public static final String ACTIVE = "active";
  public static final String COMPLETE = "complete";
  public static final String ERROR = "error";

  public D1ExportStatus {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  /** The finished dump: its file name and a URL (valid for an hour) to download it from without credentials. */
  public record File(@JsonProperty("filename") String filename, @JsonProperty("signed_url") URI signedUrl) {

    /** Never shows the URL: it is the download's only credential. */
    @Override
    public String toString() {
      return "File[filename=" + filename + "]";
    }
  }

  public boolean isComplete() {
    return COMPLETE.equals(status);
  }

  public boolean isError() {
    return ERROR.equals(status) || Boolean.FALSE.equals(success);
  }
}
