package dev.bulwark.conformance;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Immutable model of the values TLC prints: integers, booleans, strings, model values,
 * sequences (TLC prints tuples and sequences alike), sets, records and functions.
 *
 * <p>Equality is structural. Sets are unordered and functions are maps, so both are kept in
 * the canonical order of {@link #ORDER}; a record and a function over strings stay distinct
 * (TLC prints the first as {@code [f |-> v]}, the second as {@code ("f" :> v)}).
 *
 * <p>{@link #toTla()} prints TLC syntax that {@link TlaParser} reads back; {@link #toItf()}
 * prints the ITF JSON encoding (the trace format of Apalache and Quint).
 */
public sealed interface TlaValue extends Comparable<TlaValue> {

    /** A total order: first by kind, then within the kind. Model values compare by name with numeric suffix. */
    Comparator<TlaValue> ORDER = TlaValue::compareValues;

    String toTla();

    String toItf();

    @Override
    default int compareTo(TlaValue o) {
        return compareValues(this, o);
    }

    // ---------------------------------------------------------------- factories

    static Int of(long v) {
        return new Int(v);
    }

    static Bool of(boolean v) {
        return v ? Bool.TRUE : Bool.FALSE;
    }

    static Str str(String s) {
        return new Str(s);
    }

    static ModelValue model(String name) {
        return new ModelValue(name);
    }

    static Seq seq(TlaValue... vs) {
        return new Seq(List.of(vs));
    }

    static SetV set(TlaValue... vs) {
        return new SetV(List.of(vs));
    }

    /** A record from alternating field names and values. */
    static Rec rec(Object... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("rec needs name/value pairs");
        }
        TreeMap<String, TlaValue> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (TlaValue) kv[i + 1]);
        }
        return new Rec(m);
    }

    // ---------------------------------------------------------------- kinds

    record Int(long value) implements TlaValue {
        @Override
        public String toTla() {
            return Long.toString(value);
        }

        @Override
        public String toItf() {
            return "{\"#bigint\":\"" + value + "\"}";
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    record Bool(boolean value) implements TlaValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        @Override
        public String toTla() {
            return value ? "TRUE" : "FALSE";
        }

        @Override
        public String toItf() {
            return value ? "true" : "false";
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    record Str(String value) implements TlaValue {
        public Str {
            if (value == null) {
                throw new NullPointerException("string");
            }
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
            return b.append('"').toString();
        }

        @Override
        public String toItf() {
            return Json.quote(value);
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    record ModelValue(String name) implements TlaValue {
        public ModelValue {
            if (name == null || name.isEmpty() || !TlaParser.isIdentifier(name)) {
                throw new IllegalArgumentException("bad model value name: " + name);
            }
        }

        @Override
        public String toTla() {
            return name;
        }

        @Override
        public String toItf() {
            return "{\"#unserializable\":" + Json.quote(name) + "}";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A sequence or tuple, {@code <<a, b>>}. */
    record Seq(List<TlaValue> elems) implements TlaValue {
        public Seq {
            elems = List.copyOf(elems);
        }

        public TlaValue get(int oneBased) {
            return elems.get(oneBased - 1);
        }

        @Override
        public String toTla() {
            return join("<<", elems, ">>");
        }

        /** ITF: sequences are JSON arrays. */
        @Override
        public String toItf() {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < elems.size(); i++) {
                b.append(i == 0 ? "" : ",").append(elems.get(i).toItf());
            }
            return b.append(']').toString();
        }

        /** ITF encoding as a tuple, for callers that know this value is one. */
        public String toItfTuple() {
            return "{\"#tup\":" + toItf() + "}";
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A finite set, kept in canonical order. */
    record SetV(SortedSet<TlaValue> elems) implements TlaValue {
        public SetV(Collection<? extends TlaValue> elems) {
            this(toSorted(elems));
        }

        public SetV {
            elems = Collections.unmodifiableSortedSet(new TreeSet<>(elems));
        }

        private static SortedSet<TlaValue> toSorted(Collection<? extends TlaValue> c) {
            TreeSet<TlaValue> s = new TreeSet<>(ORDER);
            s.addAll(c);
            return s;
        }

        @Override
        public String toTla() {
            return join("{", elems, "}");
        }

        @Override
        public String toItf() {
            StringBuilder b = new StringBuilder("{\"#set\":[");
            boolean first = true;
            for (TlaValue v : elems) {
                b.append(first ? "" : ",").append(v.toItf());
                first = false;
            }
            return b.append("]}").toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SetV s && elems.equals(s.elems);
        }

        @Override
        public int hashCode() {
            return elems.hashCode();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A record {@code [f |-> v, ...]}, fields in name order. */
    record Rec(SortedMap<String, TlaValue> fields) implements TlaValue {
        public Rec {
            fields = Collections.unmodifiableSortedMap(new TreeMap<>(fields));
        }

        public TlaValue get(String field) {
            TlaValue v = fields.get(field);
            if (v == null) {
                throw new IllegalArgumentException("record " + toTla() + " has no field " + field);
            }
            return v;
        }

        public boolean has(String field) {
            return fields.containsKey(field);
        }

        public long getInt(String field) {
            return ((Int) get(field)).value();
        }

        public String getStr(String field) {
            return ((Str) get(field)).value();
        }

        @Override
        public String toTla() {
            StringBuilder b = new StringBuilder("[");
            boolean first = true;
            for (Map.Entry<String, TlaValue> e : fields.entrySet()) {
                b.append(first ? "" : ", ").append(e.getKey()).append(" |-> ").append(e.getValue().toTla());
                first = false;
            }
            return b.append(']').toString();
        }

        @Override
        public String toItf() {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, TlaValue> e : fields.entrySet()) {
                b.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':').append(e.getValue().toItf());
                first = false;
            }
            return b.append('}').toString();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    /** A function {@code (k1 :> v1 @@ k2 :> v2)}, keys in canonical order. */
    record Fn(SortedMap<TlaValue, TlaValue> map) implements TlaValue {
        public Fn {
            TreeMap<TlaValue, TlaValue> m = new TreeMap<>(ORDER);
            m.putAll(map);
            map = Collections.unmodifiableSortedMap(m);
        }

        public static Fn of(Map<? extends TlaValue, ? extends TlaValue> m) {
            TreeMap<TlaValue, TlaValue> t = new TreeMap<>(ORDER);
            t.putAll(m);
            return new Fn(t);
        }

        public TlaValue apply(TlaValue key) {
            TlaValue v = map.get(key);
            if (v == null) {
                throw new IllegalArgumentException(key.toTla() + " not in the domain of " + toTla());
            }
            return v;
        }

        @Override
        public String toTla() {
            if (map.isEmpty()) {
                // TLC's empty function; reads back as an empty sequence.
                return "<<>>";
            }
            StringBuilder b = new StringBuilder("(");
            boolean first = true;
            for (Map.Entry<TlaValue, TlaValue> e : map.entrySet()) {
                b.append(first ? "" : " @@ ").append(e.getKey().toTla()).append(" :> ").append(e.getValue().toTla());
                first = false;
            }
            return b.append(')').toString();
        }

        @Override
        public String toItf() {
            StringBuilder b = new StringBuilder("{\"#map\":[");
            boolean first = true;
            for (Map.Entry<TlaValue, TlaValue> e : map.entrySet()) {
                b.append(first ? "" : ",").append('[').append(e.getKey().toItf()).append(',')
                        .append(e.getValue().toItf()).append(']');
                first = false;
            }
            return b.append("]}").toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fn f && map.equals(f.map);
        }

        @Override
        public int hashCode() {
            return map.hashCode();
        }

        @Override
        public String toString() {
            return toTla();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String join(String open, Iterable<TlaValue> vs, String close) {
        StringBuilder b = new StringBuilder(open);
        boolean first = true;
        for (TlaValue v : vs) {
            b.append(first ? "" : ", ").append(v.toTla());
            first = false;
        }
        return b.append(close).toString();
    }

    private static int rank(TlaValue v) {
        if (v instanceof Bool) {
            return 0;
        } else if (v instanceof Int) {
            return 1;
        } else if (v instanceof Str) {
            return 2;
        } else if (v instanceof ModelValue) {
            return 3;
        } else if (v instanceof Seq) {
            return 4;
        } else if (v instanceof SetV) {
            return 5;
        } else if (v instanceof Rec) {
            return 6;
        }
        return 7;
    }

    /** Compares model-value names "a2" < "a10": by the prefix, then the numeric suffix, then the text. */
    static int compareNames(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        int ix = suffixStart(x);
        int iy = suffixStart(y);
        int c = CharSequenceCompare.compare(x, 0, ix, y, 0, iy);
        if (c != 0) {
            return c;
        }
        if (ix < x.length() && iy < y.length()) {
            // compare the digit suffixes as numbers (leading zeros ignored), without parsing
            int zx = ix;
            while (zx < x.length() - 1 && x.charAt(zx) == '0') {
                zx++;
            }
            int zy = iy;
            while (zy < y.length() - 1 && y.charAt(zy) == '0') {
                zy++;
            }
            int lx = x.length() - zx;
            int ly = y.length() - zy;
            if (lx != ly) {
                return Integer.compare(lx, ly);
            }
            c = CharSequenceCompare.compare(x, zx, x.length(), y, zy, y.length());
            if (c != 0) {
                return c;
            }
        }
        return x.compareTo(y);
    }

    /** Lexicographic comparison of two string ranges. */
    final class CharSequenceCompare {
        private CharSequenceCompare() {
        }

        static int compare(String x, int xs, int xe, String y, int ys, int ye) {
            int n = Math.min(xe - xs, ye - ys);
            for (int i = 0; i < n; i++) {
                char cx = x.charAt(xs + i);
                char cy = y.charAt(ys + i);
                if (cx != cy) {
                    return Character.compare(cx, cy);
                }
            }
            return Integer.compare(xe - xs, ye - ys);
        }
    }

    private static int suffixStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    static int compareValues(TlaValue a, TlaValue b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        if (a instanceof Bool x) {
            return Boolean.compare(x.value(), ((Bool) b).value());
        } else if (a instanceof Int x) {
            return Long.compare(x.value(), ((Int) b).value());
        } else if (a instanceof Str x) {
            return x.value().compareTo(((Str) b).value());
        } else if (a instanceof ModelValue x) {
            return compareNames(x.name(), ((ModelValue) b).name());
        } else if (a instanceof Seq x) {
            return compareLists(x.elems(), ((Seq) b).elems());
        } else if (a instanceof SetV x) {
            return compareLists(new ArrayList<>(x.elems()), new ArrayList<>(((SetV) b).elems()));
        } else if (a instanceof Rec x) {
            return compareEntries(x.fields(), ((Rec) b).fields(), Comparator.naturalOrder());
        }
        return compareEntries(((Fn) a).map(), ((Fn) b).map(), ORDER);
    }

    private static int compareLists(List<TlaValue> x, List<TlaValue> y) {
        int n = Math.min(x.size(), y.size());
        for (int i = 0; i < n; i++) {
            int c = compareValues(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    private static <K> int compareEntries(SortedMap<K, TlaValue> x, SortedMap<K, TlaValue> y, Comparator<? super K> kc) {
        Iterator<Map.Entry<K, TlaValue>> ix = x.entrySet().iterator();
        Iterator<Map.Entry<K, TlaValue>> iy = y.entrySet().iterator();
        while (ix.hasNext() && iy.hasNext()) {
            Map.Entry<K, TlaValue> ex = ix.next();
            Map.Entry<K, TlaValue> ey = iy.next();
            int c = kc.compare(ex.getKey(), ey.getKey());
            if (c != 0) {
                return c;
            }
            c = compareValues(ex.getValue(), ey.getValue());
            if (c != 0) {
                return c;
            }
        }
        return Boolean.compare(ix.hasNext(), iy.hasNext());
    }
}
