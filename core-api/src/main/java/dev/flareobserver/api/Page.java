package dev.flareobserver.api;

import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.ResultInfo;
import java.util.List;

/** One page of a list, with the paging facts the server reported ({@code info} may be null). */
public record Page<T>(List<T> items, ResultInfo info) {

  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  public static <T> Page<T> of(ApiResult<List<T>> result) {
    return new Page<>(result.result(), result.resultInfo());
  }
}
