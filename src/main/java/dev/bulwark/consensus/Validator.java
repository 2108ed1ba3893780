package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One correct validator of Tendermint (Buchman, Kwon, Milosevic 2018, Algorithm 1) as a
 * deterministic state machine: the Java image of spec/consensus/Tendermint.tla for one p in Corr.
 *
 * <p>Each spec action is one public method of the same name ({@code UponProposalInPropose(p, v)}
 * is {@link #uponProposalInPropose(Value)}), with a pure query {@code canXxx} that is exactly the
 * action's enabling condition evaluated over the messages this validator has received. JML:
 * {@code requires} = the guard, {@code ensures} = the effect; a call whose guard is false throws
 * {@link ConsensusException} with the {@link Reason} of the first failing conjunct and changes
 * nothing. Effects that send a message append it to the pending {@link Outputs} and record it as
 * received (the spec's message sets hold every sent message).
 *
 * <p>{@link #step(Input)} is the driver a node runs: it records the input, then fires enabled
 * rules in a fixed order ({@link #fireOne()}) until none is enabled, and returns the outputs.
 * The driver changes spec variables only through the action methods (whose guards are the
 * spec's), so a correct validator signs at most one message per (type, height, round), the
 * spec's NoCorrectEquivocation, whatever it is fed. Inputs that would let it do otherwise are
 * refused with a typed {@link ConsensusException} and change nothing: a second
 * {@link Input.Start} ({@link Reason#ALREADY_STARTED}), a received message that claims this
 * validator as its sender ({@link Reason#OWN_MESSAGE}), a timeout for a height and round not
 * reached ({@link Reason#NOT_SCHEDULED}), a certificate {@link #catchup} cannot apply.
 *
 * <p>State (spec variable -&gt; field): height[p] -&gt; height, round[p] -&gt; round, step[p] -&gt;
 * step, lockedValue/lockedRound, validValue/validRound -&gt; same names (block digests, nil =
 * {@link Value#NIL}), base[p] -&gt; decisionBase, decision[p] -&gt; decisionLog[0..height-decisionBase-1]
 * (decision[p][h] = decisionLog[h - decisionBase] for decisionBase &lt;= h &lt; height; the window
 * holds at most {@link ConsensusConfig#decisionWindow()} decisions). The locked and the valid value
 * are also kept as their index in the value table of their round ({@code lockedIdx},
 * {@code validIdx}), the form in which the invariant LockHasPOL is stated. Driver-only state (not
 * in the spec): which round's prevote/precommit timer was already scheduled (lines 34 and 47 "for
 * the first time"), whether Start was accepted, the last rule fired (for the action log).
 *
 * <p>Messages are kept in one {@link VoteKeeper} for a window of {@link #WINDOW} heights starting
 * at the current one; older heights are dropped on a decision, messages beyond the window are
 * ignored (the shell bounds heights; a validator that falls further behind catches up with a
 * certificate).
 *
 * <p>Memory bounds (nothing a Byzantine peer sends grows them): the keeper's (at most
 * {@link VoteKeeper#MAX_VOTES_PER_SENDER} counted votes per validator, round, type and height,
 * {@link VoteKeeper#MAX_PROPOSALS_PER_ROUND} proposals per round and height, a value table per
 * round and height sized by those), and at most {@link #MAX_EVIDENCE_PER_VALIDATOR_PER_HEIGHT}
 * evidence pair per offender per height, so at most {@code WINDOW * n} pairs in all. Evidence is
 * reported in the outputs once, when it is found; the pairs of a height are dropped when the
 * validator leaves it.
 */
/*@ nullable_by_default @*/ public final class Validator {
    /** Heights whose messages are kept: height .. height + WINDOW - 1. */
    public static final int WINDOW = VoteKeeper.WINDOW;
    /**
     * Equivocation pairs kept (and reported) per offender per height: one pair convicts. The
     * further ones a Byzantine validator signs are counted up to VoteKeeper's bounds and
     * otherwise ignored.
     */
    public static final int MAX_EVIDENCE_PER_VALIDATOR_PER_HEIGHT = 1;
    /** record's result for a message outside the window. */
    private static final int NOT_KEPT = -1;

    /** The driver's rules, for the action log (rule codes of fireOne and onTimeout). */
    private static final String[] RULE_NAMES = {"", "UponProposalInPrecommitNoDecision", "InsertProposal",
        "OnRoundCatchup", "UponProposalInPropose", "UponProposalInProposeAndPrevote",
        "UponProposalInPrevoteOrCommitAndPrevote", "UponQuorumOfPrevotesNil", "UponQuorumOfPrevotesAny",
        "UponQuorumOfPrecommitsAny", "OnTimeoutPropose", "OnTimeoutPrevote", "OnTimeoutPrecommit", "Catchup"};
    private static final int R_DECIDE = 1;
    private static final int R_PROPOSE = 2;
    private static final int R_CATCHUP_ROUND = 3;
    private static final int R_PREVOTE = 4;
    private static final int R_PREVOTE_POL = 5;
    private static final int R_LOCK = 6;
    private static final int R_NIL_QUORUM = 7;
    private static final int R_PREVOTE_TIMER = 8;
    private static final int R_PRECOMMIT_TIMER = 9;
    private static final int R_TIMEOUT_PROPOSE = 10;
    private static final int R_TIMEOUT_PREVOTE = 11;
    private static final int R_TIMEOUT_PRECOMMIT = 12;
    private static final int R_CERTIFICATE = 13;

    //@ spec_public
    private final ConsensusConfig config;
    //@ spec_public
    private final ValidatorSet vs;
    //@ spec_public
    private final ProposerSelection proposers;
    //@ spec_public
    private final ValuePolicy policy;
    //@ spec_public
    private final int self;
    //@ spec_public
    private final int n;
    //@ spec_public
    private final long maxHeight;
    //@ spec_public
    private final int maxRound;

    //@ spec_public
    private long height;
    //@ spec_public
    private int round;
    //@ spec_public
    private Step step;
    //@ spec_public
    private Value lockedValue;
    //@ spec_public
    private int lockedRound;
    /** The index of lockedValue in the value table of (height, lockedRound), -1 if none. */
    //@ spec_public
    private int lockedIdx;
    //@ spec_public
    private Value validValue;
    //@ spec_public
    private int validRound;
    /** The index of validValue in the value table of (height, validRound), -1 if none. */
    //@ spec_public
    private int validIdx;
    /**
     * The decision window (the spec's base[p] and decision[p]): decisionLog[k] =
     * decision[p][decisionBase + k] for k &lt; height - decisionBase; an array of exactly
     * decisionWindow entries, allocated once. Heights below decisionBase are certified: decided
     * by this validator and forgotten (the node stores the blocks and their certificates), or
     * below the height it joined at ({@link #atBase}).
     */
    //@ spec_public
    private Value[] decisionLog;
    //@ spec_public
    private long decisionBase;
    //@ spec_public
    private final int decisionWindow;

    /** The messages of heights height .. height + WINDOW - 1. */
    //@ spec_public
    private final VoteKeeper keeper;
    //@ spec_public
    private int prevoteTimerRound;
    //@ spec_public
    private int precommitTimerRound;
    //@ spec_public
    private Outputs pending;
    /**
     * Driver state: has {@link Input.Start} been accepted (once per object; a validator restored
     * with fromState starts unstarted and resumes on its Start).
     */
    //@ spec_public
    private boolean started;
    /** evidence[i * WINDOW + slot]: the equivocation pair of validator i at the slot's height, or null. */
    //@ spec_public
    private final Evidence[] evidence;
    /** The last rule the driver fired (a rule code) and its parameters, for the action log. */
    //@ spec_public
    private int lastRule;
    //@ spec_public
    private Value lastV;
    //@ spec_public
    private long lastH;
    //@ spec_public
    private int lastR;
    //@ spec_public
    private int lastVr;
    /** The driver's steps when logging is on, newest first (glue for trace validation). */
    //@ spec_public
    private Outputs.Link actionLog;
    //@ spec_public
    private boolean logging;

    // The invariants name fields, not accessors (config.validators rather than config.validators()):
    // measured, a method that changes nothing could not be proved to keep them while they called
    // accessors (UNKNOWN at 78 s), and proves over fields (33 s); see proofs/openjml/README.md.
    // No invariant calls a method, not even a static one (the window slot is height % 4, not
    // VoteKeeper.slotOf(height)): the verifier reads a call at an exit in the exit's heap, and on
    // an exceptional exit it has no definition of the call there, so no refusal could be proved
    // to keep the invariants (every action UNKNOWN; reported as such with the normal case removed).
    //@ public invariant config != null && vs == config.validators && proposers == config.proposers && policy == config.policy;
    //@ public invariant maxHeight == config.maxHeight && maxRound == config.maxRound && vs.power != null && proposers.seq != null && n == vs.power.length && n == proposers.seq.length;
    //@ public invariant 1 <= maxHeight && maxHeight <= ProposerSelection.MAX_HEIGHT && 0 <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@ public invariant 1 <= n && n <= ValidatorSet.MAX_VALIDATORS && 0 <= self && self < n;
    //@ public invariant 1 <= height && height <= maxHeight + 1;
    //@ public invariant 0 <= round && round <= maxRound;
    //@ public invariant step != null && lockedValue != null && validValue != null;
    //@ public invariant -1 <= lockedRound && lockedRound <= validRound && validRound <= round;
    //@ public invariant (lockedRound == -1) == lockedValue.nil && (validRound == -1) == validValue.nil;
    //  In step propose validRound < round (only line 36 sets validRound, to round, and only in
    //  steps prevote/precommit), so a proposal's vr < r.
    //-RAC@ public invariant step == Step.PROPOSE ==> validRound < round;
    //@ public invariant keeper != null && keeper.base == height && keeper.n == n && keeper.self == self
    //@     && keeper.maxRound == maxRound && keeper.total == vs.total && keeper.ownMax != null && keeper.ownMax.length == 2 * WINDOW;
    //  Own votes: of the current round exactly from the step that sends them on, none later, none
    //  at the later heights of the window (recordMessage refuses every message naming this
    //  validator; only its own steps and fromState record its messages).
    //-RAC@ public invariant keeper.ownMax[2 * (int) (height % 4)] <= round
    //-RAC@     && (step == Step.PROPOSE ==> keeper.ownMax[2 * (int) (height % 4)] < round);
    //-RAC@ public invariant keeper.ownMax[2 * (int) (height % 4) + 1] <= round
    //-RAC@     && (step != Step.PRECOMMIT ==> keeper.ownMax[2 * (int) (height % 4) + 1] < round);
    //@ public invariant (\forall int s; 0 <= s && s < WINDOW && s != (int) (height % 4);
    //@     keeper.ownMax[2 * s] == -1 && keeper.ownMax[2 * s + 1] == -1);
    //  LockHasPOL: the locked and the valid value rest on a received quorum of prevotes of their
    //  round, and the validator precommitted its locked value in its locked round. Written over the
    //  keeper's row of (height, round) (row 4 * round + height % 4; see VoteKeeper's layout): the
    //  locked value is entry lockedIdx of the row's table (ints[0], C_VALUES, entries), its prevote
    //  tally (longs[3 + lockedIdx + 1], TALLY = 3) a quorum, and this validator's first counted precommit
    //  (votes[8 * (n + self)], stored as 1 + the table index) names it: the facts of
    //  valueCount, valueAt, quorumAt and voteIndexOf, without a call, so that no proof that assumes
    //  or asserts the invariant carries the keeper's queries (measured: acceptable() 36.9 s with the
    //  calls, 23.0 s so; onTimeoutProposeRefusal() UNKNOWN at 70.7 s with them, proved in 27.1 s so).
    //@ public invariant height <= maxHeight && lockedRound >= 0 ==> keeper.rows[4 * lockedRound + (int) (height % 4)] != null
    //@     && 0 <= lockedIdx && lockedIdx < keeper.rows[4 * lockedRound + (int) (height % 4)].ints[0] && keeper.rows[4 * lockedRound + (int) (height % 4)].vals[lockedIdx] == lockedValue
    //@     && 3 * keeper.rows[4 * lockedRound + (int) (height % 4)].longs[3 + lockedIdx + 1] > 2 * keeper.total
    //@     && keeper.rows[4 * lockedRound + (int) (height % 4)].counts[n + self] > 0 && keeper.rows[4 * lockedRound + (int) (height % 4)].votes[8 * (n + self)] - 1 == lockedIdx;
    //@ public invariant height <= maxHeight && validRound >= 0 ==> keeper.rows[4 * validRound + (int) (height % 4)] != null
    //@     && 0 <= validIdx && validIdx < keeper.rows[4 * validRound + (int) (height % 4)].ints[0] && keeper.rows[4 * validRound + (int) (height % 4)].vals[validIdx] == validValue
    //@     && 3 * keeper.rows[4 * validRound + (int) (height % 4)].longs[3 + validIdx + 1] > 2 * keeper.total;
    //  DecidedWindow: the window holds the decisions of decisionBase..height-1, at most decisionWindow.
    //@ public invariant decisionWindow == config.decisionWindow && 1 <= decisionWindow && decisionWindow <= ConsensusConfig.MAX_DECISION_WINDOW;
    //@ public invariant decisionLog != null && decisionLog.length == decisionWindow;
    //@ public invariant 1 <= decisionBase && decisionBase <= height && height - decisionBase <= decisionWindow;
    //@ public invariant (\forall int k; 0 <= k && k < height - decisionBase; decisionLog[k] != null && !decisionLog[k].nil);
    //@ public invariant evidence != null && evidence.length == WINDOW * n && pending != null;

    /** A validator in the spec's initial state (height 1, round 0, step propose). */
    /*@ public normal_behavior
      @   requires config != null && 0 <= self && self < config.size();
      @   ensures height == 1 && round == 0 && step == Step.PROPOSE && lockedRound == -1 && validRound == -1 && !started;
      @ also public exceptional_behavior
      @   requires !(config != null && 0 <= self && self < config.size());
      @   signals_only ConsensusException;
      @*/
    public Validator(ConsensusConfig config, int self) throws ConsensusException {
        this(config, self, ValidatorState.initial());
    }

    /*@ private normal_behavior
      @   requires config != null && 0 <= self && self < config.size() && validState(config, st);
      @   ensures height == st.height() && round == st.round() && step == st.step() && lockedRound == -1 && validRound == -1;
      @   ensures decisionBase == st.base() + dropped(st.decisionCount(), config.decisionWindow());
      @   ensures (\forall int k; 0 <= k && k < height - decisionBase;
      @       decisionLog[k] == st.decisionAt(k + dropped(st.decisionCount(), config.decisionWindow())));
      @   ensures !started && pending.isEmpty();
      @ also private exceptional_behavior
      @   requires !(config != null && 0 <= self && self < config.size() && validState(config, st));
      @   signals_only ConsensusException;
      @*/
    private Validator(ConsensusConfig config, int self, ValidatorState st) throws ConsensusException {
        if (config == null) {
            throw new ConsensusException(Reason.INVALID_CONFIG, -1, 0);
        }
        if (self < 0 || self >= config.size()) {
            throw new ConsensusException(Reason.UNKNOWN_VALIDATOR, self, config.size());
        }
        if (!validState(config, st)) {
            throw new ConsensusException(Reason.INVALID_STATE, st == null ? 0 : st.height(), st == null ? 0 : st.round());
        }
        this.config = config;
        this.vs = config.validators();
        this.proposers = config.proposers();
        this.policy = config.policy();
        this.self = self;
        this.n = config.size();
        this.maxHeight = config.maxHeight();
        this.maxRound = config.maxRound();
        this.height = st.height();
        this.round = st.round();
        this.step = st.step();
        this.lockedValue = Value.NIL;
        this.lockedRound = -1;
        this.lockedIdx = -1;
        this.validValue = Value.NIL;
        this.validRound = -1;
        this.validIdx = -1;
        int window = config.decisionWindow();
        int count = st.decisionCount();
        int drop = dropped(count, window);
        int kept = count - drop;
        Value[] log = new Value[window];
        //@ loop_invariant 0 <= k && k <= kept && kept <= window && log.length == window;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; log[j] == st.decisionAt(j + drop));
        //@ decreases kept - k;
        for (int k = 0; k < kept; k++) {
            log[k] = st.decisionAt(k + drop);
        }
        this.decisionWindow = window;
        this.decisionLog = log;
        this.decisionBase = st.base() + drop;
        this.keeper = new VoteKeeper(config.validators(), st.height(), config.maxRound(), self);
        this.prevoteTimerRound = -1;
        this.precommitTimerRound = -1;
        this.pending = new Outputs();
        this.started = false;
        this.evidence = new Evidence[WINDOW * config.size()];
        this.lastRule = 0;
        this.lastV = null;
        this.lastH = 0;
        this.lastR = 0;
        this.lastVr = 0;
        this.actionLog = null;
        this.logging = false;
    }

    /**
     * How many of a snapshot's {@code count} decisions a validator with this window forgets on
     * load (it keeps the last {@code window} of them).
     */
    /*@ public normal_behavior
      @   requires 0 <= count && 1 <= window;
      @   ensures \result == (count > window ? count - window : 0);
      @   ensures 0 <= \result && \result <= count && count - \result <= window;
      @ pure
      @*/
    public static int dropped(int count, int window) {
        return count > window ? count - window : 0;
    }

    /**
     * Is st a snapshot fromState can load for this config: every field given, height in
     * 1..MaxHeight+1, base in 1..height with height - base decisions (none nil), round in 0..MaxRound, -1 &lt;=
     * lockedRound &lt;= validRound &lt;= round, (lockedRound = -1) &lt;=&gt; (lockedValue = nil) and the
     * same for valid, and in step propose validRound &lt; round (true in every reachable state).
     */
    /*@ public normal_behavior
      @   requires c != null;
      @   ensures \result ==> st != null && st.step() != null && st.lockedValue() != null && st.validValue() != null
      @       && st.hasDecisions() && 1 <= st.height() && st.height() <= c.maxHeight() + 1
      @       && 1 <= st.base() && st.base() <= st.height()
      @       && st.decisionCount() == st.height() - st.base() && 0 <= st.round() && st.round() <= c.maxRound()
      @       && -1 <= st.lockedRound() && st.lockedRound() <= st.validRound() && st.validRound() <= st.round()
      @       && (st.lockedRound() == -1) == st.lockedValue().isNil() && (st.validRound() == -1) == st.validValue().isNil()
      @       && (st.step() == Step.PROPOSE ==> st.validRound() < st.round())
      @       && (\forall int k; 0 <= k && k < st.decisionCount(); st.decisionAt(k) != null && !st.decisionAt(k).isNil());
      @ pure
      @*/
    public static boolean validState(ConsensusConfig c, ValidatorState st) {
        if (st == null || st.step() == null || st.lockedValue() == null || st.validValue() == null || !st.hasDecisions()) {
            return false;
        }
        if (st.height() < 1 || st.height() > c.maxHeight() + 1 || st.base() < 1 || st.base() > st.height()
                || st.decisionCount() != st.height() - st.base()) {
            return false;
        }
        if (st.round() < 0 || st.round() > c.maxRound()) {
            return false;
        }
        if (st.lockedRound() < -1 || st.lockedRound() > st.validRound() || st.validRound() > st.round()
                || (st.lockedRound() == -1) != st.lockedValue().isNil() || (st.validRound() == -1) != st.validValue().isNil()
                || (st.step() == Step.PROPOSE && st.validRound() >= st.round())) {
            return false;
        }
        int count = st.decisionCount();
        //@ loop_invariant 0 <= k && k <= count;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; st.decisionAt(j) != null && !st.decisionAt(j).isNil());
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            Value d = st.decisionAt(k);
            if (d == null || d.isNil()) {
                return false;
            }
        }
        return true;
    }

    /** Glue: {@link #fromState(ConsensusConfig, int, ValidatorState, Message[])} with a collection. */
    /*@ skipesc skiprac @*/ // glue: copies a library collection into the array form
    public static Validator fromState(ConsensusConfig config, int self, ValidatorState state,
            Collection<Message> received) throws ConsensusException {
        return fromState(config, self, state, received == null ? null : received.toArray(new Message[0]));
    }

    /**
     * A validator in an arbitrary state that has received the given messages (the conformance
     * adapter's fromSpec, and a node's restore after a crash). No rule fires and nothing is
     * output; evidence among the messages is recorded. Throws {@link Reason#INVALID_STATE} for a
     * state outside the bounds or breaking the invariants above (its own messages among
     * {@code received} must fit its state and must not equivocate, its locked and valid values
     * must rest on a quorum of prevotes, its locked value on its own precommit),
     * {@link Reason#MALFORMED_MESSAGE} / {@link Reason#UNKNOWN_VALIDATOR} for a message the core
     * cannot hold.
     *
     * <p>Restore rule: a node persists its state and every message it signs before it sends
     * them, and restores with this method from that state and those messages (its own and the
     * ones it had received). The restored validator has not started: it accepts one
     * {@link Input.Start}, which resumes it (requests the timers its state needs and changes no
     * spec variable). Since its own messages are in its records again and its step never goes
     * back, it signs nothing that conflicts with what it signed before the crash.
     */
    /*@ public behavior
      @   requires config != null && 0 <= self && self < config.size() && validState(config, state);
      @   ensures \result != null && \result.height == state.height() && \result.round == state.round()
      @       && \result.step == state.step() && \result.lockedRound == state.lockedRound()
      @       && \result.validRound == state.validRound() && \result.lockedValue.sameAs(state.lockedValue())
      @       && \result.validValue.sameAs(state.validValue()) && !\result.started && \result.pending.isEmpty()
      @       && \result.decisionBase == state.base() + dropped(state.decisionCount(), config.decisionWindow());
      @   signals_only ConsensusException;
      @ also public exceptional_behavior
      @   requires !(config != null && 0 <= self && self < config.size() && validState(config, state));
      @   signals_only ConsensusException;
      @*/
    public static Validator fromState(ConsensusConfig config, int self, ValidatorState state, Message[] received)
            throws ConsensusException {
        Validator v = new Validator(config, self, state);
        if (received != null) {
            //@ loop_invariant 0 <= k && k <= received.length;
            // (the prefix fact is the prover's alone: the checker checks each message's case of
            // checkMessage and checkOwnMessage at its call, and neither changes v, so re-walking the
            // prefix at every message would check nothing new)
            //-RAC@ loop_invariant (\forall int j; 0 <= j && j < k; v.acceptable(received[j]) && v.ownFits(received[j]));
            //@ decreases received.length - k;
            for (int k = 0; k < received.length; k++) {
                v.checkMessage(received[k]);
                v.checkOwnMessage(received[k]);
            }
            //@ loop_invariant 0 <= k && k <= received.length;
            //@ loop_invariant v.height == state.height() && v.round == state.round() && v.step == state.step() && v.lockedRound == -1 && v.validRound == -1;
            //@ decreases received.length - k;
            for (int k = 0; k < received.length; k++) {
                Message m = received[k];
                if (v.record(m) == VoteKeeper.EQUIVOCATION && m.src() == self) {
                    throw new ConsensusException(Reason.INVALID_STATE, m.h(), m.r()); // own messages that equivocate
                }
            }
        }
        v.restoreLocks(state);
        v.pending = new Outputs();
        return v;
    }

    /**
     * Why {@link #atBase} refuses to join with this certificate, or null: a config and a known
     * validator index, and a commit certificate PRECOMMIT(h, r, v) from a quorum of the config's
     * validators with h in 1..MaxHeight and r in 0..MaxRound (the guard of the spec's
     * JoinAt(p, h, r, v) that the core can check; {@code h >= height[p]} is the node's restore
     * rule, see atBase).
     */
    /*@ public normal_behavior
      @   ensures \result == null <==> (config != null && 0 <= self && self < config.size() && lastCommit != null
      @       && CertificateChecker.isValid(config.validators(), lastCommit) && lastCommit.r() <= config.maxRound()
      @       && lastCommit.h() <= config.maxHeight());
      @ pure
      @*/
    public static Reason atBaseRefusal(ConsensusConfig config, int self, Certificate lastCommit) {
        if (config == null) {
            return Reason.INVALID_CONFIG;
        }
        if (self < 0 || self >= config.size()) {
            return Reason.UNKNOWN_VALIDATOR;
        }
        if (lastCommit == null || !CertificateChecker.isValid(config.validators(), lastCommit)
                || lastCommit.r() > config.maxRound()) {
            return Reason.INVALID_CERTIFICATE;
        }
        return lastCommit.h() > config.maxHeight() ? Reason.HEIGHT_OUT_OF_RANGE : null;
    }

    /** Glue: {@link #atBase(ConsensusConfig, int, Certificate, Message[])} with a collection. */
    /*@ skipesc skiprac @*/ // glue: copies a library collection into the array form
    public static Validator atBase(ConsensusConfig config, int self, Certificate lastCommit,
            Collection<Message> received) throws ConsensusException {
        return atBase(config, self, lastCommit, received == null ? null : received.toArray(new Message[0]));
    }

    /**
     * State sync: a validator that joins consensus at height {@code b = lastCommit.h() + 1}
     * without the decisions of heights 1..b-1 (the spec's JoinAt(p, h, r, v) with the certificate
     * PRECOMMIT(h, r, v)). The node has restored the ledger from a snapshot of the state after
     * height h and checked it against the block of h, which {@code lastCommit} certifies; the
     * validator needs neither the blocks nor the decisions below b (its decision window is empty
     * and based at b). It starts at height b, round 0, step propose, nothing locked, not started
     * (it accepts one {@link Input.Start}), having received {@code received}.
     *
     * <p>Refusals (typed, nothing built): {@link #atBaseRefusal} ({@link Reason#INVALID_CONFIG},
     * {@link Reason#UNKNOWN_VALIDATOR}, {@link Reason#INVALID_CERTIFICATE},
     * {@link Reason#HEIGHT_OUT_OF_RANGE}), then those of {@link #fromState} for the messages.
     *
     * <p>Restore rule (the spec's {@code h >= height[p]}): a validator joins only above every
     * height at which it may have signed. The node passes every own message its write-ahead log
     * holds for heights &gt;= b among {@code received}; an own vote at a height &gt;= b, or any own
     * message above b, does not fit the joined state and is refused ({@link Reason#INVALID_STATE}).
     * A node that lost its log must not join at a height it may have voted at.
     */
    /*@ public behavior
      @   requires atBaseRefusal(config, self, lastCommit) == null;
      @   ensures \result != null && \result.height == lastCommit.h() + 1 && \result.decisionBase == \result.height
      @       && \result.round == 0 && \result.step == Step.PROPOSE && \result.lockedRound == -1
      @       && \result.validRound == -1 && !\result.started && \result.pending.isEmpty();
      @   signals_only ConsensusException;
      @ also public exceptional_behavior
      @   requires !(atBaseRefusal(config, self, lastCommit) == null);
      @   signals_only ConsensusException;
      @*/
    public static Validator atBase(ConsensusConfig config, int self, Certificate lastCommit, Message[] received)
            throws ConsensusException {
        Reason why = atBaseRefusal(config, self, lastCommit);
        if (why != null) {
            throw new ConsensusException(why, lastCommit == null ? -1 : lastCommit.h(), self);
        }
        return fromState(config, self, ValidatorState.atBase(lastCommit.h() + 1), received);
    }

    /**
     * The guard of the spec's JoinAt(p, h, r, v) for this validator: active (height &lt;=
     * MaxHeight), the certificate's height h not below its own ({@code h >= height[p]}: it joins
     * only above every height where it may have signed; {@link Reason#ALREADY_DECIDED}
     * otherwise), and {@link #atBaseRefusal}.
     */
    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && c != null && c.h() >= height
      @       && atBaseRefusal(config, self, c) == null);
      @ pure helper
      @*/
    public Reason joinAtRefusal(Certificate c) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (c == null) {
            return Reason.INVALID_CERTIFICATE;
        }
        if (c.h() < height) {
            return Reason.ALREADY_DECIDED;
        }
        return atBaseRefusal(config, self, c);
    }

    //@ public normal_behavior
    //@   ensures \result == (joinAtRefusal(c) == null);
    //@ pure helper
    public boolean canJoinAt(Certificate c) {
        return joinAtRefusal(c) == null;
    }

    /**
     * JoinAt(p, h, r, v) for this validator: the validator it becomes, {@link #atBase}(config,
     * self, c, received) (a new object; this one is left unchanged and should be dropped). The
     * node, which restores a validator from a snapshot without a previous object, calls atBase
     * directly and keeps the height conjunct itself (restore rule, see atBase).
     */
    /*@ public behavior
      @   requires canJoinAt(c);
      @   assignable \nothing;
      @   ensures \result != null && \result.height == c.h() + 1 && \result.decisionBase == \result.height
      @       && \result.round == 0 && \result.step == Step.PROPOSE && \result.lockedRound == -1
      @       && \result.validRound == -1 && !\result.started;
      @   signals_only ConsensusException;
      @ also public exceptional_behavior
      @   requires !(canJoinAt(c));
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public Validator joinAt(Certificate c, Message[] received) throws ConsensusException {
        Reason why = joinAtRefusal(c);
        if (why != null) {
            throw new ConsensusException(why, c == null ? -1 : c.h(), height);
        }
        return atBase(config, self, c, received);
    }

    /** Can the core hold m (a well-formed message from a known validator)? */
    /*@ public normal_behavior
      @   ensures \result == Message.wellFormed(m, n, maxHeight, maxRound);
      @ pure
      @*/
    public boolean acceptable(Message m) {
        return Message.wellFormed(m, n, maxHeight, maxRound);
    }

    /**
     * Does m, if it is this validator's own message, fit its state (a reachable state's own
     * messages): none from a later height or round; none of the current round that its step has
     * not yet sent (no prevote in step propose, no precommit before step precommit); proposals
     * only for rounds it leads.
     */
    /*@ public normal_behavior
      @   requires acceptable(m);
      @   ensures \result == (m.src() != self || m.h() < height
      @       || (m.h() == height && m.r() <= round
      @           && !(m.r() == round && m.type() == MessageType.PREVOTE && step == Step.PROPOSE)
      @           && !(m.r() == round && m.type() == MessageType.PRECOMMIT && step != Step.PRECOMMIT)
      @           && !(m.type() == MessageType.PROPOSAL && proposers.proposer(m.h(), m.r()) != self)));
      @ pure
      @*/
    public boolean ownFits(Message m) {
        if (m.src() != self || m.h() < height) {
            return true;
        }
        if (m.h() > height || m.r() > round) {
            return false;
        }
        if (m.r() == round && m.type() == MessageType.PREVOTE && step == Step.PROPOSE) {
            return false;
        }
        if (m.r() == round && m.type() == MessageType.PRECOMMIT && step != Step.PRECOMMIT) {
            return false;
        }
        return !(m.type() == MessageType.PROPOSAL && proposers.proposer(m.h(), m.r()) != self);
    }

    /** Throws INVALID_STATE for an own message that does not fit the state. */
    /*@ private normal_behavior
      @   requires acceptable(m) && ownFits(m);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires acceptable(m) && !ownFits(m);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    private void checkOwnMessage(Message m) throws ConsensusException {
        if (!ownFits(m)) {
            throw new ConsensusException(Reason.INVALID_STATE, m.h(), m.r());
        }
    }

    /**
     * Installs the snapshot's locked and valid value once the messages are recorded: each must
     * rest on a quorum of prevotes of its round, the locked one on the validator's own precommit
     * (the spec's LockHasPOL); INVALID_STATE otherwise, with nothing changed. After the last height
     * nothing is checked.  One case: whether the messages bear the locks is known only by looking.
     */
    /*@ private behavior
      @   requires st != null && validState(config, st) && height == st.height() && round == st.round() && step == st.step()
      @       && lockedRound == -1 && validRound == -1;
      @   assignable lockedValue, lockedRound, lockedIdx, validValue, validRound, validIdx;
      @   ensures lockedRound == st.lockedRound() && validRound == st.validRound()
      @       && lockedValue.sameAs(st.lockedValue()) && validValue.sameAs(st.validValue());
      @   signals_only ConsensusException;
      @   signals (ConsensusException e) lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && lockedIdx == \old(lockedIdx) && validValue == \old(validValue) && validRound == \old(validRound)
      @       && validIdx == \old(validIdx);
      @*/
    private void restoreLocks(ValidatorState st) throws ConsensusException {
        int li = -1;
        int vi = -1;
        Value lv = st.lockedValue();
        Value vv = st.validValue();
        if (height <= maxHeight) {
            if (st.lockedRound() >= 0) {
                li = keeper.find(height, st.lockedRound(), st.lockedValue());
                if (li < 0 || !keeper.quorumAt(height, MessageType.PREVOTE, st.lockedRound(), li)
                        || keeper.voteIndexOf(height, MessageType.PRECOMMIT, st.lockedRound(), self) != li) {
                    throw new ConsensusException(Reason.INVALID_STATE, st.lockedRound(), li);
                }
                lv = keeper.valueAt(height, st.lockedRound(), li);
            }
            if (st.validRound() >= 0) {
                vi = keeper.find(height, st.validRound(), st.validValue());
                if (vi < 0 || !keeper.quorumAt(height, MessageType.PREVOTE, st.validRound(), vi)) {
                    throw new ConsensusException(Reason.INVALID_STATE, st.validRound(), vi);
                }
                vv = keeper.valueAt(height, st.validRound(), vi);
            }
        }
        lockedValue = lv;
        lockedRound = st.lockedRound();
        lockedIdx = li;
        validValue = vv;
        validRound = st.validRound();
        validIdx = vi;
    }

    // ------------------------------------------------------------------------------------------
    // Snapshot and queries

    /** The spec variables of this validator. */
    /*@ public normal_behavior
      @   ensures \result != null && \result.height() == height && \result.round() == round && \result.step() == step
      @       && \result.lockedValue() == lockedValue && \result.lockedRound() == lockedRound
      @       && \result.validValue() == validValue && \result.validRound() == validRound
      @       && \result.base() == decisionBase && \result.decisionCount() == height - decisionBase
      @       && (\forall int k; 0 <= k && k < height - decisionBase; \result.decisionAt(k) == decisionLog[k]);
      @ pure
      @*/
    public ValidatorState state() {
        int count = (int) (height - decisionBase);
        Value[] ds = new Value[count];
        //@ loop_invariant 0 <= k && k <= count;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; ds[j] == decisionLog[j]);
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            ds[k] = decisionLog[k];
        }
        return new ValidatorState(decisionBase, height, round, step, lockedValue, lockedRound, validValue, validRound, ds);
    }

    // The field accessors below are `pure helper`: their results are fields, so their contracts hold
    // without the class invariants, and a pure method leaves every invariant as it found it (its
    // `assignable \nothing` is checked), so not assuming and re-asserting the invariants around it
    // loses nothing; callers keep the invariants they hold.  Without `helper` each accessor's proof
    // carried the whole invariant, LockHasPOL's keeper queries included: 28-71 s per accessor
    // against 60 s per proof (proofs/openjml/README.md).
    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure helper
    public long height() {
        return height;
    }

    //@ public normal_behavior
    //@   ensures \result == round;
    //@ pure helper
    public int round() {
        return round;
    }

    //@ public normal_behavior
    //@   ensures \result == step;
    //@ pure helper
    public Step step() {
        return step;
    }

    //@ public normal_behavior
    //@   ensures \result == self;
    //@ pure helper
    public int self() {
        return self;
    }

    /** Has every height 1..maxHeight been decided? */
    //@ public normal_behavior
    //@   ensures \result == (height > maxHeight);
    //@ pure helper
    public boolean isDone() {
        return height > maxHeight;
    }

    /**
     * decision[p][h]: the value decided at h while h is in the window (decisionBase &lt;= h &lt;
     * height), nil otherwise (undecided, or below the window: certified, stored by the node).
     */
    /*@ public normal_behavior
      @   ensures \result == (decisionBase <= h && h < height ? decisionLog[(int) (h - decisionBase)] : Value.NIL);
      @ pure
      @*/
    public Value decision(long h) {
        return h >= decisionBase && h < height ? decisionLog[(int) (h - decisionBase)] : Value.NIL;
    }

    /** base[p]: the lowest height of the decision window. */
    //@ public normal_behavior
    //@   ensures \result == decisionBase;
    //@ pure helper
    public long decisionBase() {
        return decisionBase;
    }

    /**
     * The equivocation pairs this validator holds for the heights of its window (height ..
     * height + WINDOW - 1): at most one per offender per height, by height then offender.
     */
    /*@ skipesc skiprac @*/ // glue: a library list of the array for the shell and tests
    public List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        for (long h = height; h < height + WINDOW; h++) {
            int s = VoteKeeper.slotOf(h);
            for (int i = 0; i < n; i++) {
                Evidence e = evidence[i * WINDOW + s];
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return ReadOnlyList.copyOf(out);
    }

    /** Has {@link Input.Start} been accepted? */
    //@ public normal_behavior
    //@   ensures \result == started;
    //@ pure helper
    public boolean isStarted() {
        return started;
    }

    //@ public normal_behavior
    //@   ensures \result == config;
    //@ pure helper
    public ConsensusConfig config() {
        return config;
    }

    /** The received messages (of the heights height .. height + WINDOW - 1). */
    //@ public normal_behavior
    //@   ensures \result == keeper;
    //@ pure helper
    public VoteKeeper currentVotes() {
        return keeper;
    }

    /** Turns the driver's action log on (for trace validation) or off. */
    /*@ skipesc skiprac @*/ // glue: the trace log
    public void logActions(boolean on) {
        logging = on;
        actionLog = null;
    }

    /** The actions the driver fired since the last call (empty when logging is off). */
    /*@ skipesc skiprac @*/ // glue: the trace log as a library list
    public List<ActionRecord> takeActionLog() {
        List<ActionRecord> out = new ArrayList<>();
        for (Outputs.Link l = actionLog; l != null; l = l.next()) {
            out.add((ActionRecord) l.item());
        }
        actionLog = null;
        return ReadOnlyList.reversed(out);
    }

    /** Appends the last rule fired to the action log when logging is on. */
    /*@ private normal_behavior
      @   assignable actionLog;
      @*/
    /*@ skipesc skiprac @*/ // glue: formats the rule's name and parameters for trace validation (no spec variable)
    private void logLast() {
        if (!logging) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        switch (lastRule) {
            case R_DECIDE:
                m.put("v", lastV);
                m.put("r", lastR);
                break;
            case R_PROPOSE:
            case R_PREVOTE:
                m.put("v", lastV);
                break;
            case R_CATCHUP_ROUND:
                m.put("r", lastR);
                break;
            case R_PREVOTE_POL:
            case R_LOCK:
                m.put("v", lastV);
                m.put("vr", lastVr);
                break;
            case R_CERTIFICATE:
                m.put("h", lastH);
                m.put("r", lastR);
                m.put("v", lastV);
                break;
            default:
                break;
        }
        actionLog = new Outputs.Link(new ActionRecord(RULE_NAMES[lastRule], m), actionLog);
    }

    /** Notes the rule just fired, for the action log. */
    /*@ private normal_behavior
      @   assignable lastRule, lastV, lastH, lastR, lastVr;
      @   ensures lastRule == rule && lastV == v && lastH == h && lastR == r && lastVr == vr;
      @*/
    private void note(int rule, Value v, long h, int r, int vr) {
        lastRule = rule;
        lastV = v;
        lastH = h;
        lastR = r;
        lastVr = vr;
    }

    /** Outputs accumulated since the last call (by action methods called directly). */
    /*@ public normal_behavior
      @   assignable pending;
      @   ensures \result == \old(pending) && pending.isEmpty();
      @*/
    //-RAC@   ensures \fresh(pending);
    public Outputs drainOutputs() {
        Outputs o = pending;
        pending = new Outputs();
        return o;
    }

    /** A certificate for (height, r, v) from the precommits received, or null if below quorum. */
    /*@ public normal_behavior
      @   ensures \result != null ==> CertificateChecker.isValid(vs, \result) && \result.h() == height && \result.r() == r
      @       && \result.v() == v;
      @ pure
      @*/
    public Certificate certificateFor(int r, Value v) {
        if (height > maxHeight || r < 0 || r > maxRound || v == null || v.isNil()) {
            return null;
        }
        Message[] ms = new Message[n];
        int count = 0;
        //@ loop_invariant 0 <= i && i <= n && 0 <= count && count <= i;
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            if (keeper.hasVoted(height, MessageType.PRECOMMIT, r, i, v)) {
                ms[count] = Message.precommit(i, height, r, v);
                count++;
            }
        }
        Message[] used = new Message[count];
        //@ loop_invariant 0 <= k && k <= count;
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            used[k] = ms[k];
        }
        Certificate c = new Certificate(height, r, v, used);
        return CertificateChecker.isValid(vs, c) ? c : null;
    }

    // ------------------------------------------------------------------------------------------
    // Receiving

    /** Throws MALFORMED_MESSAGE / UNKNOWN_VALIDATOR for a message the core cannot hold. */
    /*@ private normal_behavior
      @   requires acceptable(m);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !acceptable(m);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    private void checkMessage(Message m) throws ConsensusException {
        if (m == null || m.type() == null || m.v() == null) {
            throw new ConsensusException(Reason.MALFORMED_MESSAGE, -1, 0);
        }
        if (!vs.isKnown(m.src())) {
            throw new ConsensusException(Reason.UNKNOWN_VALIDATOR, m.src(), n);
        }
        if (!acceptable(m)) {
            throw new ConsensusException(Reason.MALFORMED_MESSAGE, m.h(), m.r());
        }
    }

    /**
     * Records a received message without firing any rule. Returns false (nothing recorded) for
     * a message of a past height or beyond the window. Refuses (typed, nothing changes) a
     * malformed message, one from an unknown validator, and one that names this validator as
     * its sender ({@link Reason#OWN_MESSAGE}): a correct validator's own messages enter its
     * records only when it sends them, so no peer can make it believe it already voted.
     * Equivocations are kept as evidence (at most one pair per offender per height, reported in
     * the outputs when found) and counted only within VoteKeeper's bounds.
     */
    /*@ public normal_behavior
      @   requires acceptable(m) && m.src() != self;
      @   {|
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] == null;
      @*/
    //-RAC@     assignable keeper.rows[*], keeper.maxSeen[*], keeper.ownMax[*], evidence[*], pending.evidence;
    /*@
      @     ensures \result == (height <= m.h() && m.h() < height + WINDOW);
      @   also
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] != null;
      @*/
    //-RAC@     assignable keeper.rows[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vals[*], keeper.rows[4 * m.r + (int) (m.h % 4)].ints[*], keeper.rows[4 * m.r + (int) (m.h % 4)].votes[*], keeper.rows[4 * m.r + (int) (m.h % 4)].counts[*], keeper.rows[4 * m.r + (int) (m.h % 4)].sent[*], keeper.rows[4 * m.r + (int) (m.h % 4)].pvals[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vrs[*], keeper.rows[4 * m.r + (int) (m.h % 4)].longs[*],
    //-RAC@         keeper.maxSeen[*], keeper.ownMax[*], evidence[*], pending.evidence;
    /*@
      @     ensures \result == (height <= m.h() && m.h() < height + WINDOW);
      @   |}
      @ also public exceptional_behavior
      @   requires !(acceptable(m) && m.src() != self);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public boolean recordMessage(Message m) throws ConsensusException {
        checkMessage(m);
        if (m.src() == self) {
            throw new ConsensusException(Reason.OWN_MESSAGE, m.h(), m.r());
        }
        return record(m) != NOT_KEPT;
    }

    /**
     * Records a well-formed message (received, or sent by this validator) in the keeper; returns
     * VoteKeeper's outcome, or NOT_KEPT outside the window. An equivocation of another validator
     * is kept (the first pair per offender and height) and reported.
     */
    /*@ private normal_behavior
      @   requires acceptable(m) && ownFits(m);
      @   {|
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] == null;
      @*/
    //-RAC@     assignable keeper.rows[*], keeper.maxSeen[*], keeper.ownMax[*], evidence[*], pending.evidence;
    /*@
      @     ensures (\result == NOT_KEPT) == !(height <= m.h() && m.h() < height + WINDOW);
      @   also
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] != null;
      @*/
    //-RAC@     assignable keeper.rows[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vals[*], keeper.rows[4 * m.r + (int) (m.h % 4)].ints[*], keeper.rows[4 * m.r + (int) (m.h % 4)].votes[*], keeper.rows[4 * m.r + (int) (m.h % 4)].counts[*], keeper.rows[4 * m.r + (int) (m.h % 4)].sent[*], keeper.rows[4 * m.r + (int) (m.h % 4)].pvals[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vrs[*], keeper.rows[4 * m.r + (int) (m.h % 4)].longs[*],
    //-RAC@         keeper.maxSeen[*], keeper.ownMax[*], evidence[*], pending.evidence;
    /*@
      @     ensures (\result == NOT_KEPT) == !(height <= m.h() && m.h() < height + WINDOW);
      @   |}
      @*/
    private int record(Message m) {
        if (m.h() < height || m.h() >= height + WINDOW) {
            return NOT_KEPT;
        }
        long h = m.h();
        int src = m.src();
        int res;
        Value prevValue = null;
        int prevVr = -1;
        if (m.type() == MessageType.PROPOSAL) {
            if (src != proposers.proposer(h, m.r())) {
                keeper.markSender(src, h, m.r());
                return VoteKeeper.ADDED;
            }
            if (keeper.proposalCount(h, m.r()) > 0) {
                prevValue = keeper.proposalValue(h, m.r(), 0);
                prevVr = keeper.proposalValidRound(h, m.r(), 0);
            }
            res = keeper.addProposal(src, h, m.r(), m.v(), m.vr());
        } else {
            prevValue = keeper.firstVote(h, m.type(), m.r(), src);
            res = keeper.addVote(m.type(), src, h, m.r(), m.v());
        }
        int slot = src * WINDOW + VoteKeeper.slotOf(h);
        if (res == VoteKeeper.EQUIVOCATION && src != self && evidence[slot] == null) {
            Evidence e = new Evidence(new Message(m.type(), src, h, m.r(), prevValue, prevVr), m);
            evidence[slot] = e;
            pending.report(e);
        }
        return res;
    }

    // ------------------------------------------------------------------------------------------
    // Driver

    /**
     * Runs one input and every rule it enables; returns the outputs. Heights, rounds within a
     * height and steps within a round never decrease (the spec's StepMonotone), locked rounds
     * within a height never decrease, decisions never change (DecisionStable,
     * LockedRoundMonotone). A refused input (see the class comment) throws before anything
     * changes.
     */
    /*@ public behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    /*@
      @   signals_only ConsensusException, IllegalStateException;
      @*/
    public Outputs step(Input in) throws ConsensusException {
        if (in instanceof Input.Receive) {
            recordMessage(((Input.Receive) in).message());
        } else if (in instanceof Input.Timeout) {
            onTimeout((Input.Timeout) in);
        } else if (in instanceof Input.Commit) {
            Certificate cert = ((Input.Commit) in).certificate();
            catchup(cert);
            note(R_CERTIFICATE, cert.v(), cert.h(), cert.r(), -1);
            logLast();
        } else if (in instanceof Input.Start) {
            start();
        } else {
            throw new ConsensusException(Reason.MALFORMED_MESSAGE, -1, 0);
        }
        fireAll();
        return drainOutputs();
    }

    // Every refusal query and guard is `pure helper` (startRefusal below, timeoutRefusal, and those of
    // every rule and of JoinAt and Catchup): each requires the invariant facts it reads, at its rows of
    // the keeper, instead of assuming every invariant of the validator and the keeper (measured: 3-62 s
    // each, where most were UNKNOWN at 60 s). The clauses that restate invariants are the prover's
    // alone (`//-RAC@`): the checker checks the invariants themselves at every method boundary, and
    // these clauses inlined at every call made the checked code of the actions too large for the JVM.

    // ------------------------------------------------------------------------------------------
    // Start (driver): accepted once per object; changes no spec variable

    /*@ public normal_behavior
      @   ensures \result == null <==> !started;
      @ pure helper
      @*/
    public Reason startRefusal() {
        return started ? Reason.ALREADY_STARTED : null;
    }

    /**
     * Input.Start: marks the validator started and requests the timeout of line 21 if its state
     * waits for a proposal (step propose, not the proposer). No spec variable changes: for a new
     * validator the spec's Init already is StartRound(0) at height 1; for one restored with
     * fromState this resumes it (the prevote and precommit timers of lines 34 and 47 are
     * requested by the rules the driver fires next). A second Start is refused: re-running
     * StartRound in the current round would reopen step propose after the validator voted and let
     * it vote again (spec/consensus/README.md, "The driver").
     */
    /*@ public normal_behavior
      @   requires !started;
      @   assignable started, pending.timers;
      @   ensures started;
      @ also public exceptional_behavior
      @   requires started;
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void start() throws ConsensusException {
        if (started) {
            throw new ConsensusException(Reason.ALREADY_STARTED, height, round);
        }
        started = true;
        if (height <= maxHeight && step == Step.PROPOSE && proposers.proposer(height, round) != self) {
            pending.schedule(new TimerRequest(TimeoutKind.PROPOSE, height, round));
        }
    }

    /** propose = 0, prevote = 1, precommit = 2: the order in which a round's steps are taken. */
    //@ public normal_behavior
    //@   requires s != null;
    //@   ensures \result == (s == Step.PROPOSE ? 0 : s == Step.PREVOTE ? 1 : 2);
    //@ pure
    public static int stepRank(Step s) {
        return s == Step.PROPOSE ? 0 : s == Step.PREVOTE ? 1 : 2;
    }

    /** Shorthand for {@code step(new Input.Receive(m))}. */
    /*@ public behavior
      @   ensures height >= \old(height);
      @   signals_only ConsensusException, IllegalStateException;
      @*/
    public Outputs receive(Message m) throws ConsensusException {
        return step(new Input.Receive(m));
    }

    /**
     * Why the driver refuses a timeout: MALFORMED_MESSAGE for no kind or (h, r) outside the
     * bounds; NOT_SCHEDULED for a height and round the validator has not reached (it schedules
     * timers only for its current height and round, which never decrease). Null: accepted (it
     * fires its rule if it is for the current height and round and the rule is enabled; a timer
     * of an earlier round or height is stale and changes nothing).
     */
    /*@ public normal_behavior
      @   ensures \result == null <==> (t != null && t.kind() != null && 1 <= t.h() && t.h() <= maxHeight
      @       && 0 <= t.r() && t.r() <= maxRound && (t.h() < height || (t.h() == height && t.r() <= round)));
      @ pure helper
      @*/
    public Reason timeoutRefusal(Input.Timeout t) {
        if (t == null || t.kind() == null || t.h() < 1 || t.h() > maxHeight || t.r() < 0 || t.r() > maxRound) {
            return Reason.MALFORMED_MESSAGE;
        }
        return t.h() > height || (t.h() == height && t.r() > round) ? Reason.NOT_SCHEDULED : null;
    }

    /** Input.Timeout: the timeout's rule (lines 57, 61, 65) if it is for the current height and round and enabled. */
    /*@ private normal_behavior
      @   requires timeoutRefusal(t) == null;
      @   ensures height == \old(height) && lockedRound == \old(lockedRound);
      @   ensures round >= \old(round);
      @   ensures round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @ also private exceptional_behavior
      @   requires timeoutRefusal(t) != null;
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    private void onTimeout(Input.Timeout t) throws ConsensusException {
        Reason why = timeoutRefusal(t);
        if (why != null) {
            throw new ConsensusException(why, t == null ? -1 : t.h(), t == null ? -1 : t.r());
        }
        if (t.h() != height || t.r() != round) {
            return; // a stale timer: lines 57, 61, 65 require h = h_p and r = round_p
        }
        if (t.kind() == TimeoutKind.PROPOSE) {
            if (canOnTimeoutPropose()) {
                onTimeoutPropose();
                note(R_TIMEOUT_PROPOSE, null, height, round, -1);
                logLast();
            }
        } else if (t.kind() == TimeoutKind.PREVOTE) {
            if (canOnTimeoutPrevote()) {
                onTimeoutPrevote();
                note(R_TIMEOUT_PREVOTE, null, height, round, -1);
                logLast();
            }
        } else {
            if (canOnTimeoutPrecommit()) {
                onTimeoutPrecommit();
                note(R_TIMEOUT_PRECOMMIT, null, height, round, -1);
                logLast();
            }
        }
    }

    /**
     * Fires enabled rules until none is. Every rule makes progress, so this terminates; a
     * defensive limit on the number of rules per call throws IllegalStateException (never seen:
     * termination is argued, not proved).
     */
    /*@ public behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    /*@
      @   signals_only IllegalStateException;
      @*/
    public void fireAll() {
        int guard = 0;
        //@ loop_invariant 0 <= guard;
        //@ loop_invariant height >= \old(height);
        //@ loop_invariant height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
        //@ loop_invariant height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
        //@ loop_invariant decisionBase >= \old(decisionBase);
        //-RAC@ loop_invariant (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
        while (fireOne()) {
            guard++;
            if (guard > 1_000_000) {
                throw new IllegalStateException("rule loop did not terminate");
            }
        }
    }

    /**
     * Fires the first enabled rule in the fixed order: decide (49), propose (14), round catch-up
     * (55, highest round first), proposal in propose (22, 28), proposal with prevote quorum (36),
     * prevote quorum for nil (44), prevote and precommit timers (34, 47). Returns whether a rule
     * fired (and logs it when the action log is on).
     */
    /*@ public normal_behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    public boolean fireOne() {
        if (height > maxHeight) {
            return false;
        }
        int top = keeper.maxSeenRound(height);
        //@ loop_invariant 0 <= r && r <= top + 1;
        //@ decreases top + 1 - r;
        for (int r = 0; r <= top; r++) {
            int pc = keeper.proposalCount(height, r);
            //@ loop_invariant 0 <= k && k <= pc;
            //@ decreases pc - k;
            for (int k = 0; k < pc; k++) {
                Value v = keeper.proposalValue(height, r, k);
                if (canUponProposalInPrecommitNoDecision(v, r)) {
                    uponProposalInPrecommitNoDecision(v, r);
                    note(R_DECIDE, v, 0, r, -1);
                    logLast();
                    return true;
                }
            }
        }
        if (step == Step.PROPOSE && proposers.proposer(height, round) == self && keeper.proposalCount(height, round) == 0) {
            Value v = validRound >= 0 ? validValue : policy.getValue(height, round);
            if (canInsertProposal(v)) {
                insertProposal(v);
                note(R_PROPOSE, v, 0, 0, -1);
                logLast();
                return true;
            }
        }
        //@ loop_invariant r <= top && (top >= round ==> round <= r);
        //@ decreases r - round;
        for (int r = top; r > round; r--) {
            if (canOnRoundCatchup(r)) {
                onRoundCatchup(r);
                note(R_CATCHUP_ROUND, null, 0, r, -1);
                logLast();
                return true;
            }
        }
        int pc = keeper.proposalCount(height, round);
        //@ loop_invariant 0 <= k && k <= pc;
        //@ decreases pc - k;
        for (int k = 0; k < pc; k++) {
            Value v = keeper.proposalValue(height, round, k);
            int vr = keeper.proposalValidRound(height, round, k);
            if (vr == -1 && canUponProposalInPropose(v)) {
                uponProposalInPropose(v);
                note(R_PREVOTE, v, 0, 0, -1);
                logLast();
                return true;
            }
            if (vr >= 0 && canUponProposalInProposeAndPrevote(v, vr)) {
                uponProposalInProposeAndPrevote(v, vr);
                note(R_PREVOTE_POL, v, 0, 0, vr);
                logLast();
                return true;
            }
        }
        //@ loop_invariant 0 <= k && k <= pc;
        //@ decreases pc - k;
        for (int k = 0; k < pc; k++) {
            Value v = keeper.proposalValue(height, round, k);
            int vr = keeper.proposalValidRound(height, round, k);
            if (canUponProposalInPrevoteOrCommitAndPrevote(v, vr)) {
                uponProposalInPrevoteOrCommitAndPrevote(v, vr);
                note(R_LOCK, v, 0, 0, vr);
                logLast();
                return true;
            }
        }
        if (canUponQuorumOfPrevotesNil()) {
            uponQuorumOfPrevotesNil();
            note(R_NIL_QUORUM, null, 0, 0, -1);
            logLast();
            return true;
        }
        if (canUponQuorumOfPrevotesAny()) {
            uponQuorumOfPrevotesAny();
            note(R_PREVOTE_TIMER, null, 0, 0, -1);
            logLast();
            return true;
        }
        if (canUponQuorumOfPrecommitsAny()) {
            uponQuorumOfPrecommitsAny();
            note(R_PRECOMMIT_TIMER, null, 0, 0, -1);
            logLast();
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // Helpers of the effects
    //
    // The frames of the steps that record a message name the arrays of the row they write
    // (keeper.rows[4 * round + height % 4].votes[*], or the message's row), not those of every row
    // (keeper.rows[*].votes[*]): the verifier stops with an internal error on a wildcard under a
    // wildcard ("should not be present in converting BasicPrograms to SMTLIB"). A row's arrays exist
    // only once a message of its round has arrived, so each such frame has two cases: the row not
    // yet allocated (the step may allocate it: keeper.rows[*]) and the row allocated (its arrays). A
    // frame that names keeper.rows[x].votes[*] where rows[x] is null is undefined (ESC reports
    // UndefinedNullDeReference); the actions that vote still have the one-case form
    // (proofs/openjml/README.md, 2026-12-03).

    /**
     * Sends m: records it in the keeper, as {@link #record} would (an own message of the current
     * height: in the window, from the round's proposer if it is a proposal, never evidence), and
     * outputs it. The keeper is called directly, not through record, whose frame includes the
     * evidence: a step that sends a message changes no evidence.
     */
    /*@ private normal_behavior
      @   requires acceptable(m) && m.src() == self && m.h() == height && ownFits(m);
      @   {|
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] == null;
      @*/
    //-RAC@     assignable keeper.rows[*], keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   also
      @     requires keeper.rows[4 * m.r + (int) (m.h % 4)] != null;
      @*/
    //-RAC@     assignable keeper.rows[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vals[*], keeper.rows[4 * m.r + (int) (m.h % 4)].ints[*], keeper.rows[4 * m.r + (int) (m.h % 4)].votes[*], keeper.rows[4 * m.r + (int) (m.h % 4)].counts[*], keeper.rows[4 * m.r + (int) (m.h % 4)].sent[*], keeper.rows[4 * m.r + (int) (m.h % 4)].pvals[*],
    //-RAC@         keeper.rows[4 * m.r + (int) (m.h % 4)].vrs[*], keeper.rows[4 * m.r + (int) (m.h % 4)].longs[*],
    //-RAC@         keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   |}
      @*/
    private void broadcast(Message m) {
        if (m.type() == MessageType.PROPOSAL) {
            keeper.addProposal(self, height, m.r(), m.v(), m.vr());
        } else {
            keeper.addVote(m.type(), self, height, m.r(), m.v());
        }
        pending.broadcast(m);
    }

    /** StartRound(r), lines 11-21 without the proposal (InsertProposal is its own action). */
    /*@ private normal_behavior
      @   requires 0 <= r && r <= maxRound;
      @   requires validRound < r && keeper.ownMax[2 * (int) (height % 4)] < r && keeper.ownMax[2 * (int) (height % 4) + 1] < r;
      @   assignable round, step, pending.timers;
      @   ensures round == r && step == Step.PROPOSE;
      @*/
    private void startRound(int r) {
        round = r;
        step = Step.PROPOSE;
        if (height <= maxHeight && proposers.proposer(height, r) != self) {
            pending.schedule(new TimerRequest(TimeoutKind.PROPOSE, height, r));
        }
    }

    /** Decide v at the current height (from round r), move to height + 1, StartRound(0). */
    /*@ private normal_behavior
      @   requires height <= maxHeight && v != null && !v.isNil();
      @*/
    //-RAC@   assignable height, round, step, lockedValue, lockedRound, lockedIdx, validValue, validRound, validIdx, decisionLog,
    //-RAC@       decisionLog[*], keeper.base, keeper.rows[*], keeper.ownMax[*], keeper.maxSeen[*],
    //-RAC@       decisionBase, evidence[*], prevoteTimerRound, precommitTimerRound, pending.decisions, pending.timers;
    /*@
      @   ensures height == \old(height) + 1 && decision(\old(height)) == v;
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    /*@
      @   ensures lockedValue == Value.NIL && lockedRound == -1 && validValue == Value.NIL && validRound == -1;
      @   ensures round == 0 && step == Step.PROPOSE;
      @*/
    private void decide(Value v, int r) {
        if (height - decisionBase == decisionWindow) {
            forgetOldest();
        }
        decisionLog[(int) (height - decisionBase)] = v;
        pending.decide(new Decision(height, r, v));
        int s = VoteKeeper.slotOf(height);
        //@ loop_invariant 0 <= i && i <= n;
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            evidence[i * WINDOW + s] = null;
        }
        keeper.advance();
        height = height + 1;
        lockedValue = Value.NIL;
        lockedRound = -1;
        lockedIdx = -1;
        validValue = Value.NIL;
        validRound = -1;
        validIdx = -1;
        prevoteTimerRound = -1;
        precommitTimerRound = -1;
        startRound(0);
    }

    /**
     * The window is full: forget its oldest decision (shift the others down one entry, base + 1).
     * The spec's Decide with height - base = DecisionWindow (NewBase moves the base by one).
     */
    /*@ private normal_behavior
      @   requires height - decisionBase == decisionWindow && decisionBase < height;
      @*/
    //-RAC@   assignable decisionLog[*], decisionBase;
    /*@
      @   ensures decisionBase == \old(decisionBase) + 1;
      @*/
    //-RAC@   ensures (\forall int k; 0 <= k && k < decisionWindow - 1; decisionLog[k] == \old(decisionLog[k + 1]));
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < height; decision(g) == \old(decision(g)));
    private void forgetOldest() {
        int last = decisionWindow - 1;
        //@ loop_invariant 0 <= k && k <= last;
        //-RAC@ loop_invariant (\forall int j; 0 <= j && j < k; decisionLog[j] == \old(decisionLog[j + 1]));
        //-RAC@ loop_invariant (\forall int j; k <= j && j < decisionWindow; decisionLog[j] == \old(decisionLog[j]));
        //@ decreases last - k;
        for (int k = 0; k < last; k++) {
            decisionLog[k] = decisionLog[k + 1];
        }
        decisionLog[last] = null;
        decisionBase = decisionBase + 1;
    }

    /**
     * Sends this validator's vote (type, height, round, v): a prevote in step prevote, a precommit
     * in step precommit (one step for both: JML has no abbreviation for a frame, and the two would
     * repeat the same one).
     */
    /*@ private normal_behavior
      @   requires v != null && height <= maxHeight
      @       && (type == MessageType.PREVOTE && step == Step.PREVOTE || type == MessageType.PRECOMMIT && step == Step.PRECOMMIT);
      @   {|
      @     requires keeper.rows[4 * round + (int) (height % 4)] == null;
      @*/
    //-RAC@     assignable keeper.rows[*], keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   also
      @     requires keeper.rows[4 * round + (int) (height % 4)] != null;
      @*/
    //-RAC@     assignable keeper.rows[*],
    //-RAC@         keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@         keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@         keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   |}
      @*/
    private void vote(MessageType type, Value v) {
        broadcast(type == MessageType.PREVOTE ? Message.prevote(self, height, round, v) : Message.precommit(self, height, round, v));
    }

    // ------------------------------------------------------------------------------------------
    // InsertProposal(p, v): lines 14-19

    /** The first failing conjunct of InsertProposal's guard, or null. */
    /*@ public normal_behavior
      @   requires keeper != null && proposers != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && proposers.seq != null && 1 <= proposers.seq.length && proposers.seq.length <= ValidatorSet.MAX_VALIDATORS
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND);
    //-RAC@   requires validRound >= 0 ==> validValue != null;
    /*@
      @   ensures \result == null <==> (height <= maxHeight && proposers.proposer(height, round) == self
      @       && step == Step.PROPOSE && keeper.proposalCount(height, round) == 0 && v != null && !v.isNil()
      @       && (validRound >= 0 ? v.sameAs(validValue) : policy.valid(v)));
      @ pure helper
      @*/
    public Reason insertProposalRefusal(Value v) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (proposers.proposer(height, round) != self) {
            return Reason.NOT_PROPOSER;
        }
        if (step != Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (keeper.proposalCount(height, round) > 0) {
            return Reason.ALREADY_PROPOSED;
        }
        if (v == null || v.isNil()) {
            return Reason.BAD_VALUE;
        }
        if (validRound >= 0) {
            return v.sameAs(validValue) ? null : Reason.NOT_VALID_VALUE;
        }
        return policy.valid(v) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   requires keeper != null && proposers != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && proposers.seq != null && 1 <= proposers.seq.length && proposers.seq.length <= ValidatorSet.MAX_VALIDATORS
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND);
    //-RAC@   requires validRound >= 0 ==> validValue != null;
    //@   ensures \result == (insertProposalRefusal(v) == null);
    //@ pure helper
    public boolean canInsertProposal(Value v) {
        return insertProposalRefusal(v) == null;
    }

    /**
     * Line 19: broadcast PROPOSAL(h_p, round_p, v, validRound_p). The state variables are
     * unchanged (the proposal is recorded as received).
     */
    /*@ public normal_behavior
      @   requires canInsertProposal(v);
      @*/
    //-RAC@   assignable keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures keeper.hasProposal(height, round, v, validRound);
      @ also public exceptional_behavior
      @   requires !canInsertProposal(v);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void insertProposal(Value v) throws ConsensusException {
        Reason why = insertProposalRefusal(v);
        if (why != null) {
            throw new ConsensusException(why, round, validRound);
        }
        broadcast(Message.proposal(self, height, round, v, validRound));
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInPropose(p, v): lines 22-27

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@       && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@       && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@       && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //-RAC@       && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //-RAC@           0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //-RAC@           && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    /*@
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE && v != null && !v.isNil()
      @       && keeper.hasProposal(height, round, v, -1));
      @ pure helper
      @*/
    public Reason uponProposalInProposeRefusal(Value v) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.isNil()) {
            return Reason.BAD_VALUE;
        }
        return keeper.hasProposal(height, round, v, -1) ? null : Reason.NO_PROPOSAL;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //@       && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //@       && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //@       && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //@       && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //@           0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //@           && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    //@   ensures \result == (uponProposalInProposeRefusal(v) == null);
    //@ pure helper
    public boolean canUponProposalInPropose(Value v) {
        return uponProposalInProposeRefusal(v) == null;
    }

    /** Lines 23-27: prevote v if valid(v) and (lockedRound = -1 or lockedValue = v), else nil. */
    /*@ public normal_behavior
      @   requires canUponProposalInPropose(v);
      @*/
    //-RAC@   assignable step, keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures step == Step.PREVOTE;
      @   ensures keeper.voteIndexOf(height, MessageType.PREVOTE, round, self) ==
      @       (\old(policy.valid(v)) && (lockedRound == -1 || lockedValue.sameAs(v)) ? keeper.find(height, round, v) : VoteKeeper.NIL_INDEX);
      @ also public exceptional_behavior
      @   requires !canUponProposalInPropose(v);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPropose(Value v) throws ConsensusException {
        Reason why = uponProposalInProposeRefusal(v);
        if (why != null) {
            throw new ConsensusException(why, round, -1);
        }
        boolean accept = policy.valid(v) && (lockedRound == -1 || lockedValue.sameAs(v));
        step = Step.PREVOTE;
        vote(MessageType.PREVOTE, accept ? v : Value.NIL);
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInProposeAndPrevote(p, v, vr): lines 28-33

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    //-RAC@   requires height <= maxHeight && 0 <= vr && vr < round ==> (keeper.rows[4 * vr + (int) (height % 4)] != null ==> keeper.rows[4 * vr + (int) (height % 4)].ints != null && keeper.rows[4 * vr + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * vr + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * vr + (int) (height % 4)].ints[0] && keeper.rows[4 * vr + (int) (height % 4)].ints[0] <= keeper.rows[4 * vr + (int) (height % 4)].vals.length && keeper.rows[4 * vr + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * vr + (int) (height % 4)].ints[0]; keeper.rows[4 * vr + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * vr + (int) (height % 4)].longs != null && keeper.rows[4 * vr + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * vr + (int) (height % 4)].longs[y] && keeper.rows[4 * vr + (int) (height % 4)].longs[y] <= keeper.total));
    /*@
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE && v != null && !v.isNil()
      @       && 0 <= vr && vr < round && keeper.hasProposal(height, round, v, vr)
      @       && keeper.quorumFor(height, MessageType.PREVOTE, vr, v));
      @ pure helper
      @*/
    public Reason uponProposalInProposeAndPrevoteRefusal(Value v, int vr) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.isNil()) {
            return Reason.BAD_VALUE;
        }
        if (vr < 0 || vr >= round) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (!keeper.hasProposal(height, round, v, vr)) {
            return Reason.NO_PROPOSAL;
        }
        return keeper.quorumFor(height, MessageType.PREVOTE, vr, v) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    //-RAC@   requires height <= maxHeight && 0 <= vr && vr < round ==> (keeper.rows[4 * vr + (int) (height % 4)] != null ==> keeper.rows[4 * vr + (int) (height % 4)].ints != null && keeper.rows[4 * vr + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * vr + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * vr + (int) (height % 4)].ints[0] && keeper.rows[4 * vr + (int) (height % 4)].ints[0] <= keeper.rows[4 * vr + (int) (height % 4)].vals.length && keeper.rows[4 * vr + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * vr + (int) (height % 4)].ints[0]; keeper.rows[4 * vr + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * vr + (int) (height % 4)].longs != null && keeper.rows[4 * vr + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * vr + (int) (height % 4)].longs[y] && keeper.rows[4 * vr + (int) (height % 4)].longs[y] <= keeper.total));
    //@   ensures \result == (uponProposalInProposeAndPrevoteRefusal(v, vr) == null);
    //@ pure helper
    public boolean canUponProposalInProposeAndPrevote(Value v, int vr) {
        return uponProposalInProposeAndPrevoteRefusal(v, vr) == null;
    }

    /** Lines 29-33: prevote v if valid(v) and (lockedRound &lt;= vr or lockedValue = v), else nil. */
    /*@ public normal_behavior
      @   requires canUponProposalInProposeAndPrevote(v, vr);
      @*/
    //-RAC@   assignable step, keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures step == Step.PREVOTE;
      @   ensures keeper.voteIndexOf(height, MessageType.PREVOTE, round, self) ==
      @       (\old(policy.valid(v)) && (lockedRound <= vr || lockedValue.sameAs(v)) ? keeper.find(height, round, v) : VoteKeeper.NIL_INDEX);
      @ also public exceptional_behavior
      @   requires !canUponProposalInProposeAndPrevote(v, vr);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInProposeAndPrevote(Value v, int vr) throws ConsensusException {
        Reason why = uponProposalInProposeAndPrevoteRefusal(v, vr);
        if (why != null) {
            throw new ConsensusException(why, round, vr);
        }
        boolean accept = policy.valid(v) && (lockedRound <= vr || lockedValue.sameAs(v));
        step = Step.PREVOTE;
        vote(MessageType.PREVOTE, accept ? v : Value.NIL);
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrevotesAny(p): lines 34-35 (timer scheduling only)

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[0] && keeper.rows[4 * round + (int) (height % 4)].longs[0] <= keeper.total);
    /*@
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keeper.quorumAny(height, MessageType.PREVOTE, round) && prevoteTimerRound != round);
      @ pure helper
      @*/
    public Reason uponQuorumOfPrevotesAnyRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        if (!keeper.quorumAny(height, MessageType.PREVOTE, round)) {
            return Reason.NO_QUORUM;
        }
        return prevoteTimerRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[0] && keeper.rows[4 * round + (int) (height % 4)].longs[0] <= keeper.total);
    //@   ensures \result == (uponQuorumOfPrevotesAnyRefusal() == null);
    //@ pure helper
    public boolean canUponQuorumOfPrevotesAny() {
        return uponQuorumOfPrevotesAnyRefusal() == null;
    }

    /** Line 35: schedule OnTimeoutPrevote(h_p, round_p). No spec variable changes. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrevotesAny();
      @   assignable prevoteTimerRound, pending.timers;
      @   ensures prevoteTimerRound == round;
      @ also public exceptional_behavior
      @   requires !canUponQuorumOfPrevotesAny();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponQuorumOfPrevotesAny() throws ConsensusException {
        Reason why = uponQuorumOfPrevotesAnyRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        prevoteTimerRound = round;
        pending.schedule(new TimerRequest(TimeoutKind.PREVOTE, height, round));
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInPrevoteOrCommitAndPrevote(p, v, vr): lines 36-43

    /*@ public normal_behavior
      @   requires keeper != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * round + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * round + (int) (height % 4)].ints[0]; keeper.rows[4 * round + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[y] && keeper.rows[4 * round + (int) (height % 4)].longs[y] <= keeper.total));
    /*@
      @   ensures \result == null <==> (height <= maxHeight && (step == Step.PREVOTE || step == Step.PRECOMMIT)
      @       && v != null && !v.isNil() && -1 <= vr && vr < round && keeper.hasProposal(height, round, v, vr)
      @       && keeper.quorumFor(height, MessageType.PREVOTE, round, v) && policy.valid(v) && validRound != round);
      @ pure helper
      @*/
    public Reason uponProposalInPrevoteOrCommitAndPrevoteRefusal(Value v, int vr) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step == Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.isNil()) {
            return Reason.BAD_VALUE;
        }
        if (vr < -1 || vr >= round) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (!keeper.hasProposal(height, round, v, vr)) {
            return Reason.NO_PROPOSAL;
        }
        if (!keeper.quorumFor(height, MessageType.PREVOTE, round, v)) {
            return Reason.NO_QUORUM;
        }
        if (!policy.valid(v)) {
            return Reason.INVALID_VALUE;
        }
        // "for the first time": validRound = round_p holds exactly when this rule fired in this round.
        return validRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   requires keeper != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[3] && keeper.rows[4 * round + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].pvals != null && keeper.rows[4 * round + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vrs != null && keeper.rows[4 * round + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].vals != null && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * round + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * round + (int) (height % 4)].pvals[q] && keeper.rows[4 * round + (int) (height % 4)].pvals[q] < keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * round + (int) (height % 4)].vals[keeper.rows[4 * round + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * round + (int) (height % 4)].vrs[q] && keeper.rows[4 * round + (int) (height % 4)].vrs[q] < round));
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * round + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * round + (int) (height % 4)].ints[0]; keeper.rows[4 * round + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[y] && keeper.rows[4 * round + (int) (height % 4)].longs[y] <= keeper.total));
    //@   ensures \result == (uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr) == null);
    //@ pure helper
    public boolean canUponProposalInPrevoteOrCommitAndPrevote(Value v, int vr) {
        return uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr) == null;
    }

    /**
     * Lines 37-43: if step = prevote, lock v at round_p, precommit v, step := precommit; in both
     * steps validValue := v, validRound := round_p.
     */
    /*@ public normal_behavior
      @   requires canUponProposalInPrevoteOrCommitAndPrevote(v, vr);
      @*/
    //-RAC@   assignable step, lockedValue, lockedRound, lockedIdx, validValue, validRound, validIdx,
    //-RAC@       keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures \old(step) == Step.PREVOTE ==> lockedValue.sameAs(v) && lockedRound == round && step == Step.PRECOMMIT
      @       && keeper.voteIndexOf(height, MessageType.PRECOMMIT, round, self) == keeper.find(height, round, v);
      @   ensures \old(step) == Step.PRECOMMIT ==> lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound) && step == Step.PRECOMMIT;
      @   ensures validValue.sameAs(v) && validRound == round;
      @ also public exceptional_behavior
      @   requires !canUponProposalInPrevoteOrCommitAndPrevote(v, vr);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPrevoteOrCommitAndPrevote(Value v, int vr) throws ConsensusException {
        Reason why = uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr);
        if (why != null) {
            throw new ConsensusException(why, round, vr);
        }
        int idx = keeper.find(height, round, v);
        Value stored = keeper.valueAt(height, round, idx);
        if (step == Step.PREVOTE) {
            // the precommit is sent (and recorded) before the lock names it: the lock's invariant
            // (the locked value carries this validator's precommit of that round) holds at every
            // call, precommit's included
            step = Step.PRECOMMIT;
            vote(MessageType.PRECOMMIT, v);
            lockedValue = stored;
            lockedRound = round;
            lockedIdx = idx;
        }
        validValue = stored;
        validRound = round;
        validIdx = idx;
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrevotesNil(p): lines 44-46

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * round + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * round + (int) (height % 4)].ints[0]; keeper.rows[4 * round + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[y] && keeper.rows[4 * round + (int) (height % 4)].longs[y] <= keeper.total));
    /*@
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keeper.quorumFor(height, MessageType.PREVOTE, round, Value.NIL));
      @ pure helper
      @*/
    public Reason uponQuorumOfPrevotesNilRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        return keeper.quorumFor(height, MessageType.PREVOTE, round, Value.NIL) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight ==> (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].ints != null && keeper.rows[4 * round + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * round + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * round + (int) (height % 4)].ints[0] && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.rows[4 * round + (int) (height % 4)].vals.length && keeper.rows[4 * round + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * round + (int) (height % 4)].ints[0]; keeper.rows[4 * round + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[y] && keeper.rows[4 * round + (int) (height % 4)].longs[y] <= keeper.total));
    //@   ensures \result == (uponQuorumOfPrevotesNilRefusal() == null);
    //@ pure helper
    public boolean canUponQuorumOfPrevotesNil() {
        return uponQuorumOfPrevotesNilRefusal() == null;
    }

    /** Lines 45-46: precommit nil, step := precommit. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrevotesNil();
      @*/
    //-RAC@   assignable step, keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures step == Step.PRECOMMIT
      @       && keeper.voteIndexOf(height, MessageType.PRECOMMIT, round, self) == VoteKeeper.NIL_INDEX;
      @ also public exceptional_behavior
      @   requires !canUponQuorumOfPrevotesNil();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponQuorumOfPrevotesNil() throws ConsensusException {
        Reason why = uponQuorumOfPrevotesNilRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        step = Step.PRECOMMIT;
        vote(MessageType.PRECOMMIT, Value.NIL);
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrecommitsAny: lines 47-48 (timer scheduling only; the spec folds it into
    // OnTimeoutPrecommit's guard)

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[1] && keeper.rows[4 * round + (int) (height % 4)].longs[1] <= keeper.total);
    /*@
      @   ensures \result == null <==> (height <= maxHeight
      @       && keeper.quorumAny(height, MessageType.PRECOMMIT, round) && precommitTimerRound != round);
      @ pure helper
      @*/
    public Reason uponQuorumOfPrecommitsAnyRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (!keeper.quorumAny(height, MessageType.PRECOMMIT, round)) {
            return Reason.NO_QUORUM;
        }
        return precommitTimerRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[1] && keeper.rows[4 * round + (int) (height % 4)].longs[1] <= keeper.total);
    //@   ensures \result == (uponQuorumOfPrecommitsAnyRefusal() == null);
    //@ pure helper
    public boolean canUponQuorumOfPrecommitsAny() {
        return uponQuorumOfPrecommitsAnyRefusal() == null;
    }

    /** Line 48: schedule OnTimeoutPrecommit(h_p, round_p). No spec variable changes. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrecommitsAny();
      @   assignable precommitTimerRound, pending.timers;
      @   ensures precommitTimerRound == round;
      @ also public exceptional_behavior
      @   requires !canUponQuorumOfPrecommitsAny();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponQuorumOfPrecommitsAny() throws ConsensusException {
        Reason why = uponQuorumOfPrecommitsAnyRefusal();
        // The prover's hint: prove the refusal and the effect apart (each proves alone; together
        // they were over the 60 s limit). The checker has no use for it.
        //-RAC@ split
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        precommitTimerRound = round;
        pending.schedule(new TimerRequest(TimeoutKind.PRECOMMIT, height, round));
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInPrecommitNoDecision(p, v, r): lines 49-54

    /*@ public normal_behavior
      @   requires keeper != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight && 0 <= r && r <= maxRound ==> (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].ints != null && keeper.rows[4 * r + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * r + (int) (height % 4)].ints[3] && keeper.rows[4 * r + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].pvals != null && keeper.rows[4 * r + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].vrs != null && keeper.rows[4 * r + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].vals != null && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.rows[4 * r + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * r + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * r + (int) (height % 4)].pvals[q] && keeper.rows[4 * r + (int) (height % 4)].pvals[q] < keeper.rows[4 * r + (int) (height % 4)].ints[0] && keeper.rows[4 * r + (int) (height % 4)].vals[keeper.rows[4 * r + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * r + (int) (height % 4)].vals[keeper.rows[4 * r + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * r + (int) (height % 4)].vrs[q] && keeper.rows[4 * r + (int) (height % 4)].vrs[q] < r));
    //-RAC@   requires height <= maxHeight && 0 <= r && r <= maxRound ==> (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].ints != null && keeper.rows[4 * r + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * r + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * r + (int) (height % 4)].ints[0] && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.rows[4 * r + (int) (height % 4)].vals.length && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * r + (int) (height % 4)].ints[0]; keeper.rows[4 * r + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].longs != null && keeper.rows[4 * r + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * r + (int) (height % 4)].longs[y] && keeper.rows[4 * r + (int) (height % 4)].longs[y] <= keeper.total));
    /*@
      @   ensures \result == null <==> (height <= maxHeight && 0 <= r && r <= maxRound && v != null && !v.isNil()
      @       && keeper.hasProposalValue(height, r, v) && keeper.quorumFor(height, MessageType.PRECOMMIT, r, v)
      @       && policy.valid(v));
      @ pure helper
      @*/
    public Reason uponProposalInPrecommitNoDecisionRefusal(Value v, int r) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (r < 0 || r > maxRound) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (v == null || v.isNil()) {
            return Reason.BAD_VALUE;
        }
        // decision[p][h_p] = nil holds for every height not yet left (heights are decided in order).
        if (!keeper.hasProposalValue(height, r, v)) {
            return Reason.NO_PROPOSAL;
        }
        if (!keeper.quorumFor(height, MessageType.PRECOMMIT, r, v)) {
            return Reason.NO_QUORUM;
        }
        return policy.valid(v) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   requires keeper != null && policy != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1)
    //-RAC@       && 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap;
    //-RAC@   requires height <= maxHeight && 0 <= r && r <= maxRound ==> (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].ints != null && keeper.rows[4 * r + (int) (height % 4)].ints.length == 5
    //-RAC@           && 0 <= keeper.rows[4 * r + (int) (height % 4)].ints[3] && keeper.rows[4 * r + (int) (height % 4)].ints[3] <= VoteKeeper.MAX_PROPOSALS_PER_ROUND
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].pvals != null && keeper.rows[4 * r + (int) (height % 4)].pvals.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 2
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].vrs != null && keeper.rows[4 * r + (int) (height % 4)].vrs.length == VoteKeeper.MAX_PROPOSALS_PER_ROUND + 1
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].vals != null && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.rows[4 * r + (int) (height % 4)].vals.length
    //-RAC@           && (\forall int q; 0 <= q && q < keeper.rows[4 * r + (int) (height % 4)].ints[3];
    //-RAC@               0 <= keeper.rows[4 * r + (int) (height % 4)].pvals[q] && keeper.rows[4 * r + (int) (height % 4)].pvals[q] < keeper.rows[4 * r + (int) (height % 4)].ints[0] && keeper.rows[4 * r + (int) (height % 4)].vals[keeper.rows[4 * r + (int) (height % 4)].pvals[q]] != null
    //-RAC@               && !keeper.rows[4 * r + (int) (height % 4)].vals[keeper.rows[4 * r + (int) (height % 4)].pvals[q]].nil && -1 <= keeper.rows[4 * r + (int) (height % 4)].vrs[q] && keeper.rows[4 * r + (int) (height % 4)].vrs[q] < r));
    //-RAC@   requires height <= maxHeight && 0 <= r && r <= maxRound ==> (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].ints != null && keeper.rows[4 * r + (int) (height % 4)].ints.length == 5 && keeper.rows[4 * r + (int) (height % 4)].vals != null
    //-RAC@           && 0 <= keeper.rows[4 * r + (int) (height % 4)].ints[0] && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.rows[4 * r + (int) (height % 4)].vals.length && keeper.rows[4 * r + (int) (height % 4)].ints[0] <= keeper.vcap
    //-RAC@           && (\forall int k; 0 <= k && k < keeper.rows[4 * r + (int) (height % 4)].ints[0]; keeper.rows[4 * r + (int) (height % 4)].vals[k] != null)
    //-RAC@           && keeper.rows[4 * r + (int) (height % 4)].longs != null && keeper.rows[4 * r + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@           && (\forall int y; 0 <= y && y < 3 + 2 * (keeper.vcap + 1); 0 <= keeper.rows[4 * r + (int) (height % 4)].longs[y] && keeper.rows[4 * r + (int) (height % 4)].longs[y] <= keeper.total));
    //@   ensures \result == (uponProposalInPrecommitNoDecisionRefusal(v, r) == null);
    //@ pure helper
    public boolean canUponProposalInPrecommitNoDecision(Value v, int r) {
        return uponProposalInPrecommitNoDecisionRefusal(v, r) == null;
    }

    /** Lines 50-54: decide v, height := h + 1, reset locked and valid, StartRound(0). */
    /*@ public normal_behavior
      @   requires canUponProposalInPrecommitNoDecision(v, r);
      @*/
    //-RAC@   assignable height, round, step, lockedValue, lockedRound, lockedIdx, validValue, validRound, validIdx, decisionLog,
    //-RAC@       decisionLog[*], keeper.base, keeper.rows[*], keeper.ownMax[*], keeper.maxSeen[*],
    //-RAC@       decisionBase, evidence[*], prevoteTimerRound, precommitTimerRound, pending.decisions, pending.timers;
    /*@
      @   ensures height == \old(height) + 1 && decision(\old(height)) == v;
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    /*@
      @   ensures lockedValue == Value.NIL && lockedRound == -1 && validValue == Value.NIL && validRound == -1;
      @   ensures round == 0 && step == Step.PROPOSE;
      @ also public exceptional_behavior
      @   requires !canUponProposalInPrecommitNoDecision(v, r);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPrecommitNoDecision(Value v, int r) throws ConsensusException {
        Reason why = uponProposalInPrecommitNoDecisionRefusal(v, r);
        if (why != null) {
            throw new ConsensusException(why, height, r);
        }
        decide(v, r);
    }

    // ------------------------------------------------------------------------------------------
    // OnRoundCatchup(p, r): lines 55-56

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight && round < r && r <= maxRound ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //-RAC@       && (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].longs != null && keeper.rows[4 * r + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@       && 0 <= keeper.rows[4 * r + (int) (height % 4)].longs[2] && keeper.rows[4 * r + (int) (height % 4)].longs[2] <= keeper.total);
    /*@
      @   ensures \result == null <==> (height <= maxHeight && round < r && r <= maxRound && keeper.oneThirdSenders(height, r));
      @ pure helper
      @*/
    public Reason onRoundCatchupRefusal(int r) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (r <= round || r > maxRound) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        return keeper.oneThirdSenders(height, r) ? null : Reason.NO_ONE_THIRD;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight && round < r && r <= maxRound ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //@       && (keeper.rows[4 * r + (int) (height % 4)] != null ==> keeper.rows[4 * r + (int) (height % 4)].longs != null && keeper.rows[4 * r + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //@       && 0 <= keeper.rows[4 * r + (int) (height % 4)].longs[2] && keeper.rows[4 * r + (int) (height % 4)].longs[2] <= keeper.total);
    //@   ensures \result == (onRoundCatchupRefusal(r) == null);
    //@ pure helper
    public boolean canOnRoundCatchup(int r) {
        return onRoundCatchupRefusal(r) == null;
    }

    /** Line 56: StartRound(r). */
    /*@ public normal_behavior
      @   requires canOnRoundCatchup(r);
      @   assignable round, step, pending.timers;
      @   ensures round == r && step == Step.PROPOSE;
      @ also public exceptional_behavior
      @   requires !canOnRoundCatchup(r);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void onRoundCatchup(int r) throws ConsensusException {
        Reason why = onRoundCatchupRefusal(r);
        if (why != null) {
            throw new ConsensusException(why, r, round);
        }
        startRound(r);
    }

    // ------------------------------------------------------------------------------------------
    // OnTimeoutPropose(p): lines 57-60

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE);
      @ pure helper
      @*/
    public Reason onTimeoutProposeRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        return step == Step.PROPOSE ? null : Reason.WRONG_STEP;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   ensures \result == (onTimeoutProposeRefusal() == null);
    //@ pure helper
    public boolean canOnTimeoutPropose() {
        return onTimeoutProposeRefusal() == null;
    }

    /** Lines 59-60: prevote nil, step := prevote. */
    /*@ public normal_behavior
      @   requires canOnTimeoutPropose();
      @*/
    //-RAC@   assignable step, keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures step == Step.PREVOTE && keeper.voteIndexOf(height, MessageType.PREVOTE, round, self) == VoteKeeper.NIL_INDEX;
      @ also public exceptional_behavior
      @   requires !canOnTimeoutPropose();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void onTimeoutPropose() throws ConsensusException {
        Reason why = onTimeoutProposeRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        step = Step.PREVOTE;
        vote(MessageType.PREVOTE, Value.NIL);
    }

    // ------------------------------------------------------------------------------------------
    // OnTimeoutPrevote(p): lines 61-64

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[0] && keeper.rows[4 * round + (int) (height % 4)].longs[0] <= keeper.total);
    /*@
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keeper.quorumAny(height, MessageType.PREVOTE, round));
      @ pure helper
      @*/
    public Reason onTimeoutPrevoteRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        return keeper.quorumAny(height, MessageType.PREVOTE, round) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[0] && keeper.rows[4 * round + (int) (height % 4)].longs[0] <= keeper.total);
    //@   ensures \result == (onTimeoutPrevoteRefusal() == null);
    //@ pure helper
    public boolean canOnTimeoutPrevote() {
        return onTimeoutPrevoteRefusal() == null;
    }

    /** Lines 63-64: precommit nil, step := precommit. */
    /*@ public normal_behavior
      @   requires canOnTimeoutPrevote();
      @*/
    //-RAC@   assignable step, keeper.rows[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vals[*], keeper.rows[4 * round + (int) (height % 4)].ints[*], keeper.rows[4 * round + (int) (height % 4)].votes[*], keeper.rows[4 * round + (int) (height % 4)].counts[*], keeper.rows[4 * round + (int) (height % 4)].sent[*], keeper.rows[4 * round + (int) (height % 4)].pvals[*],
    //-RAC@       keeper.rows[4 * round + (int) (height % 4)].vrs[*], keeper.rows[4 * round + (int) (height % 4)].longs[*],
    //-RAC@       keeper.maxSeen[*], keeper.ownMax[*], pending.broadcasts;
    /*@
      @   ensures step == Step.PRECOMMIT && keeper.voteIndexOf(height, MessageType.PRECOMMIT, round, self) == VoteKeeper.NIL_INDEX;
      @ also public exceptional_behavior
      @   requires !canOnTimeoutPrevote();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void onTimeoutPrevote() throws ConsensusException {
        Reason why = onTimeoutPrevoteRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        step = Step.PRECOMMIT;
        vote(MessageType.PRECOMMIT, Value.NIL);
    }

    // ------------------------------------------------------------------------------------------
    // OnTimeoutPrecommit(p): lines 65-67 (with 47-48's quorum in the guard)

    /*@ public normal_behavior
      @   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
      @*/
    //-RAC@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //-RAC@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //-RAC@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //-RAC@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //-RAC@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[1] && keeper.rows[4 * round + (int) (height % 4)].longs[1] <= keeper.total);
    /*@
      @   ensures \result == null <==> (height <= maxHeight && keeper.quorumAny(height, MessageType.PRECOMMIT, round)
      @       && round < maxRound);
      @ pure helper
      @*/
    public Reason onTimeoutPrecommitRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (!keeper.quorumAny(height, MessageType.PRECOMMIT, round)) {
            return Reason.NO_QUORUM;
        }
        return round < maxRound ? null : Reason.LAST_ROUND;
    }

    //@ public normal_behavior
    //@   requires keeper != null && step != null && 0 <= round && round <= maxRound && maxRound <= ProposerSelection.MAX_ROUND;
    //@   requires height <= maxHeight ==> 1 <= height && height <= ProposerSelection.MAX_HEIGHT && keeper.base == height
    //@       && keeper.maxRound == maxRound && keeper.rows != null && keeper.rows.length == 4 * (maxRound + 1);
    //@   requires height <= maxHeight ==> 1 <= keeper.total && keeper.total <= ValidatorSet.MAX_TOTAL_POWER && 0 <= keeper.vcap
    //@       && (keeper.rows[4 * round + (int) (height % 4)] != null ==> keeper.rows[4 * round + (int) (height % 4)].longs != null && keeper.rows[4 * round + (int) (height % 4)].longs.length == 3 + 2 * (keeper.vcap + 1)
    //@       && 0 <= keeper.rows[4 * round + (int) (height % 4)].longs[1] && keeper.rows[4 * round + (int) (height % 4)].longs[1] <= keeper.total);
    //@   ensures \result == (onTimeoutPrecommitRefusal() == null);
    //@ pure helper
    public boolean canOnTimeoutPrecommit() {
        return onTimeoutPrecommitRefusal() == null;
    }

    /** Line 67: StartRound(round_p + 1). */
    /*@ public normal_behavior
      @   requires canOnTimeoutPrecommit();
      @   assignable round, step, pending.timers;
      @   ensures round == \old(round) + 1 && step == Step.PROPOSE;
      @ also public exceptional_behavior
      @   requires !canOnTimeoutPrecommit();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void onTimeoutPrecommit() throws ConsensusException {
        Reason why = onTimeoutPrecommitRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        startRound(round + 1);
    }

    // ------------------------------------------------------------------------------------------
    // Catchup(p, h, r, v): recovery with a commit certificate

    /*@ public normal_behavior
      @   requires vs != null && policy != null;
      @   ensures \result == null <==> (height <= maxHeight && c != null && c.h() == height
      @       && c.r() <= maxRound && CertificateChecker.isValid(vs, c) && policy.valid(c.v()));
      @ pure helper
      @*/
    public Reason catchupRefusal(Certificate c) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (c == null || c.h() != height || c.r() > maxRound || !CertificateChecker.isValid(vs, c)) {
            return Reason.INVALID_CERTIFICATE;
        }
        return policy.valid(c.v()) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   requires vs != null && policy != null;
    //@   ensures \result == (catchupRefusal(c) == null);
    //@ pure helper
    public boolean canCatchup(Certificate c) {
        return catchupRefusal(c) == null;
    }

    /** Decide the certificate's value at height, move to height + 1 (locks reset, StartRound(0)). */
    /*@ public normal_behavior
      @   requires canCatchup(c);
      @*/
    //-RAC@   assignable height, round, step, lockedValue, lockedRound, lockedIdx, validValue, validRound, validIdx, decisionLog,
    //-RAC@       decisionLog[*], keeper.base, keeper.rows[*], keeper.ownMax[*], keeper.maxSeen[*],
    //-RAC@       decisionBase, evidence[*], prevoteTimerRound, precommitTimerRound, pending.decisions, pending.timers;
    /*@
      @   ensures height == \old(height) + 1 && decision(\old(height)) == c.v();
      @   ensures decisionBase >= \old(decisionBase);
      @*/
    //-RAC@   ensures (\forall long g; decisionBase <= g && g < \old(height); decision(g) == \old(decision(g)));
    /*@
      @   ensures lockedValue == Value.NIL && lockedRound == -1 && validValue == Value.NIL && validRound == -1;
      @   ensures round == 0 && step == Step.PROPOSE;
      @ also public exceptional_behavior
      @   requires !canCatchup(c);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void catchup(Certificate c) throws ConsensusException {
        Reason why = catchupRefusal(c);
        if (why != null) {
            throw new ConsensusException(why, c == null ? -1 : c.h(), height);
        }
        decide(c.v(), c.r());
    }
}
