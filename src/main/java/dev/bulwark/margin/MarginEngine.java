package dev.bulwark.margin;

/**
 * The Bulwark perpetual-futures margin and liquidation engine: the Java image of
 * spec/margin/Margin.tla, one method per TLA+ action, step for step.
 *
 * <p>Abstraction function (Java state -&gt; spec state): accounts are the indices
 * 0..accounts()-1; {@code coll[a] = collateral[a]}, {@code pos[a] = position[a]},
 * {@code price}, {@code insurance}, {@code netDeposits} map one to one.  The spec's
 * {@code lastAction} is trace metadata, not engine state; its constants map to
 * {@link MarginParams} (InitPrice is the constructor's initial price).
 *
 * <p>Every action first checks the account indices ({@link Reason#UNKNOWN_ACCOUNT}) and the sign
 * of its numbers ({@link Reason#NON_POSITIVE_AMOUNT}), then every conjunct of the spec's guard;
 * a refused call throws {@link MarginException} and leaves the state exactly unchanged (nothing
 * is written before all checks pass).  An accepted call performs exactly the spec's primed
 * assignments.  The spec's {@code Amounts} is only the model's choice of amounts: any positive
 * amount that the guard allows is accepted.
 *
 * <p>Overflow: the hard caps below bound every field (|collateral| &lt;= 4e12, |position| &lt;= 1e6,
 * price &lt;= 1e6), so a notional is at most 1e12, a notional times a rate at most 1e16 and a
 * collateral times a size at most 4e18; candidate post-values are computed in long only where
 * these caps rule out overflow, before the bounds check.  Caller-supplied numbers are compared
 * against the bounds before they enter any product.  The nonlinear steps are the helpers of
 * {@link MarginMath}.
 *
 * <p>Not thread-safe (even the scans write a private workspace); deterministic; no I/O.
 */
public final class MarginEngine {
    /** Hard cap on the number of accounts. */
    public static final int MAX_ACCOUNTS = 1 << 20;
    /** Hard cap on MaxLots and MaxTradeLots, lots. */
    public static final long MAX_LOTS = 1_000_000L;
    /** Hard cap on MaxPrice, ticks. */
    public static final long MAX_PRICE = 1_000_000L;
    /** Hard cap on MaxCollateral, quote units. */
    public static final long MAX_COLLATERAL = 4_000_000_000_000L;
    /** Hard cap on MaxNetDeposits, quote units. */
    public static final long MAX_NET_DEPOSITS = 1_000_000_000_000_000_000L;
    /** One in basis points. */
    public static final long BPS = 10_000L;
    /** MAX_ACCOUNTS * MAX_COLLATERAL: bound on |sum of all collateral|. */
    public static final long MAX_TOTAL_COLLATERAL = 4_194_304_000_000_000_000L;
    /** MAX_NET_DEPOSITS + MAX_TOTAL_COLLATERAL: bound on the insurance fund (by Conservation). */
    public static final long MAX_INSURANCE = 5_194_304_000_000_000_000L;

    //@ spec_public
    private final MarginParams params;
    // The constants, copied from params so that the invariants and proofs stay local to this class.
    //@ spec_public
    private final long maxTradeLots;
    //@ spec_public
    private final long maxLots;
    //@ spec_public
    private final long maxCollateral;
    //@ spec_public
    private final long maxNetDeposits;
    //@ spec_public
    private final long minPrice;
    //@ spec_public
    private final long maxPrice;
    //@ spec_public
    private final long maxPriceStep;
    //@ spec_public
    private final long imBps;
    //@ spec_public
    private final long mmBps;
    //@ spec_public
    private final long feeBps;
    //@ spec_public
    private final long bandBps;
    //@ spec_public
    private final long dustLots;

    /** coll: signed quote balance of each account. */
    //@ spec_public
    private final long[] collateral;
    /** pos: signed position of each account, lots (long &gt; 0, short &lt; 0). */
    //@ spec_public
    private final long[] position;
    /** price: oracle price, ticks. */
    //@ spec_public
    private long price;
    /** insurance: the insurance fund, quote units. */
    //@ spec_public
    private long insurance;
    /** netDeposits: all deposits minus all withdrawals (history variable). */
    //@ spec_public
    private long netDeposits;

    /** No usable (fresh) oracle price: the market is halted (spec variable {@code halted}). */
    //@ spec_public
    private boolean halted;

    /**
     * The scan's workspace, one 0/1 flag per account; allocated with the engine and not part of
     * the state (no action reads it).  Never null, so that the scans' {@code assignable
     * scanFlags[*]} is defined.
     */
    //@ spec_public
    private final long[] scanFlags;

    //@ public invariant scanFlags.length == collateral.length && scanFlags != collateral && scanFlags != position;

    //@ public invariant params != null;
    //  The cached bounds are the parameters' (the constructor copies them), so that a caller that
    //  passes params() on to rebuilt keeps the bounds the entries and the price are held to.
    //@ public invariant params.maxLots == maxLots && params.maxCollateral == maxCollateral && params.maxNetDeposits == maxNetDeposits;
    //@ public invariant params.minPrice == minPrice && params.maxPrice == maxPrice;
    //@ public invariant 1 <= maxTradeLots && maxTradeLots <= MAX_LOTS;
    //@ public invariant 1 <= maxLots && maxLots <= MAX_LOTS;
    //@ public invariant 1 <= maxCollateral && maxCollateral <= MAX_COLLATERAL;
    //@ public invariant 1 <= maxNetDeposits && maxNetDeposits <= MAX_NET_DEPOSITS;
    //@ public invariant 1 <= minPrice && minPrice <= maxPrice && maxPrice <= MAX_PRICE;
    //@ public invariant 1 <= maxPriceStep && maxPriceStep <= MAX_PRICE;
    //@ public invariant 0 < mmBps && mmBps <= imBps && imBps <= BPS;
    //@ public invariant 0 <= feeBps && feeBps <= BPS && 0 <= bandBps && bandBps <= BPS;
    //@ public invariant 1 <= dustLots && dustLots <= MAX_LOTS;
    //  What keeps a liquidated long that is not bankrupt inside MaxCollateral (see MarginParams):
    //  its balance after the fill is below its maintenance requirement before it.  A bankrupt
    //  account keeps coll - floor(coll * q / |pos|), between 0 and coll; a healthy short, a
    //  balance between 0 and coll.
    //  Stated as the product (MarginMath.capFromRequirement / requirementFromCap: the same as
    //  MarginParams' requirement(maxLots, maxPrice, mmBps) <= maxCollateral), so that the
    //  invariant, assumed and asserted at every call, names no query whose contract the prover
    //  expands each time (that expansion was 40% of liquidateRefusal's verification condition).
    //@ public invariant maxLots * maxPrice * mmBps <= maxCollateral * BPS;

    //@ public invariant collateral != null && position != null;
    //@ public invariant collateral.length == position.length;
    //@ public invariant collateral != position;
    //@ public invariant 1 <= collateral.length && collateral.length <= MAX_ACCOUNTS;
    // TypeOK
    //@ public invariant (\forall int k; 0 <= k && k < collateral.length; -maxCollateral <= collateral[k] && collateral[k] <= maxCollateral);
    //@ public invariant (\forall int k; 0 <= k && k < position.length; -maxLots <= position[k] && position[k] <= maxLots);
    //@ public invariant minPrice <= price && price <= maxPrice;
    //@ public invariant 0 <= netDeposits && netDeposits <= maxNetDeposits;
    // InsuranceNonNegative (the upper bound follows from Conservation and the bounds above)
    //@ public invariant 0 <= insurance && insurance <= MAX_INSURANCE;
    // Conservation and OpenInterestBalanced, over ghost totals kept in step (OpenJML's ESC does not
    // implement \sum).  totalCollateral is the sum of collateral[*] and netPosition the sum of
    // position[*]: the constructors set them from states whose real sums were computed (all zero,
    // or fromState's loop, prefixSum, compared with netDeposits - insurance and with 0), and every
    // method that writes an entry proves in its postcondition that the ghost total moved by
    // exactly the change of the entries it wrote (its assignable clause proves it wrote no
    // others).  Ghost code is erased at run time.  MarginPropertiesTest and
    // MarginBoundsPropertyTest recount both sums after every step.
    //@ public ghost long totalCollateral;
    //@ public ghost long netPosition;
    //@ public invariant totalCollateral + insurance == netDeposits;
    //@ public invariant netPosition == 0;
    // A ghost total knows nothing about single entries, so the two consequences of Conservation
    // over the entries that the Java code relies on are stated apart, justified in
    // spec/margin/README.md ("Actions and the Java API"): netDeposits >= 0 after a withdrawal is
    // the last conjunct of canWithdraw (a caller could not prove it as a precondition: it needs
    // the sum of the balances), and the insurance fund's upper bound after a liquidation is a
    // precondition of liquidate.
    // FlatNoDeficit (\forall k; position[k] == 0 ==> collateral[k] >= 0) is NOT stated as an
    // invariant: the spec's Deleverage does not preserve it (the counterparty absorbs its
    // pro-rata share of the deficit, which can exceed its equity, and may end flat with a
    // negative balance).  TLC -simulate finds this with spec/margin/Trace.cfg itself; see
    // SpecEdgeCasesTest.deleverageCanLeaveCounterpartyFlatWithDeficit.  Every other action
    // preserves it; MarginPropertiesTest checks exactly that.
    // netDeposits >= 0 holds because of withdrawal gating (NoBankruptAccount in WithdrawGuard):
    // a withdrawal leaves every equity >= 0, so the sum of all balances (= sum of equities, open
    // interest being balanced) plus the insurance fund stays >= 0.

    // ------------------------------------------------------------------------------------------
    // Construction

    /**
     * Init: {@code accounts} accounts with zero balances and positions, price
     * {@code initialPriceTicks}, empty insurance fund, no deposits.
     */
    /*@ public normal_behavior
      @   requires params != null && 1 <= accounts && accounts <= MAX_ACCOUNTS;
      @   requires params.minPrice <= initialPriceTicks && initialPriceTicks <= params.maxPrice;
      @   ensures this.params == params && collateral.length == accounts;
      @   ensures (\forall int k; 0 <= k && k < accounts; collateral[k] == 0 && position[k] == 0);
      @   ensures price == initialPriceTicks && insurance == 0 && netDeposits == 0 && !halted;
      @ also public exceptional_behavior
      @   requires params == null || !(1 <= accounts && accounts <= MAX_ACCOUNTS)
      @         || !(params.minPrice <= initialPriceTicks && initialPriceTicks <= params.maxPrice);
      @   signals_only MarginException;
      @*/
    public MarginEngine(/*@ nullable @*/ MarginParams params, int accounts, long initialPriceTicks) throws MarginException {
        this(checkedParams(params), new long[checkedAccounts(accounts)], new long[accounts],
             checkedPrice(params, initialPriceTicks), 0L, 0L, false);
    }

    /**
     * Loads any state that lies within the bounds of {@code params} and satisfies the invariants:
     * the callers pass all-zero arrays (the public constructor) or copies of a state whose sums
     * fromState's checkState computed and compared (Conservation, OpenInterestBalanced), so the
     * ghost totals start as those sums.
     */
    /*@ private normal_behavior
      @   requires params != null && collateral != null && position != null && collateral != position;
      @   requires 1 <= collateral.length && collateral.length <= MAX_ACCOUNTS && position.length == collateral.length;
      @   requires (\forall int k; 0 <= k && k < collateral.length;
      @                -params.maxCollateral <= collateral[k] && collateral[k] <= params.maxCollateral);
      @   requires (\forall int k; 0 <= k && k < position.length;
      @                -params.maxLots <= position[k] && position[k] <= params.maxLots);
      @   requires params.minPrice <= price && price <= params.maxPrice;
      @   requires 0 <= netDeposits && netDeposits <= params.maxNetDeposits;
      @   requires 0 <= insurance && insurance <= MAX_INSURANCE;
      @   assignable \nothing;
      @   ensures this.params == params && this.collateral == collateral && this.position == position;
      @   ensures this.price == price && this.insurance == insurance && this.netDeposits == netDeposits;
      @   ensures this.halted == halted;
      @   ensures totalCollateral == netDeposits - insurance && netPosition == 0;
      @*/
    //-RAC@   ensures \fresh(this.scanFlags);
    private MarginEngine(MarginParams params, long[] collateral, long[] position,
                         long price, long insurance, long netDeposits, boolean halted) {
        this.params = params;
        this.maxTradeLots = params.maxTradeLots;
        this.maxLots = params.maxLots;
        this.maxCollateral = params.maxCollateral;
        this.maxNetDeposits = params.maxNetDeposits;
        this.minPrice = params.minPrice;
        this.maxPrice = params.maxPrice;
        this.maxPriceStep = params.maxPriceStep;
        this.imBps = params.imBps;
        this.mmBps = params.mmBps;
        this.feeBps = params.feeBps;
        this.bandBps = params.bandBps;
        this.dustLots = params.dustLots;
        this.collateral = collateral;
        this.position = position;
        this.price = price;
        this.insurance = insurance;
        this.netDeposits = netDeposits;
        this.halted = halted;
        this.scanFlags = new long[collateral.length];
        //@ assert MarginMath.capFromRequirement(maxLots, maxPrice, mmBps, maxCollateral);
        //@ set totalCollateral = netDeposits - insurance;
        //@ set netPosition = 0;
    }

    /**
     * Loads any state (the arrays are copied).  Rejected with {@link Reason#INVALID_PARAMS} if
     * params is null, and with {@link Reason#INVALID_STATE} (first number: the account index, or
     * -1 for a global variable) if the arrays are null, of different or bad length, or the state
     * lies outside the bounds of {@code params} (TypeOK, InsuranceNonNegative) or breaks
     * Conservation or OpenInterestBalanced.  FlatNoDeficit is not required: the spec's
     * Deleverage can break it (see the class invariants).
     */
    /*@ public normal_behavior
      @   requires params != null && collateral != null && position != null;
      @   requires validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   ensures \result != null && \result.params == params;
      @   ensures \result.collateral.length == collateral.length && \result.collateral != collateral && \result.position != position;
      @   ensures (\forall int k; 0 <= k && k < collateral.length; \result.collateral[k] == collateral[k] && \result.position[k] == position[k]);
      @   ensures \result.price == priceTicks && \result.insurance == insurance && \result.netDeposits == netDeposits;
      @ also public exceptional_behavior
      @   requires params == null || collateral == null || position == null
      @         || !validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public static MarginEngine fromState(/*@ nullable @*/ MarginParams params, /*@ nullable @*/ long[] collateral,
                                         /*@ nullable @*/ long[] position, long priceTicks, long insurance, long netDeposits)
            throws MarginException {
        return fromState(params, collateral, position, priceTicks, insurance, netDeposits, false);
    }

    /** As {@link #fromState(MarginParams, long[], long[], long, long, long)}, with the halted flag. */
    /*@ public normal_behavior
      @   requires params != null && collateral != null && position != null;
      @   requires validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   ensures \result != null && \result.params == params && \result.halted == halted;
      @   ensures \result.collateral.length == collateral.length && \result.collateral != collateral && \result.position != position;
      @   ensures (\forall int k; 0 <= k && k < collateral.length; \result.collateral[k] == collateral[k] && \result.position[k] == position[k]);
      @   ensures \result.price == priceTicks && \result.insurance == insurance && \result.netDeposits == netDeposits;
      @ also public exceptional_behavior
      @   requires params == null || collateral == null || position == null
      @         || !validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public static MarginEngine fromState(/*@ nullable @*/ MarginParams params, /*@ nullable @*/ long[] collateral,
                                         /*@ nullable @*/ long[] position, long priceTicks, long insurance, long netDeposits,
                                         boolean halted)
            throws MarginException {
        checkState(params, collateral, position, priceTicks, insurance, netDeposits);
        return new MarginEngine(params, copy(collateral), copy(position), priceTicks, insurance, netDeposits, halted);
    }

    /** The bounds and invariants that fromState checks, as one predicate. */
    /*@ public normal_behavior
      @   ensures \result <==> params != null && collateral != null && position != null
      @     && 1 <= collateral.length && collateral.length <= MAX_ACCOUNTS && position.length == collateral.length
      @     && (\forall int k; 0 <= k && k < collateral.length;
      @            -params.maxCollateral <= collateral[k] && collateral[k] <= params.maxCollateral
      @         && -params.maxLots <= position[k] && position[k] <= params.maxLots)
      @     && params.minPrice <= priceTicks && priceTicks <= params.maxPrice
      @     && 0 <= insurance && 0 <= netDeposits && netDeposits <= params.maxNetDeposits
      @     && insurance <= netDeposits + MAX_TOTAL_COLLATERAL
      @     && prefixSum(collateral, collateral.length) + insurance == netDeposits
      @     && prefixSum(position, position.length) == 0;
      @ pure
      @*/
    public static /*@ skiprac @*/ boolean validState(/*@ nullable @*/ MarginParams params,
                                     /*@ nullable @*/ long[] collateral, /*@ nullable @*/ long[] position,
                                     long priceTicks, long insurance, long netDeposits) {
        try {
            checkState(params, collateral, position, priceTicks, insurance, netDeposits);
            return true;
        } catch (MarginException e) {
            return false;
        }
    }

    /**
     * Throws unless validState holds.  This method and validState are not instrumented for runtime
     * checking ({@code skiprac}): this method's contract names validState, which calls this method,
     * so the checker, which checks a callee's precondition at every call, would recurse without end.
     * Both are proved by ESC; at run time the state they accept is checked by the class invariants
     * of the engine fromState builds.
     */
    /*@ private normal_behavior
      @   requires validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !validState(params, collateral, position, priceTicks, insurance, netDeposits);
      @   assignable \nothing;
      @   signals_only MarginException;
      @ pure
      @*/
    private static /*@ skiprac @*/ void checkState(/*@ nullable @*/ MarginParams params,
                                   /*@ nullable @*/ long[] collateral, /*@ nullable @*/ long[] position,
                                   long priceTicks, long insurance, long netDeposits)
            throws MarginException {
        checkedParams(params);
        // Each step restates that validState(...) still has its entry value. Without these
        // restatements the verifier could not carry validState from the entry to the checks
        // below: UNKNOWN at 64 s, and, with MarginParams' nonlinear invariant removed in a
        // scratch copy, a spurious counterexample with validState true at the entry and the
        // sums unequal. With them checkState proves.
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        if (collateral == null || position == null) {
            throw new MarginException(Reason.INVALID_STATE, -1, 0);
        }
        int n = collateral.length;
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        if (n < 1 || n > MAX_ACCOUNTS || position.length != n) {
            throw new MarginException(Reason.INVALID_STATE, n, position.length);
        }
        int bad = firstOutOfBounds(params, collateral, position);
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        if (bad >= 0) {
            throw new MarginException(Reason.INVALID_STATE, bad, collateral[bad]);
        }
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        if (priceTicks < params.minPrice || priceTicks > params.maxPrice) {
            throw new MarginException(Reason.PRICE_OUT_OF_RANGE, priceTicks, params.maxPrice);
        }
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        if (insurance < 0 || netDeposits > params.maxNetDeposits || netDeposits < 0
                || insurance > netDeposits + MAX_TOTAL_COLLATERAL) {
            throw new MarginException(Reason.INVALID_STATE, insurance, netDeposits);
        }
        //@ assert validState(params, collateral, position, priceTicks, insurance, netDeposits) == \old(validState(params, collateral, position, priceTicks, insurance, netDeposits));
        long collSum = prefixSum(collateral, n);
        long posSum = prefixSum(position, n);
        // Conservation: collSum + insurance == netDeposits, compared without overflow
        // (netDeposits - insurance lies in -MAX_TOTAL_COLLATERAL..MAX_NET_DEPOSITS here).
        if (collSum != netDeposits - insurance) {
            throw new MarginException(Reason.INVALID_STATE, collSum, netDeposits - insurance);
        }
        if (posSum != 0) {
            throw new MarginException(Reason.INVALID_STATE, -1, posSum);
        }
    }

    /**
     * The first account whose balance or position lies outside the bounds of {@code params}
     * (InBounds), or -1 when every account is within them: fromState's loop over the state,
     * apart from checkState so that checkState's proof is straight-line code.
     */
    /*@ private normal_behavior
      @   requires params != null && collateral != null && position != null && position.length == collateral.length;
      @   ensures -1 <= \result && \result < collateral.length;
      @   ensures (\result == -1) <==> (\forall int k; 0 <= k && k < collateral.length;
      @            -params.maxCollateral <= collateral[k] && collateral[k] <= params.maxCollateral
      @         && -params.maxLots <= position[k] && position[k] <= params.maxLots);
      @ pure
      @*/
    private static int firstOutOfBounds(MarginParams params, long[] collateral, long[] position) {
        int n = collateral.length;
        //@ loop_invariant 0 <= k && k <= n;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; -params.maxCollateral <= collateral[j] && collateral[j] <= params.maxCollateral && -params.maxLots <= position[j] && position[j] <= params.maxLots);
        //@ decreases n - k;
        for (int k = 0; k < n; k++) {
            long c = collateral[k];
            long p = position[k];
            if (c < -params.maxCollateral || c > params.maxCollateral
                    || p < -params.maxLots || p > params.maxLots) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The sum of a[0..k-1] (SumOver in the spec), by a loop: the state's real sums, which
     * validState compares with netDeposits - insurance (Conservation) and with 0
     * (OpenInterestBalanced).  Every entry is within MAX_COLLATERAL (positions are within
     * MAX_LOTS), so no partial sum leaves k * MAX_COLLATERAL &lt;= 4.2e18.  Not instrumented for
     * runtime checking ({@code skiprac}): the checker would evaluate the loop invariant
     * {@code sum == prefixSum(a, i)} by calling this method, which checks it again, without end.
     */
    /*@ public normal_behavior
      @   requires a != null && a.length <= MAX_ACCOUNTS && 0 <= k && k <= a.length;
      @   requires (\forall int j; 0 <= j && j < a.length; -MAX_COLLATERAL <= a[j] && a[j] <= MAX_COLLATERAL);
      @   ensures \result == (k == 0 ? 0 : prefixSum(a, k - 1) + a[k - 1]);
      @   ensures -k * MAX_COLLATERAL <= \result && \result <= k * MAX_COLLATERAL;
      @ pure
      @*/
    public static /*@ skiprac @*/ long prefixSum(long[] a, int k) {
        long sum = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant sum == prefixSum(a, i);
        //@ loop_invariant -i * MAX_COLLATERAL <= sum && sum <= i * MAX_COLLATERAL;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            sum = sum + a[i];
        }
        return sum;
    }

    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static long[] copy(long[] a) {
        long[] r = new long[a.length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }

    /**
     * This engine's accounts in a new engine with other rates, another fund, or longer arrays (the
     * tail zero): the ledger's growth step and its governance effects (a rate change; a fund
     * withdrawal, which lowers the insurance fund and the net deposits by the same amount).  The
     * entries, price and halted flag are this engine's; {@code p} must keep the bounds the entries
     * and the price are held to (maxLots, maxCollateral, the price band, the net deposits' cap), and
     * netDeposits - insurance must stay the sum of the balances (Conservation: the entries do not
     * change, and the tail adds zero).  Otherwise {@link Reason#INVALID_STATE}, nothing built.
     * The arrays are fresh: no store into the new engine reaches this one or anything else.
     */
    /*@ public normal_behavior
      @   requires p != null && collateral.length <= length && length <= MAX_ACCOUNTS;
      @   requires p.maxLots == maxLots && p.maxCollateral == maxCollateral && p.minPrice <= price && price <= p.maxPrice;
      @   requires 0 <= insurance && insurance <= MAX_INSURANCE && 0 <= netDeposits && netDeposits <= p.maxNetDeposits;
      @   requires netDeposits - insurance == this.netDeposits - this.insurance;
      @   assignable \nothing;
      @   ensures \result.params == p && \result.collateral.length == length;
      @   ensures (\forall int k; 0 <= k && k < collateral.length;
      @               \result.collateral[k] == collateral[k] && \result.position[k] == position[k]);
      @   ensures (\forall int k; collateral.length <= k && k < length; \result.collateral[k] == 0 && \result.position[k] == 0);
      @   ensures \result.price == price && \result.insurance == insurance && \result.netDeposits == netDeposits;
      @   ensures \result.halted == halted;
      @*/
    //-RAC@   ensures \fresh(\result) && \fresh(\result.collateral) && \fresh(\result.position) && \fresh(\result.scanFlags);
    /*@ also public exceptional_behavior
      @   requires !(p != null && collateral.length <= length && length <= MAX_ACCOUNTS
      @         && p.maxLots == maxLots && p.maxCollateral == maxCollateral && p.minPrice <= price && price <= p.maxPrice
      @         && 0 <= insurance && insurance <= MAX_INSURANCE && 0 <= netDeposits && netDeposits <= p.maxNetDeposits
      @         && netDeposits - insurance == this.netDeposits - this.insurance);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public MarginEngine rebuilt(/*@ nullable @*/ MarginParams p, int length, long insurance, long netDeposits) throws MarginException {
        if (p == null || length < collateral.length || length > MAX_ACCOUNTS || p.maxLots != maxLots
                || p.maxCollateral != maxCollateral || price < p.minPrice || price > p.maxPrice
                || insurance < 0 || insurance > MAX_INSURANCE || netDeposits < 0 || netDeposits > p.maxNetDeposits
                || netDeposits - insurance != this.netDeposits - this.insurance) {
            throw new MarginException(Reason.INVALID_STATE, insurance, netDeposits);
        }
        long[] c = grown(collateral, length);
        long[] q = grown(position, length);
        return new MarginEngine(p, c, q, price, insurance, netDeposits, halted);
    }

    /**
     * This engine's accounts in longer arrays (the tail zero) at the same parameters, fund and net
     * deposits: the ledger's growth step.  {@link #rebuilt} with this engine's own values, whose
     * preconditions this engine's invariants give, so that a caller need not restate them.
     */
    /*@ public normal_behavior
      @   requires collateral.length <= length && length <= MAX_ACCOUNTS;
      @   assignable \nothing;
      @   ensures \result.params == params && \result.collateral.length == length;
      @   ensures (\forall int k; 0 <= k && k < collateral.length;
      @               \result.collateral[k] == collateral[k] && \result.position[k] == position[k]);
      @   ensures (\forall int k; collateral.length <= k && k < length; \result.collateral[k] == 0 && \result.position[k] == 0);
      @   ensures \result.price == price && \result.insurance == insurance && \result.netDeposits == netDeposits;
      @   ensures \result.halted == halted;
      @*/
    //-RAC@   ensures \fresh(\result) && \fresh(\result.collateral) && \fresh(\result.position) && \fresh(\result.scanFlags);
    public MarginEngine grownTo(int length) {
        return rebuilt(params, length, insurance, netDeposits);
    }

    /** a's entries in a fresh array of the given length (the tail zero). */
    //@ private normal_behavior
    //@   requires a != null && a.length <= length;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@   ensures (\forall int k; a.length <= k && k < length; \result[k] == 0);
    //@ pure
    private static long[] grown(long[] a, int length) {
        long[] r = new long[length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ loop_invariant (\forall int j; a.length <= j && j < length; r[j] == 0);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }

    //@ private normal_behavior
    //@   requires params != null;
    //@   ensures \result == params;
    //@ also private exceptional_behavior
    //@   requires params == null;
    //@   signals_only MarginException;
    //@ pure
    private static MarginParams checkedParams(/*@ nullable @*/ MarginParams params) throws MarginException {
        if (params == null) {
            throw new MarginException(Reason.INVALID_PARAMS, -1, 0);
        }
        return params;
    }

    //@ private normal_behavior
    //@   requires 1 <= accounts && accounts <= MAX_ACCOUNTS;
    //@   ensures \result == accounts;
    //@ also private exceptional_behavior
    //@   requires !(1 <= accounts && accounts <= MAX_ACCOUNTS);
    //@   signals_only MarginException;
    //@ pure
    private static int checkedAccounts(int accounts) throws MarginException {
        if (accounts < 1 || accounts > MAX_ACCOUNTS) {
            throw new MarginException(Reason.INVALID_STATE, accounts, MAX_ACCOUNTS);
        }
        return accounts;
    }

    //@ private normal_behavior
    //@   requires params != null && params.minPrice <= px && px <= params.maxPrice;
    //@   ensures \result == px;
    //@ also private exceptional_behavior
    //@   requires params != null && !(params.minPrice <= px && px <= params.maxPrice);
    //@   signals_only MarginException;
    //@ pure
    private static long checkedPrice(MarginParams params, long px) throws MarginException {
        if (px < params.minPrice || px > params.maxPrice) {
            throw new MarginException(Reason.PRICE_OUT_OF_RANGE, px, params.maxPrice);
        }
        return px;
    }

    // ------------------------------------------------------------------------------------------
    // Actions
    //
    // An entry's old value is written \old((collateral)[a]), with the array in parentheses: the same
    // term for ESC, and for the runtime checker (make verify-rac) the entry's value at entry.
    // OpenJML 0.17's checker copies the whole array for \old(collateral[a]) and has no copy for a
    // long[] (its compilation stops with an internal error); the parentheses take it past that copy.

    /**
     * Deposit(a, x): x quote units enter account a from outside.
     * Refusals: UNKNOWN_ACCOUNT (a, accounts), NON_POSITIVE_AMOUNT / LIMIT_EXCEEDED (a, x).
     */
    /*@ public normal_behavior
      @   requires canDeposit(account, amount);
      @   assignable collateral[account], netDeposits, totalCollateral;
      @   ensures collateral[account] == \old((collateral)[account]) + amount;
      @   ensures netDeposits == \old(netDeposits) + amount;
      @   ensures totalCollateral == \old(totalCollateral) + (collateral[account] - \old((collateral)[account]));
      @ also public exceptional_behavior
      @   requires !canDeposit(account, amount);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void deposit(int account, long amount) throws MarginException {
        checkAccount(account);
        checkPositive(amount);
        /*@ nullable @*/ Reason refusal = depositRefusal(account, amount);
        if (refusal != null) {
            throw new MarginException(refusal, account, amount);
        }
        collateral[account] = collateral[account] + amount;
        netDeposits = netDeposits + amount;
        //@ set totalCollateral = totalCollateral + amount;
    }

    /** DepositGuard(a, x), for a known account. */
    /*@ public normal_behavior
      @   ensures \result <==> validAccount(a) && x > 0
      @        && x <= maxCollateral - collateral[a]          // coll[a] + x <= MaxCollateral
      @        && x <= maxNetDeposits - netDeposits;          // netDeposits + x <= MaxNetDeposits
      @ pure
      @*/
    public boolean canDeposit(int a, long x) {
        return validAccount(a) && x > 0 && depositRefusal(a, x) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(a) && x > 0;
    //@   ensures (\result == null) <==> (x <= maxCollateral - collateral[a] && x <= maxNetDeposits - netDeposits);
    //@ pure
    private /*@ nullable @*/ Reason depositRefusal(int a, long x) {
        if (x > maxCollateral - collateral[a]) {
            return Reason.LIMIT_EXCEEDED;
        }
        if (x > maxNetDeposits - netDeposits) {
            return Reason.LIMIT_EXCEEDED;
        }
        return null;
    }

    /**
     * Withdraw(a, x): x quote units leave account a, only if a still meets initial margin
     * afterwards.  Refusals: UNKNOWN_ACCOUNT (a, accounts), NON_POSITIVE_AMOUNT,
     * LIMIT_EXCEEDED (|coll - x| &gt; MaxCollateral), INSUFFICIENT_MARGIN (a, x), and
     * LIMIT_EXCEEDED for x &gt; netDeposits, which WithdrawGuard implies in every state of the
     * spec (Conservation), so that no reachable state meets it; it is tested last.
     */
    /*@ public normal_behavior
      @   requires canWithdraw(account, amount);
      @   assignable collateral[account], netDeposits, totalCollateral;
      @   ensures collateral[account] == \old((collateral)[account]) - amount;
      @   ensures netDeposits == \old(netDeposits) - amount;
      @   ensures totalCollateral == \old(totalCollateral) + (collateral[account] - \old((collateral)[account]));
      @ also public exceptional_behavior
      @   requires !canWithdraw(account, amount);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void withdraw(int account, long amount) throws MarginException {
        checkAccount(account);
        checkPositive(amount);
        /*@ nullable @*/ Reason refusal = withdrawRefusal(account, amount);
        if (refusal != null) {
            throw new MarginException(refusal, account, amount);
        }
        collateral[account] = collateral[account] - amount;
        netDeposits = netDeposits - amount;
        //@ set totalCollateral = totalCollateral - amount;
    }

    /** WithdrawGuard(a, x), for a known account. */
    /*@ public normal_behavior
      @   ensures \result <==> validAccount(a) && x > 0
      @        && !halted
      @        && noBankruptAccount()
      @        && x <= collateral[a] + maxCollateral      // Abs(coll[a] - x) <= MaxCollateral (x > 0)
      @        && MarginMath.equityOf(collateral[a] - x, position[a], price)
      @             >= MarginMath.requirement(position[a], price, imBps)
      @        && x <= netDeposits;
      @ pure
      @*/
    public boolean canWithdraw(int a, long x) {
        return validAccount(a) && x > 0 && withdrawRefusal(a, x) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(a) && x > 0;
    //@   ensures (\result == null) <==> (!halted && noBankruptAccount() && x <= collateral[a] + maxCollateral
    //@        && MarginMath.equityOf(collateral[a] - x, position[a], price) >= MarginMath.requirement(position[a], price, imBps)
    //@        && x <= netDeposits);
    //@ pure
    private /*@ nullable @*/ Reason withdrawRefusal(int a, long x) {
        if (halted) {
            return Reason.MARKET_HALTED;
        }
        if (!noBankruptAccount()) {
            return Reason.WITHDRAWALS_GATED;
        }
        // coll - x <= MaxCollateral always holds (x > 0); coll - x >= -MaxCollateral is:
        if (x > collateral[a] + maxCollateral) {
            return Reason.LIMIT_EXCEEDED;
        }
        long after = collateral[a] - x;
        if (MarginMath.equityOf(after, position[a], price) < MarginMath.requirement(position[a], price, imBps)) {
            return Reason.INSUFFICIENT_MARGIN;
        }
        if (x > netDeposits) {
            return Reason.LIMIT_EXCEEDED;
        }
        return null;
    }

    /**
     * Trade(b, s, q, px): buyer b buys q lots from seller s at px ticks.
     * Refusals: UNKNOWN_ACCOUNT (index, accounts); otherwise (q, px) with NON_POSITIVE_AMOUNT,
     * SELF_TRADE, TRADE_TOO_LARGE, PRICE_OUT_OF_RANGE, PRICE_OUT_OF_BAND, LIMIT_EXCEEDED (InBounds),
     * INSUFFICIENT_MARGIN (AcceptableOf).
     */
    /*@ public normal_behavior
      @   requires canTrade(buyer, seller, lots, priceTicks);
      @   assignable collateral[buyer], collateral[seller], position[buyer], position[seller];
      @   ensures collateral[buyer] == \old((collateral)[buyer]) - MarginMath.lotsTimesPrice(lots, priceTicks);
      @   ensures collateral[seller] == \old((collateral)[seller]) + MarginMath.lotsTimesPrice(lots, priceTicks);
      @   ensures position[buyer] == \old((position)[buyer]) + lots;
      @   ensures position[seller] == \old((position)[seller]) - lots;
      @   ensures totalCollateral == \old(totalCollateral)
      @         + (collateral[buyer] - \old((collateral)[buyer])) + (collateral[seller] - \old((collateral)[seller]));
      @   ensures netPosition == \old(netPosition)
      @         + (position[buyer] - \old((position)[buyer])) + (position[seller] - \old((position)[seller]));
      @ also public exceptional_behavior
      @   requires !canTrade(buyer, seller, lots, priceTicks);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void trade(int buyer, int seller, long lots, long priceTicks) throws MarginException {
        checkAccount(buyer);
        checkAccount(seller);
        checkPositive(lots, priceTicks);
        /*@ nullable @*/ Reason refusal = tradeRefusal(buyer, seller, lots, priceTicks);
        if (refusal != null) {
            throw new MarginException(refusal, lots, priceTicks);
        }
        long value = MarginMath.lotsTimesPrice(lots, priceTicks);
        exchange(buyer, seller, -lots, value);   // the buyer pays value and receives lots
    }

    /** TradeGuard(b, s, q, px), for known accounts. */
    /*@ public normal_behavior
      @   ensures \result <==> validAccount(b) && validAccount(s) && q > 0 && px > 0
      @        && !halted
      @        && b != s
      @        && 1 <= q && q <= maxTradeLots
      @        && minPrice <= px && px <= maxPrice
      @        && MarginMath.inBand(px, price, bandBps)
      @        && inBounds(collateral[b] - MarginMath.lotsTimesPrice(q, px), position[b] + q)
      @        && inBounds(collateral[s] + MarginMath.lotsTimesPrice(q, px), position[s] - q)
      @        && acceptable(collateral[b], position[b], collateral[b] - MarginMath.lotsTimesPrice(q, px), position[b] + q)
      @        && acceptable(collateral[s], position[s], collateral[s] + MarginMath.lotsTimesPrice(q, px), position[s] - q);
      @ pure
      @*/
    public boolean canTrade(int b, int s, long q, long px) {
        return validAccount(b) && validAccount(s) && q > 0 && px > 0 && tradeRefusal(b, s, q, px) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(b) && validAccount(s) && q > 0 && px > 0;
    //@   ensures (\result == null) <==> (!halted && b != s && q <= maxTradeLots && minPrice <= px && px <= maxPrice
    //@        && MarginMath.inBand(px, price, bandBps)
    //@        && inBounds(collateral[b] - MarginMath.lotsTimesPrice(q, px), position[b] + q) && inBounds(collateral[s] + MarginMath.lotsTimesPrice(q, px), position[s] - q)
    //@        && acceptable(collateral[b], position[b], collateral[b] - MarginMath.lotsTimesPrice(q, px), position[b] + q)
    //@        && acceptable(collateral[s], position[s], collateral[s] + MarginMath.lotsTimesPrice(q, px), position[s] - q));
    //@ pure
    private /*@ nullable @*/ Reason tradeRefusal(int b, int s, long q, long px) {
        if (halted) {
            return Reason.MARKET_HALTED;
        }
        if (b == s) {
            return Reason.SELF_TRADE;
        }
        if (q > maxTradeLots) {
            return Reason.TRADE_TOO_LARGE;
        }
        if (px < minPrice || px > maxPrice) {
            return Reason.PRICE_OUT_OF_RANGE;
        }
        if (!MarginMath.inBand(px, price, bandBps)) {
            return Reason.PRICE_OUT_OF_BAND;
        }
        // |value| <= 1e12, so the candidates below are within 5e12 + 2e6: no overflow.
        long value = MarginMath.lotsTimesPrice(q, px);
        long cb = collateral[b] - value;
        long pb = position[b] + q;
        long cs = collateral[s] + value;
        long ps = position[s] - q;
        if (!inBounds(cb, pb) || !inBounds(cs, ps)) {
            return Reason.LIMIT_EXCEEDED;
        }
        if (!acceptable(collateral[b], position[b], cb, pb) || !acceptable(collateral[s], position[s], cs, ps)) {
            return Reason.INSUFFICIENT_MARGIN;
        }
        return null;
    }

    /**
     * SetPrice(px): the oracle moves to px, by at most MaxPriceStep ticks.
     * Refusals (px, current price): NON_POSITIVE_AMOUNT, PRICE_OUT_OF_RANGE, PRICE_UNCHANGED,
     * PRICE_STEP_TOO_LARGE.
     */
    /*@ public normal_behavior
      @   requires canSetPrice(priceTicks);
      @   assignable price, halted;
      @   ensures price == priceTicks && !halted;
      @ also public exceptional_behavior
      @   requires !canSetPrice(priceTicks);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void setPrice(long priceTicks) throws MarginException {
        /*@ nullable @*/ Reason refusal = setPriceRefusal(priceTicks);
        if (refusal != null) {
            throw new MarginException(refusal, priceTicks, price);
        }
        price = priceTicks;
        halted = false;
    }

    /** SetPriceGuard(px). */
    /*@ public normal_behavior
      @   ensures \result <==> px > 0 && minPrice <= px && px <= maxPrice && (px != price || halted)
      @        && (px < price ? price - px : px - price) <= maxPriceStep;
      @ pure
      @*/
    public boolean canSetPrice(long px) {
        return setPriceRefusal(px) == null;
    }

    //@ private normal_behavior
    //@   ensures (\result == null) <==> (px > 0 && minPrice <= px && px <= maxPrice && (px != price || halted)
    //@        && (px < price ? price - px : px - price) <= maxPriceStep);
    //@ pure
    private /*@ nullable @*/ Reason setPriceRefusal(long px) {
        if (px <= 0) {
            return Reason.NON_POSITIVE_AMOUNT;
        }
        if (px < minPrice || px > maxPrice) {
            return Reason.PRICE_OUT_OF_RANGE;
        }
        if (px == price && !halted) {
            return Reason.PRICE_UNCHANGED;
        }
        long step = px < price ? price - px : px - price;
        if (step > maxPriceStep) {
            return Reason.PRICE_STEP_TOO_LARGE;
        }
        return null;
    }

    /**
     * Halt: the oracle price went stale (too little fresh reporter weight, or the last aggregate
     * expired).  Until the next {@link #setPrice} there are no withdrawals, trades,
     * liquidations or deleveraging (refused with MARKET_HALTED); deposits stay open.
     * Refusal: MARKET_HALTED (0, 0) if already halted.
     */
    /*@ public normal_behavior
      @   requires canHalt();
      @   assignable halted;
      @   ensures halted;
      @ also public exceptional_behavior
      @   requires !canHalt();
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void halt() throws MarginException {
        if (halted) {
            throw new MarginException(Reason.MARKET_HALTED, 0, 0);
        }
        halted = true;
    }

    /** HaltGuard. */
    /*@ public normal_behavior
      @   ensures \result <==> !halted;
      @ pure
      @*/
    public boolean canHalt() {
        return !halted;
    }

    /**
     * Liquidate(a, l, q, px): liquidator l takes over q lots of a's position at px.  With
     * equity &gt;= 0 the fill lies between the oracle and the bankruptcy price and a fee of
     * FeeBps of q * px, capped by a's equity after the fill, goes to the insurance fund; a
     * bankrupt account (whose whole deficit the fund must be able to cover) is filled at the
     * oracle price and the fund pays the closed lots' share of its deficit,
     * ClosedDeficit(a, q) = ceil(deficit * q / |pos|), so a keeps
     * coll - floor(coll * q / |pos|), between 0 and its balance before.
     * Refusals: UNKNOWN_ACCOUNT (index, accounts); otherwise (q, px) with NON_POSITIVE_AMOUNT,
     * NOT_LIQUIDATABLE, FLAT_ACCOUNT, SELF_TRADE (l = a), INSURANCE_SHORTFALL,
     * BAD_LIQUIDATION_SIZE, BAD_LIQUIDATION_PRICE, LIMIT_EXCEEDED (InBounds of l),
     * INSUFFICIENT_MARGIN (AcceptableOf of l).
     */
    /*@ public normal_behavior
      @   requires canLiquidate(account, liquidator, lots, priceTicks);
      @   // the fund's bound after the step (see the class invariants)
      @   requires insurance - MarginMath.closedDeficitOf(collateral[account], position[account], price, lots) + MarginMath.liquidationFeeOf(collateral[account], position[account], price, lots, priceTicks, feeBps) <= MAX_INSURANCE;
      @   assignable collateral[account], collateral[liquidator], position[account], position[liquidator], insurance,
      @              totalCollateral;
      @   ensures collateral[account] == \old((collateral)[account]) + MarginMath.closedDeficitOf(\old((collateral)[account]), \old((position)[account]), price, lots)
      @                                  + MarginMath.lotsTimesPrice(MarginMath.signedLots(\old((position)[account]), lots), priceTicks)
      @                                  - MarginMath.liquidationFeeOf(\old((collateral)[account]), \old((position)[account]), price, lots, priceTicks, feeBps);
      @   ensures collateral[liquidator] == \old((collateral)[liquidator]) - MarginMath.lotsTimesPrice(MarginMath.signedLots(\old((position)[account]), lots), priceTicks);
      @   ensures position[account] == \old((position)[account]) - MarginMath.signedLots(\old((position)[account]), lots);
      @   ensures position[liquidator] == \old((position)[liquidator]) + MarginMath.signedLots(\old((position)[account]), lots);
      @   ensures insurance == \old(insurance) - MarginMath.closedDeficitOf(\old((collateral)[account]), \old((position)[account]), price, lots) + MarginMath.liquidationFeeOf(\old((collateral)[account]), \old((position)[account]), price, lots, priceTicks, feeBps);
      @   ensures totalCollateral == \old(totalCollateral)
      @         + (collateral[account] - \old((collateral)[account])) + (collateral[liquidator] - \old((collateral)[liquidator]));
      @   ensures netPosition == \old(netPosition)
      @         + (position[account] - \old((position)[account])) + (position[liquidator] - \old((position)[liquidator]));
      @ also public exceptional_behavior
      @   requires !canLiquidate(account, liquidator, lots, priceTicks);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void liquidate(int account, int liquidator, long lots, long priceTicks) throws MarginException {
        checkAccount(account);
        checkAccount(liquidator);
        checkPositive(lots, priceTicks);
        /*@ nullable @*/ Reason refusal = liquidateRefusal(account, liquidator, lots, priceTicks);
        // One proof per branch (OpenJML's split), as in deleverage.
        //@ split
        if (refusal != null) {
            throw new MarginException(refusal, lots, priceTicks);
        }
        liquidationFacts(account, liquidator, lots, priceTicks);
        applyLiquidation(account, liquidator, lots, priceTicks);
    }

    /**
     * A lemma (no effect): the conjuncts of LiquidateGuard that liquidate's refusal test gives, as
     * queries, restated as the entries' functions that applyLiquidation's requires name.  Proved
     * here once, apart from the class invariants (its requires name the bounds it needs), so that
     * liquidate's effect branch only matches the two contracts.
     */
    /*@ private normal_behavior
      @   requires validAccount(a) && validAccount(l) && a < position.length && l < position.length && q > 0 && px > 0 && position[a] != 0;
      @   requires -maxCollateral <= collateral[a] && collateral[a] <= maxCollateral && -maxLots <= position[a] && position[a] <= maxLots;
      @   requires 1 <= maxCollateral && maxCollateral <= MAX_COLLATERAL && 1 <= maxLots && maxLots <= MAX_LOTS;
      @   requires 1 <= minPrice && minPrice <= price && price <= maxPrice && maxPrice <= MAX_PRICE;
      @   requires 0 < mmBps && mmBps <= BPS;
      @   requires isLiquidatable(a);
      @   requires accountEquity(a) < 0 ==> insurance + accountEquity(a) >= 0;
      @   requires inLiquidationSizes(a, q) && inLiquidationPrices(a, px);
      @   ensures q <= (position[a] < 0 ? -position[a] : position[a]) && px <= maxPrice;
      @   ensures MarginMath.liquidatable(collateral[a], position[a], price, mmBps);
      @   ensures MarginMath.equityOf(collateral[a], position[a], price) < 0 ==> insurance + MarginMath.equityOf(collateral[a], position[a], price) >= 0;
      @   ensures MarginMath.inLiquidationBand(position[a], price,
      @                MarginMath.slackOf(MarginMath.equityOf(collateral[a], position[a], price), (position[a] < 0 ? -position[a] : position[a])),
      @                minPrice, maxPrice, px);
      @ pure helper
      @*/
    private void liquidationFacts(int a, int l, long q, long px) {
    }

    /**
     * Liquidate's effect once the guard holds (the guard's conjuncts that the effect needs are the
     * requires): the fee, the fund's cover, the fill, and the settlement.  Apart from liquidate so
     * that each verification condition stays small.
     */
    /*@ private normal_behavior
      @   requires validAccount(a) && validAccount(l) && a != l && q > 0 && px > 0;
      @   requires position[a] != 0 && q <= (position[a] < 0 ? -position[a] : position[a]) && px <= maxPrice;
      @   // Liquidatable(a), InsuranceCovers(a) and LiquidationPrices(a) over a's entries (the
      @   // queries' own ensures, which liquidate's guard gives)
      @   requires MarginMath.liquidatable(collateral[a], position[a], price, mmBps);
      @   requires MarginMath.equityOf(collateral[a], position[a], price) < 0 ==> insurance + MarginMath.equityOf(collateral[a], position[a], price) >= 0;
      @   requires MarginMath.inLiquidationBand(position[a], price,
      @                MarginMath.slackOf(MarginMath.equityOf(collateral[a], position[a], price), (position[a] < 0 ? -position[a] : position[a])),
      @                minPrice, maxPrice, px);
      @   requires inBounds(collateral[l] - MarginMath.lotsTimesPrice(MarginMath.signedLots(position[a], q), px), position[l] + MarginMath.signedLots(position[a], q));
      @   requires insurance - MarginMath.closedDeficitOf(collateral[a], position[a], price, q) + MarginMath.liquidationFeeOf(collateral[a], position[a], price, q, px, feeBps) <= MAX_INSURANCE;
      @   assignable collateral[a], collateral[l], position[a], position[l], insurance, totalCollateral;
      @   ensures collateral[a] == \old((collateral)[a]) + MarginMath.closedDeficitOf(\old((collateral)[a]), \old((position)[a]), price, q)
      @                            + MarginMath.lotsTimesPrice(MarginMath.signedLots(\old((position)[a]), q), px)
      @                            - MarginMath.liquidationFeeOf(\old((collateral)[a]), \old((position)[a]), price, q, px, feeBps);
      @   ensures collateral[l] == \old((collateral)[l]) - MarginMath.lotsTimesPrice(MarginMath.signedLots(\old((position)[a]), q), px);
      @   ensures position[a] == \old((position)[a]) - MarginMath.signedLots(\old((position)[a]), q);
      @   ensures position[l] == \old((position)[l]) + MarginMath.signedLots(\old((position)[a]), q);
      @   ensures insurance == \old(insurance) - MarginMath.closedDeficitOf(\old((collateral)[a]), \old((position)[a]), price, q) + MarginMath.liquidationFeeOf(\old((collateral)[a]), \old((position)[a]), price, q, px, feeBps);
      @   ensures totalCollateral == \old(totalCollateral) + (collateral[a] - \old((collateral)[a])) + (collateral[l] - \old((collateral)[l]));
      @*/
    private void applyLiquidation(int a, int l, long q, long px) {
        long c = collateral[a];
        long p = position[a];
        long e = MarginMath.equityOf(c, p, price);
        long s = MarginMath.slackOf(e, MarginMath.abs(p));
        long fee = MarginMath.liquidationFeeOf(c, p, price, q, px, feeBps);
        long cover = MarginMath.closedDeficitOf(c, p, price, q);
        long sq = MarginMath.signedLots(p, q);    // Sign(pos[a]) * q
        long fill = MarginMath.lotsTimesPrice(sq, px);       // Sign(pos[a]) * q * px
        // a's new balance lies within MaxCollateral (spec/margin/README.md, "Bounds, action by
        // action"): a bankrupt account is filled at the oracle price, pays no fee and keeps
        // c - floor(c * q / |pos|); a healthy long keeps at least its balance and at most its
        // equity before, below its maintenance requirement, at most the cap; a healthy short keeps
        // at most its balance and at least (|pos| - q) * price >= 0.
        //@ assert MarginMath.liquidatedWithin(c, p, price, q, px, e, cover, s, fee, maxCollateral, maxLots, maxPrice, mmBps, feeBps);
        long ca = c + cover + fill - fee;
        settleLiquidation(a, l, sq, fill, ca, insurance - cover + fee);
    }

    /**
     * Liquidate's effect, once the guard holds: {@code sq} lots move from a to l, l pays
     * {@code fill}, a's balance becomes {@code ca} and the fund {@code fund}; the money only moves
     * between a, l and the fund (Conservation), so the ghost total moves by a's and l's changes.
     */
    /*@ private normal_behavior
      @   requires validAccount(a) && validAccount(l) && a != l;
      @   requires inBounds(ca, position[a] - sq) && inBounds(collateral[l] - fill, position[l] + sq);
      @   requires 0 <= fund && fund <= MAX_INSURANCE;
      @   requires (ca - collateral[a]) - fill + (fund - insurance) == 0;
      @   assignable collateral[a], collateral[l], position[a], position[l], insurance, totalCollateral;
      @   ensures collateral[a] == ca;
      @   ensures collateral[l] == \old((collateral)[l]) - fill;
      @   ensures position[a] == \old((position)[a]) - sq;
      @   ensures position[l] == \old((position)[l]) + sq;
      @   ensures insurance == fund;
      @   ensures totalCollateral == \old(totalCollateral) + (ca - \old((collateral)[a])) - fill;
      @*/
    private void settleLiquidation(int a, int l, long sq, long fill, long ca, long fund) {
        long before = collateral[a];
        credit(a, ca - before, -sq);
        credit(l, -fill, sq);
        setFund(fund, (ca - before) - fill);
    }

    /**
     * The fund becomes {@code fund}, and the ghost total of the balances moves by
     * {@code balancesDelta}, the change the caller made to the balances: the two together keep
     * Conservation (totalCollateral + insurance == netDeposits).
     */
    /*@ private normal_behavior
      @   requires 0 <= fund && fund <= MAX_INSURANCE && balancesDelta + (fund - insurance) == 0;
      @   assignable insurance, totalCollateral;
      @   ensures insurance == fund && totalCollateral == \old(totalCollateral) + balancesDelta;
      @*/
    private void setFund(long fund, long balancesDelta) {
        insurance = fund;
        //@ set totalCollateral = totalCollateral + balancesDelta;
    }

    /** LiquidateGuard(a, l, q, px), for known accounts. */
    /*@ public normal_behavior
      @   ensures \result <==> validAccount(a) && validAccount(l) && q > 0 && px > 0
      @        && !halted
      @        && isLiquidatable(a)
      @        && position[a] != 0
      @        && l != a
      @        && (accountEquity(a) < 0 ==> insurance + accountEquity(a) >= 0)
      @        && liquidationTermsOk(a, l, q, px);   // LiquidationSizes, LiquidationPrices, InBounds and AcceptableOf of l
      @ pure
      @*/
    public boolean canLiquidate(int a, int l, long q, long px) {
        return validAccount(a) && validAccount(l) && q > 0 && px > 0 && liquidateRefusal(a, l, q, px) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(a) && validAccount(l) && q > 0 && px > 0;
    //@   ensures (\result == null) <==> (!halted && isLiquidatable(a) && position[a] != 0 && l != a
    //@        && (accountEquity(a) < 0 ==> insurance + accountEquity(a) >= 0)
    //@        && liquidationTermsOk(a, l, q, px));
    //@ pure
    private /*@ nullable @*/ Reason liquidateRefusal(int a, int l, long q, long px) {
        if (halted) {
            return Reason.MARKET_HALTED;
        }
        if (!isLiquidatable(a)) {
            return Reason.NOT_LIQUIDATABLE;
        }
        if (position[a] == 0) {
            return Reason.FLAT_ACCOUNT;
        }
        if (l == a) {
            return Reason.SELF_TRADE;
        }
        long e = accountEquity(a);
        if (e < 0 && insurance + e < 0) {
            return Reason.INSURANCE_SHORTFALL;
        }
        return liquidationTermsRefusal(a, l, q, px);
    }

    /**
     * The conjuncts of LiquidateGuard that name the size and the price: LiquidationSizes,
     * LiquidationPrices, InBounds and AcceptableOf of the liquidator (apart from the account's
     * status, so that each verification condition stays small).
     */
    //@ private normal_behavior
    //@   requires validAccount(a) && validAccount(l) && q > 0 && px > 0 && position[a] != 0;
    //@   ensures \result <==> inLiquidationSizes(a, q) && inLiquidationPrices(a, px)
    //@        && inBounds(collateral[l] - MarginMath.lotsTimesPrice(MarginMath.signedLots(position[a], q), px), position[l] + MarginMath.signedLots(position[a], q))
    //@        && acceptable(collateral[l], position[l],
    //@                      collateral[l] - MarginMath.lotsTimesPrice(MarginMath.signedLots(position[a], q), px), position[l] + MarginMath.signedLots(position[a], q));
    //@ pure
    /*@ spec_public @*/
    private boolean liquidationTermsOk(int a, int l, long q, long px) {
        return liquidationTermsRefusal(a, l, q, px) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(a) && validAccount(l) && q > 0 && px > 0 && position[a] != 0;
    //@   ensures (\result == null) <==> (inLiquidationSizes(a, q) && inLiquidationPrices(a, px)
    //@        && inBounds(collateral[l] - MarginMath.lotsTimesPrice(MarginMath.signedLots(position[a], q), px), position[l] + MarginMath.signedLots(position[a], q))
    //@        && acceptable(collateral[l], position[l],
    //@                      collateral[l] - MarginMath.lotsTimesPrice(MarginMath.signedLots(position[a], q), px), position[l] + MarginMath.signedLots(position[a], q)));
    //@ pure
    private /*@ nullable @*/ Reason liquidationTermsRefusal(int a, int l, long q, long px) {
        // the class invariants' account bounds at a and l, which the helper queries below require
        //@ assert -maxCollateral <= collateral[a] && collateral[a] <= maxCollateral && -maxLots <= position[a] && position[a] <= maxLots;
        //@ assert -maxCollateral <= collateral[l] && collateral[l] <= maxCollateral && -maxLots <= position[l] && position[l] <= maxLots;
        if (!inLiquidationSizes(a, q)) {
            return Reason.BAD_LIQUIDATION_SIZE;
        }
        if (!inLiquidationPrices(a, px)) {
            return Reason.BAD_LIQUIDATION_PRICE;
        }
        // Now q <= |pos[a]| <= MAX_LOTS and px <= MaxPrice: |fill| <= 1e12.
        long sq = MarginMath.signedLots(position[a], q);
        long fill = MarginMath.lotsTimesPrice(sq, px);
        long cl = collateral[l] - fill;
        long pl = position[l] + sq;
        if (!inBounds(cl, pl)) {
            return Reason.LIMIT_EXCEEDED;
        }
        if (!acceptable(collateral[l], position[l], cl, pl)) {
            return Reason.INSUFFICIENT_MARGIN;
        }
        return null;
    }

    /** LiquidationSizes(a): the q in 1..|pos| that leave nothing or at least DustLots. */
    /*@ public normal_behavior
      @   requires validAccount(a) && a < position.length && -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS;
      @   ensures \result <==>
      @        (1 <= q && q <= (position[a] < 0 ? -position[a] : position[a])
      @           && ((position[a] < 0 ? -position[a] : position[a]) - q == 0
      @               || (position[a] < 0 ? -position[a] : position[a]) - q >= dustLots));
      @ pure helper
      @*/
    /*@ spec_public @*/
    private boolean inLiquidationSizes(int a, long q) {
        long size = MarginMath.abs(position[a]);
        return 1 <= q && q <= size && (size - q == 0 || size - q >= dustLots);
    }

    /**
     * LiquidationPrices(a): Max(MinPrice, price - Slack)..price for a long and
     * price..Min(MaxPrice, price + Slack) for a short (just the oracle price for a bankrupt account).
     */
    /*@ public normal_behavior
      @   requires validAccount(a) && a < position.length && position[a] != 0;
      @   requires -MAX_COLLATERAL <= collateral[a] && collateral[a] <= MAX_COLLATERAL && -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS && 0 < price && price <= MAX_PRICE;
      @   ensures \result <==> MarginMath.inLiquidationBand(position[a], price, slack(a), minPrice, maxPrice, px);
      @ pure helper
      @*/
    /*@ spec_public @*/
    private boolean inLiquidationPrices(int a, long px) {
        return MarginMath.inLiquidationBand(position[a], price, slack(a), minPrice, maxPrice, px);
    }

    /**
     * NoBankruptAccount: no account has negative equity (withdrawal gating).  One pass over the
     * accounts; withdrawals are rare next to trades and price moves.
     */
    /*@ public normal_behavior
      @   ensures \result <==> (\forall int k; 0 <= k && k < collateral.length; accountEquity(k) >= 0);
      @ pure
      @*/
    public boolean noBankruptAccount() {
        //@ loop_invariant 0 <= k && k <= collateral.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; accountEquity(j) >= 0);
        //@ decreases collateral.length - k;
        for (int k = 0; k < collateral.length; k++) {
            if (accountEquity(k) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Slack(a) == (Equity(a) + Deficit(a)) \div Abs(pos[a]): floor division of a non-negative
     * numerator; zero for a bankrupt account.
     */
    /*@ public normal_behavior
      @   requires validAccount(a) && a < position.length && position[a] != 0;
      @   requires -MAX_COLLATERAL <= collateral[a] && collateral[a] <= MAX_COLLATERAL && -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS && 0 < price && price <= MAX_PRICE;
      @   ensures \result == MarginMath.slackOf(accountEquity(a), (position[a] < 0 ? -position[a] : position[a]));
      @ pure helper
      @*/
    /*@ spec_public @*/
    private long slack(int a) {
        return MarginMath.slackOf(accountEquity(a), MarginMath.abs(position[a]));
    }

    /**
     * Deleverage(a, c): a's equity is negative and the insurance fund cannot cover it, so a's
     * position is closed against c, the most profitable account on the opposite side that can
     * take the step within MaxCollateral and MaxLots (an account that cannot is passed over), at
     * a's bankruptcy price: q = Min(|pos[a]|, |pos[c]|) lots carry
     * delta = (coll[a] * q) \div |pos[a]| of a's balance (floor division: the numerator may be
     * negative, e.g. coll[a] = -7, q = 1, |pos[a]| = 2 gives -4, not Java's -3)
     * ({@link MarginMath#deleverageLotsOf}, {@link MarginMath#deleverageDeltaOf}).
     * Refusals: UNKNOWN_ACCOUNT (index, accounts); otherwise (a, c) with FLAT_ACCOUNT,
     * NOT_BANKRUPT, INSURANCE_COVERS, NOT_OPPOSITE_SIDE, LIMIT_EXCEEDED (c cannot take the step
     * within the bounds), NOT_MOST_PROFITABLE (another opposite account that can is more
     * profitable).
     */
    /*@ public normal_behavior
      @   requires canDeleverage(account, counterparty);
      @   assignable collateral[account], collateral[counterparty], position[account], position[counterparty];
      @   ensures collateral[account] == \old((collateral)[account]) - MarginMath.deleverageDeltaOf(\old((collateral)[account]), \old((position)[account]), \old((position)[counterparty]));
      @   ensures collateral[counterparty] == \old((collateral)[counterparty]) + MarginMath.deleverageDeltaOf(\old((collateral)[account]), \old((position)[account]), \old((position)[counterparty]));
      @   ensures position[account] == \old((position)[account]) - MarginMath.signedLots(\old((position)[account]), MarginMath.deleverageLotsOf(\old((position)[account]), \old((position)[counterparty])));
      @   ensures position[counterparty] == \old((position)[counterparty]) + MarginMath.signedLots(\old((position)[account]), MarginMath.deleverageLotsOf(\old((position)[account]), \old((position)[counterparty])));
      @   ensures totalCollateral == \old(totalCollateral)
      @         + (collateral[account] - \old((collateral)[account])) + (collateral[counterparty] - \old((collateral)[counterparty]));
      @   ensures netPosition == \old(netPosition)
      @         + (position[account] - \old((position)[account])) + (position[counterparty] - \old((position)[counterparty]));
      @ also public exceptional_behavior
      @   requires !canDeleverage(account, counterparty);
      @   assignable \nothing;
      @   signals_only MarginException;
      @*/
    public void deleverage(int account, int counterparty) throws MarginException {
        checkAccount(account);
        checkAccount(counterparty);
        /*@ nullable @*/ Reason refusal = deleverageRefusal(account, counterparty);
        // One proof per branch (OpenJML's split).  The effect is written here, as in trade, over
        // locals that name the step's quantities: with the effect in a private method whose
        // ensures were these postconditions verbatim, z3 did not finish the effect's branch
        // (proofs/openjml/README.md).
        //@ split
        if (refusal != null) {
            throw new MarginException(refusal, account, counterparty);
        }
        long q = MarginMath.deleverageLotsOf(position[account], position[counterparty]);
        long sq = MarginMath.signedLots(position[account], q);
        long delta = MarginMath.deleverageDeltaOf(collateral[account], position[account], position[counterparty]);
        //@ assert inBounds(collateral[account] - delta, position[account] - sq);
        //@ assert inBounds(collateral[counterparty] + delta, position[counterparty] + sq);
        exchange(account, counterparty, sq, delta);
    }

    /**
     * The effect shared by Trade and Deleverage, once the guard holds: {@code sq} lots and
     * {@code delta} quote units move from account a to account c (either may be negative).  The
     * sums of the balances and of the positions do not change.  Kept apart from the guards so
     * that each proof obligation stays small.
     */
    /*@ private normal_behavior
      @   requires validAccount(a) && validAccount(c) && a != c;
      @   requires inBounds(collateral[a] - delta, position[a] - sq) && inBounds(collateral[c] + delta, position[c] + sq);
      @   assignable collateral[a], collateral[c], position[a], position[c];
      @   ensures collateral[a] == \old((collateral)[a]) - delta;
      @   ensures collateral[c] == \old((collateral)[c]) + delta;
      @   ensures position[a] == \old((position)[a]) - sq;
      @   ensures position[c] == \old((position)[c]) + sq;
      @*/
    private void exchange(int a, int c, long sq, long delta) {
        credit(a, -delta, -sq);
        credit(c, delta, sq);
    }

    /**
     * One account's part of an effect: dc quote units and dp lots are added to account a.  Writes
     * one entry of each array, so the class invariants over the entries are kept by the bounds
     * alone; the ghost totals are the caller's business (they do not mention the entries).
     */
    /*@ private normal_behavior
      @   requires validAccount(a) && inBounds(collateral[a] + dc, position[a] + dp);
      @   assignable collateral[a], position[a];
      @   ensures collateral[a] == \old((collateral)[a]) + dc;
      @   ensures position[a] == \old((position)[a]) + dp;
      @*/
    private void credit(int a, long dc, long dp) {
        addCollateral(a, dc);
        addPosition(a, dp);
    }

    /** collateral[a] += dc, within the bound (one entry written). */
    /*@ private normal_behavior
      @   requires validAccount(a) && -maxCollateral <= collateral[a] + dc && collateral[a] + dc <= maxCollateral;
      @   assignable collateral[a];
      @   ensures collateral[a] == \old((collateral)[a]) + dc;
      @*/
    private void addCollateral(int a, long dc) {
        collateral[a] = collateral[a] + dc;
    }

    /** position[a] += dp, within the bound (one entry written). */
    /*@ private normal_behavior
      @   requires validAccount(a) && -maxLots <= position[a] + dp && position[a] + dp <= maxLots;
      @   assignable position[a];
      @   ensures position[a] == \old((position)[a]) + dp;
      @*/
    private void addPosition(int a, long dp) {
        position[a] = position[a] + dp;
    }

    /** DeleverageGuard(a, c) (MostProfitableOpposite includes CanAbsorb), for known accounts. */
    /*@ public normal_behavior
      @   ensures \result <==> validAccount(a) && validAccount(c)
      @        && !halted
      @        && position[a] != 0
      @        && accountEquity(a) < 0
      @        && !(insurance + accountEquity(a) >= 0)
      @        && mostProfitableOpposite(a, c);
      @ pure
      @*/
    public boolean canDeleverage(int a, int c) {
        return validAccount(a) && validAccount(c) && deleverageRefusal(a, c) == null;
    }

    //@ private normal_behavior
    //@   requires validAccount(a) && validAccount(c);
    //@   ensures (\result == null) <==> (!halted && position[a] != 0 && accountEquity(a) < 0 && insurance + accountEquity(a) < 0
    //@        && mostProfitableOpposite(a, c));
    //@ pure
    private /*@ nullable @*/ Reason deleverageRefusal(int a, int c) {
        if (halted) {
            return Reason.MARKET_HALTED;
        }
        if (position[a] == 0) {
            return Reason.FLAT_ACCOUNT;
        }
        long e = accountEquity(a);
        if (e >= 0) {
            return Reason.NOT_BANKRUPT;
        }
        if (insurance + e >= 0) {
            return Reason.INSURANCE_COVERS;
        }
        if (!opposite(a, c)) {
            return Reason.NOT_OPPOSITE_SIDE;
        }
        if (!canAbsorb(a, c)) {
            return Reason.LIMIT_EXCEEDED;
        }
        if (!mostProfitableOpposite(a, c)) {
            return Reason.NOT_MOST_PROFITABLE;
        }
        return null;
    }

    /** Opposite(a, c) == c # a /\ pos[c] * pos[a] &lt; 0. */
    /*@ public normal_behavior
      @   requires validAccount(a) && validAccount(c);
      @   ensures \result <==> c != a && position[c] * position[a] < 0;
      @ pure
      @*/
    /*@ spec_public @*/
    private boolean opposite(int a, int c) {
        return c != a && !MarginMath.notOpposite(position[c], position[a]);
    }

    /**
     * CanAbsorb(a, c): c is opposite to a and can take the deleveraging step within the bounds,
     * InBounds(coll[c] + delta, pos[c] + s * q) ({@link MarginMath#absorbs}, over the four
     * numbers it reads).  |delta| &lt;= |coll[a]| and |pos[c] + s * q| &lt;= |pos[c]|: no overflow.
     */
    /*@ public normal_behavior
      @   requires validAccount(a) && validAccount(c);
      @   ensures \result <==> opposite(a, c)
      @        && MarginMath.absorbs(collateral[a], position[a], collateral[c], position[c], maxCollateral, maxLots);
      @ pure
      @*/
    public boolean canAbsorb(int a, int c) {
        return opposite(a, c)
            && MarginMath.absorbs(collateral[a], position[a], collateral[c], position[c], maxCollateral, maxLots);
    }

    /**
     * MostProfitableOpposite(a, c): c can absorb the step (CanAbsorb) and no other account that
     * can has strictly larger equity (ties allowed): no d # a outranks c
     * ({@link MarginMath#outranksOf}: CanAbsorb(a, d) /\ Equity(d) &gt; Equity(c) over the entries;
     * d # a is CanAbsorb's Opposite's other conjunct).
     */
    /*@ public normal_behavior
      @   requires validAccount(a) && validAccount(c);
      @   ensures \result <==> canAbsorb(a, c)
      @        && (\forall int d; 0 <= d && d < collateral.length;
      @              d != a ==> !MarginMath.outranksOf(collateral[a], position[a], collateral[d], position[d],
      @                                                collateral[c], position[c], price, maxCollateral, maxLots));
      @ pure
      @*/
    /*@ spec_public @*/
    private boolean mostProfitableOpposite(int a, int c) {
        if (!canAbsorb(a, c)) {
            return false;
        }
        int n = collateral.length;
        //@ loop_invariant 0 <= d && d <= n;
        //@ loop_invariant (\forall int j; 0 <= j && j < d;
        //@        j != a ==> !MarginMath.outranksOf(collateral[a], position[a], collateral[j], position[j],
        //@                                          collateral[c], position[c], price, maxCollateral, maxLots));
        //@ decreases n - d;
        for (int d = 0; d < n; d++) {
            if (d != a && MarginMath.outranksOf(collateral[a], position[a], collateral[d], position[d],
                                                collateral[c], position[c], price, maxCollateral, maxLots)) {
                return false;
            }
            MarginMath.noneOutranksStep(collateral, position, a, c, d, price, maxCollateral, maxLots);
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------
    // Shared predicates
    //
    // The queries that the guards' contracts name (validAccount, inBounds, acceptable, and
    // accountEquity, accountMm, isLiquidatable, slack, inLiquidationSizes, inLiquidationPrices
    // below) and checkAccount are `pure helper`, with the bounds they read as requires instead of
    // the class invariants.  For a query that is not a helper the verifier asserts and assumes
    // every class invariant at each use, in code and in specifications; a guard's contract names
    // a dozen of them, so each action's proof carried a hundred copies of the invariants
    // (liquidate: 12,136 basic blocks with its body cut off, 8,768 with validAccount and inBounds
    // as helpers).  Pure methods change nothing, so no invariant needs re-proving after them; a
    // caller proves their requires from the invariants.  proofs/openjml/README.md has the figures.

    /** InBounds(c, p) == Abs(c) &lt;= MaxCollateral /\ Abs(p) &lt;= MaxLots. */
    //@ public normal_behavior
    //@   requires 1 <= maxCollateral && maxCollateral <= MAX_COLLATERAL && 1 <= maxLots && maxLots <= MAX_LOTS;
    //@   ensures \result <==> -maxCollateral <= c && c <= maxCollateral && -maxLots <= p && p <= maxLots;
    //@ pure helper
    /*@ spec_public @*/
    private boolean inBounds(long c, long p) {
        return -maxCollateral <= c && c <= maxCollateral && -maxLots <= p && p <= maxLots;
    }

    /** AcceptableOf(c0, p0, c1, p1) at the current price, for in-bounds states. */
    /*@ public normal_behavior
      @   requires 1 <= maxCollateral && maxCollateral <= MAX_COLLATERAL && 1 <= maxLots && maxLots <= MAX_LOTS;
      @   requires inBounds(c0, p0) && inBounds(c1, p1);
      @   requires 0 < price && price <= MAX_PRICE && 0 < mmBps && mmBps <= imBps && imBps <= BPS;
      @   ensures \result == MarginMath.acceptable(c0, p0, c1, p1, price, imBps, mmBps);
      @ pure helper
      @*/
    /*@ spec_public @*/
    private boolean acceptable(long c0, long p0, long c1, long p1) {
        return MarginMath.acceptable(c0, p0, c1, p1, price, imBps, mmBps);
    }

    //@ public normal_behavior
    //@   ensures \result <==> 0 <= a && a < collateral.length;
    //@ pure helper
    /*@ spec_public @*/
    private boolean validAccount(int a) {
        return 0 <= a && a < collateral.length;
    }

    //@ private normal_behavior
    //@   requires validAccount(a);
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !validAccount(a);
    //@   assignable \nothing;
    //@   signals_only MarginException;
    //@ pure helper
    private void checkAccount(int a) throws MarginException {
        if (a < 0 || a >= collateral.length) {
            throw new MarginException(Reason.UNKNOWN_ACCOUNT, a, collateral.length);
        }
    }

    //@ private normal_behavior
    //@   requires x > 0 && y > 0;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !(x > 0 && y > 0);
    //@   assignable \nothing;
    //@   signals_only MarginException;
    //@ pure
    private static void checkPositive(long x, long y) throws MarginException {
        if (x <= 0 || y <= 0) {
            throw new MarginException(Reason.NON_POSITIVE_AMOUNT, x, y);
        }
    }

    //@ private normal_behavior
    //@   requires x > 0;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !(x > 0);
    //@   assignable \nothing;
    //@   signals_only MarginException;
    //@ pure
    private static void checkPositive(long x) throws MarginException {
        if (x <= 0) {
            throw new MarginException(Reason.NON_POSITIVE_AMOUNT, x, 0);
        }
    }

    /** Equity(a) == coll[a] + pos[a] * price. */
    //@ public normal_behavior
    //@   requires validAccount(a) && a < position.length;
    //@   requires -MAX_COLLATERAL <= collateral[a] && collateral[a] <= MAX_COLLATERAL && -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS && 0 < price && price <= MAX_PRICE;
    //@   ensures \result == collateral[a] + position[a] * price;
    //@   ensures -MarginMath.MAX_EQUITY <= \result && \result <= MarginMath.MAX_EQUITY;
    //@ pure helper
    /*@ spec_public @*/
    private long accountEquity(int a) {
        return MarginMath.equityOf(collateral[a], position[a], price);
    }

    /** MmReq(a) == BpsUp(NotionalOf(pos[a], price), MmBps). */
    //@ public normal_behavior
    //@   requires validAccount(a) && a < position.length;
    //@   requires -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS && 0 < price && price <= MAX_PRICE && 0 < mmBps && mmBps <= BPS;
    //@   ensures \result == MarginMath.requirement(position[a], price, mmBps);
    //@   ensures 0 <= \result && \result <= MarginMath.MAX_NOTIONAL;
    //@ pure helper
    /*@ spec_public @*/
    private long accountMm(int a) {
        return MarginMath.requirement(position[a], price, mmBps);
    }

    /** Liquidatable(a) == Equity(a) &lt; MmReq(a). */
    //@ public normal_behavior
    //@   requires validAccount(a) && a < position.length;
    //@   requires -MAX_COLLATERAL <= collateral[a] && collateral[a] <= MAX_COLLATERAL && -MAX_LOTS <= position[a] && position[a] <= MAX_LOTS && 0 < price && price <= MAX_PRICE && 0 < mmBps && mmBps <= BPS;
    //@   ensures \result <==> accountEquity(a) < accountMm(a);
    //@   ensures \result <==> MarginMath.liquidatable(collateral[a], position[a], price, mmBps);
    //@ pure helper
    /*@ spec_public @*/
    private boolean isLiquidatable(int a) {
        return accountEquity(a) < accountMm(a);
    }

    // ------------------------------------------------------------------------------------------
    // Queries

    /** Number of accounts; the accounts are 0..accounts()-1. */
    //@ public normal_behavior
    //@   ensures \result == collateral.length;
    //@ pure
    public int accounts() {
        return collateral.length;
    }

    /** coll[a], quote units. */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result == collateral[a];
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public long collateral(int a) throws MarginException {
        checkAccount(a);
        return collateral[a];
    }

    /** pos[a], lots. */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result == position[a];
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public long position(int a) throws MarginException {
        checkAccount(a);
        return position[a];
    }

    /** The oracle price, ticks. */
    //@ public normal_behavior
    //@   ensures \result == price;
    //@ pure helper
    public long price() {
        return price;
    }

    /** Is the market halted (no usable oracle price)? */
    //@ public normal_behavior
    //@   ensures \result == halted;
    //@ pure helper
    public boolean isHalted() {
        return halted;
    }

    /** The insurance fund, quote units. */
    //@ public normal_behavior
    //@   ensures \result == insurance;
    //@ pure helper
    public long insurance() {
        return insurance;
    }

    /** All deposits minus all withdrawals, quote units. */
    //@ public normal_behavior
    //@   ensures \result == netDeposits;
    //@ pure helper
    public long netDeposits() {
        return netDeposits;
    }

    /** The constants this engine was built with. */
    //@ public normal_behavior
    //@   ensures \result == params;
    //@ pure helper
    public MarginParams params() {
        return params;
    }

    /** Equity(a) == coll[a] + pos[a] * price: net collateral at the oracle price. */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result == collateral[a] + position[a] * price;
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public long equity(int a) throws MarginException {
        checkAccount(a);
        return accountEquity(a);
    }

    /** ImReq(a) == BpsUp(Abs(pos[a]) * price, ImBps). */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result == MarginMath.requirement(position[a], price, imBps);
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public long initialRequirement(int a) throws MarginException {
        checkAccount(a);
        return MarginMath.requirement(position[a], price, imBps);
    }

    /** MmReq(a) == BpsUp(Abs(pos[a]) * price, MmBps). */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result == accountMm(a);
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public long maintenanceRequirement(int a) throws MarginException {
        checkAccount(a);
        return accountMm(a);
    }

    /** Liquidatable(a) == Equity(a) &lt; MmReq(a). */
    /*@ public normal_behavior
      @   requires validAccount(a);
      @   ensures \result <==> isLiquidatable(a);
      @ also public exceptional_behavior
      @   requires !validAccount(a);
      @   signals_only MarginException;
      @ pure @*/
    public boolean liquidatable(int a) throws MarginException {
        checkAccount(a);
        return isLiquidatable(a);
    }

    /**
     * How many of the accounts 0..k-1 are liquidatable (Equity &lt; MmReq at price px, maintenance
     * rate bps): the count the scan returns, defined by recursion over k in its contract (ESC does
     * not implement \num_of) and computed by a loop proved against it.  It reads only the entries of
     * the two arrays, so it keeps its value across the scan's writes to its workspace and to the
     * output.  Not instrumented for runtime checking ({@code skiprac}): the checker would check the
     * recursive contract by calling the method again at every level.
     */
    /*@ public normal_behavior
      @   requires coll != null && pos != null && coll.length == pos.length && 0 <= k && k <= coll.length;
      @   requires (\forall int j; 0 <= j && j < coll.length;
      @                -MAX_COLLATERAL <= coll[j] && coll[j] <= MAX_COLLATERAL && -MAX_LOTS <= pos[j] && pos[j] <= MAX_LOTS);
      @   requires 0 <= px && px <= MAX_PRICE && 0 <= bps && bps <= BPS;
      @   reads coll[*], pos[*];
      @   ensures \result == (k == 0 ? 0 : liquidatableCount(coll, pos, px, bps, k - 1)
      @                                    + (MarginMath.liquidatable(coll[k - 1], pos[k - 1], px, bps) ? 1 : 0));
      @   ensures 0 <= \result && \result <= k;
      @ pure
      @*/
    public static /*@ skiprac @*/ int liquidatableCount(long[] coll, long[] pos, long px, long bps, int k) {
        int c = 0;
        //@ loop_invariant 0 <= j && j <= k && c == liquidatableCount(coll, pos, px, bps, j);
        //@ decreases k - j;
        for (int j = 0; j < k; j++) {
            if (MarginMath.liquidatable(coll[j], pos[j], px, bps)) {
                c++;
            }
        }
        return c;
    }

    /**
     * The indices of all liquidatable accounts, ascending: {@link #scanLiquidatableInto} into a
     * buffer of one entry per account, trimmed to its exact size.
     */
    /*@ public normal_behavior
      @*/
    //-RAC@   assignable scanFlags[*];
    /*@
      @   ensures \result != null
      @        && \result.length == liquidatableCount(collateral, position, price, mmBps, collateral.length);
      @   ensures (\forall int j; 0 <= j && j < \result.length;
      @               0 <= \result[j] && \result[j] < collateral.length
      @            && MarginMath.liquidatable(collateral[\result[j]], position[\result[j]], price, mmBps));
      @   ensures (\forall int j; 0 < j && j < \result.length; \result[j - 1] < \result[j]);
      @*/
    public int[] scanLiquidatable() {
        int[] all = new int[collateral.length];
        int count = scanLiquidatableInto(all);
        if (count == all.length) {
            return all;
        }
        return copyOf(all, count, count);
    }

    /** A fresh array of the given length holding the first count elements of a. */
    //@ private normal_behavior
    //@   requires a != null && 0 <= count && count <= a.length && count <= length;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == length;
    //@   ensures (\forall int k; 0 <= k && k < count; \result[k] == a[k]);
    //@ pure
    private static int[] copyOf(int[] a, int count, int length) {
        int[] r = new int[length];
        //@ loop_invariant 0 <= k && k <= count && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            r[k] = a[k];
        }
        return r;
    }

    /** Accounts per block of the scan: a block's flags are still in the L1 cache for pass 2. */
    private static final int SCAN_BLOCK = 64;

    /**
     * Writes the indices of the liquidatable accounts, ascending, into {@code out} (as many as fit)
     * and returns how many accounts are liquidatable (which may exceed out.length: then only the
     * first out.length indices are written).  An account is liquidatable when
     * {@link MarginMath#liquidatable} holds for its balance and position at the oracle price and
     * the maintenance rate, which is {@link #liquidatable(int)}.
     *
     * <p>Block by block, two passes.  Pass 1 sets each account's flag in {@link #scanFlags} with
     * {@link MarginMath#liquidatableFlag} (two multiplications, no branch, no division, the same
     * index into every array: the JIT compiles it to vector instructions).  Pass 2 compacts: it
     * writes every index at {@code out[count]} and advances count by the flag, so an index is
     * kept exactly when its account is liquidatable.  Allocation-free: the flags (one long per
     * account, not part of the state) are allocated with the engine.
     */
    /*@ public normal_behavior
      @   requires out != null;
      @*/
    //-RAC@   assignable out[0 .. out.length - 1], scanFlags[*];
    /*@
      @   ensures \result == liquidatableCount(collateral, position, price, mmBps, collateral.length);
      @   ensures 0 <= \result && \result <= collateral.length;
      @   ensures (\forall int j; 0 <= j && j < \result && j < out.length;
      @               0 <= out[j] && out[j] < collateral.length
      @            && MarginMath.liquidatable(collateral[out[j]], position[out[j]], price, mmBps));
      @   ensures (\forall int j; 0 < j && j < \result && j < out.length; out[j - 1] < out[j]);
      @*/
    public int scanLiquidatableInto(int[] out) {
        final long[] coll = collateral;
        final long[] pos = position;
        final int n = coll.length;
        final int capacity = out.length;
        final long[] flags = scanFlags;
        final long px = price;
        final long bps = mmBps;
        final long kLong = MarginMath.scanFactorLong(px, bps);
        final long kShort = MarginMath.scanFactorShort(px, bps);
        int count = 0;
        int start = 0;
        //@ loop_invariant 0 <= start && start <= n && 0 <= count && count <= start;
        //@ loop_invariant count == liquidatableCount(coll, pos, px, bps, start);
        //@ loop_invariant (\forall int j; 0 <= j && j < count && j < capacity;
        //@                    0 <= out[j] && out[j] < start && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
        //@ loop_invariant (\forall int j; 0 < j && j < count && j < capacity; out[j - 1] < out[j]);
        //@ loop_modifies out[0 .. capacity - 1], flags[0 .. n - 1];
        //@ decreases n - start;
        while (start < n) {
            final int end = n - start < SCAN_BLOCK ? n : start + SCAN_BLOCK;
            flagBlock(coll, pos, flags, start, end, px, bps, kLong, kShort);
            if (capacity - count >= end - start) {
                count = compactFitting(out, coll, pos, flags, start, end, px, bps, count);
            } else {
                count = compactBounded(out, coll, pos, flags, start, end, px, bps, count);
            }
            start = end;
        }
        return count;
    }

    /**
     * Pass 1 of {@link #scanLiquidatableInto} over accounts start..end-1: each account's flag, 1
     * exactly when it is liquidatable ({@link MarginMath#liquidatableFlag} with the side factors,
     * equal to {@link MarginMath#liquidatable} by {@link MarginMath#belowRequirementByFactor}).
     */
    /*@ private normal_behavior
      @   requires coll != null && pos != null && flags != null && flags != coll && flags != pos;
      @   requires coll.length == pos.length && flags.length == coll.length;
      @   requires 0 <= start && start <= end && end <= coll.length;
      @   requires (\forall int j; 0 <= j && j < coll.length;
      @                -MAX_COLLATERAL <= coll[j] && coll[j] <= MAX_COLLATERAL && -MAX_LOTS <= pos[j] && pos[j] <= MAX_LOTS);
      @   requires 0 <= px && px <= MAX_PRICE && 0 <= bps && bps <= BPS;
      @   requires kLong == MarginMath.scanFactorLong(px, bps) && kShort == MarginMath.scanFactorShort(px, bps);
      @*/
    //-RAC@   assignable flags[start .. end - 1];
    /*@
      @   ensures (\forall int k; start <= k && k < end; flags[k] == (MarginMath.liquidatable(coll[k], pos[k], px, bps) ? 1 : 0));
      @*/
    private static void flagBlock(long[] coll, long[] pos, long[] flags, int start, int end, long px, long bps,
                                  long kLong, long kShort) {
        //@ loop_invariant start <= i && i <= end;
        //@ loop_invariant (\forall int k; start <= k && k < i; flags[k] == (MarginMath.liquidatable(coll[k], pos[k], px, bps) ? 1 : 0));
        //@ loop_modifies flags[start .. end - 1];
        //@ decreases end - i;
        for (int i = start; i < end; i++) {
            //@ assert MarginMath.belowRequirementByFactor(coll[i], pos[i], px, bps) == MarginMath.liquidatable(coll[i], pos[i], px, bps);
            flags[i] = MarginMath.liquidatableFlag(coll[i], pos[i], kLong, kShort);
        }
    }

    /**
     * Pass 2 of {@link #scanLiquidatableInto} over accounts start..end-1 when every index of the
     * block fits in out (no capacity test inside the loop), given their flags and the count of
     * liquidatable accounts below start: writes each flagged index at out[count] and returns the
     * count below end.
     */
    /*@ private normal_behavior
      @   requires out != null && coll != null && pos != null && flags != null;
      @   requires coll.length == pos.length && flags.length == coll.length;
      @   requires 0 <= start && start <= end && end <= coll.length;
      @   requires (\forall int j; 0 <= j && j < coll.length;
      @                -MAX_COLLATERAL <= coll[j] && coll[j] <= MAX_COLLATERAL && -MAX_LOTS <= pos[j] && pos[j] <= MAX_LOTS);
      @   requires 0 <= px && px <= MAX_PRICE && 0 <= bps && bps <= BPS;
      @   requires (\forall int k; start <= k && k < end; flags[k] == (MarginMath.liquidatable(coll[k], pos[k], px, bps) ? 1 : 0));
      @   requires 0 <= count && count <= start && count == liquidatableCount(coll, pos, px, bps, start);
      @   requires (\forall int j; 0 <= j && j < count && j < out.length;
      @                0 <= out[j] && out[j] < start && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
      @   requires (\forall int j; 0 < j && j < count && j < out.length; out[j - 1] < out[j]);
      @   requires out.length - count >= end - start;
      @*/
    //-RAC@   assignable out[0 .. out.length - 1];
    /*@
      @   ensures 0 <= \result && \result <= end && \result == liquidatableCount(coll, pos, px, bps, end);
      @   ensures (\forall int j; 0 <= j && j < \result && j < out.length;
      @                0 <= out[j] && out[j] < end && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
      @   ensures (\forall int j; 0 < j && j < \result && j < out.length; out[j - 1] < out[j]);
      @*/
    private static int compactFitting(int[] out, long[] coll, long[] pos, long[] flags, int start, int end, long px,
                                      long bps, int count) {
        final int capacity = out.length;
        //@ loop_invariant start <= i && i <= end && count - (i - start) <= capacity - (end - start);
        //@ loop_invariant count == liquidatableCount(coll, pos, px, bps, i);
        //@ loop_invariant (\forall int j; 0 <= j && j < count; 0 <= out[j] && out[j] < i && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
        //@ loop_invariant (\forall int j; 0 < j && j < count; out[j - 1] < out[j]);
        //@ loop_modifies out[0 .. capacity - 1];
        //@ decreases end - i;
        for (int i = start; i < end; i++) {
            //@ assert liquidatableCount(coll, pos, px, bps, i + 1) == count + flags[i];
            out[count] = i;   // kept only when flagged; otherwise overwritten next
            count += (int) flags[i];
        }
        return count;
    }

    /** Pass 2 as {@link #compactFitting} when out may fill up: each index written only while out has room. */
    /*@ private normal_behavior
      @   requires out != null && coll != null && pos != null && flags != null;
      @   requires coll.length == pos.length && flags.length == coll.length;
      @   requires 0 <= start && start <= end && end <= coll.length;
      @   requires (\forall int j; 0 <= j && j < coll.length;
      @                -MAX_COLLATERAL <= coll[j] && coll[j] <= MAX_COLLATERAL && -MAX_LOTS <= pos[j] && pos[j] <= MAX_LOTS);
      @   requires 0 <= px && px <= MAX_PRICE && 0 <= bps && bps <= BPS;
      @   requires (\forall int k; start <= k && k < end; flags[k] == (MarginMath.liquidatable(coll[k], pos[k], px, bps) ? 1 : 0));
      @   requires 0 <= count && count <= start && count == liquidatableCount(coll, pos, px, bps, start);
      @   requires (\forall int j; 0 <= j && j < count && j < out.length;
      @                0 <= out[j] && out[j] < start && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
      @   requires (\forall int j; 0 < j && j < count && j < out.length; out[j - 1] < out[j]);
      @*/
    //-RAC@   assignable out[0 .. out.length - 1];
    /*@
      @   ensures 0 <= \result && \result <= end && \result == liquidatableCount(coll, pos, px, bps, end);
      @   ensures (\forall int j; 0 <= j && j < \result && j < out.length;
      @                0 <= out[j] && out[j] < end && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
      @   ensures (\forall int j; 0 < j && j < \result && j < out.length; out[j - 1] < out[j]);
      @*/
    private static int compactBounded(int[] out, long[] coll, long[] pos, long[] flags, int start, int end, long px,
                                      long bps, int count) {
        final int capacity = out.length;
        //@ loop_invariant start <= i && i <= end && count <= i;
        //@ loop_invariant count == liquidatableCount(coll, pos, px, bps, i);
        //@ loop_invariant (\forall int j; 0 <= j && j < count && j < capacity; 0 <= out[j] && out[j] < i && MarginMath.liquidatable(coll[out[j]], pos[out[j]], px, bps));
        //@ loop_invariant (\forall int j; 0 < j && j < count && j < capacity; out[j - 1] < out[j]);
        //@ loop_modifies out[0 .. capacity - 1];
        //@ decreases end - i;
        for (int i = start; i < end; i++) {
            //@ assert liquidatableCount(coll, pos, px, bps, i + 1) == count + flags[i];
            putIfRoom(out, count, i);
            count += (int) flags[i];
        }
        return count;
    }

    /** out[j] = x if j is an index of out; nothing otherwise (the scan's output when it is full). */
    /*@ private normal_behavior
      @   requires out != null && 0 <= j;
      @*/
    //-RAC@   assignable out[0 .. out.length - 1];
    /*@
      @   ensures j < out.length ==> out[j] == x;
      @   ensures (\forall int k; 0 <= k && k < out.length && k != j; out[k] == \old(out[k]));
      @*/
    private static void putIfRoom(int[] out, int j, int x) {
        if (j < out.length) {
            out[j] = x;
        }
    }
}
