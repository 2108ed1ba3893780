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

/** The vote keeper: counting, duplicates, equivocation, exact thresholds, values as digests. */
class VoteKeeperTest {
    private static final MessageType PV = MessageType.PREVOTE;
    private static final MessageType PC = MessageType.PRECOMMIT;

    private static VoteKeeper keeper(long... powers) {
        return new VoteKeeper(new ValidatorSet(powers), 1, 3, 0);
    }

    private static Value v(long i) {
        return TestValues.v(i);
    }

    /**
     * VoteKeeper's index arithmetic writes WINDOW and MAX_VOTES_PER_SENDER as the numbers 4 and 8
     * (the verifier would see a product of unknowns otherwise): a change of either constant must
     * change those literals too, and this fails until it does.
     */
    @Test
    void indexLiteralsMatchTheConstants() {
        assertEquals(4, VoteKeeper.WINDOW, "VoteKeeper writes WINDOW as 4 in its row arithmetic");
        assertEquals(8, VoteKeeper.MAX_VOTES_PER_SENDER, "VoteKeeper writes MAX_VOTES_PER_SENDER as 8 in its vote arithmetic");
        for (long h = 0; h < 12; h++) {
            assertEquals((int) (h % VoteKeeper.WINDOW), VoteKeeper.slotOf(h));
        }
    }

    @Test
    void firstVoteCountsDuplicateIgnored() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        assertEquals(VoteKeeper.ADDED, k.addVote(PV, 1, 1, 0, v(5)));
        assertEquals(VoteKeeper.DUPLICATE, k.addVote(PV, 1, 1, 0, v(5)));
        assertEquals(1, k.powerFor(1, PV, 0, v(5)));
        assertEquals(1, k.powerAny(1, PV, 0));
        assertEquals(0, k.powerAny(1, PC, 0));
        assertEquals(v(5), k.firstVote(1, PV, 0, 1));
        assertNull(k.firstVote(1, PV, 0, 2));
        assertEquals(VoteKeeper.ABSENT, k.voteIndexOf(1, PV, 0, 2));
    }

    @Test
    void equivocationIsReportedAndNotCountedTwice() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        k.addVote(PV, 1, 1, 0, v(5));
        assertEquals(VoteKeeper.EQUIVOCATION, k.addVote(PV, 1, 1, 0, Value.NIL));
        assertEquals(1, k.powerAny(1, PV, 0), "the any-value tally counts validator 1 once");
        assertEquals(1, k.powerFor(1, PV, 0, v(5)));
        assertEquals(1, k.powerFor(1, PV, 0, Value.NIL), "as the spec's Senders(PrevotesFor(h, r, nil))");
        assertEquals(v(5), k.firstVote(1, PV, 0, 1), "the first vote stays the reference vote");
        // the same equivocating vote again is a duplicate
        assertEquals(VoteKeeper.DUPLICATE, k.addVote(PV, 1, 1, 0, Value.NIL));
        assertEquals(1, k.powerFor(1, PV, 0, Value.NIL));
    }

    @Test
    void votesBeyondTheBoundAreOnlyEvidence() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        for (int x = 0; x < VoteKeeper.MAX_VOTES_PER_SENDER; x++) {
            k.addVote(PC, 2, 1, 1, v(x));
        }
        assertEquals(VoteKeeper.EQUIVOCATION, k.addVote(PC, 2, 1, 1, v(77)));
        assertEquals(0, k.powerFor(1, PC, 1, v(77)));
        assertFalse(k.hasVoted(1, PC, 1, 2, v(77)));
        assertEquals(VoteKeeper.ABSENT, k.find(1, 1, v(77)), "a value no counted message named is not in the table");
    }

    @Test
    void validatorReportsEquivocationEvidence() {
        Validator p = new Validator(Fixtures.four(), 1);
        p.recordMessage(Message.prevote(3, 1, 0, v(5)));
        p.recordMessage(Message.prevote(3, 1, 0, v(6)));
        p.recordMessage(Message.proposal(0, 1, 0, v(5), -1));
        p.recordMessage(Message.proposal(0, 1, 0, v(6), -1));
        Outputs o = p.drainOutputs();
        assertEquals(List.of(new Evidence(Message.prevote(3, 1, 0, v(5)), Message.prevote(3, 1, 0, v(6))),
                new Evidence(Message.proposal(0, 1, 0, v(5), -1), Message.proposal(0, 1, 0, v(6), -1))),
                o.evidence());
        assertEquals(2, p.evidence().size());
        assertTrue(EvidenceDetector.isEquivocation(o.evidence().get(0).first(), o.evidence().get(0).second()));
    }

    @Test
    void amnesiaIsAPrecommitThenAnUnjustifiedPrevote() {
        ValidatorSet vs = new ValidatorSet(new long[] {1, 1, 1, 1});
        Value a = v(1);
        Value b = v(2);
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
        k.addVote(PV, 0, 1, 0, v(5));
        assertFalse(k.quorumFor(1, PV, 0, v(5)), "3*5 = 15 is not > 16");
        k.addVote(PV, 1, 1, 0, v(5));
        assertTrue(k.quorumFor(1, PV, 0, v(5)), "3*6 = 18 > 16");
        k.addVote(PV, 2, 1, 1, v(5));
        k.addVote(PV, 3, 1, 1, v(5));
        assertFalse(k.oneThirdSenders(1, 1), "3*2 = 6 is not > 8");
        k.addVote(PC, 0, 1, 1, v(5));
        assertTrue(k.oneThirdSenders(1, 1));
    }

    @Test
    void boundsKeepThresholdProductsInALong() {
        long[] p = new long[ValidatorSet.MAX_VALIDATORS];
        java.util.Arrays.fill(p, ValidatorSet.MAX_POWER);
        ValidatorSet vs = new ValidatorSet(p);
        assertEquals(ValidatorSet.MAX_TOTAL_POWER, vs.totalPower());
        assertTrue(BigInteger.valueOf(vs.totalPower()).multiply(BigInteger.valueOf(3)).compareTo(BigInteger.valueOf(Long.MAX_VALUE)) < 0);
        VoteKeeper k = new VoteKeeper(vs, 1, 0, 0);
        // 3 * 682 = 2046 is not > 2 * 1024; 3 * 683 = 2049 is
        for (int i = 0; i < 682; i++) {
            k.addVote(PC, i, 1, 0, v(1));
        }
        assertFalse(k.quorumFor(1, PC, 0, v(1)));
        assertEquals(682L * ValidatorSet.MAX_POWER, k.powerFor(1, PC, 0, v(1)));
        k.addVote(PC, 682, 1, 0, v(1));
        assertTrue(k.quorumFor(1, PC, 0, v(1)));
        // every validator once: the tally is the total, exactly (no saturation below it)
        for (int i = 683; i < ValidatorSet.MAX_VALIDATORS; i++) {
            k.addVote(PC, i, 1, 0, v(1));
        }
        assertEquals(ValidatorSet.MAX_TOTAL_POWER, k.powerFor(1, PC, 0, v(1)));
        assertEquals(ValidatorSet.MAX_TOTAL_POWER, k.powerAny(1, PC, 0));
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
            MessageType t = rnd.nextBoolean() ? PV : PC;
            int src = rnd.nextInt(n);
            int r = rnd.nextInt(4);
            long x = rnd.nextInt(12) - 1;
            LinkedHashSet<Long> mine = counted.computeIfAbsent(List.of(t, src, r), y -> new LinkedHashSet<>());
            int expected = mine.contains(x) ? VoteKeeper.DUPLICATE : mine.isEmpty() ? VoteKeeper.ADDED : VoteKeeper.EQUIVOCATION;
            if (!mine.contains(x) && mine.size() < VoteKeeper.MAX_VOTES_PER_SENDER) {
                mine.add(x);
            }
            assertEquals(expected, k.addVote(t, src, 1, r, v(x)));
        }
        for (MessageType t : new MessageType[] {PV, PC}) {
            for (int r = 0; r < 4; r++) {
                long any = 0;
                Map<Long, Long> per = new HashMap<>();
                for (int src = 0; src < n; src++) {
                    Set<Long> mine = counted.getOrDefault(List.of(t, src, r), new LinkedHashSet<>());
                    if (!mine.isEmpty()) {
                        any += powers[src];
                    }
                    for (long x : mine) {
                        per.merge(x, powers[src], Long::sum);
                    }
                    // the keeper holds exactly the counted votes, in arrival order
                    assertEquals(mine.size(), k.voteCount(1, t, r, src));
                    int j = 0;
                    for (long x : mine) {
                        assertEquals(v(x), k.valueAt(1, r, k.voteAt(1, t, r, src, j++)));
                    }
                }
                assertEquals(any, k.powerAny(1, t, r));
                for (long x = -1; x < 11; x++) {
                    assertEquals(per.getOrDefault(x, 0L), k.powerFor(1, t, r, v(x)));
                }
            }
        }
        // the round's table holds each distinct value once, nil never
        for (int r = 0; r < 4; r++) {
            Set<Value> seen = new HashSet<>();
            for (int i = 0; i < k.valueCount(1, r); i++) {
                assertFalse(k.valueAt(1, r, i).isNil());
                assertTrue(seen.add(k.valueAt(1, r, i)), "a value interned twice");
            }
            assertTrue(k.valueCount(1, r) <= k.valueCapacity());
        }
    }

    @Test
    void proposalsFromTheProposerAreKeptAndEquivocationsFlagged() {
        VoteKeeper k = keeper(1, 1, 1, 1);
        assertEquals(VoteKeeper.ADDED, k.addProposal(0, 1, 0, v(5), -1));
        assertEquals(VoteKeeper.DUPLICATE, k.addProposal(0, 1, 0, v(5), -1));
        assertEquals(VoteKeeper.EQUIVOCATION, k.addProposal(0, 1, 0, v(6), -1));
        assertTrue(k.hasProposal(1, 0, v(5), -1));
        assertTrue(k.hasProposal(1, 0, v(6), -1));
        assertTrue(k.hasProposalValue(1, 0, v(6)));
        assertFalse(k.hasProposal(1, 0, v(6), 0));
        assertEquals(2, k.proposalCount(1, 0));
        for (int x = 10; x < 10 + 2 * VoteKeeper.MAX_PROPOSALS_PER_ROUND; x++) {
            k.addProposal(0, 1, 0, v(x), -1);
        }
        assertEquals(VoteKeeper.MAX_PROPOSALS_PER_ROUND, k.proposalCount(1, 0));
        Set<Value> distinct = new HashSet<>();
        for (int i = 0; i < k.proposalCount(1, 0); i++) {
            distinct.add(k.proposalValue(1, 0, i));
        }
        assertEquals(VoteKeeper.MAX_PROPOSALS_PER_ROUND, distinct.size());
        assertEquals(VoteKeeper.MAX_PROPOSALS_PER_ROUND, k.valueCount(1, 0), "one table entry per kept proposal");
    }
}
