package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

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
 * step, lockedValue/lockedRound, validValue/validRound -&gt; same names (value ids, nil = -1),
 * decision[p] -&gt; decisionLog[0..height-2]. Driver-only state (not in the spec): which round's
 * prevote/precommit timer was already scheduled (lines 34 and 47 "for the first time").
 *
 * <p>Messages are kept per height in a window of {@link #WINDOW} heights starting at the current
 * one; older heights are dropped on a decision, messages beyond the window are ignored (the shell
 * bounds heights; a validator that falls further behind catches up with a certificate).
 *
 * <p>Memory bounds (nothing a Byzantine peer sends grows them): per height of the window one
 * {@link VoteKeeper} (at most {@link VoteKeeper#MAX_VOTES_PER_SENDER} counted votes per
 * validator, round and type, and {@link VoteKeeper#MAX_PROPOSALS_PER_ROUND} proposals per
 * round), and at most {@link #MAX_EVIDENCE_PER_VALIDATOR_PER_HEIGHT} evidence pair per offender
 * per height, so at most {@code WINDOW * n} pairs in all. Evidence is reported in the outputs
 * once, when it is found; the pairs of a height are dropped when the validator leaves it.
 */
public final class Validator {
    /** Heights whose messages are kept: height .. height + WINDOW - 1. */
    public static final int WINDOW = 4;
    /**
     * Equivocation pairs kept (and reported) per offender per height: one pair convicts. The
     * further ones a Byzantine validator signs are counted up to VoteKeeper's bounds and
     * otherwise ignored.
     */
    public static final int MAX_EVIDENCE_PER_VALIDATOR_PER_HEIGHT = 1;

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
    private long lockedValue;
    //@ spec_public
    private int lockedRound;
    //@ spec_public
    private long validValue;
    //@ spec_public
    private int validRound;
    /** decisionLog[k] = decision[p][k + 1] for k &lt; height - 1. */
    //@ spec_public
    private long[] decisionLog;

    /** keepers[k]: the messages of height + k. */
    //@ spec_public
    private final VoteKeeper[] keepers;
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
    /** evidenceByHeight[k][i]: the equivocation pair of validator i at height + k, or null. */
    //@ spec_public
    private final Evidence[][] evidenceByHeight;
    /** The driver's steps, when logging is on (null otherwise). */
    private List<ActionRecord> actionLog;

    //@ public invariant 0 <= self && self < vs.size();
    //@ public invariant 1 <= height && height <= maxHeight + 1;
    //@ public invariant 0 <= round && round <= maxRound;
    //@ public invariant step != null;
    //@ public invariant -1 <= lockedRound && lockedRound <= round && -1 <= validRound && validRound <= round;
    //@ public invariant (lockedRound == -1) == (lockedValue == Value.NIL_ID) && lockedValue >= Value.NIL_ID;
    //@ public invariant (validRound == -1) == (validValue == Value.NIL_ID) && validValue >= Value.NIL_ID;
    //  LockHasPOL's lockedRound <= validRound; and in step propose validRound < round (only line 36
    //  sets validRound, to round, and only in steps prevote/precommit), so a proposal's vr < r.
    //@ public invariant lockedRound <= validRound;
    //@ public invariant step == Step.PROPOSE ==> validRound < round;
    //  Own votes of the current round exist exactly from the step that sends them on.
    //@ public invariant height <= maxHeight && step == Step.PROPOSE ==> keepers[0].voteOf(MessageType.PREVOTE, round, self) == VoteKeeper.NONE;
    //@ public invariant height <= maxHeight && step != Step.PRECOMMIT ==> keepers[0].voteOf(MessageType.PRECOMMIT, round, self) == VoteKeeper.NONE;
    //  LockHasPOL: the locked and the valid value rest on a received quorum of prevotes of their
    //  round, and the validator precommitted its locked value in its locked round.
    //@ public invariant height <= maxHeight && lockedRound >= 0 ==> keepers[0].quorumFor(MessageType.PREVOTE, lockedRound, lockedValue)
    //@     && keepers[0].hasVoted(MessageType.PRECOMMIT, lockedRound, self, lockedValue);
    //@ public invariant height <= maxHeight && validRound >= 0 ==> keepers[0].quorumFor(MessageType.PREVOTE, validRound, validValue);
    //@ public invariant decisionLog != null && decisionLog.length >= height - 1;
    //@ public invariant (\forall int k; 0 <= k && k < height - 1; decisionLog[k] >= 0);
    //@ public invariant keepers.length == WINDOW && keepers[0] != null && keepers[0].height() == height;
    //@ public invariant evidenceByHeight.length == WINDOW;
    //  A correct validator's own messages enter its records only through its own steps (and
    //  fromState): recordMessage refuses every message naming it as sender (OWN_MESSAGE).

    /** A validator in the spec's initial state (height 1, round 0, step propose). */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Validator(ConsensusConfig config, int self) throws ConsensusException {
        this(config, self, ValidatorState.initial());
    }

    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    private Validator(ConsensusConfig config, int self, ValidatorState st) throws ConsensusException {
        if (config == null) {
            throw new ConsensusException(Reason.INVALID_CONFIG, -1, 0);
        }
        if (self < 0 || self >= config.size()) {
            throw new ConsensusException(Reason.UNKNOWN_VALIDATOR, self, config.size());
        }
        checkState(config, st);
        this.config = config;
        this.vs = config.validators();
        this.proposers = config.proposers();
        this.policy = config.policy();
        this.self = self;
        this.maxHeight = config.maxHeight();
        this.maxRound = config.maxRound();
        this.height = st.height();
        this.round = st.round();
        this.step = st.step();
        this.lockedValue = st.lockedValue().id();
        this.lockedRound = st.lockedRound();
        this.validValue = st.validValue().id();
        this.validRound = st.validRound();
        this.decisionLog = new long[Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, st.height()))];
        for (int k = 0; k < st.decisions().size(); k++) {
            decisionLog[k] = st.decisions().get(k).id();
        }
        this.keepers = new VoteKeeper[WINDOW];
        for (int k = 0; k < WINDOW; k++) {
            keepers[k] = new VoteKeeper(vs, height + k, maxRound);
        }
        this.prevoteTimerRound = -1;
        this.precommitTimerRound = -1;
        this.pending = new Outputs();
        this.started = false;
        this.evidenceByHeight = new Evidence[WINDOW][vs.size()];
    }

    /**
     * A validator in an arbitrary state that has received the given messages (the conformance
     * adapter's fromSpec, and a node's restore after a crash). No rule fires and nothing is
     * output; evidence among the messages is recorded. Throws {@link Reason#INVALID_STATE} for a
     * state outside the bounds or breaking the invariants above (its own messages among
     * {@code received} must fit its state and must not equivocate),
     * {@link Reason#MALFORMED_MESSAGE} for a malformed message.
     *
     * <p>Restore rule: a node persists its state and every message it signs before it sends
     * them, and restores with this method from that state and those messages (its own and the
     * ones it had received). The restored validator has not started: it accepts one
     * {@link Input.Start}, which resumes it (requests the timers its state needs and changes no
     * spec variable). Since its own messages are in its records again and its step never goes
     * back, it signs nothing that conflicts with what it signed before the crash.
     */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public static Validator fromState(ConsensusConfig config, int self, ValidatorState state,
            Collection<Message> received) throws ConsensusException {
        Validator v = new Validator(config, self, state);
        if (received != null) {
            for (Message m : received) {
                v.checkMessage(m);
                v.checkOwnMessage(m);
            }
            for (Message m : received) {
                if (v.record(m) == VoteKeeper.EQUIVOCATION && m.src() == self) {
                    throw new ConsensusException(Reason.INVALID_STATE, m.h(), m.r()); // own messages that equivocate
                }
            }
        }
        v.checkLockHasPol();
        v.pending = new Outputs();
        return v;
    }

    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    /**
     * A validator's own messages in a reachable state: none from a later height or round; none
     * of the current round that its step has not yet sent (no prevote in step propose, no
     * precommit before step precommit).
     */
    private void checkOwnMessage(Message m) {
        if (m.src() != self || m.h() < height) {
            return;
        }
        boolean later = m.h() > height || m.r() > round;
        boolean early = m.h() == height && m.r() == round
                && ((m.type() == MessageType.PREVOTE && step == Step.PROPOSE)
                    || (m.type() == MessageType.PRECOMMIT && step != Step.PRECOMMIT));
        boolean notProposer = m.type() == MessageType.PROPOSAL && proposers.proposer(m.h(), m.r()) != self;
        if (later || early || notProposer) {
            throw new ConsensusException(Reason.INVALID_STATE, m.h(), m.r());
        }
    }

    /**
     * The spec's LockHasPOL over the received messages: the locked and the valid value rest on a
     * quorum of prevotes of their round, and the validator precommitted its locked value there.
     */
    private void checkLockHasPol() {
        if (height > maxHeight) {
            return;
        }
        VoteKeeper vk = keepers[0];
        if (lockedRound >= 0 && !(vk.quorumFor(MessageType.PREVOTE, lockedRound, lockedValue)
                && vk.hasVoted(MessageType.PRECOMMIT, lockedRound, self, lockedValue))) {
            throw new ConsensusException(Reason.INVALID_STATE, lockedRound, lockedValue);
        }
        if (validRound >= 0 && !vk.quorumFor(MessageType.PREVOTE, validRound, validValue)) {
            throw new ConsensusException(Reason.INVALID_STATE, validRound, validValue);
        }
    }

    private static void checkState(ConsensusConfig c, ValidatorState s) {
        if (s == null || s.step() == null || s.lockedValue() == null || s.validValue() == null || s.decisions() == null) {
            throw new ConsensusException(Reason.INVALID_STATE, 0, 0);
        }
        if (s.height() < 1 || s.height() > c.maxHeight() + 1 || s.decisions().size() != s.height() - 1) {
            throw new ConsensusException(Reason.INVALID_STATE, s.height(), s.decisions().size());
        }
        if (s.round() < 0 || s.round() > c.maxRound()) {
            throw new ConsensusException(Reason.INVALID_STATE, s.round(), c.maxRound());
        }
        if (s.lockedRound() < -1 || s.lockedRound() > s.round() || s.validRound() < -1 || s.validRound() > s.round()
                || (s.lockedRound() == -1) != s.lockedValue().isNil() || (s.validRound() == -1) != s.validValue().isNil()
                || s.lockedValue().id() < Value.NIL_ID || s.validValue().id() < Value.NIL_ID
                || s.lockedRound() > s.validRound()
                || (s.step() == Step.PROPOSE && s.validRound() >= s.round())) {
            throw new ConsensusException(Reason.INVALID_STATE, s.lockedRound(), s.validRound());
        }
        for (Value d : s.decisions()) {
            if (d == null || d.id() < 0) {
                throw new ConsensusException(Reason.INVALID_STATE, s.height(), d == null ? -2 : d.id());
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Snapshot and queries

    /** The spec variables of this validator. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public ValidatorState state() {
        List<Value> ds = new ArrayList<>();
        for (int k = 0; k < height - 1; k++) {
            ds.add(Value.of(decisionLog[k]));
        }
        return new ValidatorState(height, round, step, Value.of(lockedValue), lockedRound, Value.of(validValue),
                validRound, ds);
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    //@ public normal_behavior
    //@   ensures \result == round;
    //@ pure
    public int round() {
        return round;
    }

    //@ public normal_behavior
    //@   ensures \result == step;
    //@ pure
    public Step step() {
        return step;
    }

    //@ public normal_behavior
    //@   ensures \result == self;
    //@ pure
    public int self() {
        return self;
    }

    /** Has every height 1..maxHeight been decided? */
    //@ public normal_behavior
    //@   ensures \result == (height > maxHeight);
    //@ pure
    public boolean isDone() {
        return height > maxHeight;
    }

    /** decision[p][h] (nil when undecided). */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Value decision(long h) {
        return h >= 1 && h < height ? Value.of(decisionLog[(int) (h - 1)]) : Value.NIL;
    }

    /**
     * The equivocation pairs this validator holds for the heights of its window (height ..
     * height + WINDOW - 1): at most one per offender per height, by height then offender.
     */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public List<Evidence> evidence() {
        List<Evidence> out = new ArrayList<>();
        for (int k = 0; k < WINDOW; k++) {
            for (Evidence e : evidenceByHeight[k]) {
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Has {@link Input.Start} been accepted? */
    //@ public normal_behavior
    //@   ensures \result == started;
    //@ pure
    public boolean isStarted() {
        return started;
    }

    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public ConsensusConfig config() {
        return config;
    }

    /** The messages of the current height. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public VoteKeeper currentVotes() {
        return keepers[0];
    }

    /** Turns the driver's action log on (for trace validation) or off. */
    /*@ skipesc @*/
    public void logActions(boolean on) {
        actionLog = on ? new ArrayList<>() : null;
    }

    /** The actions the driver fired since the last call (empty when logging is off). */
    /*@ skipesc @*/
    public List<ActionRecord> takeActionLog() {
        if (actionLog == null) {
            return List.of();
        }
        List<ActionRecord> out = List.copyOf(actionLog);
        actionLog.clear();
        return out;
    }

    /*@ skipesc @*/
    private void log(String name, Object... kv) {
        if (actionLog != null) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            for (int k = 0; k < kv.length; k += 2) {
                m.put((String) kv[k], kv[k + 1]);
            }
            actionLog.add(new ActionRecord(name, m));
        }
    }

    /** Outputs accumulated since the last call (by action methods called directly). */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Outputs drainOutputs() {
        Outputs o = pending;
        pending = new Outputs();
        return o;
    }

    /** A certificate for (height, r, v) from the precommits received, or null if below quorum. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Certificate certificateFor(int r, Value v) {
        if (r < 0 || r > maxRound || v == null || v.id() < 0) {
            return null;
        }
        List<Message> ms = new ArrayList<>();
        for (int i = 0; i < vs.size(); i++) {
            if (keepers[0].hasVoted(MessageType.PRECOMMIT, r, i, v.id())) {
                ms.add(Message.precommit(i, height, r, v));
            }
        }
        Certificate c = new Certificate(height, r, v, ms);
        return CertificateChecker.isValid(vs, c) ? c : null;
    }

    // ------------------------------------------------------------------------------------------
    // Receiving

    /** Throws MALFORMED_MESSAGE / UNKNOWN_VALIDATOR for a message the core cannot hold. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    private void checkMessage(Message m) {
        if (m == null || m.type() == null || m.v() == null) {
            throw new ConsensusException(Reason.MALFORMED_MESSAGE, -1, 0);
        }
        if (!vs.isKnown(m.src())) {
            throw new ConsensusException(Reason.UNKNOWN_VALIDATOR, m.src(), vs.size());
        }
        if (!Message.wellFormed(m, vs.size(), maxHeight, maxRound)) {
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
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public boolean recordMessage(Message m) throws ConsensusException {
        checkMessage(m);
        if (m.src() == self) {
            throw new ConsensusException(Reason.OWN_MESSAGE, m.h(), m.r());
        }
        return record(m) != NOT_KEPT;
    }

    /** record's result for a message outside the window. */
    private static final int NOT_KEPT = -1;

    /**
     * Records a well-formed message (received, or sent by this validator) in the keeper of its
     * height; returns VoteKeeper's outcome, or NOT_KEPT outside the window.
     */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    private int record(Message m) {
        long k = m.h() - height;
        if (k < 0 || k >= WINDOW) {
            return NOT_KEPT;
        }
        VoteKeeper vk = keepers[(int) k];
        int res;
        long prevValue;
        int prevVr;
        if (m.type() == MessageType.PROPOSAL) {
            if (m.src() != proposers.proposer(m.h(), m.r())) {
                vk.markSender(m.src(), m.r());
                return VoteKeeper.ADDED;
            }
            prevValue = vk.proposalCount(m.r()) > 0 ? vk.proposalValue(m.r(), 0) : VoteKeeper.NONE;
            prevVr = vk.proposalCount(m.r()) > 0 ? vk.proposalValidRound(m.r(), 0) : -1;
            res = vk.addProposal(m.src(), m.r(), m.v().id(), m.vr());
        } else {
            prevValue = vk.voteOf(m.type(), m.r(), m.src());
            prevVr = -1;
            res = vk.addVote(m.type(), m.src(), m.r(), m.v().id());
        }
        if (res == VoteKeeper.EQUIVOCATION && m.src() != self && evidenceByHeight[(int) k][m.src()] == null) {
            Evidence e = new Evidence(new Message(m.type(), m.src(), m.h(), m.r(), Value.of(prevValue), prevVr), m);
            evidenceByHeight[(int) k][m.src()] = e;
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
    /*@ public normal_behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures (\forall int k; 0 <= k && k < \old(height) - 1; decisionLog[k] == \old(decisionLog[k]));
      @*/
    /*@ skipesc @*/ // the driver: its monotonicity contract is checked by the simulation tests
    public Outputs step(Input in) throws ConsensusException {
        if (in instanceof Input.Receive) {
            recordMessage(((Input.Receive) in).message());
        } else if (in instanceof Input.Timeout) {
            onTimeout((Input.Timeout) in);
        } else if (in instanceof Input.Commit) {
            Certificate cert = ((Input.Commit) in).certificate();
            catchup(cert);
            log("Catchup", "h", cert.h(), "r", cert.r(), "v", cert.v());
        } else if (in instanceof Input.Start) {
            start();
        } else {
            throw new ConsensusException(Reason.MALFORMED_MESSAGE, -1, 0);
        }
        fireAll();
        return drainOutputs();
    }

    // ------------------------------------------------------------------------------------------
    // Start (driver): accepted once per object; changes no spec variable

    /*@ public normal_behavior
      @   ensures \result == null <==> !started;
      @ pure
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
      @   assignable started, pending;
      @   ensures started;
      @   ensures height == \old(height) && round == \old(round) && step == \old(step)
      @       && lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && validValue == \old(validValue) && validRound == \old(validRound);
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
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
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
      @ pure
      @*/
    public Reason timeoutRefusal(Input.Timeout t) {
        if (t == null || t.kind() == null || t.h() < 1 || t.h() > maxHeight || t.r() < 0 || t.r() > maxRound) {
            return Reason.MALFORMED_MESSAGE;
        }
        return t.h() > height || (t.h() == height && t.r() > round) ? Reason.NOT_SCHEDULED : null;
    }

    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    private void onTimeout(Input.Timeout t) {
        Reason why = timeoutRefusal(t);
        if (why != null) {
            throw new ConsensusException(why, t == null ? -1 : t.h(), t == null ? -1 : t.r());
        }
        if (t.h() != height || t.r() != round) {
            return; // a stale timer: lines 57, 61, 65 require h = h_p and r = round_p
        }
        switch (t.kind()) {
            case PROPOSE:
                if (canOnTimeoutPropose()) {
                    onTimeoutPropose();
                    log("OnTimeoutPropose");
                }
                break;
            case PREVOTE:
                if (canOnTimeoutPrevote()) {
                    onTimeoutPrevote();
                    log("OnTimeoutPrevote");
                }
                break;
            default:
                if (canOnTimeoutPrecommit()) {
                    onTimeoutPrecommit();
                    log("OnTimeoutPrecommit");
                }
                break;
        }
    }

    /** Fires enabled rules until none is. Every rule makes progress, so this terminates. */
    /*@ public normal_behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures (\forall int k; 0 <= k && k < \old(height) - 1; decisionLog[k] == \old(decisionLog[k]));
      @*/
    /*@ skipesc @*/ // the driver: its monotonicity contract is checked by the simulation tests
    public void fireAll() {
        int guard = 0;
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
     * fired.
     */
    /*@ public normal_behavior
      @   ensures height >= \old(height);
      @   ensures height == \old(height) ==> round >= \old(round) && lockedRound >= \old(lockedRound);
      @   ensures height == \old(height) && round == \old(round) ==> stepRank(step) >= stepRank(\old(step));
      @   ensures (\forall int k; 0 <= k && k < \old(height) - 1; decisionLog[k] == \old(decisionLog[k]));
      @*/
    /*@ skipesc @*/ // the driver: its monotonicity contract is checked by the simulation tests
    public boolean fireOne() {
        if (height > maxHeight) {
            return false;
        }
        VoteKeeper vk = keepers[0];
        int top = vk.maxSeenRound();
        for (int r = 0; r <= top; r++) {
            for (int k = 0; k < vk.proposalCount(r); k++) {
                Value v = Value.of(vk.proposalValue(r, k));
                if (canUponProposalInPrecommitNoDecision(v, r)) {
                    uponProposalInPrecommitNoDecision(v, r);
                    log("UponProposalInPrecommitNoDecision", "v", v, "r", r);
                    return true;
                }
            }
        }
        if (step == Step.PROPOSE && proposers.proposer(height, round) == self && vk.proposalCount(round) == 0) {
            Value v = validValue != Value.NIL_ID ? Value.of(validValue) : Value.of(policy.getValue(height, round));
            if (canInsertProposal(v)) {
                insertProposal(v);
                log("InsertProposal", "v", v);
                return true;
            }
        }
        for (int r = top; r > round; r--) {
            if (canOnRoundCatchup(r)) {
                onRoundCatchup(r);
                log("OnRoundCatchup", "r", r);
                return true;
            }
        }
        int pc = vk.proposalCount(round);
        for (int k = 0; k < pc; k++) {
            Value v = Value.of(vk.proposalValue(round, k));
            int vr = vk.proposalValidRound(round, k);
            if (vr == -1 && canUponProposalInPropose(v)) {
                uponProposalInPropose(v);
                log("UponProposalInPropose", "v", v);
                return true;
            }
            if (vr >= 0 && canUponProposalInProposeAndPrevote(v, vr)) {
                uponProposalInProposeAndPrevote(v, vr);
                log("UponProposalInProposeAndPrevote", "v", v, "vr", vr);
                return true;
            }
        }
        for (int k = 0; k < pc; k++) {
            Value v = Value.of(vk.proposalValue(round, k));
            int vr = vk.proposalValidRound(round, k);
            if (canUponProposalInPrevoteOrCommitAndPrevote(v, vr)) {
                uponProposalInPrevoteOrCommitAndPrevote(v, vr);
                log("UponProposalInPrevoteOrCommitAndPrevote", "v", v, "vr", vr);
                return true;
            }
        }
        if (canUponQuorumOfPrevotesNil()) {
            uponQuorumOfPrevotesNil();
            log("UponQuorumOfPrevotesNil");
            return true;
        }
        if (canUponQuorumOfPrevotesAny()) {
            uponQuorumOfPrevotesAny();
            log("UponQuorumOfPrevotesAny");
            return true;
        }
        if (canUponQuorumOfPrecommitsAny()) {
            uponQuorumOfPrecommitsAny();
            log("UponQuorumOfPrecommitsAny");
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // Helpers of the effects

    /** Sends m: output and record as received (own messages are never equivocations). */
    /*@ private normal_behavior
      @   requires m != null && m.h() == height && m.src() == self;
      @   assignable keepers[0].*, pending;
      @*/
    /*@ skipesc @*/ // records through the glue of recordMessage
    private void broadcast(Message m) {
        pending.broadcast(m);
        record(m);
    }

    /** StartRound(r), lines 11-21 without the proposal (InsertProposal is its own action). */
    /*@ private normal_behavior
      @   requires 0 <= r && r <= maxRound;
      @   assignable round, step, pending;
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
      @   requires height <= maxHeight && v >= 0;
      @   assignable height, round, step, lockedValue, lockedRound, validValue, validRound, decisionLog, decisionLog[*], keepers[*], evidenceByHeight[*], prevoteTimerRound, precommitTimerRound, pending;
      @   ensures height == \old(height) + 1 && decisionLog[(int) \old(height) - 1] == v;
      @   ensures lockedValue == Value.NIL_ID && lockedRound == -1 && validValue == Value.NIL_ID && validRound == -1;
      @   ensures round == 0 && step == Step.PROPOSE;
      @*/
    private void decide(long v, int r) {
        int idx = (int) (height - 1);
        if (idx >= decisionLog.length) {
            decisionLog = java.util.Arrays.copyOf(decisionLog, decisionLog.length * 2);
        }
        decisionLog[idx] = v;
        pending.decide(new Decision(height, r, Value.of(v)));
        height = height + 1;
        lockedValue = Value.NIL_ID;
        lockedRound = -1;
        validValue = Value.NIL_ID;
        validRound = -1;
        for (int k = 0; k < WINDOW - 1; k++) {
            keepers[k] = keepers[k + 1];
        }
        keepers[WINDOW - 1] = new VoteKeeper(vs, height + WINDOW - 1, maxRound);
        for (int k = 0; k < WINDOW - 1; k++) {
            evidenceByHeight[k] = evidenceByHeight[k + 1];
        }
        evidenceByHeight[WINDOW - 1] = new Evidence[vs.size()];
        prevoteTimerRound = -1;
        precommitTimerRound = -1;
        startRound(0);
    }

    /*@ private normal_behavior
      @   requires v >= Value.NIL_ID && height <= maxHeight;
      @   assignable keepers[0].*, pending;
      @*/
    private void prevote(long v) {
        broadcast(Message.prevote(self, height, round, Value.of(v)));
    }

    /*@ private normal_behavior
      @   requires v >= Value.NIL_ID && height <= maxHeight;
      @   assignable keepers[0].*, pending;
      @*/
    private void precommit(long v) {
        broadcast(Message.precommit(self, height, round, Value.of(v)));
    }

    // ------------------------------------------------------------------------------------------
    // InsertProposal(p, v): lines 14-19

    /** The first failing conjunct of InsertProposal's guard, or null. */
    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && proposers.proposer(height, round) == self
      @       && step == Step.PROPOSE && keepers[0].proposalCount(round) == 0 && v != null && v.id() >= 0
      @       && (validValue != Value.NIL_ID ? v.id() == validValue : policy.valid(v.id())));
      @ pure
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
        if (keepers[0].proposalCount(round) > 0) {
            return Reason.ALREADY_PROPOSED;
        }
        if (v == null || v.id() < 0) {
            return Reason.BAD_VALUE;
        }
        if (validValue != Value.NIL_ID) {
            return v.id() == validValue ? null : Reason.NOT_VALID_VALUE;
        }
        return policy.valid(v.id()) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   ensures \result == (insertProposalRefusal(v) == null);
    //@ pure
    public boolean canInsertProposal(Value v) {
        return insertProposalRefusal(v) == null;
    }

    /**
     * Line 19: broadcast PROPOSAL(h_p, round_p, v, validRound_p). The state variables are
     * unchanged (the proposal is recorded as received).
     */
    /*@ public normal_behavior
      @   requires canInsertProposal(v);
      @   assignable keepers[0].*, pending;
      @   ensures keepers[0].hasProposal(round, v.id(), validRound);
      @   ensures height == \old(height) && round == \old(round) && step == \old(step)
      @       && lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && validValue == \old(validValue) && validRound == \old(validRound);
      @ also public exceptional_behavior
      @   requires !canInsertProposal(v);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void insertProposal(Value v) throws ConsensusException {
        Reason why = insertProposalRefusal(v);
        if (why != null) {
            throw new ConsensusException(why, v == null ? -2 : v.id(), round);
        }
        broadcast(Message.proposal(self, height, round, v, validRound));
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInPropose(p, v): lines 22-27

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE && v != null && v.id() >= 0
      @       && keepers[0].hasProposal(round, v.id(), -1));
      @ pure
      @*/
    public Reason uponProposalInProposeRefusal(Value v) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.id() < 0) {
            return Reason.BAD_VALUE;
        }
        return keepers[0].hasProposal(round, v.id(), -1) ? null : Reason.NO_PROPOSAL;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponProposalInProposeRefusal(v) == null);
    //@ pure
    public boolean canUponProposalInPropose(Value v) {
        return uponProposalInProposeRefusal(v) == null;
    }

    /** Lines 23-27: prevote v if valid(v) and (lockedRound = -1 or lockedValue = v), else nil. */
    /*@ public normal_behavior
      @   requires canUponProposalInPropose(v);
      @   assignable step, keepers[0].*, pending;
      @   ensures step == Step.PREVOTE;
      @   ensures keepers[0].voteOf(MessageType.PREVOTE, round, self) ==
      @       (policy.valid(v.id()) && (lockedRound == -1 || lockedValue == v.id()) ? v.id() : Value.NIL_ID);
      @   ensures lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && validValue == \old(validValue) && validRound == \old(validRound) && round == \old(round);
      @ also public exceptional_behavior
      @   requires !canUponProposalInPropose(v);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPropose(Value v) throws ConsensusException {
        Reason why = uponProposalInProposeRefusal(v);
        if (why != null) {
            throw new ConsensusException(why, v == null ? -2 : v.id(), round);
        }
        boolean accept = policy.valid(v.id()) && (lockedRound == -1 || lockedValue == v.id());
        step = Step.PREVOTE;
        prevote(accept ? v.id() : Value.NIL_ID);
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInProposeAndPrevote(p, v, vr): lines 28-33

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE && v != null && v.id() >= 0
      @       && 0 <= vr && vr < round && keepers[0].hasProposal(round, v.id(), vr)
      @       && keepers[0].quorumFor(MessageType.PREVOTE, vr, v.id()));
      @ pure
      @*/
    public Reason uponProposalInProposeAndPrevoteRefusal(Value v, int vr) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.id() < 0) {
            return Reason.BAD_VALUE;
        }
        if (vr < 0 || vr >= round) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (!keepers[0].hasProposal(round, v.id(), vr)) {
            return Reason.NO_PROPOSAL;
        }
        return keepers[0].quorumFor(MessageType.PREVOTE, vr, v.id()) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponProposalInProposeAndPrevoteRefusal(v, vr) == null);
    //@ pure
    public boolean canUponProposalInProposeAndPrevote(Value v, int vr) {
        return uponProposalInProposeAndPrevoteRefusal(v, vr) == null;
    }

    /** Lines 29-33: prevote v if valid(v) and (lockedRound &lt;= vr or lockedValue = v), else nil. */
    /*@ public normal_behavior
      @   requires canUponProposalInProposeAndPrevote(v, vr);
      @   assignable step, keepers[0].*, pending;
      @   ensures step == Step.PREVOTE;
      @   ensures keepers[0].voteOf(MessageType.PREVOTE, round, self) ==
      @       (policy.valid(v.id()) && (lockedRound <= vr || lockedValue == v.id()) ? v.id() : Value.NIL_ID);
      @   ensures lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && validValue == \old(validValue) && validRound == \old(validRound) && round == \old(round);
      @ also public exceptional_behavior
      @   requires !canUponProposalInProposeAndPrevote(v, vr);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInProposeAndPrevote(Value v, int vr) throws ConsensusException {
        Reason why = uponProposalInProposeAndPrevoteRefusal(v, vr);
        if (why != null) {
            throw new ConsensusException(why, v == null ? -2 : v.id(), vr);
        }
        boolean accept = policy.valid(v.id()) && (lockedRound <= vr || lockedValue == v.id());
        step = Step.PREVOTE;
        prevote(accept ? v.id() : Value.NIL_ID);
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrevotesAny(p): lines 34-35 (timer scheduling only)

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keepers[0].quorumAny(MessageType.PREVOTE, round) && prevoteTimerRound != round);
      @ pure
      @*/
    public Reason uponQuorumOfPrevotesAnyRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        if (!keepers[0].quorumAny(MessageType.PREVOTE, round)) {
            return Reason.NO_QUORUM;
        }
        return prevoteTimerRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponQuorumOfPrevotesAnyRefusal() == null);
    //@ pure
    public boolean canUponQuorumOfPrevotesAny() {
        return uponQuorumOfPrevotesAnyRefusal() == null;
    }

    /** Line 35: schedule OnTimeoutPrevote(h_p, round_p). No spec variable changes. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrevotesAny();
      @   assignable prevoteTimerRound, pending;
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
      @   ensures \result == null <==> (height <= maxHeight && (step == Step.PREVOTE || step == Step.PRECOMMIT)
      @       && v != null && v.id() >= 0 && -1 <= vr && vr < round && keepers[0].hasProposal(round, v.id(), vr)
      @       && keepers[0].quorumFor(MessageType.PREVOTE, round, v.id()) && policy.valid(v.id()) && validRound != round);
      @ pure
      @*/
    public Reason uponProposalInPrevoteOrCommitAndPrevoteRefusal(Value v, int vr) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step == Step.PROPOSE) {
            return Reason.WRONG_STEP;
        }
        if (v == null || v.id() < 0) {
            return Reason.BAD_VALUE;
        }
        if (vr < -1 || vr >= round) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (!keepers[0].hasProposal(round, v.id(), vr)) {
            return Reason.NO_PROPOSAL;
        }
        if (!keepers[0].quorumFor(MessageType.PREVOTE, round, v.id())) {
            return Reason.NO_QUORUM;
        }
        if (!policy.valid(v.id())) {
            return Reason.INVALID_VALUE;
        }
        // "for the first time": validRound = round_p holds exactly when this rule fired in this round.
        return validRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr) == null);
    //@ pure
    public boolean canUponProposalInPrevoteOrCommitAndPrevote(Value v, int vr) {
        return uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr) == null;
    }

    /**
     * Lines 37-43: if step = prevote, lock v at round_p, precommit v, step := precommit; in both
     * steps validValue := v, validRound := round_p.
     */
    /*@ public normal_behavior
      @   requires canUponProposalInPrevoteOrCommitAndPrevote(v, vr);
      @   assignable step, lockedValue, lockedRound, validValue, validRound, keepers[0].*, pending;
      @   ensures \old(step) == Step.PREVOTE ==> lockedValue == v.id() && lockedRound == round && step == Step.PRECOMMIT
      @       && keepers[0].voteOf(MessageType.PRECOMMIT, round, self) == v.id();
      @   ensures \old(step) == Step.PRECOMMIT ==> lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound) && step == Step.PRECOMMIT;
      @   ensures validValue == v.id() && validRound == round && round == \old(round) && height == \old(height);
      @ also public exceptional_behavior
      @   requires !canUponProposalInPrevoteOrCommitAndPrevote(v, vr);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPrevoteOrCommitAndPrevote(Value v, int vr) throws ConsensusException {
        Reason why = uponProposalInPrevoteOrCommitAndPrevoteRefusal(v, vr);
        if (why != null) {
            throw new ConsensusException(why, v == null ? -2 : v.id(), vr);
        }
        boolean wasPrevote = step == Step.PREVOTE;
        if (wasPrevote) {
            lockedValue = v.id();
            lockedRound = round;
            step = Step.PRECOMMIT;
        }
        validValue = v.id();
        validRound = round;
        if (wasPrevote) {
            precommit(v.id());
        }
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrevotesNil(p): lines 44-46

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keepers[0].quorumFor(MessageType.PREVOTE, round, Value.NIL_ID));
      @ pure
      @*/
    public Reason uponQuorumOfPrevotesNilRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        return keepers[0].quorumFor(MessageType.PREVOTE, round, Value.NIL_ID) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponQuorumOfPrevotesNilRefusal() == null);
    //@ pure
    public boolean canUponQuorumOfPrevotesNil() {
        return uponQuorumOfPrevotesNilRefusal() == null;
    }

    /** Lines 45-46: precommit nil, step := precommit. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrevotesNil();
      @   assignable step, keepers[0].*, pending;
      @   ensures step == Step.PRECOMMIT && keepers[0].voteOf(MessageType.PRECOMMIT, round, self) == Value.NIL_ID;
      @   ensures lockedValue == \old(lockedValue) && lockedRound == \old(lockedRound)
      @       && validValue == \old(validValue) && validRound == \old(validRound) && round == \old(round);
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
        precommit(Value.NIL_ID);
    }

    // ------------------------------------------------------------------------------------------
    // UponQuorumOfPrecommitsAny: lines 47-48 (timer scheduling only; the spec folds it into
    // OnTimeoutPrecommit's guard)

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight
      @       && keepers[0].quorumAny(MessageType.PRECOMMIT, round) && precommitTimerRound != round);
      @ pure
      @*/
    public Reason uponQuorumOfPrecommitsAnyRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (!keepers[0].quorumAny(MessageType.PRECOMMIT, round)) {
            return Reason.NO_QUORUM;
        }
        return precommitTimerRound == round ? Reason.ALREADY_FIRED : null;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponQuorumOfPrecommitsAnyRefusal() == null);
    //@ pure
    public boolean canUponQuorumOfPrecommitsAny() {
        return uponQuorumOfPrecommitsAnyRefusal() == null;
    }

    /** Line 48: schedule OnTimeoutPrecommit(h_p, round_p). No spec variable changes. */
    /*@ public normal_behavior
      @   requires canUponQuorumOfPrecommitsAny();
      @   assignable precommitTimerRound, pending;
      @   ensures precommitTimerRound == round;
      @ also public exceptional_behavior
      @   requires !canUponQuorumOfPrecommitsAny();
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponQuorumOfPrecommitsAny() throws ConsensusException {
        Reason why = uponQuorumOfPrecommitsAnyRefusal();
        if (why != null) {
            throw new ConsensusException(why, height, round);
        }
        precommitTimerRound = round;
        pending.schedule(new TimerRequest(TimeoutKind.PRECOMMIT, height, round));
    }

    // ------------------------------------------------------------------------------------------
    // UponProposalInPrecommitNoDecision(p, v, r): lines 49-54

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && 0 <= r && r <= maxRound && v != null && v.id() >= 0
      @       && keepers[0].hasProposalValue(r, v.id()) && keepers[0].quorumFor(MessageType.PRECOMMIT, r, v.id())
      @       && policy.valid(v.id()));
      @ pure
      @*/
    public Reason uponProposalInPrecommitNoDecisionRefusal(Value v, int r) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (r < 0 || r > maxRound) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        if (v == null || v.id() < 0) {
            return Reason.BAD_VALUE;
        }
        // decision[p][h_p] = nil holds for every height not yet left (heights are decided in order).
        if (!keepers[0].hasProposalValue(r, v.id())) {
            return Reason.NO_PROPOSAL;
        }
        if (!keepers[0].quorumFor(MessageType.PRECOMMIT, r, v.id())) {
            return Reason.NO_QUORUM;
        }
        return policy.valid(v.id()) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   ensures \result == (uponProposalInPrecommitNoDecisionRefusal(v, r) == null);
    //@ pure
    public boolean canUponProposalInPrecommitNoDecision(Value v, int r) {
        return uponProposalInPrecommitNoDecisionRefusal(v, r) == null;
    }

    /** Lines 50-54: decide v, height := h + 1, reset locked and valid, StartRound(0). */
    /*@ public normal_behavior
      @   requires canUponProposalInPrecommitNoDecision(v, r);
      @   assignable height, round, step, lockedValue, lockedRound, validValue, validRound, decisionLog, decisionLog[*], keepers[*], evidenceByHeight[*], prevoteTimerRound, precommitTimerRound, pending;
      @   ensures height == \old(height) + 1 && decisionLog[(int) \old(height) - 1] == v.id();
      @   ensures lockedValue == Value.NIL_ID && lockedRound == -1 && validValue == Value.NIL_ID && validRound == -1;
      @   ensures round == 0 && step == Step.PROPOSE;
      @ also public exceptional_behavior
      @   requires !canUponProposalInPrecommitNoDecision(v, r);
      @   assignable \nothing;
      @   signals_only ConsensusException;
      @*/
    public void uponProposalInPrecommitNoDecision(Value v, int r) throws ConsensusException {
        Reason why = uponProposalInPrecommitNoDecisionRefusal(v, r);
        if (why != null) {
            throw new ConsensusException(why, v == null ? -2 : v.id(), r);
        }
        decide(v.id(), r);
    }

    // ------------------------------------------------------------------------------------------
    // OnRoundCatchup(p, r): lines 55-56

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && round < r && r <= maxRound && keepers[0].oneThirdSenders(r));
      @ pure
      @*/
    public Reason onRoundCatchupRefusal(int r) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (r <= round || r > maxRound) {
            return Reason.ROUND_OUT_OF_RANGE;
        }
        return keepers[0].oneThirdSenders(r) ? null : Reason.NO_ONE_THIRD;
    }

    //@ public normal_behavior
    //@   ensures \result == (onRoundCatchupRefusal(r) == null);
    //@ pure
    public boolean canOnRoundCatchup(int r) {
        return onRoundCatchupRefusal(r) == null;
    }

    /** Line 56: StartRound(r). */
    /*@ public normal_behavior
      @   requires canOnRoundCatchup(r);
      @   assignable round, step, pending;
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
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PROPOSE);
      @ pure
      @*/
    public Reason onTimeoutProposeRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        return step == Step.PROPOSE ? null : Reason.WRONG_STEP;
    }

    //@ public normal_behavior
    //@   ensures \result == (onTimeoutProposeRefusal() == null);
    //@ pure
    public boolean canOnTimeoutPropose() {
        return onTimeoutProposeRefusal() == null;
    }

    /** Lines 59-60: prevote nil, step := prevote. */
    /*@ public normal_behavior
      @   requires canOnTimeoutPropose();
      @   assignable step, keepers[0].*, pending;
      @   ensures step == Step.PREVOTE && keepers[0].voteOf(MessageType.PREVOTE, round, self) == Value.NIL_ID;
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
        prevote(Value.NIL_ID);
    }

    // ------------------------------------------------------------------------------------------
    // OnTimeoutPrevote(p): lines 61-64

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && step == Step.PREVOTE
      @       && keepers[0].quorumAny(MessageType.PREVOTE, round));
      @ pure
      @*/
    public Reason onTimeoutPrevoteRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (step != Step.PREVOTE) {
            return Reason.WRONG_STEP;
        }
        return keepers[0].quorumAny(MessageType.PREVOTE, round) ? null : Reason.NO_QUORUM;
    }

    //@ public normal_behavior
    //@   ensures \result == (onTimeoutPrevoteRefusal() == null);
    //@ pure
    public boolean canOnTimeoutPrevote() {
        return onTimeoutPrevoteRefusal() == null;
    }

    /** Lines 63-64: precommit nil, step := precommit. */
    /*@ public normal_behavior
      @   requires canOnTimeoutPrevote();
      @   assignable step, keepers[0].*, pending;
      @   ensures step == Step.PRECOMMIT && keepers[0].voteOf(MessageType.PRECOMMIT, round, self) == Value.NIL_ID;
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
        precommit(Value.NIL_ID);
    }

    // ------------------------------------------------------------------------------------------
    // OnTimeoutPrecommit(p): lines 65-67 (with 47-48's quorum in the guard)

    /*@ public normal_behavior
      @   ensures \result == null <==> (height <= maxHeight && keepers[0].quorumAny(MessageType.PRECOMMIT, round)
      @       && round < maxRound);
      @ pure
      @*/
    public Reason onTimeoutPrecommitRefusal() {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (!keepers[0].quorumAny(MessageType.PRECOMMIT, round)) {
            return Reason.NO_QUORUM;
        }
        return round < maxRound ? null : Reason.LAST_ROUND;
    }

    //@ public normal_behavior
    //@   ensures \result == (onTimeoutPrecommitRefusal() == null);
    //@ pure
    public boolean canOnTimeoutPrecommit() {
        return onTimeoutPrecommitRefusal() == null;
    }

    /** Line 67: StartRound(round_p + 1). */
    /*@ public normal_behavior
      @   requires canOnTimeoutPrecommit();
      @   assignable round, step, pending;
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
      @   ensures \result == null <==> (height <= maxHeight && c != null && c.h() == height
      @       && c.r() <= maxRound && CertificateChecker.isValid(vs, c) && policy.valid(c.v().id()));
      @ pure
      @*/
    public Reason catchupRefusal(Certificate c) {
        if (height > maxHeight) {
            return Reason.HEIGHT_OUT_OF_RANGE;
        }
        if (c == null || c.h() != height || c.r() > maxRound || !CertificateChecker.isValid(vs, c)) {
            return Reason.INVALID_CERTIFICATE;
        }
        return policy.valid(c.v().id()) ? null : Reason.INVALID_VALUE;
    }

    //@ public normal_behavior
    //@   ensures \result == (catchupRefusal(c) == null);
    //@ pure
    public boolean canCatchup(Certificate c) {
        return catchupRefusal(c) == null;
    }

    /** Decide the certificate's value at height, move to height + 1 (locks reset, StartRound(0)). */
    /*@ public normal_behavior
      @   requires canCatchup(c);
      @   assignable height, round, step, lockedValue, lockedRound, validValue, validRound, decisionLog, decisionLog[*], keepers[*], evidenceByHeight[*], prevoteTimerRound, precommitTimerRound, pending;
      @   ensures height == \old(height) + 1 && decisionLog[(int) \old(height) - 1] == c.v().id();
      @   ensures lockedValue == Value.NIL_ID && lockedRound == -1 && validValue == Value.NIL_ID && validRound == -1;
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
        decide(c.v().id(), c.r());
    }
}
