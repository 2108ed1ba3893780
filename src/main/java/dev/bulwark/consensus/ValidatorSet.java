package dev.bulwark.consensus;

/**
 * The validators 0..n-1 with their voting power, and the exact threshold arithmetic of the
 * contract: S is a quorum iff {@code 3 * Power(S) > 2 * TotalPower}, one-third iff
 * {@code 3 * Power(S) > TotalPower}. Bounds: at most {@link #MAX_VALIDATORS} validators of power
 * at most {@link #MAX_POWER}, so TotalPower &lt;= 2^60 and 3 * TotalPower &lt; 2^63 - 1: no product
 * of the thresholds overflows a long.
 */
/*@ nullable_by_default @*/ public final class ValidatorSet {
    /** Bound on the number of validators. */
    public static final int MAX_VALIDATORS = 1024;
    /** Bound on one validator's power (2^50). */
    public static final long MAX_POWER = 1L << 50;
    /** MAX_VALIDATORS * MAX_POWER = 2^60: bound on the total power. */
    public static final long MAX_TOTAL_POWER = 1L << 60;

    //@ spec_public
    private final long[] power;
    //@ spec_public
    private final long total;
    /**
     * The prefix sums of the powers, a ghost kept by the constructor: prefix[k] is the power of
     * validators 0..k-1, so total == prefix[n] is "total is the sum of the powers" without
     * \sum (which the verifier does not implement).
     */
    //@ public ghost long[] prefix;

    //@ public invariant power != null && 1 <= power.length && power.length <= MAX_VALIDATORS;
    //@ public invariant (\forall int k; 0 <= k && k < power.length; 1 <= power[k] && power[k] <= MAX_POWER);
    //@ public invariant prefix != null && prefix != power && prefix.length == power.length + 1 && prefix[0] == 0;
    //@ public invariant (\forall int k; 0 <= k && k < power.length; prefix[k + 1] == prefix[k] + power[k]);
    //@ public invariant total == prefix[power.length];
    //@ public invariant 1 <= total && total <= MAX_TOTAL_POWER;

    /*@ public normal_behavior
      @   requires validPowers(powers);
      @   ensures power.length == powers.length && (\forall int k; 0 <= k && k < powers.length; power[k] == powers[k]);
      @ also public exceptional_behavior
      @   requires !validPowers(powers);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public ValidatorSet(long[] powers) throws ConsensusException {
        if (!validPowers(powers)) {
            throw new ConsensusException(Reason.INVALID_CONFIG, powers == null ? -1 : powers.length, 0);
        }
        int n = powers.length;
        long[] p = new long[n];
        //@ ghost long[] pre = new long[n + 1];
        long t = 0;
        //@ loop_invariant 0 <= k && k <= n && k <= t && t <= k * MAX_POWER && pre.length == n + 1 && pre[0] == 0;
        //@ loop_invariant p.length == n && pre != p && pre != powers && p != powers && powers.length == n && 1 <= n && n <= MAX_VALIDATORS;
        //@ loop_invariant (\forall int j; 0 <= j && j < n; 1 <= powers[j] && powers[j] <= MAX_POWER);
        //@ loop_invariant (\forall int j; 0 <= j && j < k; p[j] == powers[j] && pre[j + 1] == pre[j] + p[j]);
        //@ loop_invariant t == pre[k];
        //@ decreases n - k;
        for (int k = 0; k < n; k++) {
            p[k] = powers[k];
            t = t + p[k];
            //@ set pre[k + 1] = t;
        }
        this.power = p;
        this.total = t;
        //@ set prefix = pre;
    }

    /** 1..MAX_VALIDATORS powers, each in 1..MAX_POWER. */
    /*@ public normal_behavior
      @   ensures \result <==> powers != null && 1 <= powers.length && powers.length <= MAX_VALIDATORS
      @       && (\forall int k; 0 <= k && k < powers.length; 1 <= powers[k] && powers[k] <= MAX_POWER);
      @ pure
      @*/
    public static boolean validPowers(long[] powers) {
        if (powers == null || powers.length < 1 || powers.length > MAX_VALIDATORS) {
            return false;
        }
        //@ loop_invariant 0 <= k && k <= powers.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 1 <= powers[j] && powers[j] <= MAX_POWER);
        //@ decreases powers.length - k;
        for (int k = 0; k < powers.length; k++) {
            if (powers[k] < 1 || powers[k] > MAX_POWER) {
                return false;
            }
        }
        return true;
    }

    /** Quorum: 3 * p &gt; 2 * t, exact (both products below 2^63 under the bounds). */
    /*@ public normal_behavior
      @   requires 0 <= p && p <= t && 1 <= t && t <= MAX_TOTAL_POWER;
      @   ensures \result == (3 * p > 2 * t);
      @ pure
      @*/
    public static boolean isQuorum(long p, long t) {
        return 3 * p > 2 * t;
    }

    /** One third ("f + 1"): 3 * p &gt; t, exact. */
    /*@ public normal_behavior
      @   requires 0 <= p && p <= t && 1 <= t && t <= MAX_TOTAL_POWER;
      @   ensures \result == (3 * p > t);
      @ pure
      @*/
    public static boolean isOneThird(long p, long t) {
        return 3 * p > t;
    }

    //@ public normal_behavior
    //@   ensures \result == power.length;
    //@ pure
    public int size() {
        return power.length;
    }

    //@ public normal_behavior
    //@   requires 0 <= i && i < power.length;
    //@   ensures \result == power[i];
    //@ pure
    public long power(int i) {
        return power[i];
    }

    //@ public normal_behavior
    //@   ensures \result == total;
    //@ pure
    public long totalPower() {
        return total;
    }

    /** Is 0 &lt;= i &lt; n? */
    //@ public normal_behavior
    //@   ensures \result == (0 <= i && i < power.length);
    //@ pure
    public boolean isKnown(int i) {
        return 0 <= i && i < power.length;
    }

    /** A copy of the powers. */
    /*@ public normal_behavior
      @   ensures \result != null && \result.length == power.length
      @       && (\forall int k; 0 <= k && k < power.length; \result[k] == power[k]);
      @*/
    //-RAC@   ensures \fresh(\result);
    //@ pure
    public long[] powers() {
        long[] c = new long[power.length];
        //@ loop_invariant 0 <= k && k <= power.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == power[j]);
        //@ decreases power.length - k;
        for (int k = 0; k < power.length; k++) {
            c[k] = power[k];
        }
        return c;
    }
}
