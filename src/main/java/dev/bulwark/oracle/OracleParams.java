package dev.bulwark.oracle;

/**
 * The constants of spec/oracle/Oracle.tla, validated against the spec's ASSUME and against the
 * hard bounds of {@link Oracle} (which keep every weight, weight sum and the 3x / 2x quorum
 * comparison inside a {@code long}).  Immutable; the stake vector is copied in and out.
 *
 * <p>Reporters are the indices 0..reporters()-1 (the spec's {@code ReporterSeq} order);
 * {@code stake(r)} is the spec's {@code Stake[r]}.  {@code tol} and {@code maxStep} describe the
 * environment (honest reporters, true price); the Java oracle never uses them, they are carried
 * so that one object describes one spec configuration.
 */
public final class OracleParams {
    //@ spec_public
    private final long[] stake;
    /**
     * MaxRel: the reliability cap, and every reporter's reliability at Init.  A weight is
     * {@code stake * rel} with {@code rel <= maxRel}: reliability only scales a stake down (there
     * is no lower starting reliability: a reporter that had to earn its weight would let a
     * coalition that reports every round out-earn honest reporters that miss rounds).
     */
    public final long maxRel;
    /** Penalty: reliability lost for a deviation or an equivocation. */
    public final long penalty;
    /** MinPrice, ticks (&gt;= 1). */
    public final long minPrice;
    /** MaxPrice, ticks. */
    public final long maxPrice;
    /** Tol: honest reporters report within Tol ticks of the true price (environment only). */
    public final long tol;
    /** Band: reports within Band ticks of the median gain reliability. */
    public final long band;
    /** MaxStep: the true price moves by at most MaxStep per round (environment only). */
    public final long maxStep;
    /** MaxJump: the deviation guard. */
    public final long maxJump;
    /** StaleRounds: an aggregate accepted in round k is usable in rounds k..k+StaleRounds-1. */
    public final int staleRounds;
    /** MaxRound: rounds are 0..MaxRound. */
    public final int maxRound;

    //@ public invariant stake != null && 1 <= stake.length && stake.length <= Oracle.MAX_REPORTERS;
    //@ public invariant (\forall int k; 0 <= k && k < stake.length; 1 <= stake[k] && stake[k] <= Oracle.MAX_STAKE);
    //@ public invariant 1 <= maxRel && maxRel <= Oracle.MAX_REL;
    //@ public invariant 1 <= penalty && penalty <= Oracle.MAX_REL;
    //@ public invariant 1 <= minPrice && minPrice <= maxPrice && maxPrice <= Oracle.MAX_PRICE;
    //@ public invariant 0 <= tol && tol <= Oracle.MAX_PRICE && 0 <= band && band <= Oracle.MAX_PRICE;
    //@ public invariant 0 <= maxStep && maxStep <= Oracle.MAX_PRICE && 0 <= maxJump && maxJump <= Oracle.MAX_PRICE;
    //@ public invariant 1 <= staleRounds && staleRounds <= Oracle.MAX_ROUND && 0 <= maxRound && maxRound <= Oracle.MAX_ROUND;

    /**
     * Validated constructor.  Refused with {@link Reason#INVALID_PARAMS}; first number: the index
     * of the offending argument (0 = stake, 1 = maxRel, 2 = penalty, ... 10 = maxRound), or 100 + r for the
     * stake of reporter r; second: the offending value.
     */
    /*@ public normal_behavior
      @   requires valid(stake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @   ensures this.stake.length == stake.length && this.stake != stake;
      @   ensures (\forall int k; 0 <= k && k < stake.length; this.stake[k] == stake[k]);
      @   ensures this.maxRel == maxRel && this.penalty == penalty;
      @   ensures this.minPrice == minPrice && this.maxPrice == maxPrice && this.tol == tol && this.band == band;
      @   ensures this.maxStep == maxStep && this.maxJump == maxJump;
      @   ensures this.staleRounds == staleRounds && this.maxRound == maxRound;
      @ also public exceptional_behavior
      @   requires !valid(stake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public OracleParams(/*@ nullable @*/ long[] stake, long maxRel, long penalty, long minPrice, long maxPrice,
                        long tol, long band, long maxStep, long maxJump, int staleRounds, int maxRound)
            throws OracleException {
        check(stake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
        this.stake = copyOf(stake);
        this.maxRel = maxRel;
        this.penalty = penalty;
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.tol = tol;
        this.band = band;
        this.maxStep = maxStep;
        this.maxJump = maxJump;
        this.staleRounds = staleRounds;
        this.maxRound = maxRound;
    }

    /**
     * A fresh copy of an array (a loop, not {@code clone()}: the runtime assertion checker's
     * translation of an array {@code clone()} does not compile).
     */
    /*@ private normal_behavior
      @   requires a != null;
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == a.length;
      @   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
      @ pure
      @*/
    private static long[] copyOf(long[] a) {
        long[] c = new long[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    /** The spec's ASSUME plus the hard bounds, as one predicate. */
    /*@ public normal_behavior
      @   ensures \result <==> stake != null && 1 <= stake.length && stake.length <= Oracle.MAX_REPORTERS
      @     && (\forall int k; 0 <= k && k < stake.length; 1 <= stake[k] && stake[k] <= Oracle.MAX_STAKE)
      @     && 1 <= maxRel && maxRel <= Oracle.MAX_REL
      @     && 1 <= penalty && penalty <= Oracle.MAX_REL
      @     && 1 <= minPrice && minPrice <= maxPrice && maxPrice <= Oracle.MAX_PRICE
      @     && 0 <= tol && tol <= Oracle.MAX_PRICE && 0 <= band && band <= Oracle.MAX_PRICE
      @     && 0 <= maxStep && maxStep <= Oracle.MAX_PRICE && 0 <= maxJump && maxJump <= Oracle.MAX_PRICE
      @     && 1 <= staleRounds && staleRounds <= Oracle.MAX_ROUND && 0 <= maxRound && maxRound <= Oracle.MAX_ROUND;
      @ pure
      @*/
    public static boolean valid(/*@ nullable @*/ long[] stake, long maxRel, long penalty, long minPrice, long maxPrice,
                                long tol, long band, long maxStep, long maxJump, int staleRounds, int maxRound) {
        // Computed here, not by calling check(): check's contract is stated with valid(), and
        // runtime assertion checking evaluates that contract by calling valid().
        if (stake == null || stake.length < 1 || stake.length > Oracle.MAX_REPORTERS) {
            return false;
        }
        //@ loop_invariant 0 <= k && k <= stake.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 1 <= stake[j] && stake[j] <= Oracle.MAX_STAKE);
        //@ decreases stake.length - k;
        for (int k = 0; k < stake.length; k++) {
            if (stake[k] < 1 || stake[k] > Oracle.MAX_STAKE) {
                return false;
            }
        }
        return 1 <= maxRel && maxRel <= Oracle.MAX_REL
                && 1 <= penalty && penalty <= Oracle.MAX_REL
                && 1 <= minPrice && minPrice <= maxPrice && maxPrice <= Oracle.MAX_PRICE
                && 0 <= tol && tol <= Oracle.MAX_PRICE && 0 <= band && band <= Oracle.MAX_PRICE
                && 0 <= maxStep && maxStep <= Oracle.MAX_PRICE && 0 <= maxJump && maxJump <= Oracle.MAX_PRICE
                && 1 <= staleRounds && staleRounds <= Oracle.MAX_ROUND && 0 <= maxRound && maxRound <= Oracle.MAX_ROUND;
    }

    /*@ private normal_behavior
      @   requires valid(stake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !valid(stake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void check(/*@ nullable @*/ long[] stake, long maxRel, long penalty, long minPrice, long maxPrice,
                              long tol, long band, long maxStep, long maxJump, int staleRounds, int maxRound)
            throws OracleException {
        if (stake == null) {
            throw new OracleException(Reason.INVALID_PARAMS, 0, -1);
        }
        if (stake.length < 1 || stake.length > Oracle.MAX_REPORTERS) {
            throw new OracleException(Reason.INVALID_PARAMS, 0, stake.length);
        }
        //@ loop_invariant 0 <= k && k <= stake.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 1 <= stake[j] && stake[j] <= Oracle.MAX_STAKE);
        //@ decreases stake.length - k;
        for (int k = 0; k < stake.length; k++) {
            if (stake[k] < 1 || stake[k] > Oracle.MAX_STAKE) {
                throw new OracleException(Reason.INVALID_PARAMS, 100L + k, stake[k]);
            }
        }
        range(1, maxRel, 1, Oracle.MAX_REL);
        range(2, penalty, 1, Oracle.MAX_REL);
        range(3, minPrice, 1, Oracle.MAX_PRICE);
        range(4, maxPrice, minPrice, Oracle.MAX_PRICE);
        range(5, tol, 0, Oracle.MAX_PRICE);
        range(6, band, 0, Oracle.MAX_PRICE);
        range(7, maxStep, 0, Oracle.MAX_PRICE);
        range(8, maxJump, 0, Oracle.MAX_PRICE);
        range(9, staleRounds, 1, Oracle.MAX_ROUND);
        range(10, maxRound, 0, Oracle.MAX_ROUND);
    }

    //@ private normal_behavior
    //@   requires lo <= value && value <= hi;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !(lo <= value && value <= hi);
    //@   assignable \nothing;
    //@   signals_only OracleException;
    //@ pure
    private static void range(int field, long value, long lo, long hi) throws OracleException {
        if (value < lo || value > hi) {
            throw new OracleException(Reason.INVALID_PARAMS, field, value);
        }
    }

    /** Number of reporters. */
    //@ public normal_behavior
    //@   ensures \result == stake.length;
    //@ pure
    public int reporters() {
        return stake.length;
    }

    /** Stake[r]. */
    //@ public normal_behavior
    //@   requires 0 <= r && r < stake.length;
    //@   ensures \result == stake[r];
    //@ pure
    public long stake(int r) {
        return stake[r];
    }

    /** A copy of the stake vector. */
    /*@ public normal_behavior
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == stake.length;
      @   ensures (\forall int k; 0 <= k && k < stake.length; \result[k] == stake[k]);
      @ pure
      @*/
    public long[] stakes() {
        long[] c = new long[stake.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == stake[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = stake[k];
        }
        return c;
    }

    /**
     * The stake vector itself, not a copy: package-private, called only from JML ghost code in
     * {@link Oracle}'s constructors, where it tells the verifier that this array was allocated
     * before the oracle's own arrays (so that they are different objects).
     */
    /*@ normal_behavior
      @   ensures \result == stake;
      @ pure
      @*/
    long[] stakeVector() {
        return stake;
    }

    /** A copy with another stake vector (validated). */
    /*@ public normal_behavior
      @   requires valid(newStake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.stake.length == newStake.length;
      @   ensures (\forall int k; 0 <= k && k < newStake.length; \result.stake[k] == newStake[k]);
      @   ensures \result.maxRel == maxRel && \result.penalty == penalty;
      @   ensures \result.minPrice == minPrice && \result.maxPrice == maxPrice && \result.tol == tol && \result.band == band;
      @   ensures \result.maxStep == maxStep && \result.maxJump == maxJump;
      @   ensures \result.staleRounds == staleRounds && \result.maxRound == maxRound;
      @ also public exceptional_behavior
      @   requires !valid(newStake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep, maxJump, staleRounds, maxRound);
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public OracleParams withStakes(/*@ nullable @*/ long[] newStake) throws OracleException {
        return new OracleParams(newStake, maxRel, penalty, minPrice, maxPrice, tol, band, maxStep,
                maxJump, staleRounds, maxRound);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "OracleParams[n=" + stake.length + ", maxRel=" + maxRel + ", penalty=" + penalty
                + ", prices=" + minPrice + ".." + maxPrice + ", tol=" + tol
                + ", band=" + band + ", maxStep=" + maxStep + ", maxJump=" + maxJump
                + ", staleRounds=" + staleRounds + ", maxRound=" + maxRound + "]";
    }
}
