package dev.bulwark.consensus;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An unmodifiable map over a private copy of another's entries, in that map's iteration order
 * (null values kept): the trace log's action parameters. Written here rather than taken from
 * {@code java.util.Collections}, for the reason given in {@link ReadOnlyList}.
 */
final class ReadOnlyMap<K, V> extends AbstractMap<K, V> {
    private final Object[] keys;
    private final Object[] values;

    /** A copy of m's entries in m's order (m null: empty). */
    /*@ skipesc @*/ // glue: a library map for trace validation
    ReadOnlyMap(/*@ nullable @*/ Map<K, V> m) {
        int n = m == null ? 0 : m.size();
        keys = new Object[n];
        values = new Object[n];
        if (m != null) {
            int i = 0;
            for (Map.Entry<K, V> e : m.entrySet()) {
                keys[i] = e.getKey();
                values[i] = e.getValue();
                i++;
            }
        }
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: a library map for trace validation
    public Set<Map.Entry<K, V>> entrySet() {
        return new Entries<K, V>(keys, values);
    }

    /** The entries of a ReadOnlyMap, in order. */
    private static final class Entries<K, V> extends AbstractSet<Map.Entry<K, V>> {
        private final Object[] keys;
        private final Object[] values;

        /*@ skipesc @*/ // glue: a library map for trace validation
        Entries(Object[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: a library map for trace validation
        public Iterator<Map.Entry<K, V>> iterator() {
            return new EntryIterator<K, V>(keys, values);
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: a library map for trace validation
        public int size() {
            return keys.length;
        }
    }

    /** Walks the entries of a ReadOnlyMap in order (no removal). */
    private static final class EntryIterator<K, V> implements Iterator<Map.Entry<K, V>> {
        private final Object[] keys;
        private final Object[] values;
        private int i;

        /*@ skipesc @*/ // glue: a library map for trace validation
        EntryIterator(Object[] keys, Object[] values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        /*@ skipesc skiprac @*/ // glue: a library map for trace validation
        public boolean hasNext() {
            return i < keys.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        /*@ skipesc skiprac @*/ // glue: a library map for trace validation
        public Map.Entry<K, V> next() {
            if (i >= keys.length) {
                throw new NoSuchElementException();
            }
            Map.Entry<K, V> e = new AbstractMap.SimpleImmutableEntry<K, V>((K) keys[i], (V) values[i]);
            i++;
            return e;
        }
    }
}
