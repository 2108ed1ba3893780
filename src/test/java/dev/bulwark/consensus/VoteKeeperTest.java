package dev.bulwark.consensus;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The vote keeper: counting, duplicates, equivocation, exact thresholds. */
class VoteKeeperTest {
    private static VoteKeeper keeper(long... powers) {
        return new VoteKeeper(new ValidatorSet(powers), 1, 3);
    }

    @Test
    void firstVoteCountsDuplicateIgnored() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        assertEquals(VoteKeeper.ADDED, k.addVote(MessageType.PREVOTE, 0, 0, 5));
        assertEquals(VoteKeeper.DUPLICATE, k.addVote(MessageType.PREVOTE, 0, 0, 5));
        assertEquals(1, k.powerFor(MessageType.PREVOTE, 0, 5));
        assertEquals(1, k.powerAny(MessageType.PREVOTE, 0));
        assertEquals(0, k.powerAny(MessageType.PRECOMMIT, 0));
        assertEquals(5, k.voteOf(MessageType.PREVOTE, 0, 0));
        assertEquals(VoteKeeper.NONE, k.voteOf(MessageType.PREVOTE, 0, 1));
    }

    @Test
    void equivocationIsReportedAndNotCountedTwice() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        k.addVote(MessageType.PREVOTE, 0, 0, 5);
        assertEquals(VoteKeeper.EQUIVOCATION, k.addVote(MessageType.PREVOTE, 0, 0, Value.NIL_ID));
        assertEquals(1, k.powerAny(MessageType.PREVOTE, 0), "the any-value tally counts validator 0 once");
        assertEquals(1, k.powerFor(MessageType.PREVOTE, 0, 5));
        assertEquals(1, k.powerFor(MessageType.PREVOTE, 0, Value.NIL_ID), "as the spec's Senders(PrevotesFor(h, r, nil))");
        assertEquals(5, k.voteOf(MessageType.PREVOTE, 0, 0), "the first vote stays the reference vote");
        // the same equivocating vote again is a duplicate
        assertEquals(VoteKeeper.DUPLICATE, k.addVote(MessageType.PREVOTE, 0, 0, Value.NIL_ID));
        assertEquals(1, k.powerFor(MessageType.PREVOTE, 0, Value.NIL_ID));
    }

    @Test
    void votesBeyondTheBoundAreOnlyEvidence() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        for (int v = 0; v < VoteKeeper.MAX_VOTES_PER_SENDER; v++) {
            k.addVote(MessageType.PRECOMMIT, 2, 1, v);
        }
        assertEquals(VoteKeeper.EQUIVOCATION, k.addVote(MessageType.PRECOMMIT, 2, 1, 77));
        assertEquals(0, k.powerFor(MessageType.PRECOMMIT, 1, 77));
        assertFalse(k.hasVoted(MessageType.PRECOMMIT, 1, 2, 77));
    }

    @Test
    void validatorReportsEquivocationEvidence() {
        Validator p = new Validator(Fixtures.four(), 1);
        p.recordMessage(Message.prevote(3, 1, 0, new Value(5)));
        p.recordMessage(Message.prevote(3, 1, 0, new Value(6)));
        p.recordMessage(Message.proposal(0, 1, 0, new Value(5), -1));
        p.recordMessage(Message.proposal(0, 1, 0, new Value(6), -1));
        Outputs o = p.drainOutputs();
        assertEquals(List.of(new Evidence(Message.prevote(3, 1, 0, new Value(5)), Message.prevote(3, 1, 0, new Value(6))),
                new Evidence(Message.proposal(0, 1, 0, new Value(5), -1), Message.proposal(0, 1, 0, new Value(6), -1))),
                o.evidence());
        assertEquals(2, p.evidence().size());
        assertTrue(EvidenceDetector.isEquivocation(o.evidence().get(0).first(), o.evidence().get(0).second()));
    }

    @Test
    void amnesiaIsAPrecommitThenAnUnjustifiedPrevote() {
        ValidatorSet vs = new ValidatorSet(new long[] {1, 1, 1, 1});
        Value a = new Value(1);
        Value b = new Value(2);
        List<Message> ms = new ArrayList<>(List.of(Message.precommit(3, 1, 0, a), Message.prevote(3, 1, 2, b)));
        assertEquals(Set.of(3), EvidenceDetector.amnesic(ms, vs));
        // a quorum of prevotes for b in round 1 (between the two) justifies the change
        ms.addAll(List.of(Message.prevote(0, 1, 1, b), Message.prevote(1, 1, 1, b), Message.prevote(2, 1, 1, b)));
        assertEquals(Set.of(), EvidenceDetector.amnesic(ms, vs));
        // a quorum in round 2 itself does not (it is not before r2)
        List<Message> late = new ArrayList<>(List.of(Message.precommit(3, 1, 0, a), Message.prevote(3, 1, 2, b),
                Message.prevote(0, 1, 2, b), Message.prevote(1, 1, 2, b), Message.prevote(2, 1, 2, b)));
        assertEquals(Set.of(3), EvidenceDetector.amnesic(late, vs));
        // nil votes and other heights are no amnesia
        assertEquals(Set.of(), EvidenceDetector.amnesic(List.of(Message.precommit(3, 1, 0, a),
                Message.prevote(3, 1, 2, Value.NIL), Message.prevote(3, 2, 2, b)), vs));
    }

    @Test
    void weightedThresholds() {
        VoteKeeper k = keeper(5, 1, 1, 1); // total 8
        k.addVote(MessageType.PREVOTE, 0, 0, 5);
        assertFalse(k.quorumFor(MessageType.PREVOTE, 0, 5), "3*5 = 15 is not > 16");
        k.addVote(MessageType.PREVOTE, 1, 0, 5);
        assertTrue(k.quorumFor(MessageType.PREVOTE, 0, 5), "3*6 = 18 > 16");
        k.addVote(MessageType.PREVOTE, 2, 1, 5);
        k.addVote(MessageType.PREVOTE, 3, 1, 5);
        assertFalse(k.oneThirdSenders(1), "3*2 = 6 is not > 8");
        k.addVote(MessageType.PRECOMMIT, 0, 1, 5);
        assertTrue(k.oneThirdSenders(1));
    }

    @Test
    void boundsKeepThresholdProductsInALong() {
        long[] p = new long[ValidatorSet.MAX_VALIDATORS];
        java.util.Arrays.fill(p, ValidatorSet.MAX_POWER);
        ValidatorSet vs = new ValidatorSet(p);
        assertEquals(ValidatorSet.MAX_TOTAL_POWER, vs.totalPower());
        assertTrue(BigInteger.valueOf(vs.totalPower()).multiply(BigInteger.valueOf(3)).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) < 0);
        VoteKeeper k = new VoteKeeper(vs, 1, 0);
        // 3 * 682 = 2046 is not > 2 * 1024; 3 * 683 = 2049 is
        for (int i = 0; i < 682; i++) {
            k.addVote(MessageType.PRECOMMIT, i, 0, 1);
        }
        assertFalse(k.quorumFor(MessageType.PRECOMMIT, 0, 1));
        assertEquals(682L * ValidatorSet.MAX_POWER, k.powerFor(MessageType.PRECOMMIT, 0, 1));
        k.addVote(MessageType.PRECOMMIT, 682, 0, 1);
        assertTrue(k.quorumFor(MessageType.PRECOMMIT, 0, 1));
    }

    @Property(tries = 500)
    void thresholdsAreExact(@ForAll @LongRange(min = 1, max = ValidatorSet.MAX_TOTAL_POWER) long t,
            @ForAll @LongRange(min = 0, max = ValidatorSet.MAX_TOTAL_POWER) long p0) {
        long p = p0 % (t + 1);
        BigInteger bp = BigInteger.valueOf(p);
        BigInteger bt = BigInteger.valueOf(t);
        assertEquals(bp.multiply(BigInteger.valueOf(3)).compareTo(bt.multiply(BigInteger.TWO)) > 0, ValidatorSet.isQuorum(p, t));
        assertEquals(bp.multiply(BigInteger.valueOf(3)).compareTo(bt) > 0, ValidatorSet.isOneThird(p, t));
    }

    /** Tallies equal a recount from the multiset of received votes, under any order and repetition. */
    @Property(tries = 300)
    void talliesMatchARecount(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int n) {
        Random rnd = new Random(seed);
        long[] powers = new long[n];
        for (int i = 0; i < n; i++) {
            powers[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 1_000_000);
        }
        VoteKeeper k = keeper(powers);
        // counted[slot][src] = distinct values in arrival order
        Map<List<Object>, LinkedHashSet<Long>> counted = new HashMap<>();
        for (int step = 0; step < 200; step++) {
            MessageType t = rnd.nextBoolean() ? MessageType.PREVOTE : MessageType.PRECOMMIT;
            int src = rnd.nextInt(n);
            int r = rnd.nextInt(4);
            long v = rnd.nextInt(7) - 1;
            LinkedHashSet<Long> mine = counted.computeIfAbsent(List.of(t, src, r), x -> new LinkedHashSet<>());
            int expected = mine.contains(v) ? VoteKeeper.DUPLICATE : mine.isEmpty() ? VoteKeeper.ADDED : VoteKeeper.EQUIVOCATION;
            if (!mine.contains(v) && mine.size() < VoteKeeper.MAX_VOTES_PER_SENDER) {
                mine.add(v);
            }
            assertEquals(expected, k.addVote(t, src, r, v));
        }
        for (MessageType t : new MessageType[] {MessageType.PREVOTE, MessageType.PRECOMMIT}) {
            for (int r = 0; r < 4; r++) {
                long any = 0;
                Map<Long, Long> per = new HashMap<>();
                for (int src = 0; src < n; src++) {
                    Set<Long> mine = counted.getOrDefault(List.of(t, src, r), new LinkedHashSet<>());
                    if (!mine.isEmpty()) {
                        any += powers[src];
                    }
                    for (long v : mine) {
                        per.merge(v, powers[src], Long::sum);
                    }
                }
                assertEquals(any, k.powerAny(t, r));
                for (long v = -1; v < 6; v++) {
                    assertEquals(per.getOrDefault(v, 0L), k.powerFor(t, r, v));
                }
            }
        }
    }

    @Test
    void proposalsFromTheProposerAreKeptAndEquivocationsFlagged() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        assertEquals(VoteKeeper.ADDED, k.addProposal(0, 0, 5, -1));
        assertEquals(VoteKeeper.DUPLICATE, k.addProposal(0, 0, 5, -1));
        assertEquals(VoteKeeper.EQUIVOCATION, k.addProposal(0, 0, 6, -1));
        assertTrue(k.hasProposal(0, 5, -1));
        assertTrue(k.hasProposal(0, 6, -1));
        assertTrue(k.hasProposalValue(0, 6));
        assertFalse(k.hasProposal(0, 6, 0));
        assertEquals(2, k.proposalCount(0));
        List<Long> extra = new ArrayList<>();
        for (int v = 10; v < 10 + 2 * VoteKeeper.MAX_PROPOSALS_PER_ROUND; v++) {
            k.addProposal(0, 0, v, -1);
            extra.add((long) v);
        }
        assertEquals(VoteKeeper.MAX_PROPOSALS_PER_ROUND, k.proposalCount(0));
        Set<Long> distinct = new HashSet<>();
        for (int i = 0; i < k.proposalCount(0); i++) {
            distinct.add(k.proposalValue(0, i));
        }
        assertEquals(VoteKeeper.MAX_PROPOSALS_PER_ROUND, distinct.size());
    }
}
