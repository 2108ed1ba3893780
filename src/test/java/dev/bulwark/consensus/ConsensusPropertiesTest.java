package dev.bulwark.consensus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Agreement, Validity and accountability of four (or more) validators under random schedules:
 * reordering, drops, delays and early or late timeouts, with Byzantine validators that
 * equivocate (the harness sends their messages per destination).
 */
class ConsensusPropertiesTest {
    static final long A = 1;
    static final long B = 2;

    /** Four correct validators, instant delivery: every height decided, the round-0 proposals. */
    @Test
    void instantDeliveryDecidesEveryHeightInRoundZero() {
        ConsensusConfig c = Fixtures.four(5, 3);
        SimNetwork net = new SimNetwork(c, Set.of());
        net.start();
        net.runInstant(1_000_000);
        assertTrue(net.allDone());
        for (int p = 0; p < 4; p++) {
            for (long h = 1; h <= 5; h++) {
                assertEquals(TestValues.v(10 * h + 1), net.decisions.get(p).get(h), "p" + p + " h" + h);
            }
        }
        assertFalse(net.disagreement());
        assertTrue(net.convicted().isEmpty());
    }

    /** With a silent proposer at every height the others still decide, in round 1. */
    @Test
    void silentProposerCostsOneRound() {
        ConsensusConfig c = new ConsensusConfig(new long[] {1, 1, 1, 1}, new int[] {3, 0, 1, 2}, 1, 3, Fixtures.POLICY);
        SimNetwork net = new SimNetwork(c, Set.of(3));
        net.start();
        net.runInstant(1_000_000);
        assertTrue(net.allDone());
        for (int p = 0; p < 3; p++) {
            assertEquals(TestValues.v(12), net.decisions.get(p).get(1L), "getValue(1, 1) by validator 0");
        }
    }

    /** One Byzantine step: noise or a split equivocation aimed at one correct validator. */
    static void byzantineStep(SimNetwork net, Random rnd, List<Integer> groupA) {
        List<Integer> byz = new ArrayList<>(net.byzantine);
        java.util.Collections.sort(byz);
        List<Integer> correct = net.correct();
        int b = byz.get(rnd.nextInt(byz.size()));
        int target = correct.get(rnd.nextInt(correct.size()));
        Validator t = net.validators[target];
        if (t.isDone()) {
            return;
        }
        long h = t.height();
        int r = Math.min(t.round() + (rnd.nextInt(4) == 0 ? 1 : 0), net.config.maxRound());
        if (rnd.nextInt(100) < 25) {
            // noise: any message within the bounds, to the target
            long v = rnd.nextInt(4) - 1;
            int type = rnd.nextInt(3);
            Message m = type == 0 ? Message.proposal(b, h, r, v < 0 ? Fixtures.INVALID : TestValues.v(v), rnd.nextInt(r + 1) - 1)
                    : type == 1 ? Message.prevote(b, h, r, TestValues.v(v)) : Message.precommit(b, h, r, TestValues.v(v));
            net.inject(target, m);
            return;
        }
        // split: group A hears A, group B hears B, for the target's current (h, r)
        for (int dest : correct) {
            Value v = TestValues.v(groupA.contains(dest) ? A : B);
            if (net.config.proposers().proposer(h, r) == b) {
                net.inject(dest, Message.proposal(b, h, r, v, -1));
            }
            net.inject(dest, Message.prevote(b, h, r, v));
            net.inject(dest, Message.precommit(b, h, r, v));
        }
    }

    /** Runs a random schedule, then flushes everything that is left (instant delivery). */
    static SimNetwork run(ConsensusConfig c, Set<Integer> byz, long seed, int steps, int dropPercent, int byzPercent) {
        Random rnd = new Random(seed);
        SimNetwork net = new SimNetwork(c, byz);
        List<Integer> correct = net.correct();
        List<Integer> groupA = new ArrayList<>(correct.subList(0, (correct.size() + 1) / 2));
        net.start();
        for (int s = 0; s < steps && !net.allDone(); s++) {
            if (!byz.isEmpty() && rnd.nextInt(100) < byzPercent) {
                byzantineStep(net, rnd, groupA);
            } else {
                net.randomStep(rnd, dropPercent);
            }
        }
        net.runInstant(200_000);
        return net;
    }

    static void assertAgreementAndValidity(SimNetwork net) {
        assertFalse(net.disagreement(), "Agreement");
        for (Map<Long, Value> d : net.decisions.values()) {
            for (Map.Entry<Long, Value> e : d.entrySet()) {
                assertTrue(net.config.policy().valid(e.getValue()), "Validity: valid(v)");
                boolean proposed = net.allSent.stream().anyMatch(m -> m.type() == MessageType.PROPOSAL
                        && m.h() == e.getKey() && m.v().equals(e.getValue()));
                assertTrue(proposed, "Validity: v was proposed at its height");
            }
        }
    }

    /**
     * Up to f Byzantine validators (power below one third, random powers, 4 to 7 validators):
     * Agreement and Validity hold, and no correct validator is convicted of equivocation.
     */
    @Property(tries = 200)
    void agreementAndValidityWithAtMostFByzantine(@ForAll long seed, @ForAll @IntRange(min = 4, max = 7) int n,
            @ForAll @IntRange(min = 0, max = 30) int dropPercent) {
        Random rnd = new Random(seed);
        long[] powers = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            powers[i] = 1 + rnd.nextInt(rnd.nextBoolean() ? 1 : 5);
            order[i] = i;
        }
        long total = 0;
        for (long p : powers) {
            total += p;
        }
        // Byzantine: a random set with 3 * power < total (the proposer of (1, 0) when possible)
        Set<Integer> byz = new HashSet<>();
        long bp = 0;
        List<Integer> candidates = new ArrayList<>();
        candidates.add(0);
        for (int i = 1; i < n; i++) {
            candidates.add(i);
        }
        java.util.Collections.shuffle(candidates.subList(1, n), rnd);
        for (int i : candidates) {
            if (3 * (bp + powers[i]) < total && rnd.nextInt(3) > 0) {
                byz.add(i);
                bp += powers[i];
            }
        }
        ConsensusConfig c = new ConsensusConfig(powers, order, 2, 3, Fixtures.POLICY);
        SimNetwork net = run(c, byz, rnd.nextLong(), 3_000, dropPercent, 20);
        assertAgreementAndValidity(net);
        Set<Integer> convicted = net.convicted();
        Set<Integer> amnesic = net.amnesic();
        for (int p : net.correct()) {
            assertFalse(convicted.contains(p), "a correct validator convicted of equivocation");
            assertFalse(amnesic.contains(p), "a correct validator convicted of amnesia");
        }
        Statistics.label("decided").collect(net.decidedCount() > 0);
        Statistics.label("byzantine").collect(!byz.isEmpty());
        Statistics.label("decided").coverage(cov -> cov.check(true).count(k -> k > 0));
        Statistics.label("byzantine").coverage(cov -> cov.check(true).count(k -> k > 0));
    }

    /**
     * f + 1 Byzantine validators of four (the proposer of (1, 0) among them) split the two
     * correct ones. Whenever the correct validators disagree, the equivocation pairs among the
     * sent messages convict at least f + 1 validators, all Byzantine. Disagreement must actually
     * happen in some runs (coverage), so the property is not vacuous.
     */
    @Property(tries = 200)
    void disagreementConvictsAtLeastFPlusOne(@ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int dropPercent) {
        ConsensusConfig c = Fixtures.four(2, 3);
        Set<Integer> byz = Set.of(0, 1);
        SimNetwork net = run(c, byz, seed, 3_000, dropPercent, 30);
        boolean disagree = net.disagreement();
        Set<Integer> convicted = new HashSet<>(net.convicted());
        convicted.addAll(net.amnesic());
        if (disagree) {
            assertTrue(convicted.size() >= 2, "f + 1 = 2 validators convicted: " + convicted);
        }
        assertTrue(byz.containsAll(convicted), "only Byzantine validators convicted: " + convicted);
        Statistics.label("disagreement").collect(disagree);
        Statistics.label("disagreement").coverage(cov -> cov.check(true).count(k -> k > 0));
    }

    /**
     * Liveness once the network behaves: after a random phase (reordering, early timeouts, one
     * Byzantine validator of four sending noise and split equivocations), all messages are
     * delivered and timers fire in order; every correct validator then decides every height
     * (rounds up to 30 leave room for the rounds the random phase burns).
     */
    @Property(tries = 100)
    void eventuallyDecidesWithOneByzantineAndNoDrops(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int byzantine) {
        ConsensusConfig c = Fixtures.four(2, 30);
        SimNetwork net = run(c, Set.of(byzantine), seed, 3_000, 0, 20);
        assertTrue(net.allDone(), "every correct validator decided every height");
        assertAgreementAndValidity(net);
    }

    /** The split attack with instant delivery and no timeouts: disagreement in round 0. */
    @Test
    void splitAttackWithFPlusOneByzantineBreaksAgreementAndIsConvicted() {
        ConsensusConfig c = Fixtures.four(1, 1);
        SimNetwork net = new SimNetwork(c, Set.of(0, 1));
        net.start();
        for (int dest : List.of(2, 3)) {
            Value v = TestValues.v(dest == 2 ? A : B);
            net.inject(dest, Message.proposal(0, 1, 0, v, -1));
            for (int b : List.of(0, 1)) {
                net.inject(dest, Message.prevote(b, 1, 0, v));
                net.inject(dest, Message.precommit(b, 1, 0, v));
            }
        }
        net.runInstant(10_000);
        assertEquals(TestValues.v(A), net.decisions.get(2).get(1L));
        assertEquals(TestValues.v(B), net.decisions.get(3).get(1L));
        assertTrue(net.disagreement());
        assertEquals(Set.of(0, 1), net.convicted());
    }
}
