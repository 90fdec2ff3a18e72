package dev.flareobserver.transport;

import java.util.List;

/** A successful v4 response: the converted {@code result} plus what came with it. */
public record ApiResult<T>(T result, ResultInfo resultInfo, List<ApiMessage> messages, int httpStatus, String cfRay) {

  public ApiResult {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
