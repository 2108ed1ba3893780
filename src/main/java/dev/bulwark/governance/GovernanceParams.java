package dev.bulwark.governance;

/**
 * The constants of spec/governance/Governance.tla that the Java core uses, validated against the
 * spec's ASSUME and against the hard caps of {@link Governance} (which keep every index and sum
 * inside an int or a long).  Immutable.
 *
 * <p>Keys are the indices 0..keys-1 of the shell's key registry (spec {@code Keys}, kK = K - 1);
 * reporters the indices 0..reporters-1 (spec {@code Reporters}, rK = K - 1).  The spec's model
 * bounds (MaxNonce, Kinds, the payload domains) and its environment (Faulty, the fund flows) have
 * no Java counterpart: Java takes any value and refuses the bad ones.
 *
 * <p>Refused with {@link Reason#INVALID_PARAMS}; first number: the index of the offending
 * argument (0 = keys ... 14 = maxStake, in constructor order), second: its value.
 */
public final class GovernanceParams {
    /** Keys: size of the key universe (registered keys that may be owners). */
    public final int keys;
    /** MaxOwners: bound on the number of owners. */
    public final int maxOwners;
    /** ChainId: this chain (proposals for another chain are refused). */
    public final long chainId;
    /** Delay: block ends between a proposal's queueing and its execution. */
    public final long delayBlocks;
    /** Window: a proposal's nonce is in nonce..nonce + window - 1 at submission. */
    public final int nonceWindow;
    /** MinImBps..MaxImBps: hard bounds of the initial margin rate. */
    public final long minImBps;
    public final long maxImBps;
    /** MinMmBps..MaxMmBps: hard bounds of the maintenance margin rate. */
    public final long minMmBps;
    public final long maxMmBps;
    /** MinFeeBps..MaxFeeBps: hard bounds of the liquidation fee rate. */
    public final long minFeeBps;
    public final long maxFeeBps;
    /** Floor: governance withdraws only what the insurance fund holds above this. */
    public final long floor;
    /** MaxFund: bound on the insurance fund. */
    public final long maxFund;
    /** Reporters: number of oracle reporters whose stakes governance sets. */
    public final int reporters;
    /** MaxStake: bound on a reporter's stake. */
    public final long maxStake;

    //@ public invariant 1 <= keys && keys <= Governance.MAX_KEYS;
    //@ public invariant 1 <= maxOwners && maxOwners <= keys && maxOwners <= Governance.MAX_OWNERS;
    //@ public invariant 0 <= delayBlocks && delayBlocks <= Governance.MAX_DELAY_BLOCKS;
    //@ public invariant 1 <= nonceWindow && nonceWindow <= Governance.MAX_WINDOW;
    //@ public invariant 0 <= minImBps && minImBps <= maxImBps && maxImBps <= Governance.BPS;
    //@ public invariant 0 <= minMmBps && minMmBps <= maxMmBps && maxMmBps <= Governance.BPS;
    //@ public invariant 0 <= minFeeBps && minFeeBps <= maxFeeBps && maxFeeBps <= Governance.BPS;
    //@ public invariant 0 <= floor && floor <= maxFund && maxFund <= Governance.MAX_FUND;
    //@ public invariant 1 <= reporters && reporters <= Governance.MAX_REPORTERS;
    //@ public invariant 1 <= maxStake && maxStake <= Governance.MAX_STAKE;

    /*@ public normal_behavior
      @   requires refusalIndex(keys, maxOwners, delayBlocks, nonceWindow, minImBps, maxImBps, minMmBps, maxMmBps,
      @                         minFeeBps, maxFeeBps, floor, maxFund, reporters, maxStake) == -1;
      @   ensures this.keys == keys && this.maxOwners == maxOwners && this.chainId == chainId;
      @   ensures this.delayBlocks == delayBlocks && this.nonceWindow == nonceWindow;
      @   ensures this.minImBps == minImBps && this.maxImBps == maxImBps && this.minMmBps == minMmBps;
      @   ensures this.maxMmBps == maxMmBps && this.minFeeBps == minFeeBps && this.maxFeeBps == maxFeeBps;
      @   ensures this.floor == floor && this.maxFund == maxFund && this.reporters == reporters;
      @   ensures this.maxStake == maxStake;
      @ also public exceptional_behavior
      @   requires refusalIndex(keys, maxOwners, delayBlocks, nonceWindow, minImBps, maxImBps, minMmBps, maxMmBps,
      @                         minFeeBps, maxFeeBps, floor, maxFund, reporters, maxStake) != -1;
      @   signals_only GovernanceException;
      @*/
    public GovernanceParams(int keys, int maxOwners, long chainId, long delayBlocks, int nonceWindow,
                            long minImBps, long maxImBps, long minMmBps, long maxMmBps, long minFeeBps,
                            long maxFeeBps, long floor, long maxFund, int reporters, long maxStake)
            throws GovernanceException {
        int bad = refusalIndex(keys, maxOwners, delayBlocks, nonceWindow, minImBps, maxImBps, minMmBps, maxMmBps,
                minFeeBps, maxFeeBps, floor, maxFund, reporters, maxStake);
        if (bad != -1) {
            throw new GovernanceException(Reason.INVALID_PARAMS, bad, valueAt(bad, keys, maxOwners, delayBlocks,
                    nonceWindow, minImBps, maxImBps, minMmBps, maxMmBps, minFeeBps, maxFeeBps, floor, maxFund,
                    reporters, maxStake));
        }
        this.keys = keys;
        this.maxOwners = maxOwners;
        this.chainId = chainId;
        this.delayBlocks = delayBlocks;
        this.nonceWindow = nonceWindow;
        this.minImBps = minImBps;
        this.maxImBps = maxImBps;
        this.minMmBps = minMmBps;
        this.maxMmBps = maxMmBps;
        this.minFeeBps = minFeeBps;
        this.maxFeeBps = maxFeeBps;
        this.floor = floor;
        this.maxFund = maxFund;
        this.reporters = reporters;
        this.maxStake = maxStake;
    }

    /**
     * The index (in constructor order, chainId being 2) of the first argument outside its bounds,
     * or -1 when all are valid.  chainId takes any value.
     */
    /*@ public normal_behavior
      @   ensures -1 <= \result && \result <= 14;
      @   ensures \result == -1 <==> (1 <= keys && keys <= Governance.MAX_KEYS
      @        && 1 <= maxOwners && maxOwners <= keys && maxOwners <= Governance.MAX_OWNERS
      @        && 0 <= delayBlocks && delayBlocks <= Governance.MAX_DELAY_BLOCKS
      @        && 1 <= nonceWindow && nonceWindow <= Governance.MAX_WINDOW
      @        && 0 <= minImBps && minImBps <= maxImBps && maxImBps <= Governance.BPS
      @        && 0 <= minMmBps && minMmBps <= maxMmBps && maxMmBps <= Governance.BPS
      @        && 0 <= minFeeBps && minFeeBps <= maxFeeBps && maxFeeBps <= Governance.BPS
      @        && 0 <= floor && floor <= maxFund && maxFund <= Governance.MAX_FUND
      @        && 1 <= reporters && reporters <= Governance.MAX_REPORTERS
      @        && 1 <= maxStake && maxStake <= Governance.MAX_STAKE);
      @ pure
      @*/
    public static int refusalIndex(int keys, int maxOwners, long delayBlocks, int nonceWindow, long minImBps,
                                   long maxImBps, long minMmBps, long maxMmBps, long minFeeBps, long maxFeeBps,
                                   long floor, long maxFund, int reporters, long maxStake) {
        if (keys < 1 || keys > Governance.MAX_KEYS) {
            return 0;
        }
        if (maxOwners < 1 || maxOwners > keys || maxOwners > Governance.MAX_OWNERS) {
            return 1;
        }
        if (delayBlocks < 0 || delayBlocks > Governance.MAX_DELAY_BLOCKS) {
            return 3;
        }
        if (nonceWindow < 1 || nonceWindow > Governance.MAX_WINDOW) {
            return 4;
        }
        if (minImBps < 0 || minImBps > maxImBps) {
            return 5;
        }
        if (maxImBps > Governance.BPS) {
            return 6;
        }
        if (minMmBps < 0 || minMmBps > maxMmBps) {
            return 7;
        }
        if (maxMmBps > Governance.BPS) {
            return 8;
        }
        if (minFeeBps < 0 || minFeeBps > maxFeeBps) {
            return 9;
        }
        if (maxFeeBps > Governance.BPS) {
            return 10;
        }
        if (floor < 0 || floor > maxFund) {
            return 11;
        }
        if (maxFund > Governance.MAX_FUND) {
            return 12;
        }
        if (reporters < 1 || reporters > Governance.MAX_REPORTERS) {
            return 13;
        }
        if (maxStake < 1 || maxStake > Governance.MAX_STAKE) {
            return 14;
        }
        return -1;
    }

    /*@ private normal_behavior
      @   requires 0 <= index && index <= 14;
      @   assignable \nothing;
      @*/
    private static long valueAt(int index, int keys, int maxOwners, long delayBlocks, int nonceWindow, long minImBps,
                                long maxImBps, long minMmBps, long maxMmBps, long minFeeBps, long maxFeeBps,
                                long floor, long maxFund, int reporters, long maxStake) {
        long[] v = {keys, maxOwners, 0, delayBlocks, nonceWindow, minImBps, maxImBps, minMmBps, maxMmBps, minFeeBps,
            maxFeeBps, floor, maxFund, reporters, maxStake};
        return v[index];
    }

    /** ParamsInBoundsOf(q): the hard bounds, and mm &lt;= im (Margin's ASSUME). */
    /*@ public normal_behavior
      @   ensures \result <==> minImBps <= imBps && imBps <= maxImBps && minMmBps <= mmBps && mmBps <= maxMmBps
      @        && minFeeBps <= feeBps && feeBps <= maxFeeBps && mmBps <= imBps;
      @ pure
      @*/
    public boolean paramsInBounds(long imBps, long mmBps, long feeBps) {
        return minImBps <= imBps && imBps <= maxImBps && minMmBps <= mmBps && mmBps <= maxMmBps
                && minFeeBps <= feeBps && feeBps <= maxFeeBps && mmBps <= imBps;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "GovernanceParams[keys=" + keys + ", maxOwners=" + maxOwners + ", chainId=" + chainId + ", delay="
                + delayBlocks + ", window=" + nonceWindow + ", im=" + minImBps + ".." + maxImBps + ", mm=" + minMmBps
                + ".." + maxMmBps + ", fee=" + minFeeBps + ".." + maxFeeBps + ", floor=" + floor + ", maxFund="
                + maxFund + ", reporters=" + reporters + ", maxStake=" + maxStake + "]";
    }
}
