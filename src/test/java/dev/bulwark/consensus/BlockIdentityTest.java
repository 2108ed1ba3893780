package dev.bulwark.consensus;

import static dev.bulwark.consensus.Fixtures.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A consensus value is the full 32-byte digest of a block. Two blocks whose hashes share their
 * first 64 bits (what the former 64-bit value id kept: a Byzantine proposer finds such a pair
 * with about 2^32 work) are two different values everywhere: in messages, in tallies, in
 * evidence, in certificates and in decisions.
 */
class BlockIdentityTest {
    /** Two digests with the same first 8 bytes (and the same next 16): they differ in the last word only. */
    static final Value A = Value.ofWords(0x0123456789ABCDEFL, 0x1111111111111111L, 0x2222222222222222L, 0x3333333333333333L);
    static final Value B = Value.ofWords(0x0123456789ABCDEFL, 0x1111111111111111L, 0x2222222222222222L, 0x3333333333333334L);
    /** Every test value the policy below accepts: A and B are both valid blocks. */
    static final ValuePolicy POLICY = new ValuePolicy() {
        @Override
        public boolean valid(Value v) {
            return v != null && (v.sameAs(A) || v.sameAs(B));
        }

        @Override
        public Value getValue(long h, int r) {
            return A;
        }
    };

    private final ConsensusConfig c = ConsensusConfig.equalPower(4, 2, 2, POLICY);

    @Test
    void theTwoDigestsShareTheirPrefixAndAreDifferentValues() {
        byte[] a = A.digest();
        byte[] b = B.digest();
        assertArrayEquals(java.util.Arrays.copyOf(a, 8), java.util.Arrays.copyOf(b, 8), "the same 64-bit prefix");
        assertFalse(A.sameAs(B));
        assertNotEquals(A, B);
        assertEquals(A, Value.ofDigest(a));
        assertEquals(B, Value.ofDigest(b));
        assertNotEquals(Message.prevote(0, 1, 0, A), Message.prevote(0, 1, 0, B));
        assertNotEquals(Message.proposal(0, 1, 0, A, -1), Message.proposal(0, 1, 0, B, -1));
        assertTrue(EvidenceDetector.isEquivocation(Message.prevote(3, 1, 0, A), Message.prevote(3, 1, 0, B)));
        // nil is no digest: 32 zero bytes are a value of their own
        Value zeros = Value.ofDigest(new byte[Value.DIGEST_BYTES]);
        assertFalse(zeros.isNil());
        assertFalse(zeros.sameAs(Value.NIL));
    }

    @Test
    void talliesCountThemApart() {
        VoteKeeper k = new VoteKeeper(c.validators(), 1, 2, 0);
        k.addVote(MessageType.PREVOTE, 1, 1, 0, A);
        k.addVote(MessageType.PREVOTE, 2, 1, 0, A);
        k.addVote(MessageType.PREVOTE, 3, 1, 0, B);
        assertEquals(2, k.powerFor(1, MessageType.PREVOTE, 0, A));
        assertEquals(1, k.powerFor(1, MessageType.PREVOTE, 0, B));
        assertEquals(3, k.powerAny(1, MessageType.PREVOTE, 0));
        assertFalse(k.quorumFor(1, MessageType.PREVOTE, 0, A), "B's vote does not count for A");
        assertNotEquals(k.find(1, 0, A), k.find(1, 0, B));
        assertEquals(2, k.valueCount(1, 0));
        // a validator that votes A then B equivocates, and is counted for each
        assertEquals(VoteKeeper.EQUIVOCATION, k.addVote(MessageType.PREVOTE, 1, 1, 0, B));
        assertEquals(2, k.powerFor(1, MessageType.PREVOTE, 0, B));
        assertTrue(k.hasVoted(1, MessageType.PREVOTE, 0, 1, A));
        assertTrue(k.hasVoted(1, MessageType.PREVOTE, 0, 1, B));
    }

    @Test
    void aProposerSigningBothIsConvictedAndNeitherGetsTheOtherOnesVotes() {
        Validator p1 = new Validator(c, 1);
        assertEquals(List.of(Message.prevote(1, 1, 0, A)), p1.receive(Message.proposal(0, 1, 0, A, -1)).broadcasts());
        Outputs o = p1.receive(Message.proposal(0, 1, 0, B, -1));
        assertEquals(List.of(new Evidence(Message.proposal(0, 1, 0, A, -1), Message.proposal(0, 1, 0, B, -1))), o.evidence());
        // prevotes for B from 2 and 3, with 1's own prevote for A: no quorum for either value
        p1.receive(Message.prevote(2, 1, 0, B));
        p1.receive(Message.prevote(3, 1, 0, B));
        assertEquals(Step.PREVOTE, p1.step());
        assertFalse(p1.currentVotes().quorumFor(1, MessageType.PREVOTE, 0, A));
        assertFalse(p1.currentVotes().quorumFor(1, MessageType.PREVOTE, 0, B));
        assertEquals(Reason.NO_QUORUM, p1.uponProposalInPrevoteOrCommitAndPrevoteRefusal(A, -1));
        assertEquals(Reason.NO_QUORUM, p1.uponProposalInPrevoteOrCommitAndPrevoteRefusal(B, -1));
        assertEquals(-1, p1.state().lockedRound());
        // the third prevote for B makes B's quorum (and only B's): the validator locks B
        p1.receive(Message.prevote(0, 1, 0, B));
        assertEquals(1, p1.currentVotes().powerFor(1, MessageType.PREVOTE, 0, A));
        assertEquals(3, p1.currentVotes().powerFor(1, MessageType.PREVOTE, 0, B));
        assertEquals(B, p1.state().lockedValue());
        assertNotEquals(A, p1.state().lockedValue());
    }

    @Test
    void certificatesAndDecisionsKeepTheFullDigest() {
        List<Message> forA = precommits(1, 0, A, 0, 2, 3);
        List<Message> mixed = new ArrayList<>(precommits(1, 0, A, 0, 2));
        mixed.add(Message.precommit(3, 1, 0, B));
        assertTrue(CertificateChecker.isValid(c.validators(), new Certificate(1, 0, A, forA)));
        assertFalse(CertificateChecker.isValid(c.validators(), new Certificate(1, 0, B, forA)), "A's precommits certify A only");
        assertFalse(CertificateChecker.isValid(c.validators(), new Certificate(1, 0, A, mixed)), "B's precommit is not A's");
        Validator p1 = new Validator(c, 1);
        ConsensusException e = assertThrows(ConsensusException.class, () -> p1.catchup(new Certificate(1, 0, B, forA)));
        assertEquals(Reason.INVALID_CERTIFICATE, e.reason());
        p1.catchup(new Certificate(1, 0, A, forA));
        assertEquals(A, p1.decision(1));
        assertNotEquals(B, p1.decision(1));
        // decided through the rules: precommits for B do not decide A
        Validator p2 = new Validator(c, 2);
        p2.receive(Message.proposal(1, 2, 0, A, -1)); // the proposer of (2, 0), kept for height 2
        for (int q : new int[] {0, 1, 3}) {
            p2.receive(Message.precommit(q, 2, 0, B));
        }
        p2.receive(Message.proposal(0, 1, 0, A, -1));
        for (int q : new int[] {0, 1, 3}) {
            p2.receive(Message.precommit(q, 1, 0, B));
        }
        assertEquals(1, p2.height(), "no decision: the quorum is for B, the proposal is A");
        for (int q : new int[] {0, 1, 3}) {
            p2.receive(Message.precommit(q, 1, 0, A));
        }
        assertEquals(2, p2.height(), "A's quorum decides A");
        assertEquals(A, p2.decision(1));
        assertEquals(Value.NIL, p2.decision(2), "at height 2 B's quorum does not decide the proposed A");
    }
}
