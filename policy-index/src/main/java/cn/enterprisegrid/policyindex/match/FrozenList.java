package cn.enterprisegrid.policyindex.match;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An unmodifiable list over an array that nobody else holds (no defensive copy needed). */
final class FrozenList<E> extends AbstractList<E> implements RandomAccess {
  private final E[] items;

  private FrozenList(E[] items) {
    this.items = items;
  }

  /** Wraps an array the caller hands over and never touches again. */
  static <E> FrozenList<E> of(E[] items) {
    return new FrozenList<>(items);
  }

  @Override
  public E get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
