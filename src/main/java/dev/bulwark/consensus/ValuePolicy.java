package dev.bulwark.consensus;

/**
 * The application's side of Algorithm 1: valid(v) and getValue(). Both must be deterministic
 * functions of their arguments (the core replays them).
 */
public interface ValuePolicy {
    /** valid(v) of the paper, for a non-negative value id. */
    //@ pure
    boolean valid(long valueId);

    /** getValue() of the paper (line 18): a valid value id to propose at (h, r). */
    //@ pure
    long getValue(long h, int r);
}
