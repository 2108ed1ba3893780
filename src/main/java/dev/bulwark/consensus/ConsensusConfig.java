package dev.bulwark.consensus;

/**
 * The constants of the contract for one run: validators and power (Procs, Power), the proposer
 * order (ProposerSeq), MaxHeight, MaxRound, DecisionWindow (how many decisions a validator
 * keeps: the last ones; {@link #DEFAULT_DECISION_WINDOW} unless given), and the application's
 * valid/getValue.
 */
/*@ nullable_by_default @*/ public final class ConsensusConfig {
    //@ spec_public
    private final ValidatorSet validators;
    //@ spec_public
    private final ProposerSelection proposers;
    //@ spec_public
    private final long maxHeight;
    //@ spec_public
    private final int maxRound;
    //@ spec_public
    private final ValuePolicy policy;
    //@ spec_public
    private final int decisionWindow;

    /**
     * Decisions a validator keeps by default: the last 16 heights (512 bytes of digests), more
     * than the {@link VoteKeeper#WINDOW} heights a validator can decide in one step, so a node
     * that applies decided blocks after each step still finds each one in the log.
     */
    public static final int DEFAULT_DECISION_WINDOW = 16;
    /** The largest decision window a config accepts. */
    public static final int MAX_DECISION_WINDOW = 1 << 16;

    //@ public invariant validators != null && proposers != null && policy != null;
    //@ public invariant 1 <= decisionWindow && decisionWindow <= MAX_DECISION_WINDOW;
    //  validators.size() == proposers.size(), over fields; the two arrays' non-nullness (the parts'
    //  own invariants) restated first, so that the clause is defined wherever this invariant is
    //  evaluated without the parts' invariants (as for the config a Validator returns)
    //@ public invariant validators.power != null && proposers.seq != null && validators.power.length == proposers.seq.length;
    //@ public invariant 1 <= maxHeight && maxHeight <= ProposerSelection.MAX_HEIGHT;
    //@ public invariant 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;

    /** Checks every bound; throws {@link Reason#INVALID_CONFIG} otherwise. The default decision window. */
    /*@ public behavior
      @   ensures this.maxHeight == maxHeight && this.maxRound == maxRound && this.policy == policy
      @       && this.decisionWindow == DEFAULT_DECISION_WINDOW;
      @   signals_only ConsensusException;
      @*/
    public ConsensusConfig(long[] powers, int[] proposerSeq, long maxHeight, int maxRound, ValuePolicy policy)
            throws ConsensusException {
        // not this(..., DEFAULT_DECISION_WINDOW, policy): the verifier checks this's invariants at an
        // explicit constructor call, before the callee has built anything
        ValidatorSet vs = new ValidatorSet(powers);
        ProposerSelection ps = new ProposerSelection(proposerSeq);
        check(vs, ps, maxHeight, maxRound, DEFAULT_DECISION_WINDOW, policy);
        this.decisionWindow = DEFAULT_DECISION_WINDOW;
        this.validators = vs;
        this.proposers = ps;
        this.maxHeight = maxHeight;
        this.maxRound = maxRound;
        this.policy = policy;
    }

    /** Refuses (INVALID_CONFIG) a config whose parts do not fit together or whose bounds are out of range. */
    /*@ private normal_behavior
      @   requires vs.size() == ps.size() && 1 <= maxHeight && maxHeight <= ProposerSelection.MAX_HEIGHT
      @       && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && policy != null
      @       && 1 <= decisionWindow && decisionWindow <= MAX_DECISION_WINDOW;
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !(vs.size() == ps.size() && 1 <= maxHeight && maxHeight <= ProposerSelection.MAX_HEIGHT
      @       && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND && policy != null
      @       && 1 <= decisionWindow && decisionWindow <= MAX_DECISION_WINDOW);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    private static void check(/*@ non_null @*/ ValidatorSet vs, /*@ non_null @*/ ProposerSelection ps, long maxHeight,
            int maxRound, int decisionWindow,
            /*@ nullable @*/ ValuePolicy policy) throws ConsensusException {
        if (vs.size() != ps.size() || maxHeight < 1 || maxHeight > ProposerSelection.MAX_HEIGHT
                || maxRound < 0 || maxRound > ProposerSelection.MAX_ROUND || policy == null
                || decisionWindow < 1 || decisionWindow > MAX_DECISION_WINDOW) {
            throw new ConsensusException(Reason.INVALID_CONFIG, maxHeight, maxRound);
        }
    }

    /**
     * Checks every bound (decisionWindow in 1..MAX_DECISION_WINDOW: the spec's DecisionWindow);
     * throws {@link Reason#INVALID_CONFIG} otherwise.
     */
    /*@ public behavior
      @   ensures this.maxHeight == maxHeight && this.maxRound == maxRound && this.policy == policy
      @       && this.decisionWindow == decisionWindow;
      @   signals_only ConsensusException;
      @*/
    public ConsensusConfig(long[] powers, int[] proposerSeq, long maxHeight, int maxRound, int decisionWindow,
            ValuePolicy policy) throws ConsensusException {
        ValidatorSet vs = new ValidatorSet(powers);
        ProposerSelection ps = new ProposerSelection(proposerSeq);
        check(vs, ps, maxHeight, maxRound, decisionWindow, policy);
        this.decisionWindow = decisionWindow;
        this.validators = vs;
        this.proposers = ps;
        this.maxHeight = maxHeight;
        this.maxRound = maxRound;
        this.policy = policy;
    }

    /** n validators of equal power 1, proposer order 0..n-1; {@link Reason#INVALID_CONFIG} for n outside 1..MAX_VALIDATORS. */
    /*@ skipesc skiprac @*/ // driver / glue: covered by tests, outside the proof
    public static ConsensusConfig equalPower(int n, long maxHeight, int maxRound, ValuePolicy policy)
            throws ConsensusException {
        if (n < 1 || n > ValidatorSet.MAX_VALIDATORS) {
            throw new ConsensusException(Reason.INVALID_CONFIG, n, ValidatorSet.MAX_VALIDATORS);
        }
        long[] p = new long[n];
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = 1;
            o[i] = i;
        }
        return new ConsensusConfig(p, o, maxHeight, maxRound, policy);
    }

    //@ public normal_behavior
    //@   ensures \result == validators;
    //@ pure
    public ValidatorSet validators() {
        return validators;
    }

    //@ public normal_behavior
    //@   ensures \result == proposers;
    //@ pure
    public ProposerSelection proposers() {
        return proposers;
    }

    //@ public normal_behavior
    //@   ensures \result == maxHeight;
    //@ pure
    public long maxHeight() {
        return maxHeight;
    }

    //@ public normal_behavior
    //@   ensures \result == maxRound;
    //@ pure
    public int maxRound() {
        return maxRound;
    }

    //@ public normal_behavior
    //@   ensures \result == policy;
    //@ pure
    public ValuePolicy policy() {
        return policy;
    }

    /** DecisionWindow: how many decisions (the last ones) a validator keeps. */
    //@ public normal_behavior
    //@   ensures \result == decisionWindow;
    //@ pure
    public int decisionWindow() {
        return decisionWindow;
    }

    // Stated over the set's array rather than as validators.size(): a caller that holds only this
    // config's invariant (a static method given a config, such as Validator.atBaseRefusal) then
    // needs no invariant of the set itself to use the result (ValidatorSet.size() is power.length).
    //@ public normal_behavior
    //@   ensures \result == validators.power.length;
    //@ pure
    public int size() {
        return validators.size();
    }
}
