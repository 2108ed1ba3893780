package dev.bulwark.consensus;

import java.util.Map;

/**
 * A step the driver took, as the spec's {@code lastAction} record without {@code p}: the spec
 * action's name and its parameters under the spec's field names ({@code v}, {@code vr}, {@code r},
 * {@code h}). For trace validation of Java runs against the spec. The Java-only timer steps are
 * logged as "UponQuorumOfPrevotesAny" and "UponQuorumOfPrecommitsAny" (no spec variable changes:
 * stuttering steps for the spec).
 */
/*@ nullable_by_default @*/ public final class ActionRecord {
    //@ spec_public
    private final String name;
    //@ spec_public
    private final Map<String, Object> params;

    /** A copy of params (null gives no parameters; null values are kept). */
    //@ public normal_behavior
    //@   ensures this.name == name && this.params != null;
    /*@ skipesc @*/ // glue: the defensive copy (a library collection), for trace validation
    public ActionRecord(String name, Map<String, Object> params) {
        this.name = name;
        this.params = new ReadOnlyMap<String, Object>(params);
    }

    //@ public normal_behavior
    //@   ensures \result == name;
    //@ pure
    public String name() {
        return name;
    }

    //@ public normal_behavior
    //@   ensures \result == params;
    //@ pure
    public Map<String, Object> params() {
        return params;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (!(o instanceof ActionRecord)) {
            return false;
        }
        ActionRecord a = (ActionRecord) o;
        return java.util.Objects.equals(name, a.name) && params.equals(a.params);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(name, params);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "ActionRecord[name=" + name + ", params=" + params + "]";
    }
}
