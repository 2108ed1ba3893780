package dev.bulwark.consensus;

import java.util.AbstractList;
import java.util.List;

/**
 * An unmodifiable list over a private copy of its elements (nulls kept): the library lists the
 * package hands to the shell, tests and trace validation. Written here rather than taken from
 * {@code java.util.Collections} so that OpenJML's runtime assertion checking, whose bundled
 * specification of {@code Collections} does not compile, can compile the package.
 */
final class ReadOnlyList<T> extends AbstractList<T> {
    private final Object[] items;

    private ReadOnlyList(Object[] items) {
        this.items = items;
    }

    /** The elements of l in order (a copy). */
    /*@ skipesc skiprac @*/ // glue: a library list for callers
    static <T> List<T> copyOf(List<T> l) {
        return new ReadOnlyList<T>(l.toArray());
    }

    /** The elements of l in reverse order (a copy). */
    /*@ skipesc skiprac @*/ // glue: a library list for callers
    static <T> List<T> reversed(List<T> l) {
        Object[] a = new Object[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[a.length - 1 - i] = l.get(i);
        }
        return new ReadOnlyList<T>(a);
    }

    @Override
    @SuppressWarnings("unchecked")
    /*@ skipesc skiprac @*/ // glue: a library list for callers
    public T get(int i) {
        return (T) items[i];
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: a library list for callers
    public int size() {
        return items.length;
    }
}
