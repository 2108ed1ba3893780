package dev.bulwark.consensus;

import static dev.bulwark.consensus.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decision window (the spec's base[p] and DecidedWindow) and state sync (JoinAt, Java
 * {@link Validator#atBase}): a validator keeps the decisions of at most DecisionWindow heights,
 * fromState accepts a state whose decisions start at a base height and refuses an inconsistent
 * one, and a validator started at base b with a certificate of b - 1 decides b, b + 1, ... with
 * the others.
 */
class DecisionWindowTest {

    private static void refused(Reason r, Runnable call) {
        ConsensusException e = assertThrows(ConsensusException.class, call::run);
        assertEquals(r, e.reason());
        assertNotNull(e.getMessage());
    }

    /** Every block id >= 0 valid (Fixtures' policy stops at 99, i.e. at height 9). */
    static final ValuePolicy ALL_VALID = TestValues.policy(id -> id >= 0, (h, r) -> 10 * h + r + 1);

    static ConsensusConfig four(long maxHeight, int window) {
        return new ConsensusConfig(new long[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3}, maxHeight, 3, window, ALL_VALID);
    }

    /** The certificate of height h: the precommits for the value decided at h among the messages sent. */
    static Certificate certificateOf(SimNetwork net, long h, Value decided) {
        Map<Integer, List<Message>> byRound = new HashMap<>();
        for (Message m : net.allSent) {
            if (m.type() == MessageType.PRECOMMIT && m.h() == h && m.v().equals(decided)) {
                byRound.computeIfAbsent(m.r(), k -> new ArrayList<>()).add(m);
            }
        }
        for (Map.Entry<Integer, List<Message>> e : byRound.entrySet()) {
            Certificate c = new Certificate(h, e.getKey(), decided, e.getValue());
            if (CertificateChecker.isValid(net.config.validators(), c)) {
                return c;
            }
        }
        throw new AssertionError("no certificate of height " + h);
    }

    /** Runs instant delivery until validator p has reached height h. */
    static void runUntil(SimNetwork net, int p, long h) {
        long steps = 0;
        while (net.validators[p].height() < h) {
            if (steps++ > 1_000_000) {
                throw new AssertionError("validator " + p + " did not reach height " + h);
            }
            if (!net.inFlight.isEmpty()) {
                net.deliver(0);
            } else if (!net.timers.isEmpty()) {
                net.fire(0);
            } else {
                throw new AssertionError("nothing left to run before height " + h);
            }
        }
    }

    @Test
    void validatorJoinedAtABaseDecidesTheNextHeightsWithTheOthers() {
        ConsensusConfig c = four(7, 2);
        // validator 3 is absent (no messages) while 0, 1, 2 decide heights 1..3
        SimNetwork net = new SimNetwork(c, Set.of(3));
        net.start();
        runUntil(net, 0, 4);
        runUntil(net, 1, 4);
        runUntil(net, 2, 4);
        Value decided3 = net.decisions.get(0).get(3L);
        Certificate last = certificateOf(net, 3, decided3);
        // state sync: validator 3 joins at b = 4 with the certificate of height 3 and the
        // messages of heights >= 4 its peers would gossip to it
        List<Message> recent = new ArrayList<>();
        for (Message m : net.allSent) {
            if (m.h() >= 4) {
                recent.add(m);
            }
        }
        Validator joined = Validator.atBase(c, 3, last, recent);
        ValidatorState s = joined.state();
        assertEquals(4, s.height());
        assertEquals(4, s.base());
        assertEquals(0, s.decisionCount());
        assertEquals(Value.NIL, joined.decision(3));
        assertFalse(joined.isStarted());
        net.byzantine.remove(3);
        net.validators[3] = joined;
        net.decisions.put(3, new HashMap<>());
        net.handle(3, joined.step(new Input.Start()));
        net.runInstant(1_000_000);
        assertTrue(net.allDone());
        // 3 is the proposer of (4, 0): it takes part from its base on and decides 4..7 as the others
        for (long h = 4; h <= 7; h++) {
            assertEquals(net.decisions.get(0).get(h), net.decisions.get(3).get(h), "height " + h);
        }
        assertEquals(v(41), net.decisions.get(3).get(4L), "the block validator 3 proposed at (4, 0)");
        for (long h = 1; h <= 3; h++) {
            assertFalse(net.decisions.get(3).containsKey(h), "no decision below the base: " + h);
        }
        assertFalse(net.disagreement());
        // the window keeps the last two decisions (heights 6, 7) for every validator
        for (int p = 0; p < 4; p++) {
            ValidatorState st = net.validators[p].state();
            assertEquals(8, st.height());
            assertEquals(6, st.base());
            assertEquals(List.of(net.decisions.get(0).get(6L), net.decisions.get(0).get(7L)), st.decisions());
        }
    }

    @Test
    void decisionLogStaysWithinTheWindowOverManyHeights() throws Exception {
        int window = 3;
        ConsensusConfig c = four(200, window);
        SimNetwork net = new SimNetwork(c, Set.of());
        net.start();
        // SimNetwork.checkLocking checks after every step: decisionCount == height - base <= window,
        // base never decreases, the decisions in the window never change
        net.runInstant(10_000_000);
        assertTrue(net.allDone());
        assertTrue(net.checks > 1000);
        Field log = Validator.class.getDeclaredField("decisionLog");
        log.setAccessible(true);
        for (int p = 0; p < 4; p++) {
            Validator val = net.validators[p];
            ValidatorState st = val.state();
            assertEquals(201, st.height());
            assertEquals(198, st.base());
            assertEquals(window, st.decisionCount());
            assertEquals(window, ((Value[]) log.get(val)).length, "the array is allocated once, of the window's size");
            for (long h = 198; h <= 200; h++) {
                assertEquals(net.decisions.get(p).get(h), val.decision(h));
            }
            assertEquals(Value.NIL, val.decision(197), "forgotten: certified, held by the node");
            assertEquals(200, net.decisions.get(p).size(), "every height was decided and output once");
        }
    }

    @Test
    void defaultWindowKeepsTheLastSixteenDecisions() {
        ConsensusConfig c = new ConsensusConfig(new long[] {1, 1, 1, 1}, new int[] {0, 1, 2, 3}, 40, 3, ALL_VALID);
        assertEquals(ConsensusConfig.DEFAULT_DECISION_WINDOW, c.decisionWindow());
        SimNetwork net = new SimNetwork(c, Set.of());
        net.start();
        net.runInstant(10_000_000);
        assertTrue(net.allDone());
        ValidatorState st = net.validators[0].state();
        assertEquals(16, st.decisionCount());
        assertEquals(41 - 16, st.base());
    }

    @Test
    void fromStateAcceptsAWindowAndKeepsItsLastDecisions() {
        ConsensusConfig c = four(10, 2);
        // base 3: decisions of heights 3, 4 (within the window): loaded as given
        ValidatorState s = new ValidatorState(3, 5, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(3), v(4)));
        Validator a = Validator.fromState(c, 1, s, List.of());
        assertEquals(s, a.state());
        assertEquals(v(3), a.decision(3));
        assertEquals(Value.NIL, a.decision(2));
        // base 1 with 5 decisions (the former full log): the last two are kept, the base moves to 4
        ValidatorState full = new ValidatorState(6, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1,
                List.of(v(1), v(2), v(3), v(4), v(5)));
        Validator b = Validator.fromState(c, 1, full, List.of());
        assertEquals(4, b.state().base());
        assertEquals(List.of(v(4), v(5)), b.state().decisions());
        assertEquals(Value.NIL, b.decision(3));
        // an empty window at a base (what atBase builds)
        Validator e = Validator.fromState(c, 1, ValidatorState.atBase(7), List.of());
        assertEquals(7, e.height());
        assertEquals(7, e.decisionBase());
    }

    @Test
    void fromStateRefusesAnInconsistentBase() {
        ConsensusConfig c = four(10, 4);
        List<ValidatorState> bad = List.of(
                // base 0 (heights start at 1)
                new ValidatorState(0, 3, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(0), v(1), v(2))),
                // base above the height
                new ValidatorState(5, 4, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of()),
                // fewer decisions than base..height-1
                new ValidatorState(2, 5, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(2), v(3))),
                // more decisions than base..height-1
                new ValidatorState(4, 5, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(3), v(4))),
                // a nil decision in the window
                new ValidatorState(3, 5, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(3), Value.NIL)),
                // negative base
                new ValidatorState(-1, 1, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of()),
                // base past the last height + 1
                ValidatorState.atBase(12));
        for (ValidatorState s : bad) {
            refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 0, s, List.of()));
        }
    }

    @Test
    void atBaseRefusesWhatJoinAtWouldNotAllow() {
        ConsensusConfig c = four(10, 4);
        Value b = v(31);
        List<Message> quorum = List.of(Message.precommit(0, 3, 1, b), Message.precommit(1, 3, 1, b),
                Message.precommit(2, 3, 1, b));
        Certificate ok = new Certificate(3, 1, b, quorum);
        refused(Reason.INVALID_CONFIG, () -> Validator.atBase(null, 0, ok, List.of()));
        refused(Reason.UNKNOWN_VALIDATOR, () -> Validator.atBase(c, 4, ok, List.of()));
        refused(Reason.UNKNOWN_VALIDATOR, () -> Validator.atBase(c, -1, ok, List.of()));
        refused(Reason.INVALID_CERTIFICATE, () -> Validator.atBase(c, 3, null, List.of()));
        // two precommits of four are not a quorum
        refused(Reason.INVALID_CERTIFICATE, () -> Validator.atBase(c, 3, new Certificate(3, 1, b, quorum.subList(0, 2)),
                List.of()));
        // a precommit of another value in the certificate
        refused(Reason.INVALID_CERTIFICATE, () -> Validator.atBase(c, 3, new Certificate(3, 1, b,
                List.of(quorum.get(0), quorum.get(1), Message.precommit(2, 3, 1, v(32)))), List.of()));
        // a round beyond MaxRound
        List<Message> late = List.of(Message.precommit(0, 3, 5, b), Message.precommit(1, 3, 5, b),
                Message.precommit(2, 3, 5, b));
        refused(Reason.INVALID_CERTIFICATE, () -> Validator.atBase(c, 3, new Certificate(3, 5, b, late), List.of()));
        // a certificate of a height past MaxHeight (nothing to join)
        List<Message> past = List.of(Message.precommit(0, 11, 0, b), Message.precommit(1, 11, 0, b),
                Message.precommit(2, 11, 0, b));
        refused(Reason.HEIGHT_OUT_OF_RANGE, () -> Validator.atBase(c, 3, new Certificate(11, 0, b, past), List.of()));
        // the restore rule: an own vote at the joined height (the validator may have signed there)
        refused(Reason.INVALID_STATE, () -> Validator.atBase(c, 3, ok, List.of(Message.prevote(3, 4, 0, v(41)))));
        refused(Reason.INVALID_STATE, () -> Validator.atBase(c, 3, ok, List.of(Message.precommit(3, 6, 0, v(61)))));
        // accepted: own messages below the base, others' messages at and above it
        Validator j = Validator.atBase(c, 3, ok, List.of(Message.prevote(3, 3, 1, b), Message.prevote(0, 4, 0, v(41))));
        assertEquals(4, j.height());
        assertEquals(4, j.decisionBase());
        // joining at MaxHeight + 1: done, nothing enabled
        List<Message> top = List.of(Message.precommit(0, 10, 0, b), Message.precommit(1, 10, 0, b),
                Message.precommit(2, 10, 0, b));
        assertTrue(Validator.atBase(c, 3, new Certificate(10, 0, b, top), List.of()).isDone());
    }

    @Test
    void joinAtChecksTheHeightConjunctOnTheValidatorItReplaces() {
        ConsensusConfig c = four(10, 4);
        Value b = v(31);
        Certificate three = new Certificate(3, 1, b, List.of(Message.precommit(0, 3, 1, b), Message.precommit(1, 3, 1, b),
                Message.precommit(2, 3, 1, b)));
        // a validator at height 5 may have signed at heights 3..5: joining after 3 is refused
        Validator at5 = Validator.fromState(c, 3, ValidatorState.atBase(5), List.of());
        assertEquals(Reason.ALREADY_DECIDED, at5.joinAtRefusal(three));
        refused(Reason.ALREADY_DECIDED, () -> at5.joinAt(three, new Message[0]));
        assertEquals(5, at5.height(), "a refused join changes nothing");
        // a validator at height 3 joins at 4; the old object is unchanged
        Validator at3 = Validator.fromState(c, 3, ValidatorState.atBase(3), List.of());
        assertTrue(at3.canJoinAt(three));
        Validator j = at3.joinAt(three, new Message[0]);
        assertEquals(4, j.height());
        assertEquals(4, j.decisionBase());
        assertEquals(3, at3.height());
        // a validator past the last height joins nothing
        Validator done = Validator.fromState(c, 3, ValidatorState.atBase(11), List.of());
        assertEquals(Reason.HEIGHT_OUT_OF_RANGE, done.joinAtRefusal(three));
        assertEquals(Reason.INVALID_CERTIFICATE, at3.joinAtRefusal(null));
    }
}
