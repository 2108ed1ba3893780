package dev.bulwark.consensus;

import static dev.bulwark.consensus.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * A correct validator never signs two different messages of one type for one height and round
 * (the spec's NoCorrectEquivocation), whatever its driver is fed: repeated Start, stale, future
 * and duplicate timeouts, messages in any order (including forgeries of its own index),
 * certificates for any height, crashes restored with {@code fromState}. Every input the core
 * refuses is refused with a typed {@link ConsensusException} and changes nothing.
 */
class EquivocationSafetyTest {

    private static void refused(Reason expected, Validator v, Runnable call) {
        ValidatorState before = v.state();
        ConsensusException e = assertThrows(ConsensusException.class, call::run);
        assertEquals(expected, e.reason(), e.getMessage());
        assertEquals(before, v.state());
        assertTrue(v.drainOutputs().isEmpty(), "a refused input produced outputs");
    }

    /** Every message of a run, checked for two different messages of one (type, h, r). */
    static final class Signed {
        final int self;
        final Map<List<Object>, Message> first = new HashMap<>();
        final List<Message> all = new ArrayList<>();

        Signed(int self) {
            this.self = self;
        }

        void add(Outputs o) {
            for (Message m : o.broadcasts()) {
                assertEquals(self, m.src(), "a validator signs only its own messages: " + m);
                all.add(m);
                Message f = first.putIfAbsent(List.of(m.type(), m.h(), m.r()), m);
                if (f != null && !f.equals(m)) {
                    fail("equivocation by a correct validator: " + f + " and " + m + " (all: " + all + ")");
                }
            }
        }
    }

    // ---- the reported defect and its relatives -------------------------------------------

    /** The adversarial finding: Start after a vote reopened step propose; the proposal then made a second prevote. */
    @Test
    void secondStartIsRefusedAndTheValidatorDoesNotSignASecondPrevote() {
        Validator v = new Validator(ConsensusConfig.equalPower(4, 2, 3, POLICY), 1);
        Signed s = new Signed(1);
        s.add(v.step(new Input.Start()));
        s.add(v.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0)));
        assertEquals(List.of(Message.prevote(1, 1, 0, Value.NIL)), s.all);
        refused(Reason.ALREADY_STARTED, v, () -> v.step(new Input.Start()));
        s.add(v.step(new Input.Receive(Message.proposal(0, 1, 0, TestValues.v(5), -1))));
        assertEquals(List.of(Message.prevote(1, 1, 0, Value.NIL)), s.all);
        assertEquals(Step.PREVOTE, v.step());
    }

    @Test
    void startIsAcceptedExactlyOnce() {
        Validator v = new Validator(four(), 2);
        Outputs o = v.step(new Input.Start());
        assertEquals(List.of(new TimerRequest(TimeoutKind.PROPOSE, 1, 0)), o.timers());
        refused(Reason.ALREADY_STARTED, v, () -> v.step(new Input.Start()));
        refused(Reason.ALREADY_STARTED, v, () -> v.step(new Input.Start()));
        // the proposer: Start fires InsertProposal once; a second Start cannot make it propose again
        Validator p0 = new Validator(four(), 0);
        Signed s = new Signed(0);
        s.add(p0.step(new Input.Start()));
        assertEquals(List.of(Message.proposal(0, 1, 0, v(11), -1), Message.prevote(0, 1, 0, v(11))), s.all);
        refused(Reason.ALREADY_STARTED, p0, () -> p0.step(new Input.Start()));
    }

    /** Start changes no spec variable: received messages that moved the validator stay in force. */
    @Test
    void startAfterOtherInputsChangesNoSpecVariable() {
        Validator v = new Validator(four(), 1);
        v.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0)); // a timer from before a restart: prevote nil
        ValidatorState before = v.state();
        Outputs o = v.step(new Input.Start());
        assertEquals(before, v.state());
        assertTrue(o.broadcasts().isEmpty());
        assertTrue(o.timers().isEmpty(), "in step prevote without a quorum no timer is due");
    }

    /**
     * A crash: the node persisted its state and every message it signed before sending them,
     * and restores with fromState. The restored validator accepts Start once (it re-requests the
     * timers its state needs), then continues without signing anything new for its round.
     */
    @Test
    void restoredValidatorResumesWithoutResigning() {
        ConsensusConfig c = four();
        Validator v = new Validator(c, 1);
        Signed s = new Signed(1);
        List<Message> wal = new ArrayList<>();
        s.add(v.step(new Input.Start()));
        Outputs o = v.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0));
        s.add(o);
        wal.addAll(o.broadcasts());
        Validator r = Validator.fromState(c, 1, v.state(), wal);
        Outputs resumed = r.step(new Input.Start());
        assertTrue(resumed.broadcasts().isEmpty());
        s.add(resumed);
        refused(Reason.ALREADY_STARTED, r, () -> r.step(new Input.Start()));
        s.add(r.step(new Input.Receive(Message.proposal(0, 1, 0, v(5), -1))));
        s.add(r.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0)));
        assertEquals(List.of(Message.prevote(1, 1, 0, Value.NIL)), s.all);
        // a restored proposer that already proposed does not propose again
        Validator p0 = new Validator(c, 0);
        Signed s0 = new Signed(0);
        Outputs first = p0.step(new Input.Start());
        s0.add(first);
        Validator p0r = Validator.fromState(c, 0, p0.state(), first.broadcasts());
        s0.add(p0r.step(new Input.Start()));
        assertEquals(2, s0.all.size());
        // a restore whose messages contradict the state (a prevote, yet step propose) is refused
        ConsensusException e = assertThrows(ConsensusException.class, () -> Validator.fromState(c, 1,
                ValidatorState.initial(), List.of(Message.prevote(1, 1, 0, Value.NIL))));
        assertEquals(Reason.INVALID_STATE, e.reason());
        // and so is one whose own messages equivocate
        ValidatorState prevoting = new ValidatorState(1, 0, Step.PREVOTE, Value.NIL, -1, Value.NIL, -1, List.of());
        e = assertThrows(ConsensusException.class, () -> Validator.fromState(c, 1, prevoting,
                List.of(Message.prevote(1, 1, 0, Value.NIL), Message.prevote(1, 1, 0, v(5)))));
        assertEquals(Reason.INVALID_STATE, e.reason());
    }

    /** A Byzantine peer forging (or echoing) our own index cannot make us believe we voted. */
    @Test
    void messagesClaimingOurOwnIndexAreRefused() {
        Validator v = new Validator(four(), 1);
        v.step(new Input.Start());
        for (Message forged : List.of(Message.prevote(1, 1, 0, v(7)), Message.precommit(1, 1, 0, v(7)),
                Message.proposal(1, 1, 1, v(7), -1), Message.prevote(1, 2, 0, v(7)), Message.prevote(1, 1, 0, Value.NIL))) {
            refused(Reason.OWN_MESSAGE, v, () -> v.receive(forged));
            refused(Reason.OWN_MESSAGE, v, () -> v.recordMessage(forged));
        }
        assertEquals(0, v.currentVotes().voteCount(1, MessageType.PREVOTE, 0, 1));
        Outputs o = v.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0));
        assertEquals(List.of(Message.prevote(1, 1, 0, Value.NIL)), o.broadcasts());
        assertTrue(v.evidence().isEmpty(), "no evidence against ourselves");
        // an echo of the genuine vote is refused too (the core recorded it when it sent it)
        refused(Reason.OWN_MESSAGE, v, () -> v.receive(Message.prevote(1, 1, 0, Value.NIL)));
    }

    @Test
    void timeoutsNeverScheduledAreRefusedAndStaleOnesChangeNothing() {
        Validator v = Fixtures.at(four(), 3, 2, 1, Step.PROPOSE, List.of()); // not the proposer of (2, 1)
        refused(Reason.NOT_SCHEDULED, v, () -> v.step(new Input.Timeout(TimeoutKind.PROPOSE, 2, 2)));
        refused(Reason.NOT_SCHEDULED, v, () -> v.step(new Input.Timeout(TimeoutKind.PREVOTE, 3, 0)));
        refused(Reason.MALFORMED_MESSAGE, v, () -> v.step(new Input.Timeout(null, 2, 1)));
        refused(Reason.MALFORMED_MESSAGE, v, () -> v.step(new Input.Timeout(TimeoutKind.PROPOSE, 0, 0)));
        refused(Reason.MALFORMED_MESSAGE, v, () -> v.step(new Input.Timeout(TimeoutKind.PROPOSE, 2, -1)));
        refused(Reason.MALFORMED_MESSAGE, v, () -> v.step((Input) null));
        // stale: an earlier round or height (the timer outlived its round) is a no-op
        ValidatorState before = v.state();
        assertTrue(v.step(new Input.Timeout(TimeoutKind.PROPOSE, 2, 0)).isEmpty());
        assertTrue(v.step(new Input.Timeout(TimeoutKind.PRECOMMIT, 1, 3)).isEmpty());
        assertEquals(before, v.state());
        // the current one fires once; the same timeout again is a no-op (the step has moved on)
        assertEquals(List.of(Message.prevote(3, 2, 1, Value.NIL)),
                v.step(new Input.Timeout(TimeoutKind.PROPOSE, 2, 1)).broadcasts());
        assertTrue(v.step(new Input.Timeout(TimeoutKind.PROPOSE, 2, 1)).isEmpty());
    }

    @Test
    void certificatesThatCannotBeAppliedAreRefused() {
        ConsensusConfig c = four();
        Validator v = Fixtures.at(c, 2, 2, 0, Step.PROPOSE, List.of());
        Certificate past = new Certificate(1, 0, v(9), precommits(1, 0, v(9), 0, 1, 3));
        Certificate future = new Certificate(3, 0, v(9), precommits(3, 0, v(9), 0, 1, 3));
        Certificate small = new Certificate(2, 0, v(9), precommits(2, 0, v(9), 0, 1));
        refused(Reason.INVALID_CERTIFICATE, v, () -> v.step(new Input.Commit(past)));
        refused(Reason.INVALID_CERTIFICATE, v, () -> v.step(new Input.Commit(future)));
        refused(Reason.INVALID_CERTIFICATE, v, () -> v.step(new Input.Commit(small)));
        refused(Reason.INVALID_CERTIFICATE, v, () -> v.step(new Input.Commit(null)));
        Certificate now = new Certificate(2, 0, v(9), precommits(2, 0, v(9), 0, 1, 3));
        assertEquals(List.of(new Decision(2, 0, v(9))), v.step(new Input.Commit(now)).decisions());
        // the same certificate again would decide height 2 a second time: refused
        refused(Reason.INVALID_CERTIFICATE, v, () -> v.step(new Input.Commit(now)));
    }

    // ---- no input sequence whatsoever ----------------------------------------------------

    /** One input of a random run; fields are interpreted relative to the validator's state. */
    record Op(int kind, int type, int src, int dh, int dr, int value, int extra) {
    }

    static final int N = 4;
    static final long MAX_HEIGHT = 3;
    static final int MAX_ROUND = 3;

    @Provide
    Arbitrary<List<Op>> runs() {
        Arbitrary<Integer> kind = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(64, 0),   // receive a message
                net.jqwik.api.Tuple.of(16, 1),   // a timeout
                net.jqwik.api.Tuple.of(6, 2),    // Start
                net.jqwik.api.Tuple.of(5, 3),    // a certificate
                net.jqwik.api.Tuple.of(5, 4),    // crash and restore with fromState
                net.jqwik.api.Tuple.of(4, 5));   // garbage: unknown sender, bad fields, null
        Arbitrary<Integer> type = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> src = Arbitraries.integers().between(0, N - 1);
        Arbitrary<Integer> dh = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, -1), net.jqwik.api.Tuple.of(12, 0),
                net.jqwik.api.Tuple.of(2, 1));
        Arbitrary<Integer> dr = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, -1), net.jqwik.api.Tuple.of(10, 0),
                net.jqwik.api.Tuple.of(2, 1), net.jqwik.api.Tuple.of(1, 2));
        Arbitrary<Integer> value = Arbitraries.frequency(net.jqwik.api.Tuple.of(3, -1), net.jqwik.api.Tuple.of(8, 0),
                net.jqwik.api.Tuple.of(4, 1), net.jqwik.api.Tuple.of(1, 2), net.jqwik.api.Tuple.of(1, 3));
        Arbitrary<Integer> extra = Arbitraries.integers().between(0, 63);
        return Combinators.combine(kind, type, src, dh, dr, value, extra).as(Op::new).list().ofMinSize(1).ofMaxSize(150)
                .withSizeDistribution(net.jqwik.api.RandomDistribution.uniform());
    }

    /** Values: -1 nil, 0..2 valid (5, 6, 7), 3 invalid (500). */
    private static Value value(int k) {
        return k < 0 ? Value.NIL : k == 3 ? INVALID : v(5 + k);
    }

    @Property(tries = 600)
    void noInputSequenceMakesACorrectValidatorSignTwoDifferentMessagesOfOneSlot(
            @ForAll("runs") List<Op> ops, @ForAll @IntRange(min = 0, max = N - 1) int self) {
        ConsensusConfig c = ConsensusConfig.equalPower(N, MAX_HEIGHT, MAX_ROUND, POLICY);
        Validator v = new Validator(c, self);
        Signed signed = new Signed(self);
        // the node's write-ahead log: every message it signed and every message it accepted
        LinkedHashSet<Message> wal = new LinkedHashSet<>();
        boolean startAfterVote = false;
        int restores = 0;
        for (Op op : ops) {
            long h = Math.max(1, Math.min(MAX_HEIGHT, v.height() + op.dh()));
            int r = Math.max(0, Math.min(MAX_ROUND, v.round() + op.dr()));
            Input in;
            switch (op.kind()) {
                case 0 -> {
                    Value val = value(op.value());
                    int src = op.src() == self && op.extra() % 4 != 0 ? (self + 1 + op.extra() % (N - 1)) % N : op.src();
                    Message m;
                    if (op.type() == 0) {
                        int proposer = c.proposers().proposer(h, r);
                        src = op.extra() % 5 == 0 || proposer == self ? src : proposer;
                        m = Message.proposal(src, h, r, val.isNil() ? v(5) : val, (op.extra() % (r + 1)) - 1);
                    } else {
                        m = op.type() == 1 ? Message.prevote(src, h, r, val) : Message.precommit(src, h, r, val);
                    }
                    in = new Input.Receive(m);
                }
                case 1 -> in = new Input.Timeout(TimeoutKind.values()[op.type()], op.extra() % 7 == 0 ? h + 1 : h, r);
                case 2 -> {
                    startAfterVote |= !signed.all.isEmpty();
                    in = new Input.Start();
                }
                case 3 -> {
                    Value val = value(Math.max(0, op.value()));
                    List<Message> pcs = new ArrayList<>();
                    for (int i = 0; i < N; i++) {
                        if ((op.extra() >> i & 1) == 1) {
                            pcs.add(Message.precommit(i, h, r, val));
                        }
                    }
                    if ((op.extra() >> 4 & 1) == 1) {
                        pcs.add(null);
                    }
                    if ((op.extra() >> 5 & 1) == 1 && !pcs.isEmpty() && pcs.get(0) != null) {
                        Message m0 = pcs.get(0);
                        pcs.set(0, new Message(m0.type(), m0.src(), m0.h(), m0.r(), m0.v(), 0));
                    }
                    in = new Input.Commit(new Certificate(h, r, val, pcs));
                }
                case 4 -> {
                    // crash: the node restores from its state and its log, then its driver starts it again
                    v = Validator.fromState(c, self, v.state(), wal);
                    restores++;
                    continue;
                }
                default -> in = switch (op.extra() % 6) {
                    case 0 -> new Input.Receive(Message.prevote(N, h, r, value(op.value())));
                    case 1 -> new Input.Receive(Message.prevote(op.src(), MAX_HEIGHT + 1, r, value(op.value())));
                    case 2 -> new Input.Receive(new Message(MessageType.PRECOMMIT, op.src(), h, r, v(5), 1));
                    case 3 -> new Input.Receive(null);
                    case 4 -> new Input.Timeout(null, h, r);
                    default -> null;
                };
            }
            ValidatorState before = v.state();
            Outputs o;
            try {
                o = v.step(in);
            } catch (ConsensusException e) {
                assertNotNull(e.reason());
                assertEquals(before, v.state(), "a refused input changed the state: " + in);
                assertTrue(v.drainOutputs().isEmpty(), "a refused input produced outputs: " + in);
                continue;
            }
            signed.add(o);
            stepMonotone(before, v.state());
            wal.addAll(o.broadcasts());
            if (in instanceof Input.Receive rc && rc.message() != null && rc.message().src() != self) {
                wal.add(rc.message());
            }
            checkOwnVotesFitTheStep(v);
        }
        Statistics.label("signed >= 3").collect(signed.all.size() >= 3);
        Statistics.label("decided").collect(v.height() > 1 || v.isDone());
        Statistics.label("Start after a vote").collect(startAfterVote);
        Statistics.label("restored").collect(restores > 0);
        Statistics.label("signed >= 3").coverage(cov -> cov.check(true).percentage(p -> p > 20));
        Statistics.label("decided").coverage(cov -> cov.check(true).percentage(p -> p > 5));
        Statistics.label("Start after a vote").coverage(cov -> cov.check(true).percentage(p -> p > 20));
        Statistics.label("restored").coverage(cov -> cov.check(true).percentage(p -> p > 20));
    }

    /** The spec's StepMonotone: height, then round within a height, then step within a round never go back. */
    private static void stepMonotone(ValidatorState a, ValidatorState b) {
        boolean ok = b.height() > a.height()
                || (b.height() == a.height() && (b.round() > a.round()
                    || (b.round() == a.round() && b.step().ordinal() >= a.step().ordinal())));
        assertTrue(ok, "StepMonotone: " + a + " -> " + b);
    }

    /** The class invariants that make the own-vote record sufficient: no own vote the step has not sent yet. */
    private static void checkOwnVotesFitTheStep(Validator v) {
        if (v.isDone()) {
            return;
        }
        VoteKeeper k = v.currentVotes();
        if (v.step() == Step.PROPOSE) {
            assertEquals(0, k.voteCount(v.height(), MessageType.PREVOTE, v.round(), v.self()), "a prevote in step propose");
        }
        if (v.step() != Step.PRECOMMIT) {
            assertEquals(0, k.voteCount(v.height(), MessageType.PRECOMMIT, v.round(), v.self()), "a precommit before step precommit");
        }
    }

    // ---- bounds under an equivocation flood ----------------------------------------------

    /**
     * A Byzantine flood: three validators sign 60,000 different proposals, prevotes and
     * precommits over every height of the window and several rounds. The evidence kept is at
     * most one pair per offender per height of the window, and each pair is reported once.
     */
    @Test
    void equivocationFloodKeepsEvidenceBounded() {
        ConsensusConfig c = ConsensusConfig.equalPower(N, 10, 3, Fixtures.POLICY);
        Validator v = new Validator(c, 1);
        int reported = 0;
        for (int k = 0; k < 60_000; k++) {
            int src = new int[] {0, 2, 3}[k % 3];
            long h = 1 + (k / 3) % Validator.WINDOW;
            int r = (k / 12) % 4;
            Value val = TestValues.v(1_000 + k);
            int type = (k / 48) % 3;
            Message m = type == 0 ? Message.proposal(c.proposers().proposer(h, r), h, r, val, -1)
                    : type == 1 ? Message.prevote(src, h, r, val) : Message.precommit(src, h, r, val);
            if (m.src() == 1) {
                continue;
            }
            v.recordMessage(m);
            reported += v.drainOutputs().evidence().size();
            assertTrue(v.evidence().size() <= 3 * Validator.WINDOW, "evidence kept: " + v.evidence().size());
        }
        assertEquals(1, v.height());
        assertEquals(3 * Validator.WINDOW, v.evidence().size(), "one pair per offender and height");
        assertEquals(3 * Validator.WINDOW, reported, "each pair reported once");
        for (Evidence e : v.evidence()) {
            assertTrue(EvidenceDetector.isEquivocation(e.first(), e.second()));
        }
        // deciding height 1 prunes its evidence
        v.step(new Input.Commit(new Certificate(1, 0, v(9), precommits(1, 0, v(9), 0, 2, 3))));
        assertEquals(2, v.height());
        assertTrue(v.evidence().size() <= 3 * (Validator.WINDOW - 1), "evidence below the height is dropped");
        for (Evidence e : v.evidence()) {
            assertTrue(e.first().h() >= 2);
        }
    }

    /** The same flood through the driver (rules fire, heights are decided): still bounded. */
    @Property(tries = 20)
    void equivocationFloodThroughTheDriverKeepsEvidenceBounded(@ForAll long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        ConsensusConfig c = ConsensusConfig.equalPower(N, 6, 3, Fixtures.POLICY);
        Validator v = new Validator(c, 1);
        v.step(new Input.Start());
        Map<List<Long>, Integer> reportedPerOffenderAndHeight = new HashMap<>();
        for (int k = 0; k < 5_000; k++) {
            int src = new int[] {0, 2, 3}[rnd.nextInt(3)];
            long h = Math.min(6, v.height() + rnd.nextInt(Validator.WINDOW));
            int r = rnd.nextInt(4);
            Value val = TestValues.v(rnd.nextInt(4) == 0 ? 5 : rnd.nextInt(1_000_000));
            Message m = switch (rnd.nextInt(3)) {
                case 0 -> Message.proposal(c.proposers().proposer(h, r), h, r, val, -1);
                case 1 -> Message.prevote(src, h, r, val);
                default -> Message.precommit(src, h, r, val);
            };
            if (m.src() == 1) {
                continue;
            }
            Outputs o = v.receive(m);
            for (Evidence e : o.evidence()) {
                int n = reportedPerOffenderAndHeight.merge(List.of((long) e.offender(), e.first().h()), 1, Integer::sum);
                assertEquals(1, n, "reported twice: " + e);
            }
            assertTrue(v.evidence().size() <= 3 * Validator.WINDOW);
        }
    }
}
