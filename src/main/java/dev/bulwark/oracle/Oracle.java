package dev.bulwark.oracle;

import java.util.Arrays;
import java.util.List;

/**
 * The Bulwark price oracle: the Java image of spec/oracle/Oracle.tla, one method per TLA+
 * action ({@code Report(r, px)} = {@link #report}, {@code Aggregate} = {@link #aggregate},
 * {@code AdvanceRound(tp)} = {@link #advanceRound}), step for step.
 *
 * <p><b>Weights and the guarantee.</b>  A reporter's weight is {@code stake * rel}: its stake
 * scaled by {@code rel / maxRel}.  Every reporter starts at full reliability ({@code maxRel});
 * a deviation or an equivocation costs {@code penalty}, an in-band report wins one back, never
 * above {@code maxRel}.  Reliability can therefore only reduce a weight below the stake, never
 * raise it above.  Honest reporters (within {@code band / 2} of the true price, as the spec's
 * {@code Band = 2 * Tol} requires) are never penalised while the faulty reporters hold at most a
 * third of the stake, so they keep their full weight, and the faulty share of the weight is at
 * most the faulty share of the stake.  Hence (spec {@code HonestRange}, over stake): no coalition
 * holding at most a third of the stake can move an aggregate outside the range of the honest
 * reports, whatever the reporting history -- including honest reporters that miss rounds.  (The
 * former rule let reliability start low and be earned by reporting; a coalition reporting every
 * round then out-earned slower honest reporters: see spec/oracle/README.md.)
 *
 * <p>Abstraction function (Java state -&gt; spec state): reporters are the indices
 * 0..reporters()-1 in the order of the spec's {@code ReporterSeq}; {@code round},
 * {@code reports}, {@code rel}, {@code price}, {@code priceRound}, {@code pending},
 * {@code pendingRound}, {@code aggregated} map one to one; {@code evidence} is the set of
 * {@code [rep |-> k, rnd |-> round]} over the k with {@code evidenced[k]} (this round's
 * equivocations; {@link #evidence()}).  The spec's {@code truePrice} and {@code Faulty} are the
 * environment: the oracle holds neither, and AdvanceRound's {@code tp} has no Java parameter.
 * {@code lastAction} is trace metadata.
 *
 * <p>Every action checks the reporter index and the price range first, then every conjunct of
 * the spec's guard; a refused call throws {@link OracleException} and leaves the state exactly
 * unchanged (nothing is written before all checks pass).
 *
 * <p>Memory is fixed at construction and bounded by the number of reporters n (at most
 * {@link #MAX_REPORTERS}): one report, one reliability and one evidence flag per reporter.
 * Nothing a reporter sends grows it: a second report of a round turns the first into
 * EQUIVOCATED and sets the reporter's evidence flag; further reports of that round are refused;
 * {@link #advanceRound} clears the round's reports and evidence.  (The signed pairs that prove an
 * equivocation are the shell's: {@code dev.bulwark.net.OracleGateway}, with its own bound.)
 *
 * <p>Overflow: stake &lt;= 2^38, reliability &lt;= 1000 &lt; 2^10, so a weight is below 2^48;
 * at most 2^12 reporters, so a weight sum is below 2^60 and {@code 3 * sum} below 2^62.
 * Prices are at most 2^40, so every price difference and every packed (price, index) key fits.
 *
 * <p>Not thread-safe; deterministic; no I/O.
 */
public final class Oracle {
    /** Hard cap on the number of reporters (2^12). */
    public static final int MAX_REPORTERS = 4096;
    /** Hard cap on a stake (2^38). */
    public static final long MAX_STAKE = 1L << 38;
    /** Hard cap on MaxRel. */
    public static final long MAX_REL = 1000L;
    /** MAX_STAKE * MAX_REL: bound on one weight. */
    public static final long MAX_WEIGHT = MAX_STAKE * MAX_REL;
    /** MAX_REPORTERS * MAX_WEIGHT: bound on a weight sum (below 2^60, so 3x stays below 2^62). */
    public static final long MAX_TOTAL_WEIGHT = MAX_REPORTERS * MAX_WEIGHT;
    /** Hard cap on MaxPrice, ticks (2^40). */
    public static final long MAX_PRICE = 1L << 40;
    /** Hard cap on MaxRound and StaleRounds. */
    public static final int MAX_ROUND = 1_000_000_000;
    /** NoPrice: no aggregate accepted / held. */
    public static final long NO_PRICE = 0L;
    /** NoReport: the reporter has not reported in this round. */
    public static final long NO_REPORT = 0L;
    /** Equivocated: the reporter sent two different reports in this round. */
    public static final long EQUIVOCATED = -1L;

    //@ spec_public
    private final OracleParams params;
    // The constants, copied from params so that invariants and proofs stay local to this class.
    //@ spec_public
    private final long[] stake;
    //@ spec_public
    private final long maxRel;
    //@ spec_public
    private final long penalty;
    //@ spec_public
    private final long minPrice;
    //@ spec_public
    private final long maxPrice;
    //@ spec_public
    private final long band;
    //@ spec_public
    private final long maxJump;
    //@ spec_public
    private final int staleRounds;
    //@ spec_public
    private final int maxRound;

    /** round: the current round. */
    //@ spec_public
    private int round;
    /** reports: this round's report of each reporter (a price, NO_REPORT or EQUIVOCATED). */
    //@ spec_public
    private final long[] reports;
    /** rel: reliability of each reporter, 0..maxRel (maxRel at start). */
    //@ spec_public
    private final long[] rel;
    /** price: last accepted aggregate, or NO_PRICE. */
    //@ spec_public
    private long price;
    /** priceRound: round in which price was accepted, -1 if none. */
    //@ spec_public
    private int priceRound;
    /** pending: aggregate held by the deviation guard, or NO_PRICE. */
    //@ spec_public
    private long pending;
    /** pendingRound: round in which pending was held, -1 if none. */
    //@ spec_public
    private int pendingRound;
    /** aggregated: this round's aggregate was computed. */
    //@ spec_public
    private boolean aggregated;
    /** evidence: evidenced[k] iff [rep |-> k, rnd |-> round] is in the spec's evidence set. */
    //@ spec_public
    private final boolean[] evidenced;

    //@ public invariant params != null && stake != null && reports != null && rel != null && evidenced != null;
    //@ public invariant stake != reports && stake != rel && reports != rel;
    //@ public invariant reports != params.stake && rel != params.stake;
    //@ public invariant stake.length == params.stake.length && maxRel == params.maxRel && penalty == params.penalty;
    //@ public invariant minPrice == params.minPrice && maxPrice == params.maxPrice && band == params.band;
    //@ public invariant maxJump == params.maxJump && staleRounds == params.staleRounds && maxRound == params.maxRound;
    //@ public invariant 1 <= stake.length && stake.length <= MAX_REPORTERS;
    //@ public invariant reports.length == stake.length && rel.length == stake.length && evidenced.length == stake.length;
    //@ public invariant (\forall int k; 0 <= k && k < stake.length; 1 <= stake[k] && stake[k] <= MAX_STAKE);
    //@ public invariant 1 <= maxRel && maxRel <= MAX_REL && 1 <= penalty && penalty <= MAX_REL;
    //@ public invariant 1 <= minPrice && minPrice <= maxPrice && maxPrice <= MAX_PRICE;
    //@ public invariant 0 <= band && band <= MAX_PRICE && 0 <= maxJump && maxJump <= MAX_PRICE;
    //@ public invariant 1 <= staleRounds && staleRounds <= MAX_ROUND && 0 <= maxRound && maxRound <= MAX_ROUND;
    // TypeOK (a weight is at most the full weight stake * maxRel: rel <= maxRel)
    //@ public invariant 0 <= round && round <= maxRound;
    //@ public invariant (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT || reports[k] == EQUIVOCATED || (minPrice <= reports[k] && reports[k] <= maxPrice));
    //@ public invariant (\forall int k; 0 <= k && k < rel.length; 0 <= rel[k] && rel[k] <= maxRel);
    //@ public invariant price == NO_PRICE || (minPrice <= price && price <= maxPrice);
    //@ public invariant -1 <= priceRound && priceRound <= round && ((price == NO_PRICE) <==> (priceRound == -1));
    //@ public invariant pending == NO_PRICE || (minPrice <= pending && pending <= maxPrice);
    //@ public invariant -1 <= pendingRound && pendingRound <= round && ((pending == NO_PRICE) <==> (pendingRound == -1));
    // EquivocationEvidenced is the spec's invariant; here it is kept by report() and checked by the tests.

    // ------------------------------------------------------------------------------------------
    // Construction

    /** Init: round 0, no reports, every reliability maxRel (weight = full stake), no price, nothing pending, no evidence. */
    /*@ public normal_behavior
      @   requires params != null;
      @   ensures this.params == params && round == 0 && reports.length == params.reporters();
      @   ensures (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT && rel[k] == params.maxRel
      @              && !evidenced[k]);
      @   ensures price == NO_PRICE && priceRound == -1 && pending == NO_PRICE && pendingRound == -1;
      @   ensures !aggregated;
      @ also public exceptional_behavior
      @   requires params == null;
      @   signals_only OracleException;
      @*/
    public Oracle(/*@ nullable @*/ OracleParams params) throws OracleException {
        OracleParams p = checkedParams(params);
        //@ ghost long[] allocated = p.stakeVector();
        this.params = p;
        this.stake = p.stakes();
        this.maxRel = p.maxRel;
        this.penalty = p.penalty;
        this.minPrice = p.minPrice;
        this.maxPrice = p.maxPrice;
        this.band = p.band;
        this.maxJump = p.maxJump;
        this.staleRounds = p.staleRounds;
        this.maxRound = p.maxRound;
        this.round = 0;
        this.reports = new long[p.reporters()];
        this.rel = initialRel(p);
        this.price = NO_PRICE;
        this.priceRound = -1;
        this.pending = NO_PRICE;
        this.pendingRound = -1;
        this.aggregated = false;
        this.evidenced = new boolean[p.reporters()];
    }

    /*@ private normal_behavior
      @   requires params != null && reports != null && rel != null && evidenced != null && reports != rel;
      @   requires reports != params.stake && rel != params.stake;
      @   requires reports.length == params.reporters() && rel.length == params.reporters();
      @   requires evidenced.length == params.reporters();
      @   requires 0 <= round && round <= params.maxRound;
      @   requires (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT || reports[k] == EQUIVOCATED
      @              || (params.minPrice <= reports[k] && reports[k] <= params.maxPrice));
      @   requires (\forall int k; 0 <= k && k < rel.length; 0 <= rel[k] && rel[k] <= params.maxRel);
      @   requires price == NO_PRICE || (params.minPrice <= price && price <= params.maxPrice);
      @   requires -1 <= priceRound && priceRound <= round && ((price == NO_PRICE) <==> (priceRound == -1));
      @   requires pending == NO_PRICE || (params.minPrice <= pending && pending <= params.maxPrice);
      @   requires -1 <= pendingRound && pendingRound <= round && ((pending == NO_PRICE) <==> (pendingRound == -1));
      @   assignable \nothing;
      @   ensures this.params == params && this.reports == reports && this.rel == rel && this.round == round;
      @   ensures this.price == price && this.priceRound == priceRound && this.pending == pending;
      @   ensures this.pendingRound == pendingRound && this.aggregated == aggregated;
      @   ensures this.evidenced == evidenced;
      @   ensures (\forall int k; 0 <= k && k < params.stake.length; this.stake[k] == params.stake[k]);
      @*/
    //-RAC@   ensures \fresh(this.stake);
    private Oracle(OracleParams params, long[] reports, long[] rel, int round, long price, int priceRound,
                   long pending, int pendingRound, boolean aggregated, boolean[] evidenced) {
        this.params = params;
        this.stake = params.stakes();
        this.maxRel = params.maxRel;
        this.penalty = params.penalty;
        this.minPrice = params.minPrice;
        this.maxPrice = params.maxPrice;
        this.band = params.band;
        this.maxJump = params.maxJump;
        this.staleRounds = params.staleRounds;
        this.maxRound = params.maxRound;
        this.round = round;
        this.reports = reports;
        this.rel = rel;
        this.price = price;
        this.priceRound = priceRound;
        this.pending = pending;
        this.pendingRound = pendingRound;
        this.aggregated = aggregated;
        this.evidenced = evidenced;
    }

    /*@ private normal_behavior
      @   requires params != null;
      @   ensures \result == params;
      @ also private exceptional_behavior
      @   requires params == null;
      @   signals_only OracleException;
      @ pure
      @*/
    private static OracleParams checkedParams(/*@ nullable @*/ OracleParams params) throws OracleException {
        if (params == null) {
            throw new OracleException(Reason.INVALID_PARAMS, -1, 0);
        }
        return params;
    }

    /*@ private normal_behavior
      @   requires params != null;
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == params.reporters();
      @   ensures (\forall int k; 0 <= k && k < \result.length; \result[k] == params.maxRel);
      @ pure
      @*/
    private static long[] initialRel(OracleParams params) {
        long[] r = new long[params.reporters()];
        //@ loop_invariant 0 <= k && k <= r.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; r[j] == params.maxRel);
        //@ decreases r.length - k;
        for (int k = 0; k < r.length; k++) {
            r[k] = params.maxRel;
        }
        return r;
    }

    /** An independent copy of a long array. */
    /*@ private normal_behavior
      @   requires a != null;
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == a.length;
      @   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
      @ pure
      @*/
    private static long[] copyOf(long[] a) {
        long[] c = new long[a.length];
        //@ loop_invariant 0 <= k && k <= a.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    /** An independent copy of a boolean array. */
    /*@ private normal_behavior
      @   requires a != null;
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == a.length;
      @   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
      @ pure
      @*/
    private static boolean[] copyOf(boolean[] a) {
        boolean[] c = new boolean[a.length];
        //@ loop_invariant 0 <= k && k <= a.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    /**
     * Loads any state that satisfies TypeOK for {@code params} (arrays copied; evidence as a
     * list of distinct records of the current round).  Refused with {@link Reason#INVALID_PARAMS}
     * for null params and {@link Reason#INVALID_STATE} otherwise: first number the reporter or
     * evidence index (or -1 for a scalar variable), second the offending value.
     */
    /*@ public normal_behavior
      @   requires validState(params, round, reports, rel, price, priceRound, pending, pendingRound, evidence);
      @   ensures \result != null && \result.params == params && \result.round == round;
      @   ensures \result.reports != reports && \result.rel != rel;
      @   ensures (\forall int k; 0 <= k && k < reports.length; \result.reports[k] == reports[k] && \result.rel[k] == rel[k]);
      @   ensures \result.price == price && \result.priceRound == priceRound;
      @   ensures \result.pending == pending && \result.pendingRound == pendingRound;
      @   ensures \result.aggregated == aggregated;
      @*/
    //-RAC@   ensures (\forall int k; 0 <= k && k < reports.length;
    //-RAC@              \result.evidenced[k] <==> (\exists int i; 0 <= i && i < \old(evidence.size()); \old(evidence.get(i)).reporter == k));
    /*@ also public exceptional_behavior
      @   requires !validState(params, round, reports, rel, price, priceRound, pending, pendingRound, evidence);
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public static Oracle fromState(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ long[] reports, /*@ nullable @*/ long[] rel, long price,
                                   int priceRound, long pending, int pendingRound, boolean aggregated,
                                   /*@ nullable @*/ List<Evidence> evidence) throws OracleException {
        /*@ nullable @*/ Evidence[] ev = evidence == null ? null : evidenceArray(evidence);
        //-RAC@ assert ev != null ==> ev.length == \old(evidence.size());
        //-RAC@ assert ev != null ==> (\forall int i; 0 <= i && i < ev.length; ev[i] == \old(evidence.get(i)));
        checkState(params, round, reports, rel, price, priceRound, pending, pendingRound, evidence);
        //@ ghost long[] allocated = params.stakeVector();
        boolean[] evidenced = evidenceFlags(reports.length, ev);
        return new Oracle(params, copyOf(reports), copyOf(rel), round, price, priceRound, pending,
                pendingRound, aggregated, evidenced);
    }

    /**
     * The evidence list as an array, element for element (so that the loops below, which write
     * arrays, reason about array elements rather than about the list).
     */
    /*@ private normal_behavior
      @   requires evidence != null;
      @   ensures \result != null && \result.length == evidence.size();
      @   ensures (\forall int i; 0 <= i && i < evidence.size(); \result[i] == evidence.get(i));
      @ pure
      @*/
    private static Evidence[] evidenceArray(List<Evidence> evidence) {
        return evidence.toArray(new Evidence[0]);
    }

    /** The evidence records as one flag per reporter. */
    /*@ private normal_behavior
      @   requires ev != null && 0 <= n;
      @   requires (\forall int i; 0 <= i && i < ev.length; ev[i] != null && 0 <= ev[i].reporter && ev[i].reporter < n);
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == n;
      @   ensures (\forall int k; 0 <= k && k < n; \result[k] <==> (\exists int i; 0 <= i && i < ev.length; ev[i].reporter == k));
      @ pure
      @*/
    private static boolean[] evidenceFlags(int n, Evidence[] ev) {
        boolean[] flags = new boolean[n];
        //@ loop_invariant 0 <= i && i <= ev.length;
        //@ loop_invariant (\forall int k; 0 <= k && k < n; flags[k] <==> (\exists int j; 0 <= j && j < i; ev[j].reporter == k));
        //@ decreases ev.length - i;
        for (int i = 0; i < ev.length; i++) {
            flags[ev[i].reporter()] = true;
        }
        return flags;
    }

    /** TypeOK for params, as one predicate (what fromState accepts). */
    /*@ public normal_behavior
      @   ensures \result <==> params != null && validVectors(params, round, reports, rel)
      @        && validPriceAndRound(params, price, priceRound, round)
      @        && validPriceAndRound(params, pending, pendingRound, round)
      @        && validEvidence(params, round, evidence);
      @ pure
      @*/
    public static boolean validState(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ long[] reports, /*@ nullable @*/ long[] rel, long price,
                                     int priceRound, long pending, int pendingRound, /*@ nullable @*/ List<Evidence> evidence) {
        try {
            checkState(params, round, reports, rel, price, priceRound, pending, pendingRound, evidence);
            return true;
        } catch (OracleException e) {
            return false;
        }
    }

    /*@ private normal_behavior
      @   requires params != null && validVectors(params, round, reports, rel)
      @        && validPriceAndRound(params, price, priceRound, round)
      @        && validPriceAndRound(params, pending, pendingRound, round)
      @        && validEvidence(params, round, evidence);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !(params != null && validVectors(params, round, reports, rel)
      @        && validPriceAndRound(params, price, priceRound, round)
      @        && validPriceAndRound(params, pending, pendingRound, round)
      @        && validEvidence(params, round, evidence));
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void checkState(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ long[] reports, /*@ nullable @*/ long[] rel, long price,
                                   int priceRound, long pending, int pendingRound, /*@ nullable @*/ List<Evidence> evidence)
            throws OracleException {
        checkedParams(params);
        checkVectors(params, round, reports, rel);
        checkPriceAndRound(params, price, priceRound, round);
        checkPriceAndRound(params, pending, pendingRound, round);
        checkEvidence(params, round, evidence);
    }

    /** TypeOK on round, reports and rel. */
    /*@ public normal_behavior
      @   requires params != null;
      @   ensures \result <==> reports != null && rel != null
      @        && reports.length == params.reporters() && rel.length == params.reporters()
      @        && 0 <= round && round <= params.maxRound
      @        && (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT || reports[k] == EQUIVOCATED
      @              || (params.minPrice <= reports[k] && reports[k] <= params.maxPrice))
      @        && (\forall int k; 0 <= k && k < rel.length; 0 <= rel[k] && rel[k] <= params.maxRel);
      @ pure
      @*/
    public static boolean validVectors(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ long[] reports, /*@ nullable @*/ long[] rel) {
        try {
            checkVectors(params, round, reports, rel);
            return true;
        } catch (OracleException e) {
            return false;
        }
    }

    /*@ private normal_behavior
      @   requires params != null;
      @   requires reports != null && rel != null
      @        && reports.length == params.reporters() && rel.length == params.reporters()
      @        && 0 <= round && round <= params.maxRound
      @        && (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT || reports[k] == EQUIVOCATED
      @              || (params.minPrice <= reports[k] && reports[k] <= params.maxPrice))
      @        && (\forall int k; 0 <= k && k < rel.length; 0 <= rel[k] && rel[k] <= params.maxRel);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires params != null;
      @   requires !(reports != null && rel != null
      @        && reports.length == params.reporters() && rel.length == params.reporters()
      @        && 0 <= round && round <= params.maxRound
      @        && (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT || reports[k] == EQUIVOCATED
      @              || (params.minPrice <= reports[k] && reports[k] <= params.maxPrice))
      @        && (\forall int k; 0 <= k && k < rel.length; 0 <= rel[k] && rel[k] <= params.maxRel));
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void checkVectors(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ long[] reports, /*@ nullable @*/ long[] rel)
            throws OracleException {
        int n = params.reporters();
        if (reports == null || reports.length != n) {
            throw new OracleException(Reason.INVALID_STATE, -1, reports == null ? -1 : reports.length);
        }
        if (rel == null || rel.length != n) {
            throw new OracleException(Reason.INVALID_STATE, -1, rel == null ? -1 : rel.length);
        }
        if (round < 0 || round > params.maxRound) {
            throw new OracleException(Reason.INVALID_STATE, -1, round);
        }
        //@ loop_invariant 0 <= k && k <= n;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; reports[j] == NO_REPORT || reports[j] == EQUIVOCATED
        //@                   || (params.minPrice <= reports[j] && reports[j] <= params.maxPrice));
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 0 <= rel[j] && rel[j] <= params.maxRel);
        //@ decreases n - k;
        for (int k = 0; k < n; k++) {
            long v = reports[k];
            if (!(v == NO_REPORT || v == EQUIVOCATED || (params.minPrice <= v && v <= params.maxPrice))) {
                throw new OracleException(Reason.INVALID_STATE, k, v);
            }
            if (rel[k] < 0 || rel[k] > params.maxRel) {
                throw new OracleException(Reason.INVALID_STATE, k, rel[k]);
            }
        }
    }

    /** TypeOK on a price (or pending aggregate) and its round. */
    /*@ public normal_behavior
      @   requires params != null;
      @   ensures \result <==> (px == NO_PRICE || (params.minPrice <= px && px <= params.maxPrice))
      @        && -1 <= pxRound && pxRound <= round && ((px == NO_PRICE) <==> (pxRound == -1));
      @ pure
      @*/
    public static boolean validPriceAndRound(/*@ nullable @*/ OracleParams params, long px, int pxRound, int round) {
        return (px == NO_PRICE || (params.minPrice <= px && px <= params.maxPrice))
                && -1 <= pxRound && pxRound <= round && ((px == NO_PRICE) == (pxRound == -1));
    }

    /*@ private normal_behavior
      @   requires params != null && validPriceAndRound(params, px, pxRound, round);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires params != null && !validPriceAndRound(params, px, pxRound, round);
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void checkPriceAndRound(/*@ nullable @*/ OracleParams params, long px, int pxRound, int round)
            throws OracleException {
        if (!(px == NO_PRICE || (params.minPrice <= px && px <= params.maxPrice))) {
            throw new OracleException(Reason.INVALID_STATE, -1, px);
        }
        if (pxRound < -1 || pxRound > round || ((px == NO_PRICE) != (pxRound == -1))) {
            throw new OracleException(Reason.INVALID_STATE, -1, pxRound);
        }
    }

    /** TypeOK on evidence: at most one record per reporter, each of a known reporter and of the current round. */
    /*@ public normal_behavior
      @   requires params != null;
      @   ensures \result <==> evidence != null && evidence.size() <= params.stake.length
      @        && (\forall int i; 0 <= i && i < evidence.size(); evidence.get(i) != null
      @              && 0 <= evidence.get(i).reporter && evidence.get(i).reporter < params.stake.length
      @              && evidence.get(i).round == round)
      @        && (\forall int j; 0 <= j && j < evidence.size(); (\forall int i; 0 <= i && i < j;
      @              evidence.get(i).reporter != evidence.get(j).reporter));
      @ pure
      @*/
    public static boolean validEvidence(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ List<Evidence> evidence) {
        try {
            checkEvidence(params, round, evidence);
            return true;
        } catch (OracleException e) {
            return false;
        }
    }

    /*@ private normal_behavior
      @   requires params != null;
      @   requires evidence != null && evidence.size() <= params.stake.length
      @        && (\forall int i; 0 <= i && i < evidence.size(); evidence.get(i) != null
      @              && 0 <= evidence.get(i).reporter && evidence.get(i).reporter < params.stake.length
      @              && evidence.get(i).round == round)
      @        && (\forall int j; 0 <= j && j < evidence.size(); (\forall int i; 0 <= i && i < j;
      @              evidence.get(i).reporter != evidence.get(j).reporter));
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires params != null;
      @   requires !(evidence != null && evidence.size() <= params.stake.length
      @        && (\forall int i; 0 <= i && i < evidence.size(); evidence.get(i) != null
      @              && 0 <= evidence.get(i).reporter && evidence.get(i).reporter < params.stake.length
      @              && evidence.get(i).round == round)
      @        && (\forall int j; 0 <= j && j < evidence.size(); (\forall int i; 0 <= i && i < j;
      @              evidence.get(i).reporter != evidence.get(j).reporter)));
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void checkEvidence(/*@ nullable @*/ OracleParams params, int round, /*@ nullable @*/ List<Evidence> evidence)
            throws OracleException {
        if (evidence == null) {
            throw new OracleException(Reason.INVALID_STATE, -1, -1);
        }
        Evidence[] ev = evidenceArray(evidence);
        //-RAC@ assert ev.length == \old(evidence.size());
        //-RAC@ assert (\forall int i; 0 <= i && i < ev.length; ev[i] == \old(evidence.get(i)));
        int n = params.reporters();
        if (ev.length > n) {
            throw new OracleException(Reason.INVALID_STATE, -1, ev.length);
        }
        checkEvidenceRecords(n, round, ev);
    }

    /*@ private normal_behavior
      @   requires ev != null && 0 <= n && n <= MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < ev.length; ev[i] != null && 0 <= ev[i].reporter && ev[i].reporter < n
      @              && ev[i].round == round)
      @        && (\forall int j; 0 <= j && j < ev.length; (\forall int i; 0 <= i && i < j; ev[i].reporter != ev[j].reporter));
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires ev != null && 0 <= n && n <= MAX_REPORTERS;
      @   requires !((\forall int i; 0 <= i && i < ev.length; ev[i] != null && 0 <= ev[i].reporter && ev[i].reporter < n
      @              && ev[i].round == round)
      @        && (\forall int j; 0 <= j && j < ev.length; (\forall int i; 0 <= i && i < j; ev[i].reporter != ev[j].reporter)));
      @   assignable \nothing;
      @   signals_only OracleException;
      @ pure
      @*/
    private static void checkEvidenceRecords(int n, int round, Evidence[] ev) throws OracleException {
        boolean[] seen = new boolean[n];
        //@ loop_invariant 0 <= i && i <= ev.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; ev[j] != null && 0 <= ev[j].reporter && ev[j].reporter < n
        //@                   && ev[j].round == round);
        //@ loop_invariant (\forall int l; 0 <= l && l < i; (\forall int j; 0 <= j && j < l; ev[j].reporter != ev[l].reporter));
        //@ loop_invariant (\forall int k; 0 <= k && k < n; seen[k] <==> (\exists int j; 0 <= j && j < i; ev[j].reporter == k));
        //@ decreases ev.length - i;
        for (int i = 0; i < ev.length; i++) {
            /*@ nullable @*/ Evidence e = ev[i];
            if (e == null || e.reporter() < 0 || e.reporter() >= n || e.round() != round) {
                throw new OracleException(Reason.INVALID_STATE, i, e == null ? -1 : e.reporter());
            }
            if (seen[e.reporter()]) {
                throw new OracleException(Reason.INVALID_STATE, i, e.reporter());
            }
            seen[e.reporter()] = true;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Report(r, px)

    /**
     * Report(r, px): reporter r reports px for the current round.  A second, different report in
     * the same round is an equivocation: the report becomes EQUIVOCATED and evidence
     * (r, round) is recorded.  Refusals (r or px, limit or current value): UNKNOWN_REPORTER,
     * PRICE_OUT_OF_RANGE, REPORT_AFTER_AGGREGATE, ALREADY_EQUIVOCATED, DUPLICATE_REPORT.
     * Writes one report slot and one evidence flag: nothing grows.
     */
    /*@ public normal_behavior
      @   requires canReport(r, px);
      @   old long prev = reports[r];
      @   old boolean wasEvidenced = evidenced[r];
      @*/
    //-RAC@   assignable reports[r], evidenced[r];
    /*@
      @   ensures prev == NO_REPORT ==> reports[r] == px && evidenced[r] == wasEvidenced;
      @   ensures prev != NO_REPORT ==> reports[r] == EQUIVOCATED && evidenced[r];
      @ also public exceptional_behavior
      @   requires !canReport(r, px);
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public void report(int r, long px) throws OracleException {
        /*@ nullable @*/ Reason refusal = reportRefusal(r, px);
        //@ assert refusal == null ==> reportOf(r) == reports[r] && evidenced(r) == evidenced[r];
        if (refusal != null) {
            throw new OracleException(refusal, refusal == Reason.UNKNOWN_REPORTER ? r : px,
                    refusal == Reason.UNKNOWN_REPORTER ? reports.length
                            : refusal == Reason.PRICE_OUT_OF_RANGE ? maxPrice : reportOf(r));
        }
        if (reports[r] == NO_REPORT) {
            reports[r] = px;
        } else {
            reports[r] = EQUIVOCATED;
            evidenced[r] = true;
        }
    }

    /** ReportGuard(r, px), with the reporter index checked first. */
    /*@ public normal_behavior
      @   ensures \result <==> 0 <= r && r < reports.length && minPrice <= px && px <= maxPrice
      @        && !aggregated && reports[r] != EQUIVOCATED && px != reports[r];
      @ pure
      @*/
    public boolean canReport(int r, long px) {
        return reportRefusal(r, px) == null;
    }

    //@ private normal_behavior
    //@   ensures (\result == null) <==> (0 <= r && r < reports.length && minPrice <= px && px <= maxPrice
    //@        && !aggregated && reports[r] != EQUIVOCATED && px != reports[r]);
    //@   ensures (\result == Reason.UNKNOWN_REPORTER) <==> !(0 <= r && r < reports.length);
    //@ pure
    private /*@ nullable @*/ Reason reportRefusal(int r, long px) {
        if (r < 0 || r >= reports.length) {
            return Reason.UNKNOWN_REPORTER;
        }
        if (px < minPrice || px > maxPrice) {
            return Reason.PRICE_OUT_OF_RANGE;
        }
        if (aggregated) {
            return Reason.REPORT_AFTER_AGGREGATE;
        }
        if (reports[r] == EQUIVOCATED) {
            return Reason.ALREADY_EQUIVOCATED;
        }
        if (px == reports[r]) {
            return Reason.DUPLICATE_REPORT;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------
    // Aggregate

    /**
     * Aggregate: with fresh weight above two thirds of the total, compute the lower weighted
     * median m; accept it (price := m) or hold it (pending := m) by the deviation guard; update
     * every reliability against m.  Refusals (fresh weight, total weight): ALREADY_AGGREGATED,
     * NOT_ENOUGH_FRESH_WEIGHT.  The three steps are {@link #weightedMedian}, {@link #settle} and
     * {@link #updateRel}, each with its own contract.
     */
    /*@ public normal_behavior
      @   requires canAggregate();
      @   old long m = weightedMedian();
      @   old boolean accepted = accepts(m);
      @*/
    //-RAC@   assignable price, priceRound, pending, pendingRound, rel[*], aggregated;
    /*@
      @   ensures aggregated;
      @   ensures accepted ==> price == m && priceRound == round && pending == NO_PRICE && pendingRound == -1;
      @   ensures !accepted ==> pending == m && pendingRound == round
      @        && price == \old(price) && priceRound == \old(priceRound);
      @   ensures (\forall int k; 0 <= k && k < rel.length;
      @              rel[k] == relAfter(\old(rel())[k], reports[k], m, maxRel, penalty, minPrice, band));
      @ also public exceptional_behavior
      @   requires !canAggregate();
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public void aggregate() throws OracleException {
        if (!canAggregate()) {
            throw aggregateRefusal();
        }
        apply(weightedMedian());
    }

    /** The refusal of an Aggregate whose guard fails: (round, 0) or (fresh weight, total weight). */
    /*@ private normal_behavior
      @   ensures \result != null;
      @ pure
      @*/
    private OracleException aggregateRefusal() {
        if (aggregated) {
            return new OracleException(Reason.ALREADY_AGGREGATED, round, 0);
        }
        return new OracleException(Reason.NOT_ENOUGH_FRESH_WEIGHT, freshWeight(), totalWeight());
    }

    /** The effect of Aggregate once its guard holds and the round's aggregate m is known. */
    /*@ private normal_behavior
      @   requires !aggregated && minPrice <= m && m <= maxPrice;
      @   old boolean accepted = accepts(m);
      @*/
    //-RAC@   assignable price, priceRound, pending, pendingRound, rel[*], aggregated;
    /*@
      @   ensures aggregated;
      @   ensures accepted ==> price == m && priceRound == round && pending == NO_PRICE && pendingRound == -1;
      @   ensures !accepted ==> pending == m && pendingRound == round
      @        && price == \old(price) && priceRound == \old(priceRound);
      @   ensures (\forall int k; 0 <= k && k < rel.length;
      @              rel[k] == relAfter(\old(rel())[k], reports[k], m, maxRel, penalty, minPrice, band));
      @*/
    private void apply(long m) {
        settle(m);
        updateRel(m);
        aggregated = true;
    }

    /** The deviation guard applied to this round's aggregate m: accept it, or hold it. */
    /*@ private normal_behavior
      @   requires minPrice <= m && m <= maxPrice;
      @   assignable price, priceRound, pending, pendingRound;
      @   ensures \old(accepts(m)) ==> price == m && priceRound == round && pending == NO_PRICE && pendingRound == -1;
      @   ensures !\old(accepts(m)) ==> pending == m && pendingRound == round
      @        && price == \old(price) && priceRound == \old(priceRound);
      @*/
    private void settle(long m) {
        if (accepts(m)) {
            price = m;
            priceRound = round;
            pending = NO_PRICE;
            pendingRound = -1;
        } else {
            pending = m;
            pendingRound = round;
        }
    }

    /** RelAfter(reports, rel, m): every reliability updated against this round's aggregate m. */
    /*@ private normal_behavior
      @   requires minPrice <= m && m <= maxPrice;
      @*/
    //-RAC@   assignable rel[*];
    /*@
      @   ensures (\forall int k; 0 <= k && k < rel.length;
      @              rel[k] == relAfter(\old(rel())[k], reports[k], m, maxRel, penalty, minPrice, band));
      @*/
    private void updateRel(long m) {
        //@ loop_invariant 0 <= k && k <= rel.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k;
        //@                    rel[j] == relAfter(\old(rel())[j], reports[j], m, maxRel, penalty, minPrice, band));
        //@ loop_invariant (\forall int j; k <= j && j < rel.length; rel[j] == \old(rel())[j]);
        //@ loop_invariant (\forall int j; 0 <= j && j < rel.length; 0 <= rel[j] && rel[j] <= maxRel);
        //@ decreases rel.length - k;
        for (int k = 0; k < rel.length; k++) {
            rel[k] = relAfter(rel[k], reports[k], m, maxRel, penalty, minPrice, band);
        }
    }

    /** AggregateGuard: not aggregated and Quorum (3 * W(Fresh) &gt; 2 * W(Reporters)). */
    /*@ public normal_behavior
      @   ensures \result <==> !aggregated && quorum(sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice),
      @                                            sumWeights(stake, rel, stake.length));
      @ pure
      @*/
    public boolean canAggregate() {
        return !aggregated && quorum(freshWeight(), totalWeight());
    }

    /** Quorum on two weight sums: {@code 3 * fresh > 2 * total}. */
    /*@ public normal_behavior
      @   requires 0 <= fresh && fresh <= total && total <= MAX_TOTAL_WEIGHT;
      @   ensures \result <==> 3 * fresh > 2 * total;
      @ pure
      @*/
    public static boolean quorum(long fresh, long total) {
        return 3 * fresh > 2 * total;
    }

    /** Accepts(m): the deviation guard, confirm-next-round. */
    /*@ public normal_behavior
      @   requires minPrice <= m && m <= maxPrice;
      @   ensures \result <==> price == NO_PRICE || abs(m - price) <= maxJump
      @        || (pending != NO_PRICE && pendingRound == round - 1 && abs(m - pending) <= maxJump);
      @ pure
      @*/
    public boolean accepts(long m) {
        if (price == NO_PRICE || abs(m - price) <= maxJump) {
            return true;
        }
        return pending != NO_PRICE && pendingRound == round - 1 && abs(m - pending) <= maxJump;
    }

    /**
     * RelAfter for one reporter: an equivocation or a fresh report more than band from m loses
     * penalty (not below 0); a fresh report within band gains one (up to maxRel); no report: unchanged.
     */
    /*@ public normal_behavior
      @   requires 0 <= relr && relr <= maxRel && maxRel <= MAX_REL && 1 <= penalty && penalty <= MAX_REL;
      @   requires 1 <= minPrice && (rep == NO_REPORT || rep == EQUIVOCATED || (minPrice <= rep && rep <= MAX_PRICE));
      @   requires 1 <= m && m <= MAX_PRICE && 0 <= band;
      @   ensures (rep == EQUIVOCATED || (rep >= minPrice && abs(rep - m) > band)) ==> \result == Math.max(0, relr - penalty);
      @   ensures (rep >= minPrice && abs(rep - m) <= band) ==> \result == Math.min(maxRel, relr + 1);
      @   ensures rep == NO_REPORT ==> \result == relr;
      @   ensures 0 <= \result && \result <= maxRel;
      @ pure
      @*/
    public static long relAfter(long relr, long rep, long m, long maxRel, long penalty, long minPrice, long band) {
        if (rep == EQUIVOCATED || (rep >= minPrice && abs(rep - m) > band)) {
            return Math.max(0, relr - penalty);
        }
        if (rep >= minPrice) {
            return Math.min(maxRel, relr + 1);
        }
        return relr;
    }

    /** Absolute value of a price difference. */
    //@ public normal_behavior
    //@   requires x > Long.MIN_VALUE;
    //@   ensures \result == (x < 0 ? -x : x);
    //@ pure
    public static long abs(long x) {
        return x < 0 ? -x : x;
    }

    /** Weight W(r) = Stake[r] * rel[r], at most MAX_WEIGHT. */
    /*@ public normal_behavior
      @   requires 0 <= r && r < stake.length;
      @   ensures \result == stake[r] * rel[r] && 0 <= \result && \result <= MAX_WEIGHT;
      @ pure
      @*/
    public long weight(int r) {
        return mulWeight(stake[r], rel[r]);
    }

    //@ public normal_behavior
    //@   requires 1 <= s && s <= MAX_STAKE && 0 <= rl && rl <= MAX_REL;
    //@   ensures \result == s * rl && 0 <= \result && \result <= MAX_WEIGHT;
    //@ pure
    public static long mulWeight(long s, long rl) {
        return s * rl;
    }

    /**
     * W({0..k-1}) for a stake and a reliability vector: the weight of the first k reporters,
     * defined by recursion on k (the first two {@code ensures}; the loop computes it).
     * W(Reporters) is {@code sumWeights(stake, rel, reporters())}.  Static, so that the contracts
     * that use it carry no receiver.
     * Not instrumented for runtime checking ({@code skiprac}): the checker would
     * evaluate the loop invariant that names this method by calling it, which checks it again,
     * without end.  Proved by ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires stake != null && rel != null && 0 <= k && k <= stake.length && k <= rel.length && k <= MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < k; 1 <= stake[i] && stake[i] <= MAX_STAKE && 0 <= rel[i] && rel[i] <= MAX_REL);
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == sumWeights(stake, rel, k - 1) + stake[k - 1] * rel[k - 1];
      @   ensures 0 <= \result && \result <= k * MAX_WEIGHT;
      @ pure
      @*/
    public static /*@ skiprac @*/ long sumWeights(long[] stake, long[] rel, int k) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant acc == sumWeights(stake, rel, i) && 0 <= acc && acc <= i * MAX_WEIGHT;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            acc = acc + mulWeight(stake[i], rel[i]);
        }
        return acc;
    }

    /**
     * W({r in 0..k-1 : lo &lt;= reports[r] &lt;= hi}): the weight of the first k reporters whose
     * report lies in lo..hi, defined by recursion on k.  The spec's W(Fresh) is
     * {@code sumWeightsIn(stake, rel, reports, reporters(), minPrice, maxPrice)} (a fresh report
     * is a price, and every price is at most maxPrice), its WeightAtOrBelow(p)
     * {@code sumWeightsIn(stake, rel, reports, reporters(), minPrice, p)}.
     * Not instrumented for runtime checking ({@code skiprac}): the checker would
     * evaluate the loop invariant that names this method by calling it, which checks it again,
     * without end.  Proved by ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires stake != null && rel != null && reports != null;
      @   requires 0 <= k && k <= stake.length && k <= rel.length && k <= reports.length && k <= MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < k; 1 <= stake[i] && stake[i] <= MAX_STAKE && 0 <= rel[i] && rel[i] <= MAX_REL);
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == sumWeightsIn(stake, rel, reports, k - 1, lo, hi)
      @                              + (lo <= reports[k - 1] && reports[k - 1] <= hi ? stake[k - 1] * rel[k - 1] : 0);
      @   ensures 0 <= \result && \result <= sumWeights(stake, rel, k);
      @ pure
      @*/
    public static /*@ skiprac @*/ long sumWeightsIn(long[] stake, long[] rel, long[] reports, int k, long lo, long hi) {
        long acc = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant acc == sumWeightsIn(stake, rel, reports, i, lo, hi) && 0 <= acc && acc <= sumWeights(stake, rel, i);
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            long w = mulWeight(stake[i], rel[i]);
            if (lo <= reports[i] && reports[i] <= hi) {
                acc = acc + w;
            }
        }
        return acc;
    }

    /** W(Reporters). */
    /*@ public normal_behavior
      @   ensures \result == sumWeights(stake, rel, stake.length);
      @   ensures 0 <= \result && \result <= MAX_TOTAL_WEIGHT;
      @ pure
      @*/
    public long totalWeight() {
        return sumWeights(stake, rel, stake.length);
    }

    /** W(Fresh): weight of the reporters with a price report in this round. */
    /*@ public normal_behavior
      @   ensures \result == sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice);
      @   ensures 0 <= \result && \result <= sumWeights(stake, rel, stake.length);
      @ pure
      @*/
    public long freshWeight() {
        return sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice);
    }

    /**
     * WeightedMedian: the lower weighted median of the fresh reports (defined when the fresh
     * weight W(Fresh) is positive, which the quorum implies): the least fresh report p with
     * {@code 2 * W({fresh reports at or below p}) >= W(Fresh)}.
     */
    /*@ public normal_behavior
      @   requires sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice) > 0;
      @   ensures minPrice <= \result && \result <= maxPrice;
      @   ensures (\exists int k; 0 <= k && k < reports.length; reports[k] == \result);
      @   ensures 2 * sumWeightsIn(stake, rel, reports, reports.length, minPrice, \result)
      @        >= sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice);
      @   ensures (\forall int j; 0 <= j && j < reports.length; minPrice <= reports[j] && reports[j] < \result ==>
      @              2 * sumWeightsIn(stake, rel, reports, reports.length, minPrice, reports[j])
      @            < sumWeightsIn(stake, rel, reports, reports.length, minPrice, maxPrice));
      @ pure
      @*/
    public long weightedMedian() {
        long[] wt = weightsOf(stake, rel);
        //@ assert sameWeights(stake, rel, reports, wt, minPrice);
        return WeightedMedian.lowerMedianOf(reports, wt, reports.length, minPrice, maxPrice);
    }

    /** The weight vector [r |-&gt; Stake[r] * rel[r]] as a fresh array. */
    /*@ private normal_behavior
      @   requires stake != null && rel != null && stake.length <= rel.length && stake.length <= MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < stake.length; 1 <= stake[i] && stake[i] <= MAX_STAKE && 0 <= rel[i] && rel[i] <= MAX_REL);
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == stake.length;
      @   ensures (\forall int i; 0 <= i && i < \result.length;
      @              \result[i] == stake[i] * rel[i] && 0 <= \result[i] && \result[i] <= MAX_WEIGHT);
      @ pure
      @*/
    private static long[] weightsOf(long[] stake, long[] rel) {
        long[] wt = new long[stake.length];
        //@ loop_invariant 0 <= k && k <= wt.length;
        //@ loop_invariant (\forall int i; 0 <= i && i < k; wt[i] == stake[i] * rel[i] && 0 <= wt[i] && wt[i] <= MAX_WEIGHT);
        //@ decreases wt.length - k;
        for (int k = 0; k < wt.length; k++) {
            wt[k] = mulWeight(stake[k], rel[k]);
        }
        return wt;
    }

    /**
     * Lemma: over the weight vector, the median's sums are the oracle's:
     * {@code WeightedMedian.weightIn(reports, wt, n, lo, hi) == sumWeightsIn(stake, rel, reports, n, lo, hi)} for every hi.
     * Not instrumented for runtime checking ({@code skiprac}): its
     * {@code ensures} quantifies over every {@code long}, which no run can evaluate.  Proved by ESC.
     */
    /*@ private normal_behavior
      @   requires stake != null && rel != null && reports != null && wt != null;
      @   requires wt.length == reports.length && stake.length == reports.length && rel.length == reports.length;
      @   requires reports.length <= MAX_REPORTERS;
      @   requires (\forall int i; 0 <= i && i < reports.length;
      @              1 <= stake[i] && stake[i] <= MAX_STAKE && 0 <= rel[i] && rel[i] <= MAX_REL);
      @   requires (\forall int i; 0 <= i && i < wt.length;
      @              wt[i] == stake[i] * rel[i] && 0 <= wt[i] && wt[i] <= MAX_WEIGHT);
      @   ensures \result;
      @   ensures (\forall long hi; WeightedMedian.weightIn(reports, wt, reports.length, lo, hi)
      @                              == sumWeightsIn(stake, rel, reports, reports.length, lo, hi));
      @ pure
      @*/
    private static /*@ skiprac @*/ boolean sameWeights(long[] stake, long[] rel, long[] reports, long[] wt, long lo) {
        //@ loop_invariant 0 <= i && i <= reports.length;
        //@ loop_invariant (\forall long hi; WeightedMedian.weightIn(reports, wt, i, lo, hi)
        //@                                   == sumWeightsIn(stake, rel, reports, i, lo, hi));
        //@ decreases reports.length - i;
        for (int i = 0; i < reports.length; i++) {
            // both sums add wt[i] == stake[i] * rel[i] exactly when lo <= reports[i] <= hi
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // AdvanceRound(tp)

    /**
     * AdvanceRound(tp): the next round starts with no reports and no evidence (the finished
     * round's are dropped: the shell keeps the signed pairs).  (The spec's tp moves the true
     * price, which the oracle does not hold.)  Refusal (round, MaxRound): LAST_ROUND.
     */
    /*@ public normal_behavior
      @   requires canAdvanceRound();
      @*/
    //-RAC@   assignable round, reports[*], evidenced[*], aggregated;
    /*@
      @   ensures round == \old(round) + 1 && !aggregated;
      @   ensures (\forall int k; 0 <= k && k < reports.length; reports[k] == NO_REPORT && !evidenced[k]);
      @ also public exceptional_behavior
      @   requires !canAdvanceRound();
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public void advanceRound() throws OracleException {
        if (round >= maxRound) {
            throw new OracleException(Reason.LAST_ROUND, round, maxRound);
        }
        round = round + 1;
        //@ loop_invariant 0 <= k && k <= reports.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; reports[j] == NO_REPORT && !evidenced[j]);
        //@ decreases reports.length - k;
        for (int k = 0; k < reports.length; k++) {
            reports[k] = NO_REPORT;
            evidenced[k] = false;
        }
        aggregated = false;
    }

    /** round &lt; MaxRound. */
    //@ public normal_behavior
    //@   ensures \result <==> round < maxRound;
    //@ pure
    public boolean canAdvanceRound() {
        return round < maxRound;
    }

    // ------------------------------------------------------------------------------------------
    // Queries

    /** Usable: an accepted price, accepted in one of the last StaleRounds rounds. */
    //@ public normal_behavior
    //@   ensures \result <==> price != NO_PRICE && round - priceRound < staleRounds;
    //@ pure
    public boolean usable() {
        return price != NO_PRICE && round - priceRound < staleRounds;
    }

    /**
     * UsablePrice: the only price the margin engine may use; {@link #NO_PRICE} (0) means the
     * market must halt.
     */
    //@ public normal_behavior
    //@   ensures usable() ==> \result == price;
    //@   ensures !usable() ==> \result == NO_PRICE;
    //@ pure
    public long usablePrice() {
        return usable() ? price : NO_PRICE;
    }

    //@ public normal_behavior
    //@   ensures \result == params;
    //@ pure helper
    public OracleParams params() {
        return params;
    }

    //@ public normal_behavior
    //@   ensures \result == reports.length;
    //@ pure
    public int reporters() {
        return reports.length;
    }

    //@ public normal_behavior
    //@   ensures \result == round;
    //@ pure
    public int round() {
        return round;
    }

    /** reports[r]: a price, NO_REPORT (0) or EQUIVOCATED (-1). */
    //@ public normal_behavior
    //@   requires 0 <= r && r < reports.length;
    //@   ensures \result == reports[r];
    //@ pure
    public long reportOf(int r) {
        return reports[r];
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r < rel.length;
    //@   ensures \result == rel[r];
    //@ pure
    public long relOf(int r) {
        return rel[r];
    }

    /** A copy of reports. */
    /*@ public normal_behavior
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == reports.length;
      @   ensures (\forall int k; 0 <= k && k < reports.length; \result[k] == reports[k]);
      @ pure
      @*/
    public long[] reports() {
        return copyOf(reports);
    }

    /** A copy of rel. */
    /*@ public normal_behavior
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.length == rel.length;
      @   ensures (\forall int k; 0 <= k && k < rel.length; \result[k] == rel[k]);
      @ pure
      @*/
    public long[] rel() {
        return copyOf(rel);
    }

    //@ public normal_behavior
    //@   ensures \result == price;
    //@ pure helper
    public long price() {
        return price;
    }

    //@ public normal_behavior
    //@   ensures \result == priceRound;
    //@ pure
    public int priceRound() {
        return priceRound;
    }

    //@ public normal_behavior
    //@   ensures \result == pending;
    //@ pure
    public long pending() {
        return pending;
    }

    //@ public normal_behavior
    //@   ensures \result == pendingRound;
    //@ pure
    public int pendingRound() {
        return pendingRound;
    }

    //@ public normal_behavior
    //@   ensures \result == aggregated;
    //@ pure
    public boolean aggregated() {
        return aggregated;
    }

    /**
     * This round's recorded equivocations, by reporter index: the spec's evidence set
     * {@code {[rep |-> k, rnd |-> round] : evidenced[k]}} as a list in increasing reporter order.
     * A fresh fixed-size list over a fresh array on every call (a copy: nothing a caller does to
     * it reaches the oracle).  Not wrapped with {@code Collections.unmodifiableList}: the
     * verifier's specification of {@code java.util.Collections} does not compile for runtime
     * assertion checking (it names the ESC-only model field {@code values}), so the verified
     * package does not use that class.
     */
    /*@ public normal_behavior
      @   ensures \result != null;
      @   ensures (\forall int i; 0 <= i && i < \result.size(); \result.get(i) != null && \result.get(i).round == round
      @              && 0 <= \result.get(i).reporter && \result.get(i).reporter < evidenced.length
      @              && evidenced[\result.get(i).reporter]);
      @   ensures (\forall int j; 0 <= j && j < \result.size(); (\forall int i; 0 <= i && i < j; \result.get(i).reporter < \result.get(j).reporter));
      @   ensures (\forall int k; 0 <= k && k < evidenced.length; evidenced[k] ==>
      @              (\exists int i; 0 <= i && i < \result.size(); \result.get(i).reporter == k));
      @ pure
      @*/
    public List<Evidence> evidence() {
        Evidence[] records = evidenceRecords();
        List<Evidence> list = Arrays.asList(records);
        //@ assert list.size() == records.length && (\forall int i; 0 <= i && i < records.length; list.get(i) == records[i]);
        return list;
    }

    /** The records {@code Evidence(k, round)} of the flagged reporters k, in increasing order. */
    /*@ private normal_behavior
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures (\forall int i; 0 <= i && i < \result.length; \result[i] != null && \result[i].round == round
      @              && 0 <= \result[i].reporter && \result[i].reporter < evidenced.length
      @              && evidenced[\result[i].reporter]);
      @   ensures (\forall int j; 0 <= j && j < \result.length; (\forall int i; 0 <= i && i < j; \result[i].reporter < \result[j].reporter));
      @   ensures (\forall int k; 0 <= k && k < evidenced.length; evidenced[k] ==>
      @              (\exists int i; 0 <= i && i < \result.length; \result[i].reporter == k));
      @ pure
      @*/
    private Evidence[] evidenceRecords() {
        Evidence[] all = new Evidence[evidenced.length];
        int j = 0;
        //@ loop_invariant 0 <= k && k <= evidenced.length && 0 <= j && j <= k;
        //@ loop_invariant (\forall int i; 0 <= i && i < j; all[i] != null && all[i].round == round
        //@                   && 0 <= all[i].reporter && all[i].reporter < k && evidenced[all[i].reporter]);
        //@ loop_invariant (\forall int l; 0 <= l && l < j; (\forall int i; 0 <= i && i < l; all[i].reporter < all[l].reporter));
        //@ loop_invariant (\forall int m; 0 <= m && m < k; evidenced[m] ==> (\exists int i; 0 <= i && i < j; all[i].reporter == m));
        //@ decreases evidenced.length - k;
        for (int k = 0; k < evidenced.length; k++) {
            if (evidenced[k]) {
                all[j] = new Evidence(k, round);
                j++;
            }
        }
        Evidence[] out = new Evidence[j];
        //@ loop_invariant 0 <= i && i <= j && (\forall int l; 0 <= l && l < i; out[l] == all[l]);
        //@ decreases j - i;
        for (int i = 0; i < j; i++) {
            out[i] = all[i];
        }
        return out;
    }

    /** Whether reporter r equivocated in this round ([rep |-> r, rnd |-> round] \in evidence). */
    //@ public normal_behavior
    //@   requires 0 <= r && r < evidenced.length;
    //@   ensures \result == evidenced[r];
    //@ pure
    public boolean evidenced(int r) {
        return evidenced[r];
    }

    /** An independent copy of this oracle. */
    /*@ public normal_behavior
      @*/
    //-RAC@   ensures \fresh(\result);
    /*@
      @   ensures \result.params == params && \result.round == round;
      @*/
    //-RAC@   ensures \fresh(\result.reports);
    //-RAC@   ensures \fresh(\result.rel);
    //-RAC@   ensures \fresh(\result.evidenced);
    /*@
      @   ensures (\forall int k; 0 <= k && k < reports.length; \result.reports[k] == reports[k]
      @              && \result.rel[k] == rel[k] && \result.evidenced[k] == evidenced[k]);
      @   ensures \result.price == price && \result.priceRound == priceRound;
      @   ensures \result.pending == pending && \result.pendingRound == pendingRound;
      @   ensures \result.aggregated == aggregated;
      @ pure
      @*/
    public Oracle copy() {
        //@ ghost long[] allocated = params.stakeVector();
        return new Oracle(params, copyOf(reports), copyOf(rel), round, price, priceRound, pending, pendingRound,
                aggregated, copyOf(evidenced));
    }

    /**
     * This oracle's state (round, reports, reliabilities, price, pending aggregate, evidence) under
     * parameters that differ only in the stake vector: the ledger's effect of an executed stake
     * change.  Refused ({@link Reason#INVALID_PARAMS}, nothing built) unless newStake has one
     * stake in 1..MAX_STAKE per reporter.  Every array of the result is fresh.
     */
    /*@ public normal_behavior
      @   requires newStake != null && newStake.length == stake.length;
      @   requires (\forall int k; 0 <= k && k < newStake.length; 1 <= newStake[k] && newStake[k] <= MAX_STAKE);
      @   assignable \nothing;
      @*/
    //-RAC@   ensures \fresh(\result) && \fresh(\result.stake) && \fresh(\result.reports) && \fresh(\result.rel);
    //-RAC@   ensures \fresh(\result.evidenced);
    /*@
      @   ensures \result.stake.length == newStake.length;
      @   ensures (\forall int k; 0 <= k && k < newStake.length; \result.stake[k] == newStake[k]);
      @   ensures \result.round == round;
      @   ensures (\forall int k; 0 <= k && k < reports.length; \result.reports[k] == reports[k]
      @              && \result.rel[k] == rel[k] && \result.evidenced[k] == evidenced[k]);
      @   ensures \result.price == price && \result.priceRound == priceRound;
      @   ensures \result.pending == pending && \result.pendingRound == pendingRound;
      @   ensures \result.aggregated == aggregated;
      @ also public exceptional_behavior
      @   requires !(newStake != null && newStake.length == stake.length
      @         && (\forall int k; 0 <= k && k < newStake.length; 1 <= newStake[k] && newStake[k] <= MAX_STAKE));
      @   assignable \nothing;
      @   signals_only OracleException;
      @*/
    public Oracle withStakes(/*@ nullable @*/ long[] newStake) throws OracleException {
        if (newStake == null || newStake.length != stake.length) {
            throw new OracleException(Reason.INVALID_PARAMS, -1, newStake == null ? -1 : newStake.length);
        }
        OracleParams p = params.withStakes(newStake);
        //@ ghost long[] allocated = p.stakeVector();
        return new Oracle(p, copyOf(reports), copyOf(rel), round, price, priceRound, pending, pendingRound,
                aggregated, copyOf(evidenced));
    }

    /**
     * Value equality of the abstract state (params by identity): the same round, reports,
     * reliabilities, price, pending aggregate, aggregated flag and evidence.
     */
    /*@ public normal_behavior
      @   ensures \result <==> o != null && params == o.params && round == o.round
      @        && sameEntries(reports, o.reports) && sameEntries(rel, o.rel)
      @        && price == o.price && priceRound == o.priceRound && pending == o.pending
      @        && pendingRound == o.pendingRound && aggregated == o.aggregated
      @        && sameFlags(evidenced, o.evidenced);
      @ pure
      @*/
    public boolean sameState(Oracle o) {
        return o != null && params == o.params && round == o.round
                && sameEntries(reports, o.reports) && sameEntries(rel, o.rel)
                && price == o.price && priceRound == o.priceRound && pending == o.pending
                && pendingRound == o.pendingRound && aggregated == o.aggregated
                && sameFlags(evidenced, o.evidenced);
    }

    /** Arrays.equals on two long arrays. */
    /*@ private normal_behavior
      @   requires a != null && b != null;
      @   ensures \result <==> a.length == b.length && (\forall int k; 0 <= k && k < a.length; a[k] == b[k]);
      @ pure
      @*/
    private /*@ spec_public @*/ static boolean sameEntries(long[] a, long[] b) {
        if (a.length != b.length) {
            return false;
        }
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; a[j] == b[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            if (a[k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /** Arrays.equals on two boolean arrays. */
    /*@ private normal_behavior
      @   requires a != null && b != null;
      @   ensures \result <==> a.length == b.length && (\forall int k; 0 <= k && k < a.length; a[k] == b[k]);
      @ pure
      @*/
    private /*@ spec_public @*/ static boolean sameFlags(boolean[] a, boolean[] b) {
        if (a.length != b.length) {
            return false;
        }
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; a[j] == b[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            if (a[k] != b[k]) {
                return false;
            }
        }
        return true;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Oracle[round=" + round + ", reports=" + java.util.Arrays.toString(reports)
                + ", rel=" + java.util.Arrays.toString(rel) + ", price=" + price + "@" + priceRound
                + ", pending=" + pending + "@" + pendingRound + ", aggregated=" + aggregated
                + ", evidence=" + evidence() + "]";
    }
}
