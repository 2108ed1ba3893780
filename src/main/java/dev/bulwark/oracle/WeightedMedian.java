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

    /**
     * Sum of weights[0..k).  Not instrumented for runtime checking ({@code skiprac}): the checker would
     * evaluate the loop invariant that names this method by calling it, which checks it again,
     * without end.  Proved by ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires weights != null && 0 <= k && k <= weights.length && k <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < k; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == prefixWeight(weights, k - 1) + weights[k - 1];
      @   ensures 0 <= \result && \result <= k * Oracle.MAX_WEIGHT;
      @ pure
      @*/
    public static /*@ skiprac @*/ long prefixWeight(long[] weights, int k) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant acc == prefixWeight(weights, i);
        //@ loop_invariant 0 <= acc && acc <= i * Oracle.MAX_WEIGHT;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            acc = acc + weights[i];
        }
        return acc;
    }

    /**
     * Sum of weights[i] over i in 0..n-1 with faulty[i] (specification helper; also used by tests).
     * Not instrumented for runtime checking ({@code skiprac}): the checker would
     * evaluate the loop invariant that names this method by calling it, which checks it again,
     * without end.  Proved by ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires weights != null && faulty != null && 0 <= n && n <= weights.length && n <= faulty.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures n == 0 ==> \result == 0;
      @   ensures n > 0 ==> \result == weightWhere(weights, faulty, n - 1) + (faulty[n - 1] ? weights[n - 1] : 0);
      @   ensures 0 <= \result && \result <= prefixWeight(weights, n);
      @ pure
      @*/
    public static /*@ skiprac @*/ long weightWhere(long[] weights, boolean[] faulty, int n) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= n;
        //@ loop_invariant acc == weightWhere(weights, faulty, i);
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
      @   requires (\forall int j; 0 <= j && j < n; (\forall int i; 0 <= i && i <= j; prices[i] <= prices[j]));
      @   requires prefixWeight(weights, n) > 0;
      @   ensures \result == prices[medianIndexSorted(weights, n)];
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
      @   requires (\forall int j; 0 <= j && j < n; (\forall int i; 0 <= i && i <= j; prices[i] <= prices[j]));
      @   requires prefixWeight(weights, n) > 0;
      @   requires 2 * weightWhere(weights, faulty, n) < prefixWeight(weights, n);
      @   ensures \result == lowerMedianSorted(prices, weights, n);
      @   ensures (\exists int i; 0 <= i && i < n; !faulty[i] && prices[i] <= \result);
      @   ensures (\exists int j; 0 <= j && j < n; !faulty[j] && \result <= prices[j]);
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


    // ------------------------------------------------------------------------------------------
    // The lower weighted median of unsorted reports (the spec's MedianOf), over the eligible
    // entries: those with a price in lo..hi.

    /**
     * Weight of the entries among the first k whose price lies in lo..hi:
     * {@code W({i < k : lo <= prices[i] <= hi})}, the spec's {@code WSum} over a set of reports.
     * Defined by recursion on k (the first two {@code ensures}); the loop computes it.
     * Not instrumented for runtime checking ({@code skiprac}): the checker would
     * evaluate the loop invariant that names this method by calling it, which checks it again,
     * without end.  Proved by ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && 0 <= k && k <= prices.length && k <= weights.length;
      @   requires k <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < k; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == weightIn(prices, weights, k - 1, lo, hi)
      @                              + (lo <= prices[k - 1] && prices[k - 1] <= hi ? weights[k - 1] : 0);
      @   ensures 0 <= \result && \result <= k * Oracle.MAX_WEIGHT;
      @ pure
      @*/
    public static /*@ skiprac @*/ long weightIn(long[] prices, long[] weights, int k, long lo, long hi) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant acc == weightIn(prices, weights, i, lo, hi);
        //@ loop_invariant 0 <= acc && acc <= i * Oracle.MAX_WEIGHT;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            if (lo <= prices[i] && prices[i] <= hi) {
                acc = acc + weights[i];
            }
        }
        return acc;
    }

    /**
     * Lower weighted median of unsorted {@code prices[0..n)} in 1..{@link Oracle#MAX_PRICE} with
     * weights in 0..{@link Oracle#MAX_WEIGHT} and a positive total: the least reported price p with
     * {@code 2 * W({i : prices[i] <= p}) >= W(all)} (every price is at least 1, so
     * {@code weightIn(prices, weights, n, 1, p)} is the weight at or below p).  The arrays are not
     * modified.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 1 <= prices[i] && prices[i] <= Oracle.MAX_PRICE);
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires prefixWeight(weights, n) > 0;
      @   ensures (\exists int k; 0 <= k && k < n; \result == prices[k]);
      @   ensures 2 * weightIn(prices, weights, n, 1, \result) >= prefixWeight(weights, n);
      @   ensures (\forall int k; 0 <= k && k < n; prices[k] < \result ==>
      @              2 * weightIn(prices, weights, n, 1, prices[k]) < prefixWeight(weights, n));
      @ pure
      @*/
    public static long lowerMedian(long[] prices, long[] weights, int n) {
        //@ assert allEligible(prices, weights, n, 1, Oracle.MAX_PRICE);
        return lowerMedianOf(prices, weights, n, 1, Oracle.MAX_PRICE);
    }

    /**
     * Lemma: when every price lies in lo..hi, the eligible weight is the whole prefix weight.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && 0 <= n && n <= prices.length && n <= weights.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; lo <= prices[i] && prices[i] <= hi);
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures \result && weightIn(prices, weights, n, lo, hi) == prefixWeight(weights, n);
      @ pure
      @*/
    public static boolean allEligible(long[] prices, long[] weights, int n, long lo, long hi) {
        //@ loop_invariant 0 <= i && i <= n && weightIn(prices, weights, i, lo, hi) == prefixWeight(weights, i);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            // weightIn(i + 1) == weightIn(i) + weights[i] == prefixWeight(i) + weights[i] == prefixWeight(i + 1)
        }
        return true;
    }

    /**
     * Lower weighted median of the eligible entries (price in lo..hi) of unsorted
     * {@code prices[0..n)}: the least eligible price p with
     * {@code 2 * weightIn(prices, weights, n, lo, p) >= weightIn(prices, weights, n, lo, hi)}.
     * Entries outside lo..hi (a missing or equivocated report) count for nothing and are never
     * the median.
     *
     * <p>How it is computed: {@link #sortedCandidate} sorts the eligible (price, index) keys with
     * the library sort and walks the prefix weight (one sort plus linear passes); nothing about the
     * sort is trusted, because {@link #isLowerMedian} then checks the candidate against the
     * definition in one linear pass, and the monotone lemma {@link #weightInMonotone} turns that
     * check into the postcondition.  Should the candidate ever fail the check, the median is
     * computed again by {@link #lowerMedianByScan}, a quadratic scan proved on its own.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires 1 <= lo && lo <= hi && hi <= Oracle.MAX_PRICE;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires weightIn(prices, weights, n, lo, hi) > 0;
      @   ensures lo <= \result && \result <= hi;
      @   ensures (\exists int k; 0 <= k && k < n; \result == prices[k]);
      @   ensures 2 * weightIn(prices, weights, n, lo, \result) >= weightIn(prices, weights, n, lo, hi);
      @   ensures (\forall int k; 0 <= k && k < n; lo <= prices[k] && prices[k] < \result ==>
      @              2 * weightIn(prices, weights, n, lo, prices[k]) < weightIn(prices, weights, n, lo, hi));
      @ pure
      @*/
    public static /*@ skiprac @*/ long lowerMedianOf(long[] prices, long[] weights, int n, long lo, long hi) {
        long total = weightIn(prices, weights, n, lo, hi);
        long m = sortedCandidate(prices, weights, n, lo, hi, total);
        if (isLowerMedian(prices, weights, n, lo, hi, total, m)) {
            //@ assert weightInMonotone(prices, weights, n, lo, m - 1);
            return m;
        }
        return lowerMedianByScan(prices, weights, n, lo, hi, total);
    }

    /**
     * The check of a candidate m against the definition, in one pass: m is an eligible reported
     * price, twice the eligible weight at or below m reaches the total, and twice the eligible
     * weight strictly below m (at or below m - 1: prices are integers) does not.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 0 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires 1 <= lo && lo <= hi && hi <= Oracle.MAX_PRICE;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires total == weightIn(prices, weights, n, lo, hi);
      @   ensures \result <==> lo <= m && m <= hi && (\exists int k; 0 <= k && k < n; prices[k] == m)
      @        && 2 * weightIn(prices, weights, n, lo, m) >= total
      @        && 2 * weightIn(prices, weights, n, lo, m - 1) < total;
      @ pure
      @*/
    public static boolean isLowerMedian(long[] prices, long[] weights, int n, long lo, long hi, long total, long m) {
        if (m < lo || m > hi) {
            return false;
        }
        boolean found = false;
        long atOrBelow = 0;
        long below = 0;
        //@ loop_invariant 0 <= i && i <= n;
        //@ loop_invariant found <==> (\exists int j; 0 <= j && j < i; prices[j] == m);
        //@ loop_invariant atOrBelow == weightIn(prices, weights, i, lo, m);
        //@ loop_invariant below == weightIn(prices, weights, i, lo, m - 1);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            long p = prices[i];
            if (p == m) {
                found = true;
            }
            if (lo <= p && p <= m) {
                atOrBelow = atOrBelow + weights[i];
                if (p < m) {
                    below = below + weights[i];
                }
            }
        }
        return found && 2 * atOrBelow >= total && 2 * below < total;
    }

    /**
     * Lemma: the eligible weight at or below a price is monotone in the price.  Not instrumented for
     * runtime checking ({@code skiprac}): its
     * {@code ensures} quantifies over every {@code long}, which no run can evaluate.  Proved by ESC.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && 0 <= n && n <= prices.length && n <= weights.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   ensures \result;
      @   ensures (\forall long a; a <= b ==> weightIn(prices, weights, n, lo, a) <= weightIn(prices, weights, n, lo, b));
      @ pure
      @*/
    public static /*@ skiprac @*/ boolean weightInMonotone(long[] prices, long[] weights, int n, long lo, long b) {
        //@ loop_invariant 0 <= i && i <= n;
        //@ loop_invariant (\forall long a; a <= b ==> weightIn(prices, weights, i, lo, a) <= weightIn(prices, weights, i, lo, b));
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            // each entry adds to the weight at or below b whenever it adds to the weight at or below a
        }
        return true;
    }

    /**
     * The median by its definition, in O(n^2): the least eligible price whose eligible weight at
     * or below reaches half the total, starting from the highest eligible price (which always
     * qualifies).  Used only if the sorted candidate fails its check.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 1 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires 1 <= lo && lo <= hi && hi <= Oracle.MAX_PRICE;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires total == weightIn(prices, weights, n, lo, hi) && total > 0;
      @   ensures lo <= \result && \result <= hi;
      @   ensures (\exists int k; 0 <= k && k < n; \result == prices[k]);
      @   ensures 2 * weightIn(prices, weights, n, lo, \result) >= total;
      @   ensures (\forall int k; 0 <= k && k < n && lo <= prices[k] && prices[k] < \result;
      @              2 * weightIn(prices, weights, n, lo, prices[k]) < total);
      @ pure
      @*/
    public static /*@ skiprac @*/ long lowerMedianByScan(long[] prices, long[] weights, int n, long lo, long hi, long total) {
        int top = highestEligible(prices, weights, n, lo, hi);
        //@ assert weightInCapped(prices, weights, n, lo, hi, prices[top]);
        long best = prices[top];
        //@ loop_invariant 0 <= i && i <= n;
        //@ loop_invariant lo <= best && best <= hi && (\exists int k; 0 <= k && k < n; best == prices[k]);
        //@ loop_invariant 2 * weightIn(prices, weights, n, lo, best) >= total;
        //@ loop_invariant (\forall int j; 0 <= j && j < i && lo <= prices[j] && prices[j] < best;
        //@                    2 * weightIn(prices, weights, n, lo, prices[j]) < total);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            long p = prices[i];
            if (lo <= p && p < best && 2 * weightIn(prices, weights, n, lo, p) >= total) {
                best = p;
            }
        }
        return best;
    }

    /** The index of a highest eligible price; there is one since the eligible weight is positive. */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && 0 <= n && n <= prices.length && n <= weights.length;
      @   requires n <= Oracle.MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires weightIn(prices, weights, n, lo, hi) > 0;
      @   ensures 0 <= \result && \result < n && lo <= prices[\result] && prices[\result] <= hi;
      @   ensures (\forall int j; 0 <= j && j < n; (lo <= prices[j] && prices[j] <= hi) ==> prices[j] <= prices[\result]);
      @ pure
      @*/
    public static int highestEligible(long[] prices, long[] weights, int n, long lo, long hi) {
        int top = -1;
        //@ loop_invariant 0 <= i && i <= n && -1 <= top && top < i;
        //@ loop_invariant top == -1 ==> weightIn(prices, weights, i, lo, hi) == 0;
        //@ loop_invariant top == -1 ==> (\forall int j; 0 <= j && j < i; !(lo <= prices[j] && prices[j] <= hi));
        //@ loop_invariant top >= 0 ==> lo <= prices[top] && prices[top] <= hi;
        //@ loop_invariant top >= 0 ==> (\forall int j; 0 <= j && j < i; lo <= prices[j] && prices[j] <= hi ==> prices[j] <= prices[top]);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            if (lo <= prices[i] && prices[i] <= hi && (top < 0 || prices[i] > prices[top])) {
                top = i;
            }
        }
        return top;
    }

    /** Lemma: if no eligible price exceeds cap (cap &lt;= hi), the weight at or below cap is the eligible weight. */
    /*@ public normal_behavior
      @   requires prices != null && weights != null && 0 <= n && n <= prices.length && n <= weights.length;
      @   requires n <= Oracle.MAX_REPORTERS && cap <= hi;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @   requires (\forall int j; 0 <= j && j < n; (lo <= prices[j] && prices[j] <= hi) ==> prices[j] <= cap);
      @   ensures \result && weightIn(prices, weights, n, lo, cap) == weightIn(prices, weights, n, lo, hi);
      @ pure
      @*/
    public static boolean weightInCapped(long[] prices, long[] weights, int n, long lo, long hi, long cap) {
        //@ loop_invariant 0 <= i && i <= n && weightIn(prices, weights, i, lo, cap) == weightIn(prices, weights, i, lo, hi);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            // an entry in lo..cap is in lo..hi and, being eligible, not above cap
        }
        return true;
    }

    /**
     * Sorts keys[0..f) into ascending order with the library sort.  Not instrumented for runtime
     * checking ({@code skiprac}): OpenJML's specification of {@code Arrays.sort} states the order
     * through a ghost permutation array that only a verified sort fills, so the checker would
     * report that postcondition false after every library call.  Nothing here relies on the order
     * ({@link #sortedCandidate}'s caller checks the candidate).
     */
    /*@ private normal_behavior
      @   requires keys != null && 0 <= f && f <= keys.length;
      @*/
    //-RAC@   assignable keys[*];
    private static /*@ skiprac @*/ void sortKeys(long[] keys, int f) {
        Arrays.sort(keys, 0, f);
    }

    /** Packing base of a (price, index) key: {@code price * KEY_BASE + index}, index below MAX_REPORTERS. */
    static final long KEY_BASE = Oracle.MAX_REPORTERS;

    /**
     * The fast path of {@link #lowerMedianOf}: sorts the eligible entries' keys
     * {@code price * KEY_BASE + index} (price order, ties by index) with the library sort and
     * returns the price at which twice the running weight first reaches {@code total}.  Nothing
     * is claimed about the value (the caller checks it), so nothing about the library sort is
     * relied on; the guards on a key's index only keep the walk inside the arrays whatever the
     * sort returns.
     */
    /*@ public normal_behavior
      @   requires prices != null && weights != null;
      @   requires 0 <= n && n <= prices.length && n <= weights.length && n <= Oracle.MAX_REPORTERS;
      @   requires 1 <= lo && lo <= hi && hi <= Oracle.MAX_PRICE;
      @   requires (\forall int i; 0 <= i && i < n; 0 <= weights[i] && weights[i] <= Oracle.MAX_WEIGHT);
      @ pure
      @*/
    public static long sortedCandidate(long[] prices, long[] weights, int n, long lo, long hi, long total) {
        long[] keys = new long[n];
        int f = 0;
        //@ loop_invariant 0 <= i && i <= n && 0 <= f && f <= i;
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            long p = prices[i];
            if (lo <= p && p <= hi) {
                keys[f] = p * KEY_BASE + i;
                f++;
            }
        }
        sortKeys(keys, f);
        long acc = 0;
        //@ loop_invariant 0 <= j && j <= f && 0 <= acc && acc <= j * Oracle.MAX_WEIGHT;
        //@ decreases f - j;
        for (int j = 0; j < f; j++) {
            long key = keys[j];
            if (key < 0) {
                return hi;
            }
            long idx = key % KEY_BASE;
            if (idx >= n) {
                return hi;
            }
            acc = acc + weights[(int) idx];
            if (2 * acc >= total) {
                return key / KEY_BASE;
            }
        }
        return hi;
    }
}
