package dev.flareobserver.transport;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Lazy pagers for the three pagination styles of the v4 API. */
public final class Pagers {

  /** Fetches one page of a page/per_page list (pages count from 1). */
  @FunctionalInterface
  public interface PageFetcher<T> {
    ApiResult<List<T>> fetch(int page, int perPage);
  }

  private Pagers() {
  }

  /**
   * page / per_page lists. Stops after an empty or short page, when {@code page * per_page >= total_count},
   * or when {@code page >= total_pages}.
   */
  public static <T> Pager<T> pagePaginated(int perPage, PageFetcher<T> fetcher) {
    if (perPage < 1) {
      throw new IllegalArgumentException("perPage must be at least 1");
    }
    return new Pager<>(() -> new PagingIterator<T>() {
      private int page = 1;

      @Override
      ApiResult<List<T>> fetchNext() {
        return fetcher.fetch(page, perPage);
      }

      @Override
      boolean hasMoreAfter(ApiResult<List<T>> result, List<T> items) {
        ResultInfo info = result.resultInfo();
        int effectivePerPage = info != null && info.perPage() != null && info.perPage() > 0 ? info.perPage() : perPage;
        int current = info != null && info.page() != null ? info.page() : page;
        page = current + 1;
        if (items.isEmpty() || items.size() < effectivePerPage) {
          return false;
        }
        if (info == null) {
          return true;
        }
        if (info.totalCount() != null && (long) current * effectivePerPage >= info.totalCount()) {
          return false;
        }
        return info.totalPages() == null || current < info.totalPages();
      }
    });
  }

  /** Cursor lists ({@code cursor} in, {@code result_info.cursor} out); the first call gets {@code null}. */
  public static <T> Pager<T> cursorPaginated(Function<String, ApiResult<List<T>>> fetcher) {
    return new Pager<>(() -> new TokenIterator<>(fetcher, ResultInfo::cursor));
  }

  /** Page-token lists ({@code page_token} in, {@code result_info.next_page_token} out). */
  public static <T> Pager<T> pageTokenPaginated(Function<String, ApiResult<List<T>>> fetcher) {
    return new Pager<>(() -> new TokenIterator<>(fetcher, ResultInfo::nextPageToken));
  }

  private static final class TokenIterator<T> extends PagingIterator<T> {
    private final Function<String, ApiResult<List<T>>> fetcher;
    private final Function<ResultInfo, String> nextToken;
    private String token;

    TokenIterator(Function<String, ApiResult<List<T>>> fetcher, Function<ResultInfo, String> nextToken) {
      this.fetcher = fetcher;
      this.nextToken = nextToken;
    }

    @Override
    ApiResult<List<T>> fetchNext() {
      return fetcher.apply(token);
    }

    @Override
    boolean hasMoreAfter(ApiResult<List<T>> result, List<T> items) {
      String next = result.resultInfo() == null ? null : nextToken.apply(result.resultInfo());
      // The same token again would loop forever on a misbehaving server.
      boolean more = next != null && !next.isEmpty() && !next.equals(token);
      token = next;
      return more;
    }
  }

  private abstract static class PagingIterator<T> implements Iterator<T> {
    private Iterator<T> current = List.<T>of().iterator();
    private boolean morePages = true;

    abstract ApiResult<List<T>> fetchNext();

    abstract boolean hasMoreAfter(ApiResult<List<T>> result, List<T> items);

    @Override
    public boolean hasNext() {
      while (!current.hasNext() && morePages) {
        ApiResult<List<T>> result = fetchNext();
        List<T> items = result.result() == null ? List.of() : result.result();
        morePages = hasMoreAfter(result, items);
        current = items.iterator();
      }
      return current.hasNext();
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return current.next();
    }
  }
}
