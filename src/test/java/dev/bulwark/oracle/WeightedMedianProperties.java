package dev.bulwark.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * WeightedMedian against the spec's definition (brute force, unbounded integers), and the
 * honest-range theorem of {@link WeightedMedian#lowerMedianSortedHonest} for arbitrary
 * partitions that satisfy its precondition, at weights up to the hard caps.
 */
class WeightedMedianProperties {

    /** n reports: prices (small range so ties are common, or full range), weights (0 allowed). */
    record Case(long[] prices, long[] weights, boolean[] faulty) {}

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 60);
        return sizes.flatMap(n -> Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(1, 8), Arbitraries.longs().between(1, Oracle.MAX_PRICE))
                        .array(long[].class).ofSize(n),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().between(0, Oracle.MAX_WEIGHT),
                                Arbitraries.just(Oracle.MAX_WEIGHT))
                        .array(long[].class).ofSize(n),
                Arbitraries.of(true, false).array(boolean[].class).ofSize(n))
                .as(Case::new));
    }

    @Property(tries = 3000)
    void lowerMedianIsTheSpecMedian(@ForAll("cases") Case c) {
        int n = c.prices().length;
        Assume.that(WeightedMedian.prefixWeight(c.weights(), n) > 0);
        long[] pricesBefore = c.prices().clone();
        long[] weightsBefore = c.weights().clone();
        long m = WeightedMedian.lowerMedian(c.prices(), c.weights(), n);
        assertEquals(SpecMedian.medianOf(c.prices(), c.weights()), m);
        assertTrue(Arrays.equals(pricesBefore, c.prices()) && Arrays.equals(weightsBefore, c.weights()));
    }

    @Property(tries = 3000)
    void sortedMedianIndexIsTheFirstHalfPrefix(@ForAll("cases") Case c) {
        int n = c.prices().length;
        long total = WeightedMedian.prefixWeight(c.weights(), n);
        Assume.that(total > 0);
        long[] sorted = c.prices().clone();
        Arrays.sort(sorted);
        int k = WeightedMedian.medianIndexSorted(c.weights(), n);
        assertTrue(2 * WeightedMedian.prefixWeight(c.weights(), k + 1) >= total);
        assertTrue(2 * WeightedMedian.prefixWeight(c.weights(), k) < total);
        assertEquals(sorted[k], WeightedMedian.lowerMedianSorted(sorted, c.weights(), n));
    }

    /** The crown jewel: any partition with 2 * faulty weight &lt; total weight keeps the median in the honest range. */
    @Property(tries = 5000)
    void honestRangeUnderPrecondition(@ForAll("cases") Case c) {
        int n = c.prices().length;
        long[] sorted = c.prices().clone();
        Arrays.sort(sorted);
        long total = WeightedMedian.prefixWeight(c.weights(), n);
        long faultyW = WeightedMedian.weightWhere(c.weights(), c.faulty(), n);
        Assume.that(total > 0 && 2 * faultyW < total);
        long m = WeightedMedian.lowerMedianSortedHonest(sorted, c.weights(), n, c.faulty());
        int k = WeightedMedian.medianIndexSorted(c.weights(), n);
        int before = WeightedMedian.honestAtOrBefore(c.weights(), c.faulty(), n, k);
        int after = WeightedMedian.honestAtOrAfter(c.weights(), c.faulty(), n, k);
        assertTrue(0 <= before && before <= k && !c.faulty()[before], "lemma (1)");
        assertTrue(k <= after && after < n && !c.faulty()[after], "lemma (2)");
        assertTrue(WeightedMedian.weightWhere(c.weights(), c.faulty(), k + 1) <= faultyW, "monotone");
        assertEquals(WeightedMedian.lowerMedianSorted(sorted, c.weights(), n), m);
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (!c.faulty()[i]) {
                lo = Math.min(lo, sorted[i]);
                hi = Math.max(hi, sorted[i]);
            }
        }
        assertTrue(lo <= m && m <= hi, "median " + m + " outside honest range " + lo + ".." + hi);
    }

    /**
     * The precondition is needed: with 2 * faulty weight &gt;= total, the adversary putting every
     * faulty report below (above) all honest ones moves the lower median below the honest range
     * (for "below"; above needs 2 * faulty &gt; total because the lower median favours the low side).
     */
    @Property(tries = 2000)
    void withoutPreconditionTheAdversaryWins(@ForAll("cases") Case c) {
        int n = c.prices().length;
        long[] px = new long[n];
        long total = WeightedMedian.prefixWeight(c.weights(), n);
        long faultyW = WeightedMedian.weightWhere(c.weights(), c.faulty(), n);
        Assume.that(total > 0 && 2 * faultyW >= total && faultyW < total);
        for (int i = 0; i < n; i++) {
            px[i] = c.faulty()[i] ? 1 : 100 + (c.prices()[i] % 50);
        }
        long low = WeightedMedian.lowerMedian(px, c.weights(), n);
        assertEquals(1, low, "all-low adversary with half the weight sets the median");
        if (2 * faultyW > total) {
            for (int i = 0; i < n; i++) {
                if (c.faulty()[i]) {
                    px[i] = 1000;
                }
            }
            assertEquals(1000, WeightedMedian.lowerMedian(px, c.weights(), n), "all-high adversary with more than half");
        }
    }

    /**
     * Exhaustive small world: 4 reports, every weight vector in 0..3, every price vector in 1..4,
     * every faulty subset.  The median equals the spec's; the honest range holds whenever
     * 2 * faulty &lt; total; and it fails in some cases otherwise (the bound is tight).
     */
    @Example
    void exhaustiveSmallWorld() {
        int n = 4;
        long[] px = new long[n];
        long[] wt = new long[n];
        boolean[] faulty = new boolean[n];
        int checked = 0;
        int violations = 0;
        for (int wcode = 0; wcode < 256; wcode++) {
            for (int i = 0; i < n; i++) {
                wt[i] = (wcode >> (2 * i)) & 3;
            }
            long total = WeightedMedian.prefixWeight(wt, n);
            if (total == 0) {
                continue;
            }
            for (int pcode = 0; pcode < 256; pcode++) {
                for (int i = 0; i < n; i++) {
                    px[i] = 1 + ((pcode >> (2 * i)) & 3);
                }
                long m = WeightedMedian.lowerMedian(px, wt, n);
                assertEquals(SpecMedian.medianOf(px, wt), m);
                for (int fcode = 0; fcode < 15; fcode++) { // at least one honest report
                    long lo = Long.MAX_VALUE;
                    long hi = Long.MIN_VALUE;
                    for (int i = 0; i < n; i++) {
                        faulty[i] = ((fcode >> i) & 1) == 1;
                        if (!faulty[i]) {
                            lo = Math.min(lo, px[i]);
                            hi = Math.max(hi, px[i]);
                        }
                    }
                    boolean inRange = lo <= m && m <= hi;
                    if (2 * WeightedMedian.weightWhere(wt, faulty, n) < total) {
                        assertTrue(inRange);
                        checked++;
                    } else if (!inRange) {
                        violations++;
                    }
                }
            }
        }
        assertTrue(checked > 100_000, "cases under the precondition: " + checked);
        assertTrue(violations > 0, "the bound should be tight");
        System.out.printf("exhaustive small world: %d cases under the precondition, all in range; %d violations without it%n",
                checked, violations);
    }

    /**
     * Reports with entries outside the eligible range (a missing report 0, an equivocation -1,
     * prices below lo or above hi): {@code lowerMedianOf} is the spec median of the eligible
     * entries, and so is the quadratic scan that backs the sorted path up.
     */
    record EligibleCase(long[] prices, long[] weights, long lo, long hi) {}

    @Provide
    Arbitrary<EligibleCase> eligibleCases() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 50);
        return sizes.flatMap(n -> Combinators.combine(
                Arbitraries.oneOf(Arbitraries.longs().between(-1, 12), Arbitraries.longs().between(-1, Oracle.MAX_PRICE))
                        .array(long[].class).ofSize(n),
                Arbitraries.oneOf(Arbitraries.longs().between(0, 5), Arbitraries.longs().between(0, Oracle.MAX_WEIGHT))
                        .array(long[].class).ofSize(n),
                Arbitraries.oneOf(Arbitraries.longs().between(1, 6), Arbitraries.just(1L)),
                Arbitraries.oneOf(Arbitraries.longs().between(6, 12), Arbitraries.just(Oracle.MAX_PRICE)))
                .as(EligibleCase::new));
    }

    @Property(tries = 3000)
    void lowerMedianOfIsTheSpecMedianOfTheEligibleEntries(@ForAll("eligibleCases") EligibleCase c) {
        int n = c.prices().length;
        long total = WeightedMedian.weightIn(c.prices(), c.weights(), n, c.lo(), c.hi());
        Assume.that(total > 0);
        long expected = SpecMedian.medianOfEligible(c.prices(), c.weights(), c.lo(), c.hi());
        long[] pricesBefore = c.prices().clone();
        long[] weightsBefore = c.weights().clone();
        assertEquals(expected, WeightedMedian.lowerMedianOf(c.prices(), c.weights(), n, c.lo(), c.hi()));
        assertEquals(expected, WeightedMedian.lowerMedianByScan(c.prices(), c.weights(), n, c.lo(), c.hi(), total));
        // the fast path is right: its candidate passes the check, so the scan is never needed
        long candidate = WeightedMedian.sortedCandidate(c.prices(), c.weights(), n, c.lo(), c.hi(), total);
        assertEquals(expected, candidate);
        assertTrue(WeightedMedian.isLowerMedian(c.prices(), c.weights(), n, c.lo(), c.hi(), total, candidate));
        assertTrue(Arrays.equals(pricesBefore, c.prices()) && Arrays.equals(weightsBefore, c.weights()));
    }

    /** The check accepts the median and nothing else: every other reported price, and its neighbours, fail it. */
    @Property(tries = 2000)
    void theCheckRejectsEveryOtherCandidate(@ForAll("eligibleCases") EligibleCase c) {
        int n = c.prices().length;
        long total = WeightedMedian.weightIn(c.prices(), c.weights(), n, c.lo(), c.hi());
        Assume.that(total > 0);
        long median = SpecMedian.medianOfEligible(c.prices(), c.weights(), c.lo(), c.hi());
        for (int i = 0; i < n; i++) {
            for (long m : new long[] {c.prices()[i], c.prices()[i] - 1, c.prices()[i] + 1}) {
                assertEquals(m == median, WeightedMedian.isLowerMedian(c.prices(), c.weights(), n, c.lo(), c.hi(), total, m),
                        "candidate " + m + ", median " + median);
            }
        }
    }

    /** weightIn, the recursive sum the contracts use, against a recount in unbounded integers. */
    @Property(tries = 2000)
    void weightInIsTheRecount(@ForAll("eligibleCases") EligibleCase c, @ForAll long p) {
        int n = c.prices().length;
        for (int k = 0; k <= n; k++) {
            java.math.BigInteger sum = java.math.BigInteger.ZERO;
            java.math.BigInteger below = java.math.BigInteger.ZERO;
            for (int i = 0; i < k; i++) {
                if (c.lo() <= c.prices()[i] && c.prices()[i] <= c.hi()) {
                    sum = sum.add(java.math.BigInteger.valueOf(c.weights()[i]));
                }
                if (c.lo() <= c.prices()[i] && c.prices()[i] <= p) {
                    below = below.add(java.math.BigInteger.valueOf(c.weights()[i]));
                }
            }
            assertEquals(sum.longValueExact(), WeightedMedian.weightIn(c.prices(), c.weights(), k, c.lo(), c.hi()));
            assertEquals(below.longValueExact(), WeightedMedian.weightIn(c.prices(), c.weights(), k, c.lo(), p));
        }
    }

    @Example
    void smallExamples() {
        assertEquals(2, WeightedMedian.lowerMedian(new long[] {3, 1, 2}, new long[] {1, 1, 1}, 3));
        assertEquals(1, WeightedMedian.lowerMedian(new long[] {1, 2}, new long[] {1, 1}, 2)); // lower median
        assertEquals(2, WeightedMedian.lowerMedian(new long[] {1, 2}, new long[] {1, 2}, 2));
        assertEquals(5, WeightedMedian.lowerMedian(new long[] {9, 5, 1}, new long[] {0, 1, 0}, 3));
        assertEquals(7, WeightedMedian.lowerMedian(new long[] {7}, new long[] {1}, 1));
        // zero-weight entries never become the median unless the prefix already reached half
        assertEquals(4, WeightedMedian.lowerMedian(new long[] {1, 4, 8}, new long[] {0, 3, 3}, 3));
    }
}
