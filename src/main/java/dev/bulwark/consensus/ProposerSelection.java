package dev.bulwark.consensus;

/**
 * The contract's proposer formula: with {@code ProposerSeq} a sequence listing every validator
 * once, {@code Proposer(h, r) == ProposerSeq[((h - 1 + r) % Len(ProposerSeq)) + 1]}. Java
 * indexes from 0, so {@code proposer(h, r) = seq[(h - 1 + r) % n]}.
 */
/*@ nullable_by_default @*/ public final class ProposerSelection {
    /**
     * Bound on heights (2^30): h - 1 + r stays far from overflow, and a validator's decision log
     * (one entry per height, in memory) stays an int-indexed array.
     */
    public static final long MAX_HEIGHT = 1L << 30;
    /** Bound on rounds. */
    public static final int MAX_ROUND = 1 << 20;

    //@ spec_public
    private final int[] seq;

    //@ public invariant seq != null && 1 <= seq.length && seq.length <= ValidatorSet.MAX_VALIDATORS;
    //@ public invariant (\forall int k; 0 <= k && k < seq.length; 0 <= seq[k] && seq[k] < seq.length);

    /*@ public normal_behavior
      @   requires isPermutation(order);
      @   assignable \nothing;
      @   ensures seq.length == order.length;
      @ also public exceptional_behavior
      @   requires !isPermutation(order);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public ProposerSelection(int[] order) throws ConsensusException {
        if (!isPermutation(order)) {
            throw new ConsensusException(Reason.INVALID_CONFIG, order == null ? -1 : order.length, 0);
        }
        int[] c = new int[order.length];
        //@ loop_invariant 0 <= k && k <= order.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == order[j]);
        //@ decreases order.length - k;
        for (int k = 0; k < order.length; k++) {
            c[k] = order[k];
        }
        this.seq = c;
    }

    /** Does {@code order} list each of 0..n-1 exactly once, 1 &lt;= n &lt;= MAX_VALIDATORS? */
    /*@ public normal_behavior
      @   ensures \result ==> order != null && 1 <= order.length && order.length <= ValidatorSet.MAX_VALIDATORS
      @       && (\forall int k; 0 <= k && k < order.length; 0 <= order[k] && order[k] < order.length);
      @ pure
      @*/
    public static boolean isPermutation(int[] order) {
        if (order == null || order.length < 1 || order.length > ValidatorSet.MAX_VALIDATORS) {
            return false;
        }
        boolean[] seen = new boolean[order.length];
        //@ loop_invariant 0 <= k && k <= order.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 0 <= order[j] && order[j] < order.length);
        //@ decreases order.length - k;
        for (int k = 0; k < order.length; k++) {
            int p = order[k];
            if (p < 0 || p >= order.length || seen[p]) {
                return false;
            }
            seen[p] = true;
        }
        return true;
    }

    /** The slot (h - 1 + r) mod n, as a pure helper. */
    /*@ public normal_behavior
      @   requires 1 <= h && h <= MAX_HEIGHT + 1 && 0 <= r && r <= MAX_ROUND && 1 <= n;
      @   ensures \result == (int) ((h - 1 + r) % n) && 0 <= \result && \result < n;
      @ pure
      @*/
    public static int slot(long h, int r, int n) {
        return (int) ((h - 1 + r) % n);
    }

    /** Proposer(h, r). */
    /*@ public normal_behavior
      @   requires 1 <= h && h <= MAX_HEIGHT + 1 && 0 <= r && r <= MAX_ROUND;
      @*/
    //-RAC@   requires seq != null && 1 <= seq.length && seq.length <= ValidatorSet.MAX_VALIDATORS;
    /*@
      @   ensures \result == seq[slot(h, r, seq.length)];
      @ pure helper
      @*/
    public int proposer(long h, int r) {
        return seq[slot(h, r, seq.length)];
    }

    /** Number of validators. */
    //@ public normal_behavior
    //@   ensures \result == seq.length;
    //@ pure
    public int size() {
        return seq.length;
    }

    /** A copy of the order. */
    /*@ public normal_behavior
      @   ensures \result != null && \result.length == seq.length
      @       && (\forall int k; 0 <= k && k < seq.length; \result[k] == seq[k]);
      @*/
    //-RAC@   ensures \fresh(\result);
    //@ pure
    public int[] order() {
        int[] c = new int[seq.length];
        //@ loop_invariant 0 <= k && k <= seq.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == seq[j]);
        //@ decreases seq.length - k;
        for (int k = 0; k < seq.length; k++) {
            c[k] = seq[k];
        }
        return c;
    }
}
