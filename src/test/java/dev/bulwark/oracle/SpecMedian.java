package dev.bulwark.oracle;

import java.math.BigInteger;

/**
 * The spec's MedianOf written literally, in unbounded integers and by brute force: the least
 * fresh report p such that twice the fresh weight at or below p is at least the fresh weight.
 * Independent of WeightedMedian (no sorting, no prefix walk).
 */
final class SpecMedian {
    private SpecMedian() {}

    /** prices[i] &gt;= 1 is a fresh report; others (0, -1) are not.  Returns 0 if no candidate. */
    static long medianOf(long[] prices, long[] weights) {
        BigInteger fresh = BigInteger.ZERO;
        for (int i = 0; i < prices.length; i++) {
            if (prices[i] >= 1) {
                fresh = fresh.add(BigInteger.valueOf(weights[i]));
            }
        }
        long best = 0;
        for (int x = 0; x < prices.length; x++) {
            if (prices[x] < 1) {
                continue;
            }
            BigInteger below = BigInteger.ZERO;
            for (int i = 0; i < prices.length; i++) {
                if (prices[i] >= 1 && prices[i] <= prices[x]) {
                    below = below.add(BigInteger.valueOf(weights[i]));
                }
            }
            if (below.shiftLeft(1).compareTo(fresh) >= 0 && (best == 0 || prices[x] < best)) {
                best = prices[x];
            }
        }
        return best;
    }

    /**
     * The same over the eligible entries only (price in lo..hi; others count for nothing and are
     * never the median): the least eligible price p with 2 * W(eligible at or below p) &gt;=
     * W(eligible).  Returns Long.MIN_VALUE if there is no candidate (no eligible weight).
     */
    static long medianOfEligible(long[] prices, long[] weights, long lo, long hi) {
        BigInteger total = BigInteger.ZERO;
        for (int i = 0; i < prices.length; i++) {
            if (lo <= prices[i] && prices[i] <= hi) {
                total = total.add(BigInteger.valueOf(weights[i]));
            }
        }
        if (total.signum() == 0) {
            return Long.MIN_VALUE;
        }
        long best = Long.MIN_VALUE;
        for (int x = 0; x < prices.length; x++) {
            if (prices[x] < lo || prices[x] > hi) {
                continue;
            }
            BigInteger below = BigInteger.ZERO;
            for (int i = 0; i < prices.length; i++) {
                if (lo <= prices[i] && prices[i] <= prices[x]) {
                    below = below.add(BigInteger.valueOf(weights[i]));
                }
            }
            if (below.shiftLeft(1).compareTo(total) >= 0 && (best == Long.MIN_VALUE || prices[x] < best)) {
                best = prices[x];
            }
        }
        return best;
    }
}
