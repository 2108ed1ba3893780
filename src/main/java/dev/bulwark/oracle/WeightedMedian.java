package dev.bulwark.oracle;

import java.util.Arrays;

/**
 * The lower weighted median of spec/oracle/Oracle.tla ({@code MedianOf}): the least reported
 * price p with {@code 2 * W({reports at or below p}) >= W(all reports)}.
 *
 * <p>The verified step is {@link #lowerMedianSorted}: on prices sorted ascending it walks the
 * prefix weight until twice the prefix reaches the total; the first such index holds the lower
 * median (a smaller price would have a smaller prefix, and all copies of the chosen price are
 * at or after it).  {@link #lowerMedianSortedHonest} carries the honest-range theorem in its
 * contract: for any partition of the reports into honest and faulty ones (the {@code faulty}
 * array is a specification-only parameter: the code never reads it), if twice the faulty
 * weight is below the total weight then the median lies between the lowest and the highest
 * honest price.  Proof (the lemma methods {@link #honestAtOrBefore} and {@link #honestAtOrAfter}
 * carry it as code with loop invariants, so that it can be checked by ESC and runs in the tests): let m be the
 * median at index k.  (1) Everything strictly before the first honest index is faulty, so its
 * prefix weight is at most the faulty weight, hence less than half the total: k is at or after
 * the first honest index, and prices are sorted.  (2) The prefix up to and including the last
 * honest index h holds all honest weight, at least total - faulty, which is more than half the
 * total: k &lt;= h.  The caller's quorum and fault assumption give the precondition:
 * {@code 3 * faulty <= total reporters' weight < 3/2 * fresh weight} implies
 * {@code 2 * faultyFresh < fresh}.
 *
 * <p>{@link #lowerMedian} sorts (price, index) pairs packed in one {@code long} with
 * {@link Arrays#sort(long[])} and then calls the sorted version: the cost is one sort of n longs
 * plus two linear passes (see OracleBenchmark).
 *
 * <p>Bounds: at most {@link Oracle#MAX_REPORTERS} entries, each weight in
 * 0..{@link Oracle#MAX_WEIGHT}, so every prefix sum and twice it stay below 2^62.
 */
public final class WeightedMedian {
    private WeightedMedian() {}

    /** Bits for the index in a packed (price, index) key: MAX_REPORTERS = 2^12. */
    static final int INDEX_BITS = 12;

    /** Sum of weights[0..k). */
    /*@ public normal_behavior
      @   requires weights != null && 0 <= k && k <= weights.length && k <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < k; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures \result == (\sum int i; 0 <= i && i < k; weights[i]);
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == prefixWeight(weights, k - 1) + weights[k - 1];
      @   ensures 0 <= \result && \result <= k * Oracle.MAX_WEIGHT;
      @ pure
      @*/
    public static long prefixWeight(long[] weights, int k) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant acc == (\sum int j; 0 <= j && j < i; weights[j]);
        //@ loop_invariant 0 <= acc && acc <= i * Oracle.MAX_WEIGHT;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            acc = acc + weights[i];
        }
        return acc;
    }

    /** Sum of weights[i] over i in 0..n-1 with faulty[i] (specification helper; also used by tests). */
    /*@ public normal_behavior
      @   requires weights != null && faulty != null && 0 <= n && n <= weights.length && n <= faulty.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures \result == (\sum int i; 0 <= i && i < n && faulty[i]; weights[i]);
      @   ensures n == 0 ==> \result == 0;
      @   ensures n > 0 ==> \result == weightWhere(weights, faulty, n - 1) + (faulty[n - 1] ? weights[n - 1] : 0);
      @   ensures 0 <= \result && \result <= prefixWeight(weights, n);
      @ pure
      @*/
    public static long weightWhere(long[] weights, boolean[] faulty, int n) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= n;
        //@ loop_invariant acc == (\sum int j; 0 <= j && j < i && faulty[j]; weights[j]);
        //@ loop_invariant 0 <= acc && acc <= prefixWeight(weights, i);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            if (faulty[i]) {
                acc = acc + weights[i];
            }
        }
        return acc;
    }

    /**
     * Lower weighted median of {@code prices[0..n)} sorted ascending with {@code weights[0..n)}:
     * {@code prices[k]} for the least k with {@code 2 * prefixWeight(weights, k + 1) >= total}.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires (\forall int i, j; 0 <= i && i <= j && j < n; prices[i] <= prices[j]);
      @   requires prefixWeight(weights, n) > 0;
      @   ensures (\exists int k; 0 <= k && k < n;
      @               \result == prices[k]
      @            && 2 * prefixWeight(weights, k + 1) >= prefixWeight(weights, n)
      @            && 2 * prefixWeight(weights, k) < prefixWeight(weights, n));
      @ pure
      @*/
    public static long lowerMedianSorted(long[] prices, long[] weights, int n) {
        return prices[medianIndexSorted(weights, n)];
    }

    /** The index k of {@link #lowerMedianSorted}: the first index where twice the prefix reaches the total. */
    /*@ public normal_behavior
      @   requires weights != null && 1 <= n && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires prefixWeight(weights, n) > 0;
      @   ensures 0 <= \result && \result < n;
      @   ensures 2 * prefixWeight(weights, \result + 1) >= prefixWeight(weights, n);
      @   ensures 2 * prefixWeight(weights, \result) < prefixWeight(weights, n);
      @ pure
      @*/
    public static int medianIndexSorted(long[] weights, int n) {
        long total = prefixWeight(weights, n);
        long acc = 0;
        //@ loop_invariant 0 <= i && i < n;
        //@ loop_invariant acc == prefixWeight(weights, i) && 2 * acc < total;
        //@ decreases n - i;
        for (int i = 0; i < n - 1; i++) {
            acc = acc + weights[i];
            if (2 * acc >= total) {
                return i;
            }
        }
        // All earlier prefixes are below half the total, and the full prefix is the total (> 0).
        return n - 1;
    }

    /**
     * The honest-range theorem, stated on the median of sorted reports: {@code faulty} is a
     * specification-only parameter (any partition of the n reports into faulty and honest); the
     * result is {@link #lowerMedianSorted}'s.  If twice the faulty weight is below the total,
     * some honest price is at or below the median and some honest price at or above it.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && faulty != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= faulty.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires (\forall int i, j; 0 <= i && i <= j && j < n; prices[i] <= prices[j]);
      @   requires prefixWeight(weights, n) > 0;
      @   requires 2 * weightWhere(weights, faulty, n) < prefixWeight(weights, n);
      @   ensures \result == lowerMedianSorted(prices, weights, n);
      @   ensures (\exists int i; 0 <= i && i < n && !faulty[i]; prices[i] <= \result);
      @   ensures (\exists int j; 0 <= j && j < n && !faulty[j]; \result <= prices[j]);
      @ pure
      @*/
    public static long lowerMedianSortedHonest(long[] prices, long[] weights, int n, boolean[] faulty) {
        int k = medianIndexSorted(weights, n);
        int lo = honestAtOrBefore(weights, faulty, n, k);
        int hi = honestAtOrAfter(weights, faulty, n, k);
        //@ assert 0 <= lo && lo <= k && k <= hi && hi < n && !faulty[lo] && !faulty[hi];
        //@ assert prices[lo] <= prices[k] && prices[k] <= prices[hi];
        return prices[k];
    }

    /**
     * Lemma (1) of the honest-range theorem: an honest index at or before the median index k.
     * If 0..k were all faulty, prefix(k + 1) = faulty(k + 1) &lt;= faulty(n), and twice that is
     * below the total, while the median index has 2 * prefix(k + 1) &gt;= total.  The code finds
     * the first honest index; the loop invariant carries prefix = faulty prefix while none was met.
     */
    /*@ public normal_behavior
      @   requires weights != null && faulty != null && 1 <= n && n <= weights.length && n <= faulty.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires 0 <= k && k < n && 2 * prefixWeight(weights, k + 1) >= prefixWeight(weights, n);
      @   requires 2 * weightWhere(weights, faulty, n) < prefixWeight(weights, n);
      @   ensures 0 <= \result && \result <= k && !faulty[\result];
      @ pure
      @*/
    public static int honestAtOrBefore(long[] weights, boolean[] faulty, int n, int k) {
        //@ loop_invariant 0 <= i && i <= k + 1;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; faulty[j]);
        //@ loop_invariant prefixWeight(weights, i) == weightWhere(weights, faulty, i);
        //@ decreases k + 1 - i;
        for (int i = 0; i <= k; i++) {
            if (!faulty[i]) {
                return i;
            }
        }
        // 0..k all faulty: prefix(k + 1) == faulty(k + 1) <= faulty(n): contradiction, unreachable.
        //@ assert weightWhereMonotone(weights, faulty, k + 1, n);
        //@ assert false;
        return -1;
    }

    /**
     * Lemma (2) of the honest-range theorem: an honest index at or after the median index k.
     * If k..n-1 were all faulty, total - prefix(k) = faulty(n) - faulty(k) &lt;= faulty(n), so
     * total &lt;= faulty(n) + prefix(k), while both are below half the total.
     */
    /*@ public normal_behavior
      @   requires weights != null && faulty != null && 1 <= n && n <= weights.length && n <= faulty.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires 0 <= k && k < n && 2 * prefixWeight(weights, k) < prefixWeight(weights, n);
      @   requires 2 * weightWhere(weights, faulty, n) < prefixWeight(weights, n);
      @   ensures k <= \result && \result < n && !faulty[\result];
      @ pure
      @*/
    public static int honestAtOrAfter(long[] weights, boolean[] faulty, int n, int k) {
        //@ loop_invariant k - 1 <= i && i < n;
        //@ loop_invariant (\forall int j; i < j && j < n; faulty[j]);
        //@ loop_invariant prefixWeight(weights, n) - prefixWeight(weights, i + 1) == weightWhere(weights, faulty, n) - weightWhere(weights, faulty, i + 1);
        //@ decreases i - k + 1;
        for (int i = n - 1; i >= k; i--) {
            if (!faulty[i]) {
                return i;
            }
        }
        // k..n-1 all faulty: total - prefix(k) == faulty(n) - faulty(k) <= faulty(n): contradiction.
        //@ assert false;
        return -1;
    }

    /** Lemma: the faulty prefix weight is monotone, weightWhere(i) &lt;= weightWhere(j) for i &lt;= j. */
    /*@ public normal_behavior
      @   requires weights != null && faulty != null && 0 <= i && i <= j && j <= weights.length && j <= faulty.length;
      @   requires j <= Oracle.MAX_REPORTERS;
      @   requires (\forall int t; 0 <= t && t < j; 0 <= weights[t] && weights[t] <= Oracle.MAX_WEIGHT);
      @   ensures \result && weightWhere(weights, faulty, i) <= weightWhere(weights, faulty, j);
      @ pure
      @*/
    public static boolean weightWhereMonotone(long[] weights, boolean[] faulty, int i, int j) {
        //@ loop_invariant i <= t && t <= j && weightWhere(weights, faulty, i) <= weightWhere(weights, faulty, t);
        //@ decreases j - t;
        for (int t = i; t < j; t++) {
            // weightWhere(t + 1) == weightWhere(t) + (faulty[t] ? weights[t] : 0) >= weightWhere(t)
        }
        return true;
    }

    /**
     * Lower weighted median of unsorted {@code prices[0..n)} in 1..{@link Oracle#MAX_PRICE} with
     * weights in 0..{@link Oracle#MAX_WEIGHT} and a positive total: sorts (price, index) keys,
     * then {@link #lowerMedianSorted}.  The arrays are not modified.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 1 <= prices[i] && prices[i] <= Oracle.MAX_PRICE);
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires prefixWeight(weights, n) > 0;
      @   ensures (\exists int k; 0 <= k && k < n; \result == prices[k]);
      @   ensures 2 * (\sum int i; 0 <= i && i < n && prices[i] <= \result; weights[i]) >= prefixWeight(weights, n);
      @   ensures (\forall int k; 0 <= k && k < n && prices[k] < \result;
      @              2 * (\sum int i; 0 <= i && i < n && prices[i] <= prices[k]; weights[i]) < prefixWeight(weights, n));
      @ pure
      @*/
    public static long lowerMedian(long[] prices, long[] weights, int n) {
        long[] keys = sortedKeys(prices, n);
        long[] sortedPrices = new long[n];
        long[] sortedWeights = new long[n];
        //@ loop_invariant 0 <= i && i <= n;
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            int idx = (int) (keys[i] & ((1L << INDEX_BITS) - 1));
            sortedPrices[i] = keys[i] >>> INDEX_BITS;
            sortedWeights[i] = weights[idx];
        }
        return lowerMedianSorted(sortedPrices, sortedWeights, n);
    }

    /**
     * Keys {@code price << 12 | index} for i in 0..n-1, sorted ascending: the price order, ties
     * by index.  The library sort is trusted (its contract is not re-proved here).
     */
    /*@ normal_behavior
      @   requires prices != null && 1 <= n && n <= prices.length && n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 1 <= prices[i] && prices[i] <= Oracle.MAX_PRICE);
      @   ensures \result != null && \result.length == n;
      @   ensures (\forall int i; 0 <= i && i + 1 < n; \result[i] < \result[i + 1]);
      @   ensures (\forall int i; 0 <= i && i < n; 0 <= (\result[i] & 4095) && (\result[i] & 4095) < n
      @              && prices[(int) (\result[i] & 4095)] == (\result[i] >>> 12));
      @ pure
      @*/
    /*@ skipesc @*/
    static long[] sortedKeys(long[] prices, int n) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (prices[i] << INDEX_BITS) | i;
        }
        Arrays.sort(keys);
        return keys;
    }
}
