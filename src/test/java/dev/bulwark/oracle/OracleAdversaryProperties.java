package dev.bulwark.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Adversarial rounds through the Oracle itself.  Random reporter sets (stakes up to the hard
 * cap, arbitrary reliabilities), honest reports within Tol of a true price, honest reporters
 * that may be slow (abstain), and faulty reporters that choose their reports to maximise the
 * aggregate's error: all at the lowest or highest price, just outside the honest range, split
 * between both extremes, equivocating, or the worse of low and high computed with full
 * knowledge of the honest reports.
 *
 * <p>The weight-level step of HonestRange (the median lemma, proofs/oracle/OracleMedian.tla):
 * whenever 3 * W(Faulty) &lt;= W(Reporters) and the round aggregates, the round's aggregate
 * (accepted or held) lies between the lowest and highest honest fresh report -- for any
 * reliabilities, loaded with {@code fromState}.  When the faulty weight is above a third, the
 * same adversary gets the aggregate out of the honest range in a measurable share of cases:
 * asserted to happen.  The guarantee over stake, across rounds (reliability can only lower a
 * weight, so a third of the stake never carries more than a third of the weight), is
 * {@link StakeGuaranteeProperties}.
 */
class OracleAdversaryProperties {

    enum Strategy { LOW, HIGH, SPLIT, JUST_OUTSIDE_LOW, JUST_OUTSIDE_HIGH, EQUIVOCATE, ABSTAIN, WORST, RANDOM }

    static final long MIN_PRICE = 1;
    static final long MAX_PRICE = 1_000_000;
    static final long TOL = 50;

    /** One adversarial round on a freshly loaded oracle; the outcome. */
    record Outcome(boolean aggregated, long aggregate, long honestLo, long honestHi, long faultyW, long totalW,
                   long faultyFreshW, long freshW) {
        boolean inHonestRange() {
            return honestLo <= aggregate && aggregate <= honestHi;
        }
    }

    /**
     * Builds a random reporter set and runs one round.  {@code faultyShare}: 0 = the faulty
     * weight is pushed as close to one third as the stakes allow (never above), 1 = strictly
     * above one third, 2 = arbitrary.
     */
    static Outcome round(long seed, Strategy strategy, int faultyShare, double honestAbstain) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3 + rnd.nextInt(rnd.nextBoolean() ? 8 : 60);
        boolean[] faulty = new boolean[n];
        int nf = 1 + rnd.nextInt(Math.max(1, n / 2));
        for (int i = 0; i < nf; i++) {
            faulty[rnd.nextInt(n)] = true;
        }
        long maxRel = rnd.nextBoolean() ? 3 : Oracle.MAX_REL;
        long[] rel = new long[n];
        long[] stake = new long[n];
        long stakeCap = rnd.nextBoolean() ? 10 : Oracle.MAX_STAKE;
        for (int r = 0; r < n; r++) {
            stake[r] = 1 + rnd.nextLong(stakeCap);
            rel[r] = faultyShare == 0 ? maxRel : rnd.nextLong(maxRel + 1);
        }
        if (faultyShare == 0) {
            // scale the faulty stakes so that 3 * faulty <= total, as close to equality as possible
            long honest = 0;
            int faultyCount = 0;
            for (int r = 0; r < n; r++) {
                if (faulty[r]) {
                    faultyCount++;
                } else {
                    honest += stake[r];
                }
            }
            long budget = honest / 2; // faulty <= honest / 2  <=>  3 * faulty <= total
            Assume.that(faultyCount > 0 && budget >= faultyCount);
            long each = budget / faultyCount;
            long extra = budget - each * faultyCount;
            for (int r = 0; r < n; r++) {
                if (faulty[r]) {
                    stake[r] = Math.min(Oracle.MAX_STAKE, each + (extra > 0 ? 1 : 0));
                    if (extra > 0) {
                        extra--;
                    }
                }
            }
        }
        long[] pxs = new long[n];
        OracleParams p = new OracleParams(stake, maxRel, 1 + rnd.nextLong(maxRel), MIN_PRICE, MAX_PRICE, TOL,
                2 * TOL, 10, 1 + rnd.nextLong(100), 3, 10);
        Oracle o = Oracle.fromState(p, 0, new long[n], rel, 0, -1, 0, -1, false, List.of());
        long tp = MIN_PRICE + TOL + rnd.nextLong(MAX_PRICE - MIN_PRICE - 2 * TOL);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int r = 0; r < n; r++) {
            if (!faulty[r] && rnd.nextDouble() >= honestAbstain) {
                long px = tp - TOL + rnd.nextLong(2 * TOL + 1);
                o.report(r, px);
                lo = Math.min(lo, px);
                hi = Math.max(hi, px);
            }
        }
        Assume.that(lo <= hi); // some honest report
        // WORST: compare the error of all-low and all-high on a copy, keep the larger
        Strategy s = strategy;
        if (s == Strategy.WORST) {
            long errLow = errorOf(o, faulty, Strategy.LOW, lo, hi, rnd.split());
            long errHigh = errorOf(o, faulty, Strategy.HIGH, lo, hi, rnd.split());
            s = errLow >= errHigh ? Strategy.LOW : Strategy.HIGH;
        }
        applyFaulty(o, faulty, s, lo, hi, rnd);
        long faultyW = 0;
        long faultyFresh = 0;
        for (int r = 0; r < n; r++) {
            if (faulty[r]) {
                faultyW += o.weight(r);
                if (o.reportOf(r) >= MIN_PRICE) {
                    faultyFresh += o.weight(r);
                }
            }
        }
        long total = o.totalWeight();
        long fresh = o.freshWeight();
        if (!o.canAggregate()) {
            return new Outcome(false, 0, lo, hi, faultyW, total, faultyFresh, fresh);
        }
        o.aggregate();
        long agg = o.priceRound() == o.round() ? o.price() : o.pending();
        assertTrue(o.priceRound() == o.round() || o.pendingRound() == o.round());
        return new Outcome(true, agg, lo, hi, faultyW, total, faultyFresh, fresh);
    }

    static long errorOf(Oracle o, boolean[] faulty, Strategy s, long lo, long hi, SplittableRandom rnd) {
        Oracle c = o.copy();
        applyFaulty(c, faulty, s, lo, hi, rnd);
        if (!c.canAggregate()) {
            return -1;
        }
        long m = c.weightedMedian();
        return m < lo ? lo - m : m > hi ? m - hi : 0;
    }

    static void applyFaulty(Oracle o, boolean[] faulty, Strategy s, long lo, long hi, SplittableRandom rnd) {
        int k = 0;
        for (int r = 0; r < faulty.length; r++) {
            if (!faulty[r]) {
                continue;
            }
            k++;
            switch (s) {
                case LOW -> o.report(r, MIN_PRICE);
                case HIGH -> o.report(r, MAX_PRICE);
                case SPLIT -> o.report(r, k % 2 == 0 ? MIN_PRICE : MAX_PRICE);
                case JUST_OUTSIDE_LOW -> o.report(r, Math.max(MIN_PRICE, lo - 1));
                case JUST_OUTSIDE_HIGH -> o.report(r, Math.min(MAX_PRICE, hi + 1));
                case EQUIVOCATE -> {
                    o.report(r, MIN_PRICE);
                    o.report(r, MAX_PRICE);
                }
                case ABSTAIN -> { }
                case RANDOM -> o.report(r, MIN_PRICE + rnd.nextLong(MAX_PRICE));
                default -> throw new IllegalStateException(s.name());
            }
        }
    }

    /** HonestRange with the faulty weight pushed to (at most) one third, every strategy, honest reporters slow. */
    @Property(tries = 3000)
    void honestRangeAtOneThird(@ForAll long seed, @ForAll Strategy strategy,
                               @ForAll @IntRange(min = 0, max = 3) int slowness) {
        Outcome out = round(seed, strategy, 0, slowness * 0.1);
        assertTrue(3 * out.faultyW() <= out.totalW());
        Statistics.label("aggregated").collect(out.aggregated());
        Statistics.label("faulty weight exactly a third").collect(3 * out.faultyW() == out.totalW());
        if (out.aggregated()) {
            assertTrue(2 * out.faultyFreshW() < out.freshW(), "the median's precondition follows from the quorum");
            assertTrue(out.inHonestRange(), () -> "aggregate outside honest range: " + out);
        }
    }

    /** HonestRange with arbitrary reliabilities: filtered to the fault assumption 3 * W(Faulty) &lt;= W(Reporters). */
    @Property(tries = 3000)
    void honestRangeWithArbitraryReliability(@ForAll long seed, @ForAll Strategy strategy) {
        Outcome out = round(seed, strategy, 2, 0.0);
        Assume.that(3 * out.faultyW() <= out.totalW());
        Statistics.label("aggregated").collect(out.aggregated());
        if (out.aggregated()) {
            assertTrue(out.inHonestRange(), () -> "aggregate outside honest range: " + out);
        }
    }

    /**
     * Faulty weight above one third: the worst-case adversary, with honest reporters slow, moves
     * the aggregate outside the honest range in some generated cases (asserted), and only when
     * the precondition of the median (2 * faulty fresh weight &lt; fresh weight) fails.
     */
    @Test
    void aboveOneThirdTheAdversaryWinsSometimes() {
        int aggregated = 0;
        int outside = 0;
        int aboveThird = 0;
        SplittableRandom seeds = new SplittableRandom(20261124L);
        for (int i = 0; i < 4000; i++) {
            Outcome out;
            try {
                out = roundAboveThird(seeds.nextLong());
            } catch (org.opentest4j.TestAbortedException filtered) {
                continue;
            }
            if (out == null) {
                continue;
            }
            aboveThird++;
            if (!out.aggregated()) {
                continue;
            }
            aggregated++;
            if (!out.inHonestRange()) {
                outside++;
                assertTrue(3 * out.faultyW() > out.totalW());
                assertTrue(2 * out.faultyFreshW() >= out.freshW());
            }
        }
        assertTrue(aggregated > 500, "aggregated rounds: " + aggregated);
        assertTrue(outside > 0, "the adversary never won above one third");
        System.out.printf("above one third: %d rounds, %d aggregated, %d with the aggregate outside the honest range%n",
                aboveThird, aggregated, outside);
    }

    static Outcome roundAboveThird(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Strategy s = rnd.nextBoolean() ? Strategy.WORST : Strategy.values()[rnd.nextInt(Strategy.values().length)];
        Outcome out = round(seed, s, 1, 0.1 * rnd.nextInt(5));
        return 3 * out.faultyW() > out.totalW() ? out : null;
    }

    /** The tight case, by construction: two honest of weight 2, one faulty of weight 2 + 1 (just above a third). */
    @Test
    void justAboveOneThirdWithASlowHonestReporter() {
        OracleParams p = new OracleParams(new long[] {2, 2, 3}, 1, 1, MIN_PRICE, MAX_PRICE, TOL, 2 * TOL, 10, 100, 3, 10);
        Oracle o = new Oracle(p);
        o.report(0, 500_000);  // honest; reporter 1 (honest) is slow
        o.report(2, MIN_PRICE); // faulty: 3 of 7 > a third; fresh 5 of 7 > two thirds
        assertTrue(o.canAggregate());
        o.aggregate();
        assertEquals(MIN_PRICE, o.price()); // the only honest report is 500000: outside
        // the same with the faulty stake at a third exactly (2 of 6): in range
        Oracle q = new Oracle(p.withStakes(new long[] {2, 2, 2}));
        q.report(0, 500_000);
        q.report(1, 500_010);
        q.report(2, MIN_PRICE);
        q.aggregate();
        assertEquals(500_000, q.price());
    }

    // ------------------------------------------------------------------------------------------
    // Multi-round runs: deviation guard, reliability, and the literal spec as a reference model

    /**
     * Random multi-round runs with a drifting true price, honest and faulty reporters and
     * random aggregation and round advances.  After every step: the state equals the literal
     * spec model's; GuardConfirmed (a move of more than MaxJump between accepted prices was
     * held the round before within MaxJump of the new price); RelNoRiseOnDeviation (a
     * reliability only rises at an aggregate, for a fresh report within Band of the round's
     * aggregate); EquivocationEvidenced; refused calls change nothing.
     */
    @Property(tries = 400)
    void runsKeepGuardAndReliabilityRules(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 3 + rnd.nextInt(10);
        long[] stake = new long[n];
        boolean[] faulty = new boolean[n];
        for (int r = 0; r < n; r++) {
            stake[r] = 1 + rnd.nextLong(rnd.nextBoolean() ? 5 : 1000);
            faulty[r] = rnd.nextInt(4) == 0;
        }
        long maxJump = 1 + rnd.nextLong(40);
        long maxStep = 1 + rnd.nextLong(2 * maxJump);
        OracleParams p = new OracleParams(stake, 3, 2, 1, 1000, 5, 10, maxStep, maxJump, 1 + rnd.nextInt(3), 40);
        Oracle o = new Oracle(p);
        Model model = new Model(p);
        long tp = 100 + rnd.nextLong(800);
        int accepts = 0;
        for (int step = 0; step < 400; step++) {
            Oracle before = o.copy();
            int choice = rnd.nextInt(10);
            try {
                if (choice < 7) {
                    int r = rnd.nextInt(n + 1) - (rnd.nextInt(20) == 0 ? 1 : 0);
                    long px = faulty[Math.floorMod(r, n)] || rnd.nextInt(10) == 0
                            ? (rnd.nextBoolean() ? 1 + rnd.nextLong(1000) : (rnd.nextBoolean() ? 1 : 1000))
                            : tp - 5 + rnd.nextLong(11);
                    boolean can = o.canReport(r, px);
                    assertEquals(model.canReport(r, px), can);
                    o.report(r, px);
                    model.report(r, px);
                } else if (choice < 9) {
                    assertEquals(model.canAggregate(), o.canAggregate());
                    o.aggregate();
                    model.aggregate();
                    checkAggregateStep(before, o, p);
                    if (o.priceRound() == o.round()) {
                        accepts++;
                    }
                } else {
                    o.advanceRound();
                    model.advanceRound();
                    tp = Math.max(1, Math.min(1000, tp - maxStep + rnd.nextLong(2 * maxStep + 1)));
                }
            } catch (OracleException refused) {
                assertTrue(o.sameState(before), "refused call changed the state");
            }
            model.assertSame(o);
            checkStep(before, o, p);
            for (int r = 0; r < n; r++) {
                if (o.reportOf(r) == Oracle.EQUIVOCATED) {
                    assertTrue(o.evidence().contains(new Evidence(r, o.round())));
                }
            }
        }
        Statistics.label("accepted aggregates per run > 0").collect(accepts > 0);
    }

    /** GuardConfirmed and RelNoRiseOnDeviation on any step. */
    static void checkStep(Oracle before, Oracle after, OracleParams p) {
        boolean newPrice = after.priceRound() != before.priceRound();
        if (newPrice && before.price() != Oracle.NO_PRICE && Math.abs(after.price() - before.price()) > p.maxJump) {
            assertTrue(before.pending() != Oracle.NO_PRICE && before.pendingRound() == before.round() - 1
                    && Math.abs(after.price() - before.pending()) <= p.maxJump,
                    "unconfirmed jump " + before.price() + " -> " + after.price());
        }
        boolean aggregateStep = !before.aggregated() && after.aggregated();
        long roundAggregate = after.priceRound() == after.round() ? after.price() : after.pending();
        for (int r = 0; r < after.reporters(); r++) {
            if (after.relOf(r) > before.relOf(r)) {
                assertTrue(aggregateStep && before.reportOf(r) >= p.minPrice
                        && Math.abs(before.reportOf(r) - roundAggregate) <= p.band, "reliability rose for a deviating reporter");
            }
        }
    }

    static void checkAggregateStep(Oracle before, Oracle after, OracleParams p) {
        long m = before.weightedMedian();
        assertTrue(after.price() == m && after.priceRound() == after.round()
                || after.pending() == m && after.pendingRound() == after.round());
        for (int r = 0; r < after.reporters(); r++) {
            long rep = before.reportOf(r);
            if (rep == Oracle.EQUIVOCATED || rep >= p.minPrice && Math.abs(rep - m) > p.band) {
                assertTrue(after.relOf(r) <= before.relOf(r));
            }
        }
    }

    /** A single round's reports never move the accepted price by more than MaxJump, whatever the adversary. */
    @Property(tries = 2000)
    void singleRoundJumpIsHeld(@ForAll long seed, @ForAll @IntRange(min = 1, max = 500) int jump) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 4 + rnd.nextInt(8);
        long[] stake = new long[n];
        Arrays.fill(stake, 1);
        long maxJump = 1 + rnd.nextLong(100);
        OracleParams p = new OracleParams(stake, 3, 2, 1, 10_000, 5, 10, 5, maxJump, 3, 10);
        Oracle o = new Oracle(p);
        OracleTest.allReport(o, 5000);
        o.aggregate();
        o.advanceRound();
        // every reporter (even all) reports a price `jump` away: accepted only if jump <= MaxJump
        long target = rnd.nextBoolean() ? 5000 + jump : 5000 - jump;
        OracleTest.allReport(o, target);
        o.aggregate();
        if (jump <= maxJump) {
            assertEquals(target, o.price());
        } else {
            assertEquals(5000, o.price());
            assertEquals(target, o.pending());
            // confirmed next round only by an aggregate within MaxJump of the held value
            o.advanceRound();
            long next = target + (rnd.nextBoolean() ? 1 : -1) * rnd.nextLong(2 * maxJump + 1);
            next = Math.max(1, Math.min(10_000, next));
            OracleTest.allReport(o, next);
            o.aggregate();
            boolean confirmed = Math.abs(next - target) <= maxJump || Math.abs(next - 5000) <= maxJump;
            assertEquals(confirmed, o.price() == next);
            if (!confirmed) {
                assertEquals(5000, o.price());
            }
        }
    }

    /** RelAfter for one reporter: a deviation or an equivocation never raises reliability; within Band never lowers it. */
    @Property(tries = 3000)
    void relAfterNeverRewardsDeviation(@ForAll @IntRange(min = 1, max = 1000) int maxRel,
                                       @ForAll @IntRange(min = 0, max = 1000) int relr,
                                       @ForAll @IntRange(min = 1, max = 1000) int penalty,
                                       @ForAll @IntRange(min = -1, max = 2000) int rep,
                                       @ForAll @IntRange(min = 1, max = 2000) int m,
                                       @ForAll @IntRange(min = 0, max = 500) int band) {
        Assume.that(relr <= maxRel);
        long after = Oracle.relAfter(relr, rep, m, maxRel, penalty, 1, band);
        assertTrue(0 <= after && after <= maxRel);
        boolean deviated = rep == -1 || rep >= 1 && Math.abs(rep - m) > band;
        if (deviated) {
            assertEquals(Math.max(0, relr - penalty), after);
            assertTrue(after < relr || relr == 0);
        } else if (rep >= 1) {
            assertEquals(Math.min(maxRel, relr + 1), after);
        } else {
            assertEquals(relr, after);
        }
    }

    /** The spec written literally (no shared code with Oracle), used as the reference in runs. */
    static final class Model {
        final OracleParams p;
        final int n;
        int round;
        long[] reports;
        long[] rel;
        long price;
        int priceRound = -1;
        long pending;
        int pendingRound = -1;
        boolean aggregated;
        final List<Evidence> evidence = new ArrayList<>();

        Model(OracleParams p) {
            this.p = p;
            n = p.reporters();
            reports = new long[n];
            rel = new long[n];
            Arrays.fill(rel, p.maxRel); // every reporter starts at full weight
        }

        boolean canReport(int r, long px) {
            return 0 <= r && r < n && !aggregated && reports[r] != -1 && p.minPrice <= px && px <= p.maxPrice
                    && px != reports[r];
        }

        void report(int r, long px) {
            if (!canReport(r, px)) {
                throw new OracleException(Reason.INVALID_STATE, 0, 0);
            }
            if (reports[r] == 0) {
                reports[r] = px;
            } else {
                reports[r] = -1;
                evidence.add(new Evidence(r, round));
            }
        }

        long w(int r) {
            return p.stake(r) * rel[r];
        }

        boolean canAggregate() {
            long fresh = 0;
            long total = 0;
            for (int r = 0; r < n; r++) {
                total += w(r);
                if (reports[r] >= p.minPrice) {
                    fresh += w(r);
                }
            }
            return !aggregated && 3 * fresh > 2 * total;
        }

        void aggregate() {
            if (!canAggregate()) {
                throw new OracleException(Reason.INVALID_STATE, 0, 0);
            }
            long[] wt = new long[n];
            for (int r = 0; r < n; r++) {
                wt[r] = w(r);
            }
            long m = SpecMedian.medianOf(reports, wt);
            boolean accepts = price == 0 || Math.abs(m - price) <= p.maxJump
                    || pending != 0 && pendingRound == round - 1 && Math.abs(m - pending) <= p.maxJump;
            if (accepts) {
                price = m;
                priceRound = round;
                pending = 0;
                pendingRound = -1;
            } else {
                pending = m;
                pendingRound = round;
            }
            for (int r = 0; r < n; r++) {
                boolean deviated = reports[r] == -1 || reports[r] >= p.minPrice && Math.abs(reports[r] - m) > p.band;
                if (deviated) {
                    rel[r] = Math.max(0, rel[r] - p.penalty);
                } else if (reports[r] >= p.minPrice) {
                    rel[r] = Math.min(p.maxRel, rel[r] + 1);
                }
            }
            aggregated = true;
        }

        void advanceRound() {
            if (round >= p.maxRound) {
                throw new OracleException(Reason.INVALID_STATE, 0, 0);
            }
            round++;
            reports = new long[n];
            evidence.clear(); // evidence is kept for the current round only
            aggregated = false;
        }

        void assertSame(Oracle o) {
            assertEquals(round, o.round());
            assertTrue(Arrays.equals(reports, o.reports()), "reports");
            assertTrue(Arrays.equals(rel, o.rel()), "rel");
            assertEquals(price, o.price());
            assertEquals(priceRound, o.priceRound());
            assertEquals(pending, o.pending());
            assertEquals(pendingRound, o.pendingRound());
            assertEquals(aggregated, o.aggregated());
            List<Evidence> byReporter = new ArrayList<>(evidence);
            byReporter.sort(java.util.Comparator.comparingInt(Evidence::reporter));
            assertEquals(byReporter, o.evidence());
        }
    }
}
