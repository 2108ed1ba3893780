package dev.bulwark.consensus;

import static dev.bulwark.consensus.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test (or more) per line of Algorithm 1. Each calls the action method directly and checks
 * the guard (canXxx, refusal reason) and the effect; the driver tests at the end check that
 * {@link Validator#step} fires the same rules.
 */
class ValidatorRulesTest {
    private final ConsensusConfig c = four();

    private static Message onlyBroadcast(Outputs o) {
        assertEquals(1, o.broadcasts().size(), o.toString());
        return o.broadcasts().get(0);
    }

    private static void assertRefused(Reason expected, Runnable call, Validator val) {
        ValidatorState before = val.state();
        ConsensusException e = assertThrows(ConsensusException.class, call::run);
        assertEquals(expected, e.reason());
        assertEquals(before, val.state());
    }

    // ---- lines 10-21: StartRound and the proposal ------------------------------------------

    @Test
    void line21_startRoundSchedulesProposeTimeoutForNonProposer() {
        Validator p1 = new Validator(c, 1);
        Outputs o = p1.step(new Input.Start());
        assertEquals(List.of(new TimerRequest(TimeoutKind.PROPOSE, 1, 0)), o.timers());
        assertTrue(o.broadcasts().isEmpty());
    }

    @Test
    void line18_proposerBroadcastsGetValueWithValidRoundNil() {
        Validator p0 = new Validator(c, 0);
        assertTrue(p0.canInsertProposal(v(11)));
        p0.insertProposal(v(11));
        Message m = onlyBroadcast(p0.drainOutputs());
        assertEquals(Message.proposal(0, 1, 0, v(11), -1), m);
        assertEquals(Step.PROPOSE, p0.step());
    }

    @Test
    void line16_proposerReproposesItsValidValue() {
        // validator 1 is the proposer of (h1, r1); validValue 7 from round 0
        Validator p1 = at(c, 1, 1, 1, Step.PROPOSE, -1, -1, 7, 0, prevotes(1, 0, v(7), 0, 2, 3));
        assertRefused(Reason.NOT_VALID_VALUE, () -> p1.insertProposal(v(8)), p1);
        p1.insertProposal(v(7));
        assertEquals(Message.proposal(1, 1, 1, v(7), 0), onlyBroadcast(p1.drainOutputs()));
    }

    @Test
    void line14_onlyTheProposerProposes() {
        Validator p1 = new Validator(c, 1);
        assertRefused(Reason.NOT_PROPOSER, () -> p1.insertProposal(v(11)), p1);
    }

    @Test
    void line14_proposesOncePerRound() {
        Validator p0 = new Validator(c, 0);
        p0.insertProposal(v(11));
        assertRefused(Reason.ALREADY_PROPOSED, () -> p0.insertProposal(v(12)), p0);
    }

    @Test
    void line18_getValueMustBeValid() {
        Validator p0 = new Validator(c, 0);
        assertRefused(Reason.INVALID_VALUE, () -> p0.insertProposal(INVALID), p0);
    }

    // ---- lines 22-27 --------------------------------------------------------------------------

    @Test
    void line22_prevotesProposalWhenUnlocked() {
        Validator p1 = at(c, 1, 1, 0, Step.PROPOSE, List.of(Message.proposal(0, 1, 0, v(5), -1)));
        assertTrue(p1.canUponProposalInPropose(v(5)));
        p1.uponProposalInPropose(v(5));
        assertEquals(Message.prevote(1, 1, 0, v(5)), onlyBroadcast(p1.drainOutputs()));
        assertEquals(Step.PREVOTE, p1.step());
    }

    @Test
    void line24_prevotesNilForInvalidValue() {
        Validator p1 = at(c, 1, 1, 0, Step.PROPOSE, List.of(Message.proposal(0, 1, 0, INVALID, -1)));
        p1.uponProposalInPropose(INVALID);
        assertEquals(Message.prevote(1, 1, 0, Value.NIL), onlyBroadcast(p1.drainOutputs()));
    }

    @Test
    void line24_prevotesNilWhenLockedOnAnotherValue() {
        Validator p2 = at(c, 2, 1, 1, Step.PROPOSE, 7, 0, 7, 0, List.of(Message.proposal(1, 1, 1, v(5), -1)));
        p2.uponProposalInPropose(v(5));
        assertEquals(Message.prevote(2, 1, 1, Value.NIL), onlyBroadcast(p2.drainOutputs()));
    }

    @Test
    void line24_prevotesItsLockedValue() {
        Validator p2 = at(c, 2, 1, 1, Step.PROPOSE, 7, 0, 7, 0, List.of(Message.proposal(1, 1, 1, v(7), -1)));
        p2.uponProposalInPropose(v(7));
        assertEquals(Message.prevote(2, 1, 1, v(7)), onlyBroadcast(p2.drainOutputs()));
    }

    @Test
    void line22_ignoresProposalFromNonProposer() {
        Validator p1 = at(c, 1, 1, 0, Step.PROPOSE, List.of(Message.proposal(2, 1, 0, v(5), -1)));
        assertRefused(Reason.NO_PROPOSAL, () -> p1.uponProposalInPropose(v(5)), p1);
    }

    @Test
    void line22_onlyInStepPropose() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, List.of(Message.proposal(0, 1, 0, v(5), -1)));
        assertRefused(Reason.WRONG_STEP, () -> p1.uponProposalInPropose(v(5)), p1);
    }

    // ---- lines 28-33 --------------------------------------------------------------------------

    @Test
    void line28_prevotesValueWithProofOfLockWhenLockedEarlier() {
        // locked on 7 at round 0; round 2 proposal of 8 with vr 1 and a quorum of prevotes for 8 in round 1
        List<Message> ms = all(List.of(Message.proposal(2, 1, 2, v(8), 1)), prevotes(1, 1, v(8), 0, 1, 3));
        Validator p3 = at(c, 3, 1, 2, Step.PROPOSE, 7, 0, 7, 0, ms);
        assertTrue(p3.canUponProposalInProposeAndPrevote(v(8), 1));
        p3.uponProposalInProposeAndPrevote(v(8), 1);
        assertEquals(Message.prevote(3, 1, 2, v(8)), onlyBroadcast(p3.drainOutputs()));
        assertEquals(Step.PREVOTE, p3.step());
    }

    @Test
    void line30_prevotesNilWhenLockedAfterTheValidRound() {
        List<Message> ms = all(List.of(Message.proposal(2, 1, 2, v(8), 0)), prevotes(1, 0, v(8), 0, 1, 2));
        Validator p3 = at(c, 3, 1, 2, Step.PROPOSE, 7, 1, 7, 1, ms);
        p3.uponProposalInProposeAndPrevote(v(8), 0);
        assertEquals(Message.prevote(3, 1, 2, Value.NIL), onlyBroadcast(p3.drainOutputs()));
    }

    @Test
    void line30_prevotesLockedValueEvenIfLockedAfterValidRound() {
        List<Message> ms = all(List.of(Message.proposal(2, 1, 2, v(7), 0)), prevotes(1, 0, v(7), 0, 1, 2));
        Validator p3 = at(c, 3, 1, 2, Step.PROPOSE, 7, 1, 7, 1, ms);
        p3.uponProposalInProposeAndPrevote(v(7), 0);
        assertEquals(Message.prevote(3, 1, 2, v(7)), onlyBroadcast(p3.drainOutputs()));
    }

    @Test
    void line28_needsQuorumOfPrevotesInTheValidRound() {
        List<Message> ms = all(List.of(Message.proposal(2, 1, 2, v(8), 1)), prevotes(1, 1, v(8), 0, 1));
        Validator p3 = at(c, 3, 1, 2, Step.PROPOSE, ms);
        assertRefused(Reason.NO_QUORUM, () -> p3.uponProposalInProposeAndPrevote(v(8), 1), p3);
    }

    @Test
    void line28_validRoundMustBeEarlier() {
        Validator p3 = at(c, 3, 1, 2, Step.PROPOSE, List.of());
        assertRefused(Reason.ROUND_OUT_OF_RANGE, () -> p3.uponProposalInProposeAndPrevote(v(8), 2), p3);
        assertRefused(Reason.ROUND_OUT_OF_RANGE, () -> p3.uponProposalInProposeAndPrevote(v(8), -1), p3);
    }

    // ---- lines 34-35 --------------------------------------------------------------------------

    @Test
    void line34_schedulesPrevoteTimeoutOnceOnQuorumOfAnyPrevotes() {
        List<Message> ms = all(prevotes(1, 0, v(5), 0), prevotes(1, 0, Value.NIL, 2), prevotes(1, 0, v(6), 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        assertTrue(p1.canUponQuorumOfPrevotesAny());
        p1.uponQuorumOfPrevotesAny();
        assertEquals(List.of(new TimerRequest(TimeoutKind.PREVOTE, 1, 0)), p1.drainOutputs().timers());
        assertRefused(Reason.ALREADY_FIRED, p1::uponQuorumOfPrevotesAny, p1);
    }

    @Test
    void line34_twoPrevotesAreNotAQuorum() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, prevotes(1, 0, v(5), 0, 2));
        assertRefused(Reason.NO_QUORUM, p1::uponQuorumOfPrevotesAny, p1);
    }

    // ---- lines 36-43 --------------------------------------------------------------------------

    @Test
    void line36_locksAndPrecommitsOnQuorumOfPrevotesInPrevoteStep() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), prevotes(1, 0, v(5), 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        p1.uponProposalInPrevoteOrCommitAndPrevote(v(5), -1);
        assertEquals(Message.precommit(1, 1, 0, v(5)), onlyBroadcast(p1.drainOutputs()));
        ValidatorState s = p1.state();
        assertEquals(Step.PRECOMMIT, s.step());
        assertEquals(v(5), s.lockedValue());
        assertEquals(0, s.lockedRound());
        assertEquals(v(5), s.validValue());
        assertEquals(0, s.validRound());
    }

    @Test
    void line42_inPrecommitStepSetsValidValueWithoutLocking() {
        List<Message> ms = all(List.of(Message.proposal(1, 1, 1, v(5), -1)), prevotes(1, 1, v(5), 0, 2, 3));
        Validator p1 = at(c, 1, 1, 1, Step.PRECOMMIT, 7, 0, 7, 0, ms);
        p1.uponProposalInPrevoteOrCommitAndPrevote(v(5), -1);
        assertTrue(p1.drainOutputs().broadcasts().isEmpty());
        ValidatorState s = p1.state();
        assertEquals(v(7), s.lockedValue());
        assertEquals(0, s.lockedRound());
        assertEquals(v(5), s.validValue());
        assertEquals(1, s.validRound());
    }

    @Test
    void line36_firesOnlyTheFirstTimeInARound() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), prevotes(1, 0, v(5), 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        p1.uponProposalInPrevoteOrCommitAndPrevote(v(5), -1);
        assertRefused(Reason.ALREADY_FIRED, () -> p1.uponProposalInPrevoteOrCommitAndPrevote(v(5), -1), p1);
    }

    @Test
    void line36_invalidValueIsNeverLocked() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, INVALID, -1)), prevotes(1, 0, INVALID, 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        assertRefused(Reason.INVALID_VALUE, () -> p1.uponProposalInPrevoteOrCommitAndPrevote(INVALID, -1), p1);
    }

    @Test
    void line36_notInStepPropose() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), prevotes(1, 0, v(5), 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PROPOSE, ms);
        assertRefused(Reason.WRONG_STEP, () -> p1.uponProposalInPrevoteOrCommitAndPrevote(v(5), -1), p1);
    }

    // ---- lines 44-46 --------------------------------------------------------------------------

    @Test
    void line44_precommitsNilOnQuorumOfNilPrevotes() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, prevotes(1, 0, Value.NIL, 0, 2, 3));
        p1.uponQuorumOfPrevotesNil();
        assertEquals(Message.precommit(1, 1, 0, Value.NIL), onlyBroadcast(p1.drainOutputs()));
        assertEquals(Step.PRECOMMIT, p1.step());
    }

    @Test
    void line44_mixedPrevotesAreNotANilQuorum() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, all(prevotes(1, 0, Value.NIL, 0, 2), prevotes(1, 0, v(5), 3)));
        assertRefused(Reason.NO_QUORUM, p1::uponQuorumOfPrevotesNil, p1);
    }

    // ---- lines 47-48 --------------------------------------------------------------------------

    @Test
    void line47_schedulesPrecommitTimeoutOnceOnQuorumOfAnyPrecommits() {
        List<Message> ms = all(precommits(1, 0, v(5), 0), precommits(1, 0, Value.NIL, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        p1.uponQuorumOfPrecommitsAny();
        assertEquals(List.of(new TimerRequest(TimeoutKind.PRECOMMIT, 1, 0)), p1.drainOutputs().timers());
        assertRefused(Reason.ALREADY_FIRED, p1::uponQuorumOfPrecommitsAny, p1);
    }

    // ---- lines 49-54 --------------------------------------------------------------------------

    @Test
    void line49_decidesOnProposalAndQuorumOfPrecommits() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), precommits(1, 0, v(5), 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PRECOMMIT, 5, 0, 5, 0, ms);
        p1.uponProposalInPrecommitNoDecision(v(5), 0);
        Outputs o = p1.drainOutputs();
        assertEquals(List.of(new Decision(1, 0, v(5))), o.decisions());
        ValidatorState s = p1.state();
        assertEquals(2, s.height());
        assertEquals(0, s.round());
        assertEquals(Step.PROPOSE, s.step());
        assertEquals(Value.NIL, s.lockedValue());
        assertEquals(-1, s.lockedRound());
        assertEquals(Value.NIL, s.validValue());
        assertEquals(-1, s.validRound());
        assertEquals(List.of(v(5)), s.decisions());
        // validator 1 is the proposer of (h2, r0): no propose timer; the driver proposes
        assertTrue(o.timers().isEmpty());
    }

    @Test
    void line49_decidesForAnEarlierRound() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), precommits(1, 0, v(5), 0, 2, 3));
        Validator p2 = at(c, 2, 1, 2, Step.PROPOSE, ms);
        assertTrue(p2.canUponProposalInPrecommitNoDecision(v(5), 0));
        p2.uponProposalInPrecommitNoDecision(v(5), 0);
        assertEquals(v(5), p2.decision(1));
        // (h2, r0): proposer is validator 1, so validator 2 schedules the propose timeout
        assertEquals(List.of(new TimerRequest(TimeoutKind.PROPOSE, 2, 0)), p2.drainOutputs().timers());
    }

    @Test
    void line49_needsTheProposal() {
        Validator p1 = at(c, 1, 1, 0, Step.PRECOMMIT, precommits(1, 0, v(5), 0, 2, 3));
        assertRefused(Reason.NO_PROPOSAL, () -> p1.uponProposalInPrecommitNoDecision(v(5), 0), p1);
    }

    @Test
    void line49_needsAQuorumOfPrecommits() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), precommits(1, 0, v(5), 0, 2),
                precommits(1, 0, Value.NIL, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PRECOMMIT, ms);
        assertRefused(Reason.NO_QUORUM, () -> p1.uponProposalInPrecommitNoDecision(v(5), 0), p1);
    }

    @Test
    void line49_neverDecidesAnInvalidValue() {
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, INVALID, -1)), precommits(1, 0, INVALID, 0, 2, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PRECOMMIT, ms);
        assertRefused(Reason.INVALID_VALUE, () -> p1.uponProposalInPrecommitNoDecision(INVALID, 0), p1);
    }

    @Test
    void line49_lastHeightMakesTheValidatorDone() {
        ConsensusConfig one = four(1, 1);
        List<Message> ms = all(List.of(Message.proposal(0, 1, 0, v(5), -1)), precommits(1, 0, v(5), 0, 2, 3));
        Validator p1 = at(one, 1, 1, 0, Step.PRECOMMIT, ms);
        p1.uponProposalInPrecommitNoDecision(v(5), 0);
        assertTrue(p1.isDone());
        assertEquals(2, p1.height());
        assertRefused(Reason.HEIGHT_OUT_OF_RANGE, p1::onTimeoutPropose, p1);
    }

    // ---- lines 55-56 --------------------------------------------------------------------------

    @Test
    void line55_jumpsToARoundWithOneThirdOfMessages() {
        List<Message> ms = all(prevotes(1, 2, v(5), 0), precommits(1, 2, Value.NIL, 3));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        assertFalse(p1.canOnRoundCatchup(1));
        p1.onRoundCatchup(2);
        assertEquals(2, p1.round());
        assertEquals(Step.PROPOSE, p1.step());
        assertEquals(List.of(new TimerRequest(TimeoutKind.PROPOSE, 1, 2)), p1.drainOutputs().timers());
    }

    @Test
    void line55_oneValidatorIsNotOneThird() {
        List<Message> ms = all(prevotes(1, 2, v(5), 0), precommits(1, 2, v(5), 0));
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, ms);
        assertRefused(Reason.NO_ONE_THIRD, () -> p1.onRoundCatchup(2), p1);
    }

    @Test
    void line55_onlyForward() {
        Validator p1 = at(c, 1, 1, 2, Step.PREVOTE, prevotes(1, 1, v(5), 0, 2, 3));
        assertRefused(Reason.ROUND_OUT_OF_RANGE, () -> p1.onRoundCatchup(1), p1);
        assertRefused(Reason.ROUND_OUT_OF_RANGE, () -> p1.onRoundCatchup(4), p1);
    }

    // ---- lines 57-67 --------------------------------------------------------------------------

    @Test
    void line57_timeoutProposePrevotesNil() {
        Validator p1 = new Validator(c, 1);
        p1.onTimeoutPropose();
        assertEquals(Message.prevote(1, 1, 0, Value.NIL), onlyBroadcast(p1.drainOutputs()));
        assertEquals(Step.PREVOTE, p1.step());
        assertRefused(Reason.WRONG_STEP, p1::onTimeoutPropose, p1);
    }

    @Test
    void line57_staleTimeoutIsIgnoredByTheDriver() {
        Validator p2 = at(c, 2, 1, 1, Step.PROPOSE, List.of());
        Outputs o = p2.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0));
        assertTrue(o.isEmpty());
        assertEquals(Step.PROPOSE, p2.step());
        o = p2.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 1));
        assertEquals(List.of(Message.prevote(2, 1, 1, Value.NIL)), o.broadcasts());
    }

    @Test
    void line61_timeoutPrevotePrecommitsNil() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, all(prevotes(1, 0, v(5), 0), prevotes(1, 0, v(6), 2, 3)));
        p1.onTimeoutPrevote();
        assertEquals(Message.precommit(1, 1, 0, Value.NIL), onlyBroadcast(p1.drainOutputs()));
        assertEquals(Step.PRECOMMIT, p1.step());
    }

    @Test
    void line61_timeoutPrevoteNeedsAQuorumOfPrevotes() {
        Validator p1 = at(c, 1, 1, 0, Step.PREVOTE, prevotes(1, 0, v(5), 0, 2));
        assertRefused(Reason.NO_QUORUM, p1::onTimeoutPrevote, p1);
    }

    @Test
    void line65_timeoutPrecommitStartsTheNextRound() {
        Validator p1 = at(c, 1, 1, 0, Step.PRECOMMIT, all(precommits(1, 0, v(5), 0), precommits(1, 0, Value.NIL, 2, 3)));
        p1.onTimeoutPrecommit();
        assertEquals(1, p1.round());
        assertEquals(Step.PROPOSE, p1.step());
        // validator 1 is the proposer of (h1, r1): no propose timer
        assertTrue(p1.drainOutputs().timers().isEmpty());
    }

    @Test
    void line65_noRoundBeyondMaxRound() {
        Validator p1 = at(c, 1, 1, 3, Step.PRECOMMIT, precommits(1, 3, Value.NIL, 0, 2, 3));
        assertRefused(Reason.LAST_ROUND, p1::onTimeoutPrecommit, p1);
    }

    // ---- catch-up by certificate ----------------------------------------------------------

    @Test
    void catchup_certificateDecidesTheHeight() {
        Validator p3 = at(c, 3, 1, 0, Step.PROPOSE, List.of());
        Certificate cert = new Certificate(1, 2, v(9), precommits(1, 2, v(9), 0, 1, 2));
        assertTrue(p3.canCatchup(cert));
        p3.catchup(cert);
        assertEquals(v(9), p3.decision(1));
        assertEquals(2, p3.height());
        assertEquals(List.of(new Decision(1, 2, v(9))), p3.drainOutputs().decisions());
    }

    @Test
    void catchup_rejectsBadCertificates() {
        Validator p3 = at(c, 3, 1, 0, Step.PROPOSE, List.of());
        // below quorum
        assertRefused(Reason.INVALID_CERTIFICATE,
                () -> p3.catchup(new Certificate(1, 2, v(9), precommits(1, 2, v(9), 0, 1))), p3);
        // the same signer twice
        assertRefused(Reason.INVALID_CERTIFICATE,
                () -> p3.catchup(new Certificate(1, 2, v(9), precommits(1, 2, v(9), 0, 1, 1))), p3);
        // another height
        assertRefused(Reason.INVALID_CERTIFICATE,
                () -> p3.catchup(new Certificate(2, 2, v(9), precommits(2, 2, v(9), 0, 1, 2))), p3);
        // a precommit for another value
        assertRefused(Reason.INVALID_CERTIFICATE, () -> p3.catchup(new Certificate(1, 2, v(9),
                all(precommits(1, 2, v(9), 0, 1), precommits(1, 2, v(8), 2)))), p3);
        // an unknown validator
        assertRefused(Reason.INVALID_CERTIFICATE,
                () -> p3.catchup(new Certificate(1, 2, v(9), precommits(1, 2, v(9), 0, 1, 7))), p3);
        // an invalid value
        assertRefused(Reason.INVALID_VALUE,
                () -> p3.catchup(new Certificate(1, 2, INVALID, precommits(1, 2, INVALID, 0, 1, 2))), p3);
        assertRefused(Reason.INVALID_CERTIFICATE, () -> p3.catchup(null), p3);
    }

    @Test
    void catchup_certificateForAssemblesReceivedPrecommits() {
        Validator p3 = at(c, 3, 1, 1, Step.PROPOSE, precommits(1, 0, v(9), 0, 1, 2));
        Certificate cert = p3.certificateFor(0, v(9));
        assertNotNull(cert);
        assertTrue(CertificateChecker.isValid(c.validators(), cert));
        assertNull(p3.certificateFor(0, v(8)));
    }

    // ---- the driver ------------------------------------------------------------------------

    @Test
    void driver_firesLines22And36And49InOrder() {
        Validator p1 = new Validator(c, 1);
        p1.step(new Input.Start());
        Outputs o = p1.receive(Message.proposal(0, 1, 0, v(11), -1));
        assertEquals(List.of(Message.prevote(1, 1, 0, v(11))), o.broadcasts());
        p1.receive(Message.prevote(0, 1, 0, v(11)));
        o = p1.receive(Message.prevote(2, 1, 0, v(11)));
        assertEquals(List.of(Message.precommit(1, 1, 0, v(11))), o.broadcasts());
        assertTrue(o.timers().isEmpty(), "line 34 needs step = prevote: line 36 fired first");
        p1.receive(Message.precommit(0, 1, 0, v(11)));
        o = p1.receive(Message.precommit(2, 1, 0, v(11)));
        assertEquals(List.of(new Decision(1, 0, v(11))), o.decisions());
        assertEquals(2, p1.height());
        // validator 1 is the proposer of (h2, r0): it proposes getValue(2, 0) = 21 and prevotes it
        assertEquals(List.of(Message.proposal(1, 2, 0, v(21), -1), Message.prevote(1, 2, 0, v(21))), o.broadcasts());
    }

    @Test
    void driver_logsTheSpecActionsItFires() {
        Validator p1 = new Validator(c, 1);
        p1.logActions(true);
        p1.step(new Input.Start());
        p1.receive(Message.proposal(0, 1, 0, v(11), -1));
        p1.receive(Message.prevote(0, 1, 0, v(11)));
        p1.receive(Message.prevote(2, 1, 0, v(11)));
        p1.receive(Message.precommit(0, 1, 0, v(11)));
        p1.receive(Message.precommit(2, 1, 0, v(11)));
        assertEquals(List.of(
                new ActionRecord("UponProposalInPropose", java.util.Map.of("v", v(11))),
                new ActionRecord("UponProposalInPrevoteOrCommitAndPrevote", java.util.Map.of("v", v(11), "vr", -1)),
                new ActionRecord("UponProposalInPrecommitNoDecision", java.util.Map.of("v", v(11), "r", 0)),
                new ActionRecord("InsertProposal", java.util.Map.of("v", v(21))),
                new ActionRecord("UponProposalInPropose", java.util.Map.of("v", v(21)))), p1.takeActionLog());
        assertTrue(p1.takeActionLog().isEmpty());
        // the decision (line 49) comes first in the driver's order, so no precommit timer was needed
        p1.receive(Message.prevote(3, 2, 0, v(21)));
        assertEquals(List.of(), p1.takeActionLog());
    }

    @Test
    void driver_buffersMessagesOfTheNextHeight() {
        Validator p2 = new Validator(c, 2);
        p2.step(new Input.Start());
        // height 2 traffic arrives first
        p2.receive(Message.proposal(1, 2, 0, v(21), -1));
        p2.receive(Message.prevote(1, 2, 0, v(21)));
        p2.receive(Message.prevote(3, 2, 0, v(21)));
        assertEquals(1, p2.height());
        // height 1 is decided through a certificate
        Outputs o = p2.step(new Input.Commit(new Certificate(1, 0, v(11), precommits(1, 0, v(11), 0, 1, 3))));
        assertEquals(2, p2.height());
        // the buffered proposal and prevotes now fire lines 22 and 36
        assertEquals(List.of(Message.prevote(2, 2, 0, v(21)), Message.precommit(2, 2, 0, v(21))), o.broadcasts());
    }

    @Test
    void driver_timeoutInputsFireTheTimeoutRules() {
        Validator p1 = new Validator(c, 1);
        p1.step(new Input.Start());
        Outputs o = p1.step(new Input.Timeout(TimeoutKind.PROPOSE, 1, 0));
        assertEquals(List.of(Message.prevote(1, 1, 0, Value.NIL)), o.broadcasts());
    }
}
