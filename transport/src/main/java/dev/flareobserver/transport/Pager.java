package dev.flareobserver.transport;

import java.util.Iterator;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paginated list, fetched page by page as iteration reaches it. Nothing is requested
 * before iteration starts; each new iteration (or stream) starts again from the first page.
 */
public final class Pager<T> implements Iterable<T> {
  private final Supplier<Iterator<T>> iterators;

  Pager(Supplier<Iterator<T>> iterators) {
    this.iterators = Objects.requireNonNull(iterators, "iterators");
  }

  @Override
  public Iterator<T> iterator() {
    return iterators.get();
  }

  public Stream<T> stream() {
    return StreamSupport.stream(() -> Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED),
        Spliterator.ORDERED, false);
  }
}
