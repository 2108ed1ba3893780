package dev.bulwark.consensus;

/**
 * A proposed value (a block), identified by a non-negative id (e.g. a prefix of the block's
 * hash); {@link #NIL} (id -1) is the spec's NilValue. Validity is the application's
 * {@link ValuePolicy}, not a property of the id.
 */
public record Value(long id) {
    /** The spec's NilValue. */
    public static final long NIL_ID = -1L;
    /** The spec's NilValue. */
    public static final Value NIL = new Value(NIL_ID);

    /** Is this nil? */
    //@ public normal_behavior
    //@   ensures \result == (id == NIL_ID);
    //@ pure
    public boolean isNil() {
        return id == NIL_ID;
    }

    /** The value with this id ({@code -1} gives {@link #NIL}). */
    public static Value of(long id) {
        return id == NIL_ID ? NIL : new Value(id);
    }
}
