package dev.bulwark.consensus;

import static dev.bulwark.consensus.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Every refusal of the core is typed and leaves the state exactly unchanged. */
class BadInputTest {

    private static void refused(Reason r, Runnable call) {
        ConsensusException e = assertThrows(ConsensusException.class, call::run);
        assertEquals(r, e.reason());
        assertNotNull(e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void invalidConfigurations() {
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 0}, new int[] {0, 1}, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG,
                () -> new ConsensusConfig(new long[] {1, ValidatorSet.MAX_POWER + 1}, new int[] {0, 1}, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[ValidatorSet.MAX_VALIDATORS + 1],
                new int[] {0}, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0, 0}, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0}, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0, 1}, 0, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0, 1}, 1, -1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0, 1},
                ProposerSelection.MAX_HEIGHT + 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new ConsensusConfig(new long[] {1, 1}, new int[] {0, 1}, 1, 1, null));
        refused(Reason.INVALID_CONFIG, () -> new Validator(null, 0));
        refused(Reason.UNKNOWN_VALIDATOR, () -> new Validator(four(), 4));
        refused(Reason.UNKNOWN_VALIDATOR, () -> new Validator(four(), -1));
    }

    @Test
    void malformedOrUnknownMessagesChangeNothing() {
        Validator p = new Validator(four(2, 2), 1);
        p.receive(Message.proposal(0, 1, 0, v(5), -1));
        ValidatorState before = p.state();
        long anyBefore = p.currentVotes().powerAny(1, MessageType.PREVOTE, 0);
        List<Message> bad = new ArrayList<>();
        bad.add(Message.prevote(4, 1, 0, v(5)));                 // unknown validator
        bad.add(Message.prevote(-1, 1, 0, v(5)));                // unknown validator
        bad.add(Message.prevote(0, 0, 0, v(5)));                 // height 0
        bad.add(Message.prevote(0, 3, 0, v(5)));                 // height beyond maxHeight
        bad.add(Message.prevote(0, 1, 3, v(5)));                 // round beyond maxRound
        bad.add(Message.prevote(0, 1, -1, v(5)));                // negative round
        bad.add(new Message(MessageType.PREVOTE, 0, 1, 0, v(5), 0));   // vote with a valid round
        bad.add(Message.proposal(0, 1, 1, Value.NIL, -1));       // nil proposal
        bad.add(Message.proposal(0, 1, 1, v(5), 1));             // vr = r
        bad.add(Message.proposal(0, 1, 1, v(5), -2));            // vr < -1
        bad.add(new Message(null, 0, 1, 0, v(5), -1));           // no type
        bad.add(new Message(MessageType.PREVOTE, 0, 1, 0, null, -1)); // no value
        for (Message m : bad) {
            ConsensusException e = assertThrows(ConsensusException.class, () -> p.receive(m), String.valueOf(m));
            assertTrue(e.reason() == Reason.MALFORMED_MESSAGE || e.reason() == Reason.UNKNOWN_VALIDATOR, m + " " + e);
            assertEquals(before, p.state());
            assertEquals(anyBefore, p.currentVotes().powerAny(1, MessageType.PREVOTE, 0));
        }
        refused(Reason.MALFORMED_MESSAGE, () -> p.receive(null));
        assertEquals(before, p.state());
    }

    /**
     * Certificates from a peer: a null list, null entries, precommits carrying a valid round,
     * and other malformed entries are typed refusals of the checker (the constructor is total:
     * it never throws before the checker can say why).
     */
    @Test
    void malformedCertificatesAreTypedRefusals() {
        ConsensusConfig c = four(2, 2);
        Validator p = new Validator(c, 3);
        List<Message> withNull = new ArrayList<>(precommits(1, 0, v(9), 0, 1, 2));
        withNull.add(1, null);
        Certificate nullEntry = new Certificate(1, 0, v(9), withNull);
        assertEquals(4, nullEntry.precommits().size());
        assertNull(nullEntry.precommits().get(1));
        assertFalse(CertificateChecker.isValid(c.validators(), nullEntry));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(nullEntry));
        refused(Reason.INVALID_CERTIFICATE, () -> p.step(new Input.Commit(nullEntry)));
        Certificate nullList = new Certificate(1, 0, v(9), (List<Message>) null);
        assertFalse(CertificateChecker.isValid(c.validators(), nullList));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(nullList));
        // a precommit with vr /= -1 is not a precommit of the spec (Message.wellFormed refuses it too)
        List<Message> withVr = new ArrayList<>(precommits(1, 0, v(9), 0, 1));
        withVr.add(new Message(MessageType.PRECOMMIT, 2, 1, 0, v(9), 0));
        Certificate vr = new Certificate(1, 0, v(9), withVr);
        assertEquals(-1, CertificateChecker.quorumPower(c.validators(), vr));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(vr));
        // entries with no type or no value
        List<Message> noValue = new ArrayList<>(precommits(1, 0, v(9), 0, 1));
        noValue.add(new Message(MessageType.PRECOMMIT, 2, 1, 0, null, -1));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(new Certificate(1, 0, v(9), noValue)));
        List<Message> noType = new ArrayList<>(precommits(1, 0, v(9), 0, 1));
        noType.add(new Message(null, 2, 1, 0, v(9), -1));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(new Certificate(1, 0, v(9), noType)));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(new Certificate(1, 0, null, precommits(1, 0, v(9), 0, 1, 2))));
        refused(Reason.INVALID_CERTIFICATE, () -> p.catchup(new Certificate(1, -1, v(9), precommits(1, -1, v(9), 0, 1, 2))));
        // the certificate does not share the caller's list
        List<Message> mine = new ArrayList<>(precommits(1, 0, v(9), 0, 1, 2));
        Certificate copy = new Certificate(1, 0, v(9), mine);
        mine.clear();
        assertEquals(3, copy.precommits().size());
        assertThrows(UnsupportedOperationException.class, () -> copy.precommits().clear());
        assertEquals(1, p.height());
        p.catchup(copy);
        assertEquals(2, p.height());
    }

    /** The other constructors of the package: typed refusals instead of NullPointerException and friends. */
    @Test
    void constructorsRefuseBadInputWithTypedErrors() {
        ConsensusConfig c = four(2, 2);
        List<Value> withNull = new ArrayList<>();
        withNull.add(null);
        ValidatorState s = new ValidatorState(2, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, withNull);
        assertNull(s.decisions().get(0));
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 0, s, List.of()));
        refused(Reason.INVALID_CONFIG, () -> ConsensusConfig.equalPower(-1, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> ConsensusConfig.equalPower(0, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> ConsensusConfig.equalPower(ValidatorSet.MAX_VALIDATORS + 1, 1, 1, POLICY));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(null, 1, 1, 0));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(c.validators(), 0, 1, 0));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(c.validators(), 1, -1, 0));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(c.validators(), 1, 1, 4));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(c.validators(), 1, 1, -1));
        refused(Reason.INVALID_CONFIG, () -> new VoteKeeper(c.validators(), ProposerSelection.MAX_HEIGHT + 2, 1, 0));
        // a block digest is 32 bytes: anything else is a typed refusal, never a value
        for (byte[] d : new byte[][] {null, new byte[0], new byte[8], new byte[31], new byte[33], new byte[64]}) {
            refused(Reason.BAD_DIGEST, () -> Value.ofDigest(d));
        }
        assertEquals(v(3), Value.ofDigest(v(3).digest()));
        Message a = Message.prevote(3, 1, 0, v(5));
        Message b = Message.prevote(3, 1, 0, v(6));
        assertEquals(3, new Evidence(a, b).offender());
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(null, b));
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(a, null));
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(a, a));
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(a, Message.prevote(2, 1, 0, v(6))));
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(a, Message.precommit(3, 1, 0, v(6))));
        refused(Reason.INVALID_EVIDENCE, () -> new Evidence(a, new Message(MessageType.PREVOTE, 3, 1, 0, null, -1)));
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("v", null);
        assertNull(new ActionRecord("X", params).params().get("v"));
        assertEquals(java.util.Map.of(), new ActionRecord("X", null).params());
    }

    @Test
    void pastAndFarFutureHeightsAreIgnored() {
        Validator p = Fixtures.at(four(10, 2), 1, 3, 0, Step.PROPOSE, List.of());
        assertFalse(p.recordMessage(Message.prevote(0, 2, 0, v(5))));
        assertFalse(p.recordMessage(Message.prevote(0, 3 + Validator.WINDOW, 0, v(5))));
        assertTrue(p.recordMessage(Message.prevote(0, 3 + Validator.WINDOW - 1, 0, v(5))));
    }

    @Test
    void invalidStatesAreRefused() {
        ConsensusConfig c = four(2, 2);
        List<ValidatorState> bad = List.of(
                new ValidatorState(0, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of()),
                new ValidatorState(4, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(v(1), v(1), v(1))),
                new ValidatorState(2, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of()),
                new ValidatorState(1, 3, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of()),
                new ValidatorState(1, 0, Step.PROPOSE, v(5), 1, Value.NIL, -1, List.of()),
                new ValidatorState(1, 1, Step.PROPOSE, v(5), -1, Value.NIL, -1, List.of()),
                new ValidatorState(1, 1, Step.PROPOSE, Value.NIL, 0, Value.NIL, -1, List.of()),
                new ValidatorState(1, 1, Step.PROPOSE, Value.NIL, -1, v(5), -1, List.of()),
                new ValidatorState(2, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of(Value.NIL)),
                new ValidatorState(1, 0, null, Value.NIL, -1, Value.NIL, -1, List.of()),
                new ValidatorState(1, 1, Step.PREVOTE, v(5), 1, v(6), 0, List.of()),
                new ValidatorState(1, 1, Step.PROPOSE, Value.NIL, -1, v(6), 1, List.of()));
        for (ValidatorState s : bad) {
            refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 0, s, List.of()));
        }
        refused(Reason.MALFORMED_MESSAGE, () -> Validator.fromState(c, 0, ValidatorState.initial(),
                List.of(Message.proposal(0, 1, 0, Value.NIL, -1))));
        // own messages a reachable state cannot hold: a prevote of the current round in step
        // propose, a precommit before step precommit, anything of a later round or height
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 1, ValidatorState.initial(),
                List.of(Message.prevote(1, 1, 0, v(5)))));
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 1,
                new ValidatorState(1, 0, Step.PREVOTE, Value.NIL, -1, Value.NIL, -1, List.of()),
                List.of(Message.precommit(1, 1, 0, v(5)))));
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 1, ValidatorState.initial(),
                List.of(Message.prevote(1, 1, 1, v(5)))));
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 1, ValidatorState.initial(),
                List.of(Message.prevote(1, 2, 0, v(5)))));
        // the same messages from another validator are fine
        Validator.fromState(c, 1, ValidatorState.initial(), List.of(Message.prevote(2, 1, 0, v(5)), Message.prevote(2, 2, 1, v(5))));
    }

    @Test
    void fromStateRoundTripsTheSnapshot() {
        ConsensusConfig c = four(3, 3);
        ValidatorState s = new ValidatorState(2, 1, Step.PRECOMMIT, v(7), 1, v(7), 1, List.of(v(3)));
        List<Message> pol = all(prevotes(2, 1, v(7), 0, 1, 3), List.of(Message.precommit(2, 2, 1, v(7))));
        Validator p = Validator.fromState(c, 2, s, pol);
        assertEquals(s, p.state());
        assertEquals(3, p.currentVotes().powerFor(2, MessageType.PREVOTE, 1, v(7)));
        // LockHasPOL is required: without the prevote quorum, or without the own precommit
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 2, s, pol.subList(1, 4)));
        refused(Reason.INVALID_STATE, () -> Validator.fromState(c, 2, s, pol.subList(0, 3)));
        assertTrue(p.drainOutputs().isEmpty());
    }

    /**
     * Random calls of every action on validators loaded from random states with random
     * messages: a call succeeds exactly when its canXxx query is true, and a refused call
     * leaves the state unchanged.
     */
    @Property(tries = 300)
    void guardsMatchAndRefusalsChangeNothing(@ForAll long seed) {
        Random rnd = new Random(seed);
        ConsensusConfig c = four(2, 2);
        int self = rnd.nextInt(4);
        long h = 1 + rnd.nextInt(2);
        int r = rnd.nextInt(3);
        Step step = Step.values()[rnd.nextInt(3)];
        int lr = rnd.nextInt(r + 2) - 1;
        int vr = Math.max(lr, rnd.nextInt(r + 2) - 1);
        long lv = lr == -1 ? -1 : rnd.nextInt(3);
        long vv = vr == -1 ? -1 : (vr == lr ? lv : rnd.nextInt(3));
        List<Value> ds = new ArrayList<>();
        for (long k = 1; k < h; k++) {
            ds.add(v(1));
        }
        if (step == Step.PROPOSE && vr >= r) {
            step = Step.PREVOTE; // a reachable state: in step propose, validRound < round
        }
        if (lr == r) {
            step = Step.PRECOMMIT; // locking at round r moves to step precommit
        }
        ValidatorState s = new ValidatorState(h, r, step, TestValues.v(lv), lr, TestValues.v(vv), vr, ds);
        List<Message> msgs = new ArrayList<>();
        for (int k = rnd.nextInt(30); k > 0; k--) {
            int mr = rnd.nextInt(3);
            long mv = rnd.nextInt(4) - 1;
            int src = (self + 1 + rnd.nextInt(3)) % 4; // own messages must match the state; others' are free
            switch (rnd.nextInt(3)) {
                case 0 -> msgs.add(Message.proposal(src, h, mr, mv < 0 ? INVALID : v(mv), rnd.nextInt(mr + 1) - 1));
                case 1 -> msgs.add(Message.prevote(src, h, mr, TestValues.v(mv)));
                default -> msgs.add(Message.precommit(src, h, mr, TestValues.v(mv)));
            }
        }
        Validator p = Validator.fromState(c, self, s, Fixtures.withPol(self, h, lv, lr, vv, vr, msgs));
        for (int call = 0; call < 40; call++) {
            Value v = rnd.nextInt(5) == 0 ? INVALID : TestValues.v(rnd.nextInt(4) - 1);
            int x = rnd.nextInt(4) - 1;
            boolean can;
            Consumer<Validator> act;
            switch (rnd.nextInt(13)) {
                case 0 -> { can = p.canInsertProposal(v); act = q -> q.insertProposal(v); }
                case 1 -> { can = p.canUponProposalInPropose(v); act = q -> q.uponProposalInPropose(v); }
                case 2 -> { can = p.canUponProposalInProposeAndPrevote(v, x); act = q -> q.uponProposalInProposeAndPrevote(v, x); }
                case 3 -> { can = p.canUponQuorumOfPrevotesAny(); act = Validator::uponQuorumOfPrevotesAny; }
                case 4 -> { can = p.canUponProposalInPrevoteOrCommitAndPrevote(v, x); act = q -> q.uponProposalInPrevoteOrCommitAndPrevote(v, x); }
                case 5 -> { can = p.canUponQuorumOfPrevotesNil(); act = Validator::uponQuorumOfPrevotesNil; }
                case 6 -> { can = p.canUponQuorumOfPrecommitsAny(); act = Validator::uponQuorumOfPrecommitsAny; }
                case 7 -> { can = p.canUponProposalInPrecommitNoDecision(v, x); act = q -> q.uponProposalInPrecommitNoDecision(v, x); }
                case 8 -> { can = p.canOnRoundCatchup(x); act = q -> q.onRoundCatchup(x); }
                case 9 -> { can = p.canOnTimeoutPropose(); act = Validator::onTimeoutPropose; }
                case 10 -> { can = p.canOnTimeoutPrevote(); act = Validator::onTimeoutPrevote; }
                case 11 -> { can = p.canOnTimeoutPrecommit(); act = Validator::onTimeoutPrecommit; }
                default -> {
                    Certificate cert = rnd.nextBoolean() ? p.certificateFor(Math.max(0, x), v)
                            : new Certificate(p.height(), Math.max(0, x), v, Fixtures.precommits(p.height(), Math.max(0, x), v, 0, 1, rnd.nextInt(4)));
                    can = p.canCatchup(cert);
                    act = q -> q.catchup(cert);
                }
            }
            ValidatorState before = p.state();
            try {
                act.accept(p);
                assertTrue(can, "an action ran whose guard is false");
            } catch (ConsensusException e) {
                assertFalse(can, "a refused action whose guard is true: " + e);
                assertEquals(before, p.state());
            }
        }
    }
}
