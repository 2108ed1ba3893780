package dev.bulwark.consensus;

/**
 * A proposed value (a block), identified by a non-negative id (e.g. a prefix of the block's
 * hash); {@link #NIL} (id -1) is the spec's NilValue. Validity is the application's
 * {@link ValuePolicy}, not a property of the id.
 *
 * <p>An immutable value object (equal ids, equal values). Code that compares two values should
 * use {@link #sameAs} or {@link #equals}, so that widening the identity later (a full block
 * digest instead of a long id) changes this class and the places that store ids as longs
 * ({@link VoteKeeper}, {@link Validator}'s lock fields), not every comparison.
 */
public final class Value {
    /** The spec's NilValue. */
    public static final long NIL_ID = -1L;
    /** The spec's NilValue. */
    public static final Value NIL = new Value(NIL_ID);

    //@ spec_public
    private final long id;

    //@ public normal_behavior
    //@   ensures this.id == id;
    //@ pure
    public Value(long id) {
        this.id = id;
    }

    /** The id: a non-negative value id, or {@link #NIL_ID}. */
    //@ public normal_behavior
    //@   ensures \result == id;
    //@ pure
    public long id() {
        return id;
    }

    /** Is this nil? */
    //@ public normal_behavior
    //@   ensures \result == (id == NIL_ID);
    //@ pure
    public boolean isNil() {
        return id == NIL_ID;
    }

    /** Do this and {@code other} name the same value? */
    //@ public normal_behavior
    //@   requires other != null;
    //@   ensures \result == (id == other.id);
    //@ pure
    public boolean sameAs(Value other) {
        return id == other.id;
    }

    /** The value with this id ({@code -1} gives {@link #NIL}). */
    //@ public normal_behavior
    //@   ensures \result != null && \result.id == id;
    //@ pure
    public static Value of(long id) {
        return id == NIL_ID ? NIL : new Value(id);
    }

    @Override
    /*@ skipesc @*/ // glue: value equality for collections and tests; the proofs compare ids
    public boolean equals(Object o) {
        return o instanceof Value && ((Value) o).id == id;
    }

    @Override
    /*@ skipesc @*/ // glue: hashing for collections
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    /*@ skipesc @*/ // glue: formatting
    public String toString() {
        return "Value[id=" + id + "]";
    }
}
