package dev.bulwark.consensus;

/**
 * The application's side of Algorithm 1: valid(v) and getValue(). Both must be deterministic
 * functions of their arguments (the core replays them). A value is a block's digest: the node
 * passes the hash of the block it proposes and checks that a proposed digest names a block it
 * can validate.
 */
/*@ nullable_by_default @*/ public interface ValuePolicy {
    /**
     * valid(v) of the paper, for a non-nil value (the core never asks about nil). Total: it
     * answers for every value and throws nothing (the spec's valid is a predicate, and the core's
     * guards are normal_behavior queries that call it).
     */
    //@ public normal_behavior
    //@ pure
    boolean valid(Value v);

    /** getValue() of the paper (line 18): the digest of a valid block to propose at (h, r). */
    //@ pure
    Value getValue(long h, int r);
}
