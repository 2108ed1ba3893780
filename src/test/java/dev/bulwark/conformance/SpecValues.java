package dev.bulwark.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for adapters: model-value identifiers as array indices, integer functions as arrays. */
public final class SpecValues {
    private SpecValues() {
    }

    /** The model values of a set constant in index order (a1, a2, ..., a10: numeric suffix order). */
    public static List<TlaValue.ModelValue> modelValues(TlaValue set) {
        List<TlaValue.ModelValue> out = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetV) set).elems()) {
            out.add((TlaValue.ModelValue) v);
        }
        return out;
    }

    /** Index of {@code v} in {@code ids}; throws if absent. */
    public static int indexOf(List<TlaValue.ModelValue> ids, TlaValue v) {
        int i = ids.indexOf(v);
        if (i < 0) {
            throw new IllegalArgumentException(v.toTla() + " is not one of " + ids);
        }
        return i;
    }

    public static long[] toArray(List<TlaValue.ModelValue> ids, TlaValue fn) {
        Map<TlaValue, TlaValue> m = ((TlaValue.Fn) fn).map();
        if (m.size() != ids.size()) {
            throw new IllegalArgumentException("function " + fn.toTla() + " is not over " + ids);
        }
        long[] out = new long[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = asLong(((TlaValue.Fn) fn).apply(ids.get(i)));
        }
        return out;
    }

    public static TlaValue.Fn fromArray(List<TlaValue.ModelValue> ids, long[] values) {
        TreeMap<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
        for (int i = 0; i < values.length; i++) {
            m.put(ids.get(i), new TlaValue.Int(values[i]));
        }
        return new TlaValue.Fn(m);
    }

    public static long asLong(TlaValue v) {
        if (v instanceof TlaValue.Int i) {
            return i.value();
        }
        throw new IllegalArgumentException("not an integer: " + (v == null ? "null" : v.toTla()));
    }

    /** Integers of a set constant, ascending. */
    public static List<Long> ints(TlaValue set) {
        List<Long> out = new ArrayList<>();
        for (TlaValue v : ((TlaValue.SetV) set).elems()) {
            out.add(asLong(v));
        }
        return out;
    }

    public static long constant(Map<String, TlaValue> constants, String name) {
        TlaValue v = constants.get(name);
        if (v == null) {
            throw new IllegalArgumentException("constant " + name + " not in the config");
        }
        return asLong(v);
    }
}
