package dev.bulwark.governance;

/**
 * k-of-n governance of the ledger's rules and insurance fund: the Java image of
 * spec/governance/Governance.tla, one method per TLA+ action, step for step:
 *
 * <pre>
 * Propose(k, p)  propose(int k, Proposal p)      Approve(k, s)  approve(int k, int s)
 * Retract(k)     retract(int k)                  Queue(s)       queue(int s)
 * Execute(s)     execute(int s)                  Cancel(s)      cancel(int s)
 * EndBlock       endBlock()                      FundFlow(d)    fundFlow(long d)
 * </pre>
 *
 * Each action has a pure guard {@code canXxx} (the spec's {@code XxxGuard}) and a pure
 * {@code xxxRefusal} naming the first conjunct that fails; a refused call throws
 * {@link GovernanceException} and leaves the state exactly unchanged (nothing is written before
 * every check has passed).  The core receives approvals whose signatures the shell checked
 * (dev.bulwark.net.GovernanceGateway): a key index here is an authenticated signer.
 *
 * <p>Abstraction function (Java state -&gt; spec state): key kK is index K - 1, reporter rK index
 * K - 1; {@code owners} = the k with {@code isOwner(k)}; {@code threshold}, {@code nonce},
 * {@code fund} one to one; {@code proposal[s]} = {@code proposalOf(s)} (null = NoProposal);
 * {@code approvals[s]} = the k with {@code hasApproved(s, k)}, i.e. {} for an empty slot and, for an
 * open one, the k with {@code approvedGen[s][k] == ownerGen[k]} (an approval counts only when it
 * was recorded under k's current generation, and only while slot s holds a proposal: see
 * "Approvals" below); {@code waited[s]} =
 * {@link #waited(int)} = -1 if not queued, else min(Delay, height - queuedAt[s]) -- Java keeps
 * absolute block heights, the spec only the blocks waited; {@code params} = (imBps, mmBps,
 * feeBps), {@code pending} = the pending triple or NoParams; {@code stake[r]} =
 * {@code stakeOf(r)}.  {@code lastAction} is trace metadata; {@code Faulty} is the environment.
 *
 * <p>Approvals.  {@code approvedGen[s][k]} is the generation of owner k under which k approved the
 * proposal that slot s holds (0: none); {@code ownerGen[k]} is k's current generation (at least 1).
 * An approval counts iff slot s is open and {@code approvedGen[s][k] == ownerGen[k]}.  So the
 * actions that drop proposals (Retract, Cancel, Execute's Retire) write no approval entry: an
 * empty slot's row may hold stale entries, which count for nothing, and Propose clears the row of
 * the slot it opens; and voiding a leaving owner's approvals (RemovedOwnerApprovalsVoid) is one
 * increment of {@code ownerGen[k]}, since every entry is at most its owner's generation.  The
 * generations cannot overflow: {@code ownerGen[k]} grows only when k leaves (an executed
 * RemoveOwner or SwapOwner), and an Execute that would take it past {@link #MAX_GENERATION} is
 * refused with GENERATION_EXHAUSTED (a Java bound like NONCE_EXHAUSTED: 2^31 - 1 removals of one
 * key).  The entries and generations are {@code int} on purpose: no action that drops proposals
 * writes an {@code int} array (queue heights and stakes are {@code long}, owners {@code boolean}),
 * so the verifier sees by the types alone that they leave every approval entry as it was.
 *
 * <p>Storage is bounded by the configuration alone: one open proposal per key (a Byzantine owner
 * can fill its own slot and no other), one approval entry per (slot, key) -- {@code keys x keys <=
 * MAX_KEYS x MAX_KEYS = 4096} ints (16 KiB) -- and one generation per key, however many approvals
 * are received.  Approvals are de-duplicated by owner, re-counted against the current owners at
 * queueing and execution, and voided when their owner leaves, so a removed owner's approval never
 * counts again, even after a re-addition.
 *
 * <p>Overflow: keys &lt;= 64, so slot * keys + key &lt; 4096; the fund and every delta are at most
 * 2^62 in size, so fund + delta fits; heights and nonces stop below Long.MAX_VALUE (refusals
 * LAST_BLOCK and NONCE_EXHAUSTED, unreachable in practice); the nonce window is at most 1024, so
 * nonce + window fits.
 *
 * <p>Not thread-safe; deterministic; no I/O.
 */
/*@ nullable_by_default @*/
public final class Governance {
    /** Hard cap on the key universe (the shell's registry). */
    public static final int MAX_KEYS = 64;
    /** Hard cap on the number of owners (MaxOwners). */
    public static final int MAX_OWNERS = 32;
    /** Hard cap on the timelock, blocks. */
    public static final long MAX_DELAY_BLOCKS = 1L << 40;
    /** Hard cap on the nonce window. */
    public static final int MAX_WINDOW = 1024;
    /** Basis points in one. */
    public static final long BPS = 10_000L;
    /** Hard cap on MaxFund (2^62), so that fund + delta never overflows. */
    public static final long MAX_FUND = 1L << 62;
    /** Hard cap on the number of reporters (the oracle's). */
    public static final int MAX_REPORTERS = 4096;
    /** Hard cap on a stake (the oracle's, 2^38). */
    public static final long MAX_STAKE = 1L << 38;
    /** The nonce counter stops here (NONCE_EXHAUSTED), so that nonce + window never overflows. */
    public static final long MAX_NONCE = Long.MAX_VALUE - MAX_WINDOW;
    /** The height stops here (LAST_BLOCK). */
    public static final long MAX_HEIGHT = Long.MAX_VALUE - 1;
    /**
     * The cap of an owner's generation (GENERATION_EXHAUSTED: an owner removed this many times
     * cannot be removed again; unreachable in practice, each removal being an executed proposal).
     */
    public static final int MAX_GENERATION = Integer.MAX_VALUE;
    /** queuedAt of a proposal that is not queued (the spec's waited = -1). */
    public static final long NOT_QUEUED = -1L;

    //@ spec_public
    private final GovernanceParams params;
    // the constants, copied from params so that invariants and proofs stay local to this class
    //@ spec_public
    private final int n;
    //@ spec_public
    private final int maxOwners;
    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final long delay;
    //@ spec_public
    private final int window;
    //@ spec_public
    private final long floor;
    //@ spec_public
    private final long maxFund;
    //@ spec_public
    private final long maxStake;

    /** The current block height (the spec keeps only the blocks each proposal waited). */
    //@ spec_public
    private long height;
    /** owners: owner[k] for each key k. */
    //@ spec_public
    private final boolean[] owner;
    /** Cardinality(owners). */
    //@ spec_public
    private int ownerCount;
    //@ spec_public
    private int threshold;
    /** The next nonce to execute. */
    //@ spec_public
    private long nonce;
    /** proposal[s]: the open proposal of key s, or null. */
    //@ spec_public
    private final /*@ nullable @*/ Proposal[] proposal;
    /**
     * approvedGen[s][k]: the generation of owner k under which k approved the proposal of slot s,
     * or 0 (one row per slot, n rows, the rows distinct arrays).  approvals[s] = the k with
     * approvedGen[s][k] == ownerGen[k], for an open slot s (stale entries of an empty slot count for
     * nothing; propose clears the row).  No action that drops proposals writes a row: the verifier
     * cannot frame the writes to many rows of a 2-D array cheaply.
     */
    //@ spec_public
    private final int[][] approvedGen;
    /** ownerGen[k]: owner k's generation, >= 1, incremented when k leaves (its approvals void). */
    //@ spec_public
    private final int[] ownerGen;
    /** queuedAt[s]: the height at which the proposal of s was queued, or NOT_QUEUED. */
    //@ spec_public
    private final long[] queuedAt;
    /** params: the margin parameters in force. */
    //@ spec_public
    private long imBps;
    //@ spec_public
    private long mmBps;
    //@ spec_public
    private long feeBps;
    /** pending: a parameter change waiting for the block end (pendingSet), else NoParams. */
    //@ spec_public
    private boolean pendingSet;
    //@ spec_public
    private long pendingImBps;
    //@ spec_public
    private long pendingMmBps;
    //@ spec_public
    private long pendingFeeBps;
    //@ spec_public
    private long fund;
    //@ spec_public
    private final long[] stake;

    //@ public invariant params != null && owner != null && proposal != null && approvedGen != null;
    //@ public invariant queuedAt != null && stake != null && ownerGen != null;
    //@ public invariant queuedAt != stake;
    //@ public invariant n == params.keys && 1 <= n && n <= MAX_KEYS;
    //@ public invariant maxOwners == params.maxOwners && chainId == params.chainId && delay == params.delayBlocks;
    //@ public invariant window == params.nonceWindow && floor == params.floor && maxFund == params.maxFund;
    //@ public invariant maxStake == params.maxStake;
    //@ public invariant 1 <= maxOwners && maxOwners <= MAX_OWNERS && 0 <= delay && delay <= MAX_DELAY_BLOCKS;
    //@ public invariant 1 <= window && window <= MAX_WINDOW && 1 <= maxStake && maxStake <= MAX_STAKE;
    //@ public invariant 0 <= floor && floor <= maxFund && maxFund <= MAX_FUND;
    //@ public invariant owner.length == n && proposal.length == n && queuedAt.length == n;
    //@ public invariant approvedGen.length == n && ownerGen.length == n && stake.length == params.reporters;
    //@ public invariant (\forall int s; 0 <= s && s < n; approvedGen[s] != null && approvedGen[s].length == n && approvedGen[s] != ownerGen);
    //@ public invariant (\forall int s; 0 <= s && s < n; (\forall int t; 0 <= t && t < n && s != t; approvedGen[s] != approvedGen[t]));
    //@ public invariant 0 <= height && height <= MAX_HEIGHT && 0 <= nonce && nonce <= MAX_NONCE;
    // ThresholdSane.  ownerCount is |owners|: the constructor counts the owners (countTrue), and every
    // method that writes owner[*] (applyEffect) proves that ownerCount moved by the change it made.
    //@ public invariant 1 <= threshold && threshold <= ownerCount && ownerCount <= maxOwners;
    // Generations: at most MAX_GENERATION (no overflow: GENERATION_EXHAUSTED); every entry at most its
    // owner's generation, so that one increment voids all of a leaving owner's approvals
    // (RemovedOwnerApprovalsVoid)
    //@ public invariant (\forall int k; 0 <= k && k < n; 1 <= ownerGen[k] && ownerGen[k] <= MAX_GENERATION);
    // The quantified invariants over slots are merged, one quantifier per shape (entry (s, k), slot s,
    // pair of slots (s, t)), each conjunct labelled below: every quantifier is assumed at the entry of
    // every method and asserted at its exit, and fewer, larger quantifiers cost the prover less than
    // many small ones (the actions' guards and effects prove in a fraction of the time).
    // Entry (s, k): at most k's generation; ApprovalsByOwners: an approval that counts (open slot,
    // current generation) is an owner's
    //@ public invariant (\forall int s; 0 <= s && s < n; (\forall int k; 0 <= k && k < n; 0 <= approvedGen[s][k] && approvedGen[s][k] <= ownerGen[k]
    //@     && (proposal[s] != null && approvedGen[s][k] == ownerGen[k] ==> owner[k])));
    // empty slots hold nothing (their stale row entries count for nothing)
    //@ public invariant (\forall int s; 0 <= s && s < n; proposal[s] == null ==> queuedAt[s] == NOT_QUEUED);
    // Open slot s, in order: an owner's, approved by it; OpenForThisChain, and no open proposal names
    // a consumed nonce; queued at most at the current height, a Cancel never; WellFormed, kind by kind
    // over the payload's fields (wellFormedRefusal's postconditions; the payloads are immutable).
    // The prover reads this form (//-RAC@); the runtime checker reads the next one (//+RAC@), which
    // names wellFormedRefusal for the kind-by-kind conditions: expanded, the invariant's checks make
    // propose, execute and executeStep longer than the JVM's 64 KiB per method.  The code of
    // wellFormedRefusal tests exactly those conditions for the eight payload classes, and its proved
    // postconditions give them from a null result, so a passing check implies this form.
    //-RAC@ public invariant (\forall int s; 0 <= s && s < n && proposal[s] != null; owner[s] && approvedGen[s][s] == ownerGen[s]
    //-RAC@     && proposal[s].chainId == chainId
    //-RAC@     && nonce <= proposal[s].nonce && proposal[s].nonce - nonce < window && proposal[s].payload != null
    //-RAC@     && NOT_QUEUED <= queuedAt[s] && queuedAt[s] <= height
    //-RAC@     && (proposal[s].payload instanceof Cancellation ==> queuedAt[s] == NOT_QUEUED)
    //-RAC@     && (proposal[s].payload instanceof ParamsChange ==>
    //-RAC@         params.minImBps <= ((ParamsChange) proposal[s].payload).imBps && ((ParamsChange) proposal[s].payload).imBps <= params.maxImBps
    //-RAC@         && params.minMmBps <= ((ParamsChange) proposal[s].payload).mmBps && ((ParamsChange) proposal[s].payload).mmBps <= params.maxMmBps
    //-RAC@         && params.minFeeBps <= ((ParamsChange) proposal[s].payload).feeBps && ((ParamsChange) proposal[s].payload).feeBps <= params.maxFeeBps
    //-RAC@         && ((ParamsChange) proposal[s].payload).mmBps <= ((ParamsChange) proposal[s].payload).imBps)
    //-RAC@     && (proposal[s].payload instanceof FundWithdrawal ==>
    //-RAC@         1 <= ((FundWithdrawal) proposal[s].payload).amount && ((FundWithdrawal) proposal[s].payload).amount <= maxFund)
    //-RAC@     && (proposal[s].payload instanceof StakeChange ==>
    //-RAC@         0 <= ((StakeChange) proposal[s].payload).reporter && ((StakeChange) proposal[s].payload).reporter < stake.length
    //-RAC@         && 0 <= ((StakeChange) proposal[s].payload).stake && ((StakeChange) proposal[s].payload).stake <= maxStake)
    //-RAC@     && (proposal[s].payload instanceof OwnerAddition ==>
    //-RAC@         0 <= ((OwnerAddition) proposal[s].payload).owner && ((OwnerAddition) proposal[s].payload).owner < n
    //-RAC@         && 1 <= ((OwnerAddition) proposal[s].payload).threshold && ((OwnerAddition) proposal[s].payload).threshold <= maxOwners)
    //-RAC@     && (proposal[s].payload instanceof OwnerRemoval ==>
    //-RAC@         0 <= ((OwnerRemoval) proposal[s].payload).owner && ((OwnerRemoval) proposal[s].payload).owner < n
    //-RAC@         && 1 <= ((OwnerRemoval) proposal[s].payload).threshold && ((OwnerRemoval) proposal[s].payload).threshold <= maxOwners)
    //-RAC@     && (proposal[s].payload instanceof OwnerSwap ==>
    //-RAC@         0 <= ((OwnerSwap) proposal[s].payload).oldOwner && ((OwnerSwap) proposal[s].payload).oldOwner < n
    //-RAC@         && 0 <= ((OwnerSwap) proposal[s].payload).newOwner && ((OwnerSwap) proposal[s].payload).newOwner < n
    //-RAC@         && ((OwnerSwap) proposal[s].payload).oldOwner != ((OwnerSwap) proposal[s].payload).newOwner)
    //-RAC@     && (proposal[s].payload instanceof ThresholdChange ==>
    //-RAC@         1 <= ((ThresholdChange) proposal[s].payload).threshold && ((ThresholdChange) proposal[s].payload).threshold <= maxOwners));
    //+RAC@ public invariant (\forall int s; 0 <= s && s < n && proposal[s] != null; owner[s] && approvedGen[s][s] == ownerGen[s]
    //+RAC@     && proposal[s].chainId == chainId
    //+RAC@     && nonce <= proposal[s].nonce && proposal[s].nonce - nonce < window && proposal[s].payload != null
    //+RAC@     && NOT_QUEUED <= queuedAt[s] && queuedAt[s] <= height
    //+RAC@     && (proposal[s].payload instanceof Cancellation ==> queuedAt[s] == NOT_QUEUED)
    //+RAC@     && wellFormedRefusal(params, proposal[s].payload) == null);
    // No two open proposals with the same content (Proposal.sameAs over the payload classes' fields; the
    // chain ids are equal by OpenForThisChain): for two distinct open slots with the same nonce and the
    // same payload class, some field differs (and there are never two Cancels for one nonce).
    //@ public invariant (\forall int s; 0 <= s && s < n; (\forall int t; 0 <= t && t < n; s != t && proposal[s] != null && proposal[t] != null
    //@     && proposal[s].nonce == proposal[t].nonce ==>
    //@     (proposal[s].payload instanceof ParamsChange && proposal[t].payload instanceof ParamsChange ==>
    //@         ((ParamsChange) proposal[s].payload).imBps != ((ParamsChange) proposal[t].payload).imBps
    //@         || ((ParamsChange) proposal[s].payload).mmBps != ((ParamsChange) proposal[t].payload).mmBps
    //@         || ((ParamsChange) proposal[s].payload).feeBps != ((ParamsChange) proposal[t].payload).feeBps)
    //@     && (proposal[s].payload instanceof FundWithdrawal && proposal[t].payload instanceof FundWithdrawal ==>
    //@         ((FundWithdrawal) proposal[s].payload).amount != ((FundWithdrawal) proposal[t].payload).amount)
    //@     && (proposal[s].payload instanceof StakeChange && proposal[t].payload instanceof StakeChange ==>
    //@         ((StakeChange) proposal[s].payload).reporter != ((StakeChange) proposal[t].payload).reporter
    //@         || ((StakeChange) proposal[s].payload).stake != ((StakeChange) proposal[t].payload).stake)
    //@     && (proposal[s].payload instanceof OwnerAddition && proposal[t].payload instanceof OwnerAddition ==>
    //@         ((OwnerAddition) proposal[s].payload).owner != ((OwnerAddition) proposal[t].payload).owner
    //@         || ((OwnerAddition) proposal[s].payload).threshold != ((OwnerAddition) proposal[t].payload).threshold)
    //@     && (proposal[s].payload instanceof OwnerRemoval && proposal[t].payload instanceof OwnerRemoval ==>
    //@         ((OwnerRemoval) proposal[s].payload).owner != ((OwnerRemoval) proposal[t].payload).owner
    //@         || ((OwnerRemoval) proposal[s].payload).threshold != ((OwnerRemoval) proposal[t].payload).threshold)
    //@     && (proposal[s].payload instanceof OwnerSwap && proposal[t].payload instanceof OwnerSwap ==>
    //@         ((OwnerSwap) proposal[s].payload).oldOwner != ((OwnerSwap) proposal[t].payload).oldOwner
    //@         || ((OwnerSwap) proposal[s].payload).newOwner != ((OwnerSwap) proposal[t].payload).newOwner)
    //@     && (proposal[s].payload instanceof ThresholdChange && proposal[t].payload instanceof ThresholdChange ==>
    //@         ((ThresholdChange) proposal[s].payload).threshold != ((ThresholdChange) proposal[t].payload).threshold)
    //@     && (proposal[s].payload instanceof Cancellation ==> !(proposal[t].payload instanceof Cancellation))));
    // ParamsInBounds (GovernanceParams.paramsInBounds over its fields)
    //@ public invariant params.minImBps <= imBps && imBps <= params.maxImBps && params.minMmBps <= mmBps && mmBps <= params.maxMmBps
    //@     && params.minFeeBps <= feeBps && feeBps <= params.maxFeeBps && mmBps <= imBps;
    //@ public invariant pendingSet ==> params.minImBps <= pendingImBps && pendingImBps <= params.maxImBps
    //@     && params.minMmBps <= pendingMmBps && pendingMmBps <= params.maxMmBps
    //@     && params.minFeeBps <= pendingFeeBps && pendingFeeBps <= params.maxFeeBps && pendingMmBps <= pendingImBps;
    // StakeSane, the fund's bounds
    //@ public invariant (\forall int r; 0 <= r && r < stake.length; 0 <= stake[r] && stake[r] <= maxStake);
    //@ public invariant (\exists int r; 0 <= r && r < stake.length; stake[r] > 0);
    //@ public invariant 0 <= fund && fund <= maxFund;

    /**
     * The number of true entries among a[0..k) (Cardinality(owners) for a = owner, k = keys).  Not
     * instrumented for runtime checking ({@code skiprac}): the checker would evaluate the loop
     * invariant that names this method by calling it, which checks it again, without end.  Proved by
     * ESC; the contracts that name it are checked with its values.
     */
    /*@ public normal_behavior
      @   requires a != null && 0 <= k && k <= a.length && k <= MAX_KEYS;
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == countTrue(a, k - 1) + (a[k - 1] ? 1 : 0);
      @   ensures 0 <= \result && \result <= k;
      @ pure
      @*/
    public static /*@ skiprac @*/ int countTrue(boolean[] a, int k) {
        int c = 0;
        //@ loop_invariant 0 <= i && i <= k;
        //@ loop_invariant c == countTrue(a, i);
        //@ loop_invariant 0 <= c && c <= i;
        //@ decreases k - i;
        for (int i = 0; i < k; i++) {
            if (a[i]) {
                c = c + 1;
            }
        }
        return c;
    }

    /**
     * The number of j in 0..k-1 with row[j] == gen[j] and owner[j] (QuorumCount of one open slot's
     * approvals: an entry counts when recorded under its owner's current generation).  Not
     * instrumented for runtime checking ({@code skiprac}), as countTrue.
     */
    /*@ public normal_behavior
      @   requires row != null && gen != null && owner != null && 0 <= k && k <= owner.length && k <= row.length
      @        && k <= gen.length && k <= MAX_KEYS;
      @   ensures k == 0 ==> \result == 0;
      @   ensures k > 0 ==> \result == countApproved(row, gen, owner, k - 1) + (row[k - 1] == gen[k - 1] && owner[k - 1] ? 1 : 0);
      @   ensures 0 <= \result && \result <= k;
      @ pure
      @*/
    public static /*@ skiprac @*/ int countApproved(int[] row, int[] gen, boolean[] owner, int k) {
        int c = 0;
        //@ loop_invariant 0 <= j && j <= k;
        //@ loop_invariant c == countApproved(row, gen, owner, j);
        //@ loop_invariant 0 <= c && c <= j;
        //@ decreases k - j;
        for (int j = 0; j < k; j++) {
            if (row[j] == gen[j] && owner[j]) {
                c = c + 1;
            }
        }
        return c;
    }

    // ------------------------------------------------------------------------------------------
    // Construction

    /**
     * Init: the given owners and threshold, nonce 0, no proposals, the given margin parameters
     * (none pending), fund and stakes, height 0.  Refused with INVALID_PARAMS (null params) or
     * INVALID_STATE (see {@link #fromState}).
     */
    /*@ public behavior
      @   requires true;
      @   signals_only GovernanceException;
      @*/
    public Governance(GovernanceParams params, int[] initialOwners, int threshold, long imBps, long mmBps,
                      long feeBps, long fund, long[] stake) throws GovernanceException {
        this(checked(params), 0, ownerVector(params, initialOwners), threshold, 0, new Proposal[params.keys],
                new int[params.keys][params.keys], firstGenerations(params.keys), notQueued(params.keys), imBps,
                mmBps, feeBps, false, 0, 0, 0, fund, stake == null ? null : copyOf(stake), true);
    }

    /**
     * The validating constructor behind the public one and fromState (arrays already copied):
     * with check, checkState refuses every argument list that breaks a class invariant; without
     * (copy), the arguments are a valid state's own fields, copied.
     */
    /*@ private behavior
      @   requires params != null;
      @*/
    //-RAC@   requires check || validState(params, height, owner, threshold, nonce, proposal, approvedGen, ownerGen, queuedAt,
    //-RAC@       imBps, mmBps, feeBps, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake);
    /*@
      @   assignable \nothing;
      @   ensures this.params == params;
      @   signals_only GovernanceException;
      @   signals (GovernanceException) check;
      @*/
    private Governance(GovernanceParams params, long height, boolean[] owner, int threshold, long nonce,
                       Proposal[] proposal, int[][] approvedGen, int[] ownerGen, long[] queuedAt, long imBps,
                       long mmBps, long feeBps, boolean pendingSet, long pendingImBps, long pendingMmBps,
                       long pendingFeeBps, long fund, long[] stake, boolean check) throws GovernanceException {
        if (check) {
            checkState(params, height, owner, threshold, nonce, proposal, approvedGen, ownerGen, queuedAt, imBps,
                    mmBps, feeBps, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake);
        }
        this.ownerCount = countTrue(owner, owner.length);
        this.params = params;
        this.n = params.keys;
        this.maxOwners = params.maxOwners;
        this.chainId = params.chainId;
        this.delay = params.delayBlocks;
        this.window = params.nonceWindow;
        this.floor = params.floor;
        this.maxFund = params.maxFund;
        this.maxStake = params.maxStake;
        this.height = height;
        this.owner = owner;
        this.threshold = threshold;
        this.nonce = nonce;
        this.proposal = proposal;
        this.approvedGen = approvedGen;
        this.ownerGen = ownerGen;
        this.queuedAt = queuedAt;
        this.imBps = imBps;
        this.mmBps = mmBps;
        this.feeBps = feeBps;
        this.pendingSet = pendingSet;
        this.pendingImBps = pendingSet ? pendingImBps : 0;
        this.pendingMmBps = pendingSet ? pendingMmBps : 0;
        this.pendingFeeBps = pendingSet ? pendingFeeBps : 0;
        this.fund = fund;
        this.stake = stake;
    }

    /*@ private normal_behavior
      @   requires params != null;
      @   assignable \nothing;
      @   ensures \result == params;
      @ also private exceptional_behavior
      @   requires params == null;
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    private static GovernanceParams checked(GovernanceParams params) throws GovernanceException {
        if (params == null) {
            throw new GovernanceException(Reason.INVALID_PARAMS, -1, 0);
        }
        return params;
    }

    /**
     * The owner vector of the keys listed in initialOwners; refused with INVALID_STATE (first: 1,
     * second: the offending key, -1 for a null list) for a key out of range or listed twice.
     */
    //@ private behavior
    //@   requires params != null;
    //@   assignable \nothing;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == params.keys;
    //@   ensures initialOwners != null;
    //@   ensures (\forall int k; 0 <= k && k < params.keys; \result[k] <==> (\exists int i; 0 <= i && i < initialOwners.length; initialOwners[i] == k));
    //@   signals_only GovernanceException;
    private static boolean /*@ non_null @*/ [] ownerVector(GovernanceParams params, int[] initialOwners) throws GovernanceException {
        if (initialOwners == null) {
            throw new GovernanceException(Reason.INVALID_STATE, 1, -1);
        }
        int keys = params.keys;
        boolean[] o = new boolean[keys];
        //@ loop_invariant 0 <= i && i <= initialOwners.length && o.length == keys;
        //-RAC@ loop_invariant \fresh(o);
        //@ loop_invariant (\forall int k; 0 <= k && k < keys; o[k] <==> (\exists int j; 0 <= j && j < i; initialOwners[j] == k));
        //@ decreases initialOwners.length - i;
        for (int i = 0; i < initialOwners.length; i++) {
            int k = initialOwners[i];
            if (k < 0 || k >= keys || o[k]) {
                throw new GovernanceException(Reason.INVALID_STATE, 1, k);
            }
            o[k] = true;
        }
        return o;
    }

    /** The first generation of every key: 1 (an approval entry 0 is "none"). */
    //@ private normal_behavior
    //@   requires 0 <= keys;
    //@   assignable \nothing;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == keys;
    //@   ensures (\forall int i; 0 <= i && i < keys; \result[i] == 1);
    private static int /*@ non_null @*/ [] firstGenerations(int keys) {
        int[] g = new int[keys];
        //@ loop_invariant 0 <= i && i <= keys && g.length == keys;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; g[j] == 1);
        //@ decreases keys - i;
        for (int i = 0; i < keys; i++) {
            g[i] = 1;
        }
        return g;
    }

    //@ private normal_behavior
    //@   requires 0 <= keys;
    //@   assignable \nothing;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == keys;
    //@   ensures (\forall int i; 0 <= i && i < keys; \result[i] == NOT_QUEUED);
    private static long /*@ non_null @*/ [] notQueued(int keys) {
        long[] q = new long[keys];
        //@ loop_invariant 0 <= i && i <= keys && q.length == keys;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; q[j] == NOT_QUEUED);
        //@ decreases keys - i;
        for (int i = 0; i < keys; i++) {
            q[i] = NOT_QUEUED;
        }
        return q;
    }

    /**
     * Loads any state that satisfies the class invariants for {@code params} (arrays copied):
     * the spec's invariants and the structure every reachable state has.  {@code approvals[s][k]}
     * is "k approved the proposal of s" (loaded under generation 1 of every key).  Refused with
     * INVALID_PARAMS for null params and
     * INVALID_STATE otherwise; first number: the index of the offending argument (1 = owners,
     * 2 = threshold, ... in parameter order after params), second: a key, slot or value.
     */
    public static Governance fromState(GovernanceParams params, long height, boolean[] owners, int threshold,
                                       long nonce, Proposal[] proposals, boolean[][] approvals, long[] queuedAt,
                                       long imBps, long mmBps, long feeBps, boolean pendingSet, long pendingImBps,
                                       long pendingMmBps, long pendingFeeBps, long fund, long[] stake)
            throws GovernanceException {
        checked(params);
        int[][] rows = rowsOf(approvals, params.keys);
        return new Governance(params, height, owners == null ? null : copyOf(owners), threshold, nonce,
                proposals == null ? null : copyOf(proposals), rows, firstGenerations(params.keys),
                queuedAt == null ? null : copyOf(queuedAt),
                imBps, mmBps, feeBps, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund,
                stake == null ? null : copyOf(stake), true);
    }

    /**
     * fromState's approval rows: n fresh rows of n entries, entry [s][k] the generation 1 if
     * approvals[s][k], else 0 (none).  Refused with INVALID_STATE (first: 6) for a missing or
     * mis-sized row.
     */
    //@ private behavior
    //@   requires 1 <= n && n <= MAX_KEYS;
    //@   assignable \nothing;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == n;
    //@   signals_only GovernanceException;
    private static int /*@ non_null @*/ [][] rowsOf(boolean[][] approvals, int n) throws GovernanceException {
        if (approvals == null || approvals.length != n) {
            throw new GovernanceException(Reason.INVALID_STATE, 6, approvals == null ? -1 : approvals.length);
        }
        int[][] rows = new int[n][];
        //@ loop_invariant 0 <= s && s <= n && rows.length == n && approvals.length == n;
        //-RAC@ loop_invariant \fresh(rows);
        //@ decreases n - s;
        for (int s = 0; s < n; s++) {
            boolean[] a = approvals[s];
            if (a == null || a.length != n) {
                throw new GovernanceException(Reason.INVALID_STATE, 6, s);
            }
            rows[s] = rowOf(a);
        }
        return rows;
    }

    /** An independent copy (proposals are immutable and shared). */
    /*@ skipesc @*/
    public Governance copy() {
        return new Governance(params, height, copyOf(owner), threshold, nonce, copyOf(proposal),
                copyRows(approvedGen), copyOf(ownerGen), copyOf(queuedAt), imBps, mmBps, feeBps, pendingSet,
                pendingImBps, pendingMmBps, pendingFeeBps, fund, copyOf(stake), false);
    }

    /** One approval row of rowsOf: entry k the generation 1 if a[k], else 0 (none). */
    //@ private normal_behavior
    //@   requires a != null;
    //@   assignable \nothing;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == (a[k] ? 1 : 0));
    private static int /*@ non_null @*/ [] rowOf(boolean[] a) {
        int[] row = new int[a.length];
        //@ loop_invariant 0 <= k && k <= a.length && row.length == a.length;
        //@ loop_invariant (\forall int i; 0 <= i && i < k; row[i] == (a[i] ? 1 : 0));
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            row[k] = a[k] ? 1 : 0;
        }
        return row;
    }

    /*
     * Fresh copies of arrays: loops, not clone(), because the runtime assertion checker's
     * translation of an array's clone() does not compile (OpenJML resolves it to Object's protected
     * clone, and javac's lowering then fails); as OracleParams.copyOf.
     */
    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static boolean /*@ non_null @*/ [] copyOf(boolean[] a) {
        boolean[] c = new boolean[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static int /*@ non_null @*/ [] copyOf(int[] a) {
        int[] c = new int[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static long /*@ non_null @*/ [] copyOf(long[] a) {
        long[] c = new long[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static Proposal /*@ non_null @*/ [] copyOf(Proposal[] a) {
        Proposal[] c = new Proposal[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }

    /** A copy of every row (glue of {@link #copy}). */
    //@ private normal_behavior
    //@   requires a != null && (\forall int i; 0 <= i && i < a.length; a[i] != null);
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@ skipesc
    private static int /*@ non_null @*/ [][] copyRows(int[][] a) {
        int[][] c = new int[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = copyOf(a[i]);
        }
        return c;
    }

    /*
     * The loading check's result, as predicates over the arguments (the class invariants' field
     * forms with params' fields for the copied constants): checkState establishes validState, and
     * the validating constructor requires it of the unchecked path (copy, a valid state's fields).
     * slotsOk and pairsOk are the per-slot and per-pair invariants over slots 0..m-1 (m = keys
     * for the whole state), so that checkSlots' loop keeps them slot by slot.  The prover's alone
     * (//-RAC@, as the clauses that name them): model methods without a body compile, under the
     * runtime checker, to methods without code, which the JVM refuses to load.  At run time the
     * class invariants themselves are checked when the validating constructor returns.
     */
    //-RAC@ private normal_behavior
    //-RAC@   ensures \result <==> (p != null && owner != null && proposal != null && g != null && gen != null && queuedAt != null
    //-RAC@     && owner.length == p.keys && proposal.length == p.keys && g.length == p.keys && gen.length == p.keys
    //-RAC@     && queuedAt.length == p.keys && 0 <= m && m <= p.keys
    //-RAC@     && (\forall int s; 0 <= s && s < m; g[s] != null && g[s].length == p.keys && g[s] != gen)
    //-RAC@     && (\forall int s; 0 <= s && s < m; (\forall int t; 0 <= t && t < m && s != t; g[s] != g[t]))
    //-RAC@     && (\forall int s; 0 <= s && s < m; (\forall int k; 0 <= k && k < p.keys; 0 <= g[s][k] && g[s][k] <= gen[k]
    //-RAC@         && (proposal[s] != null && g[s][k] == gen[k] ==> owner[k])))
    //-RAC@     && (\forall int s; 0 <= s && s < m; proposal[s] == null ==> queuedAt[s] == NOT_QUEUED)
    //-RAC@     && (\forall int s; 0 <= s && s < m && proposal[s] != null; owner[s] && g[s][s] == gen[s]
    //-RAC@         && proposal[s].chainId == p.chainId
    //-RAC@         && nonce <= proposal[s].nonce && proposal[s].nonce - nonce < p.nonceWindow && proposal[s].payload != null
    //-RAC@         && NOT_QUEUED <= queuedAt[s] && queuedAt[s] <= height
    //-RAC@         && (proposal[s].payload instanceof Cancellation ==> queuedAt[s] == NOT_QUEUED)
    //-RAC@         && (proposal[s].payload instanceof ParamsChange ==>
    //-RAC@             p.minImBps <= ((ParamsChange) proposal[s].payload).imBps && ((ParamsChange) proposal[s].payload).imBps <= p.maxImBps
    //-RAC@             && p.minMmBps <= ((ParamsChange) proposal[s].payload).mmBps && ((ParamsChange) proposal[s].payload).mmBps <= p.maxMmBps
    //-RAC@             && p.minFeeBps <= ((ParamsChange) proposal[s].payload).feeBps && ((ParamsChange) proposal[s].payload).feeBps <= p.maxFeeBps
    //-RAC@             && ((ParamsChange) proposal[s].payload).mmBps <= ((ParamsChange) proposal[s].payload).imBps)
    //-RAC@         && (proposal[s].payload instanceof FundWithdrawal ==>
    //-RAC@             1 <= ((FundWithdrawal) proposal[s].payload).amount && ((FundWithdrawal) proposal[s].payload).amount <= p.maxFund)
    //-RAC@         && (proposal[s].payload instanceof StakeChange ==>
    //-RAC@             0 <= ((StakeChange) proposal[s].payload).reporter && ((StakeChange) proposal[s].payload).reporter < p.reporters
    //-RAC@             && 0 <= ((StakeChange) proposal[s].payload).stake && ((StakeChange) proposal[s].payload).stake <= p.maxStake)
    //-RAC@         && (proposal[s].payload instanceof OwnerAddition ==>
    //-RAC@             0 <= ((OwnerAddition) proposal[s].payload).owner && ((OwnerAddition) proposal[s].payload).owner < p.keys
    //-RAC@             && 1 <= ((OwnerAddition) proposal[s].payload).threshold && ((OwnerAddition) proposal[s].payload).threshold <= p.maxOwners)
    //-RAC@         && (proposal[s].payload instanceof OwnerRemoval ==>
    //-RAC@             0 <= ((OwnerRemoval) proposal[s].payload).owner && ((OwnerRemoval) proposal[s].payload).owner < p.keys
    //-RAC@             && 1 <= ((OwnerRemoval) proposal[s].payload).threshold && ((OwnerRemoval) proposal[s].payload).threshold <= p.maxOwners)
    //-RAC@         && (proposal[s].payload instanceof OwnerSwap ==>
    //-RAC@             0 <= ((OwnerSwap) proposal[s].payload).oldOwner && ((OwnerSwap) proposal[s].payload).oldOwner < p.keys
    //-RAC@             && 0 <= ((OwnerSwap) proposal[s].payload).newOwner && ((OwnerSwap) proposal[s].payload).newOwner < p.keys
    //-RAC@             && ((OwnerSwap) proposal[s].payload).oldOwner != ((OwnerSwap) proposal[s].payload).newOwner)
    //-RAC@         && (proposal[s].payload instanceof ThresholdChange ==>
    //-RAC@             1 <= ((ThresholdChange) proposal[s].payload).threshold && ((ThresholdChange) proposal[s].payload).threshold <= p.maxOwners)));
    //-RAC@ private static model pure helper boolean slotsOk(GovernanceParams p, long nonce, long height, boolean[] owner,
    //-RAC@     Proposal[] proposal, int[][] g, int[] gen, long[] queuedAt, int m);

    //-RAC@ private normal_behavior
    //-RAC@   ensures \result <==> (proposal != null && 0 <= m && m <= proposal.length
    //-RAC@     && (\forall int s; 0 <= s && s < m; (\forall int t; 0 <= t && t < m; s != t && proposal[s] != null && proposal[t] != null
    //-RAC@     && proposal[s].nonce == proposal[t].nonce ==>
    //-RAC@     (proposal[s].payload instanceof ParamsChange && proposal[t].payload instanceof ParamsChange ==>
    //-RAC@         ((ParamsChange) proposal[s].payload).imBps != ((ParamsChange) proposal[t].payload).imBps
    //-RAC@         || ((ParamsChange) proposal[s].payload).mmBps != ((ParamsChange) proposal[t].payload).mmBps
    //-RAC@         || ((ParamsChange) proposal[s].payload).feeBps != ((ParamsChange) proposal[t].payload).feeBps)
    //-RAC@     && (proposal[s].payload instanceof FundWithdrawal && proposal[t].payload instanceof FundWithdrawal ==>
    //-RAC@         ((FundWithdrawal) proposal[s].payload).amount != ((FundWithdrawal) proposal[t].payload).amount)
    //-RAC@     && (proposal[s].payload instanceof StakeChange && proposal[t].payload instanceof StakeChange ==>
    //-RAC@         ((StakeChange) proposal[s].payload).reporter != ((StakeChange) proposal[t].payload).reporter
    //-RAC@         || ((StakeChange) proposal[s].payload).stake != ((StakeChange) proposal[t].payload).stake)
    //-RAC@     && (proposal[s].payload instanceof OwnerAddition && proposal[t].payload instanceof OwnerAddition ==>
    //-RAC@         ((OwnerAddition) proposal[s].payload).owner != ((OwnerAddition) proposal[t].payload).owner
    //-RAC@         || ((OwnerAddition) proposal[s].payload).threshold != ((OwnerAddition) proposal[t].payload).threshold)
    //-RAC@     && (proposal[s].payload instanceof OwnerRemoval && proposal[t].payload instanceof OwnerRemoval ==>
    //-RAC@         ((OwnerRemoval) proposal[s].payload).owner != ((OwnerRemoval) proposal[t].payload).owner
    //-RAC@         || ((OwnerRemoval) proposal[s].payload).threshold != ((OwnerRemoval) proposal[t].payload).threshold)
    //-RAC@     && (proposal[s].payload instanceof OwnerSwap && proposal[t].payload instanceof OwnerSwap ==>
    //-RAC@         ((OwnerSwap) proposal[s].payload).oldOwner != ((OwnerSwap) proposal[t].payload).oldOwner
    //-RAC@         || ((OwnerSwap) proposal[s].payload).newOwner != ((OwnerSwap) proposal[t].payload).newOwner)
    //-RAC@     && (proposal[s].payload instanceof ThresholdChange && proposal[t].payload instanceof ThresholdChange ==>
    //-RAC@         ((ThresholdChange) proposal[s].payload).threshold != ((ThresholdChange) proposal[t].payload).threshold)
    //-RAC@     && (proposal[s].payload instanceof Cancellation ==> !(proposal[t].payload instanceof Cancellation)))));
    //-RAC@ private static model pure helper boolean pairsOk(Proposal[] proposal, int m);

    //-RAC@ private normal_behavior
    //-RAC@   ensures \result <==> (p != null && 0 <= height && height <= MAX_HEIGHT
    //-RAC@     && owner != null && owner.length == p.keys && countTrue(owner, p.keys) <= p.maxOwners
    //-RAC@     && 1 <= threshold && threshold <= countTrue(owner, p.keys) && 0 <= nonce && nonce <= MAX_NONCE
    //-RAC@     && p.minImBps <= imBps && imBps <= p.maxImBps && p.minMmBps <= mmBps && mmBps <= p.maxMmBps
    //-RAC@     && p.minFeeBps <= feeBps && feeBps <= p.maxFeeBps && mmBps <= imBps
    //-RAC@     && (pendingSet ==> p.minImBps <= pendingImBps && pendingImBps <= p.maxImBps
    //-RAC@         && p.minMmBps <= pendingMmBps && pendingMmBps <= p.maxMmBps
    //-RAC@         && p.minFeeBps <= pendingFeeBps && pendingFeeBps <= p.maxFeeBps && pendingMmBps <= pendingImBps)
    //-RAC@     && 0 <= fund && fund <= p.maxFund
    //-RAC@     && stake != null && stake.length == p.reporters && stake != queuedAt
    //-RAC@     && (\forall int r; 0 <= r && r < stake.length; 0 <= stake[r] && stake[r] <= p.maxStake)
    //-RAC@     && (\exists int r; 0 <= r && r < stake.length; stake[r] > 0)
    //-RAC@     && (\forall int k; 0 <= k && k < gen.length; 1 <= gen[k] && gen[k] <= MAX_GENERATION)
    //-RAC@     && slotsOk(p, nonce, height, owner, proposal, g, gen, queuedAt, p.keys) && pairsOk(proposal, p.keys));
    //-RAC@ private static model pure helper boolean validState(GovernanceParams p, long height, boolean[] owner, int threshold,
    //-RAC@     long nonce, Proposal[] proposal, int[][] g, int[] gen, long[] queuedAt, long imBps, long mmBps, long feeBps,
    //-RAC@     boolean pendingSet, long pendingImBps, long pendingMmBps, long pendingFeeBps, long fund, long[] stake);

    /**
     * The loading check of the validating constructor: refuses (INVALID_STATE, first: the index of
     * the offending argument) every argument list that breaks a class invariant, including the
     * aliasing ones (distinct approval rows, none of them the generations; queue heights and stakes
     * distinct arrays), which no caller's fresh copies can break.
     */
    /*@ private behavior
      @   requires p != null;
      @   assignable \nothing;
      @*/
    //-RAC@   ensures validState(p, height, owner, threshold, nonce, proposal, approvedGen, ownerGen, queuedAt, imBps, mmBps,
    //-RAC@       feeBps, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake);
    /*@
      @   signals_only GovernanceException;
      @*/
    private static void checkState(GovernanceParams p, long height, boolean[] owner, int threshold, long nonce,
                                   Proposal[] proposal, int[][] approvedGen, int[] ownerGen, long[] queuedAt,
                                   long imBps, long mmBps, long feeBps, boolean pendingSet, long pendingImBps,
                                   long pendingMmBps, long pendingFeeBps, long fund, long[] stake)
            throws GovernanceException {
        int n = p.keys;
        if (height < 0 || height > MAX_HEIGHT) {
            bad(0, height);
        }
        if (owner == null || owner.length != n) {
            bad(1, owner == null ? -1 : owner.length);
        }
        int owners = countTrue(owner, n);
        if (owners > p.maxOwners) {
            bad(1, owners);
        }
        if (threshold < 1 || threshold > owners) {
            bad(2, threshold);
        }
        if (nonce < 0 || nonce > MAX_NONCE) {
            bad(3, nonce);
        }
        if (proposal == null || proposal.length != n || queuedAt == null || queuedAt.length != n) {
            bad(4, -1);
        }
        if (!p.paramsInBounds(imBps, mmBps, feeBps)) {
            bad(7, imBps);
        }
        if (pendingSet && !p.paramsInBounds(pendingImBps, pendingMmBps, pendingFeeBps)) {
            bad(10, pendingImBps);
        }
        if (fund < 0 || fund > p.maxFund) {
            bad(14, fund);
        }
        if (stake == null || stake.length != p.reporters || stake == queuedAt) {
            bad(15, stake == null ? -1 : stake.length);
        }
        checkStakes(p, stake);
        if (approvedGen == null || approvedGen.length != n || ownerGen == null || ownerGen.length != n) {
            bad(6, -1);
        }
        checkGenerations(ownerGen);
        checkSlots(p, nonce, height, owner, proposal, approvedGen, ownerGen, queuedAt);
    }

    /** checkState's stakes: each in 0..maxStake (else first 15, second the reporter), one positive (else -1). */
    /*@ private behavior
      @   requires p != null && stake != null && stake.length == p.reporters;
      @   assignable \nothing;
      @   ensures (\forall int r; 0 <= r && r < stake.length; 0 <= stake[r] && stake[r] <= p.maxStake);
      @   ensures (\exists int r; 0 <= r && r < stake.length; stake[r] > 0);
      @   signals_only GovernanceException;
      @*/
    private static void checkStakes(GovernanceParams p, long[] stake) throws GovernanceException {
        boolean staked = false;
        //@ loop_invariant 0 <= r && r <= stake.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < r; 0 <= stake[j] && stake[j] <= p.maxStake);
        //@ loop_invariant staked <==> (\exists int j; 0 <= j && j < r; stake[j] > 0);
        //@ decreases stake.length - r;
        for (int r = 0; r < stake.length; r++) {
            if (stake[r] < 0 || stake[r] > p.maxStake) {
                bad(15, r);
            }
            staked |= stake[r] > 0;
        }
        if (!staked) {
            bad(15, -1);
        }
    }

    /** checkState's generations: each in 1..MAX_GENERATION (else first 6, second the key). */
    /*@ private behavior
      @   requires gen != null;
      @   assignable \nothing;
      @   ensures (\forall int k; 0 <= k && k < gen.length; 1 <= gen[k] && gen[k] <= MAX_GENERATION);
      @   signals_only GovernanceException;
      @*/
    private static void checkGenerations(int[] gen) throws GovernanceException {
        //@ loop_invariant 0 <= k && k <= gen.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 1 <= gen[j] && gen[j] <= MAX_GENERATION);
        //@ decreases gen.length - k;
        for (int k = 0; k < gen.length; k++) {
            if (gen[k] < 1 || gen[k] > MAX_GENERATION) {
                bad(6, k);
            }
        }
    }

    /**
     * checkState's slots, in slot order: for slot s its approval row (first 6), its proposal and
     * queue state (first 4 and 5), then no earlier slot with the same content (first 4); second: s.
     */
    /*@ private behavior
      @   requires p != null && owner != null && proposal != null && g != null && gen != null && queuedAt != null;
      @   requires owner.length == p.keys && proposal.length == p.keys && g.length == p.keys && gen.length == p.keys
      @        && queuedAt.length == p.keys && 0 <= nonce && nonce <= MAX_NONCE;
      @   assignable \nothing;
      @*/
    //-RAC@   ensures slotsOk(p, nonce, height, owner, proposal, g, gen, queuedAt, p.keys) && pairsOk(proposal, p.keys);
    /*@
      @   signals_only GovernanceException;
      @*/
    private static void checkSlots(GovernanceParams p, long nonce, long height, boolean[] owner, Proposal[] proposal,
                                   int[][] g, int[] gen, long[] queuedAt) throws GovernanceException {
        int n = p.keys;
        //@ loop_invariant 0 <= s && s <= n;
        //-RAC@ loop_invariant slotsOk(p, nonce, height, owner, proposal, g, gen, queuedAt, s) && pairsOk(proposal, s);
        //@ decreases n - s;
        for (int s = 0; s < n; s++) {
            checkRow(n, s, owner, proposal, g, gen);
            checkSlot(p, nonce, height, s, owner, proposal, g, gen, queuedAt);
            if (proposal[s] != null) {
                checkNoDuplicate(p.chainId, s, proposal);
            }
        }
    }

    /**
     * Slot s's approval row: a row of n entries, not the generations and none of the earlier rows,
     * each entry at most its key's generation, an entry at the generation only for an open slot
     * and an owner (else first 6, second s).
     */
    /*@ private behavior
      @   requires owner != null && proposal != null && g != null && gen != null && 0 <= s && s < n;
      @   requires owner.length == n && proposal.length == n && g.length == n && gen.length == n;
      @   assignable \nothing;
      @   ensures g[s] != null && g[s].length == n && g[s] != gen;
      @   ensures (\forall int t; 0 <= t && t < s; g[t] != g[s]);
      @   ensures (\forall int k; 0 <= k && k < n; 0 <= g[s][k] && g[s][k] <= gen[k]
      @        && (proposal[s] != null && g[s][k] == gen[k] ==> owner[k]));
      @   signals_only GovernanceException;
      @*/
    private static void checkRow(int n, int s, boolean[] owner, Proposal[] proposal, int[][] g, int[] gen)
            throws GovernanceException {
        Proposal q = proposal[s];
        int[] row = g[s];
        if (row == null || row.length != n || row == gen) {
            bad(6, s);
        }
        //@ loop_invariant 0 <= t && t <= s;
        //@ loop_invariant (\forall int u; 0 <= u && u < t; g[u] != row);
        //@ decreases s - t;
        for (int t = 0; t < s; t++) {
            if (g[t] == row) {
                bad(6, s);
            }
        }
        //@ loop_invariant 0 <= k && k <= n;
        //@ loop_invariant (\forall int j; 0 <= j && j < k; 0 <= row[j] && row[j] <= gen[j] && (q != null && row[j] == gen[j] ==> owner[j]));
        //@ decreases n - k;
        for (int k = 0; k < n; k++) {
            int a = row[k];
            if (a < 0 || a > gen[k] || (a == gen[k] && (q == null || !owner[k]))) {
                bad(6, s);
            }
        }
    }

    /**
     * Slot s's proposal and queue state: an empty slot is not queued (else first 5); an open one
     * is its key's, an owner's, approved by it under its generation, for this chain, with a nonce in
     * the window and a well-formed payload (else first 4), queued at most at the height and a Cancel
     * never (else first 5); second s.
     */
    /*@ private behavior
      @   requires p != null && owner != null && proposal != null && g != null && gen != null && queuedAt != null;
      @   requires owner.length == p.keys && proposal.length == p.keys && g.length == p.keys && gen.length == p.keys
      @        && queuedAt.length == p.keys && 0 <= s && s < p.keys && g[s] != null && g[s].length == p.keys;
      @   requires 0 <= nonce && nonce <= MAX_NONCE;
      @   assignable \nothing;
      @   ensures proposal[s] == null ==> queuedAt[s] == NOT_QUEUED;
      @   ensures proposal[s] != null ==> owner[s] && g[s][s] == gen[s]
      @         && proposal[s].chainId == p.chainId
      @         && nonce <= proposal[s].nonce && proposal[s].nonce - nonce < p.nonceWindow && proposal[s].payload != null
      @         && NOT_QUEUED <= queuedAt[s] && queuedAt[s] <= height
      @         && (proposal[s].payload instanceof Cancellation ==> queuedAt[s] == NOT_QUEUED)
      @         && (proposal[s].payload instanceof ParamsChange ==>
      @             p.minImBps <= ((ParamsChange) proposal[s].payload).imBps && ((ParamsChange) proposal[s].payload).imBps <= p.maxImBps
      @             && p.minMmBps <= ((ParamsChange) proposal[s].payload).mmBps && ((ParamsChange) proposal[s].payload).mmBps <= p.maxMmBps
      @             && p.minFeeBps <= ((ParamsChange) proposal[s].payload).feeBps && ((ParamsChange) proposal[s].payload).feeBps <= p.maxFeeBps
      @             && ((ParamsChange) proposal[s].payload).mmBps <= ((ParamsChange) proposal[s].payload).imBps)
      @         && (proposal[s].payload instanceof FundWithdrawal ==>
      @             1 <= ((FundWithdrawal) proposal[s].payload).amount && ((FundWithdrawal) proposal[s].payload).amount <= p.maxFund)
      @         && (proposal[s].payload instanceof StakeChange ==>
      @             0 <= ((StakeChange) proposal[s].payload).reporter && ((StakeChange) proposal[s].payload).reporter < p.reporters
      @             && 0 <= ((StakeChange) proposal[s].payload).stake && ((StakeChange) proposal[s].payload).stake <= p.maxStake)
      @         && (proposal[s].payload instanceof OwnerAddition ==>
      @             0 <= ((OwnerAddition) proposal[s].payload).owner && ((OwnerAddition) proposal[s].payload).owner < p.keys
      @             && 1 <= ((OwnerAddition) proposal[s].payload).threshold && ((OwnerAddition) proposal[s].payload).threshold <= p.maxOwners)
      @         && (proposal[s].payload instanceof OwnerRemoval ==>
      @             0 <= ((OwnerRemoval) proposal[s].payload).owner && ((OwnerRemoval) proposal[s].payload).owner < p.keys
      @             && 1 <= ((OwnerRemoval) proposal[s].payload).threshold && ((OwnerRemoval) proposal[s].payload).threshold <= p.maxOwners)
      @         && (proposal[s].payload instanceof OwnerSwap ==>
      @             0 <= ((OwnerSwap) proposal[s].payload).oldOwner && ((OwnerSwap) proposal[s].payload).oldOwner < p.keys
      @             && 0 <= ((OwnerSwap) proposal[s].payload).newOwner && ((OwnerSwap) proposal[s].payload).newOwner < p.keys
      @             && ((OwnerSwap) proposal[s].payload).oldOwner != ((OwnerSwap) proposal[s].payload).newOwner)
      @         && (proposal[s].payload instanceof ThresholdChange ==>
      @             1 <= ((ThresholdChange) proposal[s].payload).threshold && ((ThresholdChange) proposal[s].payload).threshold <= p.maxOwners);
      @   signals_only GovernanceException;
      @*/
    private static void checkSlot(GovernanceParams p, long nonce, long height, int s, boolean[] owner, Proposal[] proposal,
                                  int[][] g, int[] gen, long[] queuedAt) throws GovernanceException {
        Proposal q = proposal[s];
        if (q == null) {
            if (queuedAt[s] != NOT_QUEUED) {
                bad(5, s);
            }
            return;
        }
        if (!owner[s] || g[s][s] != gen[s] || q.payload() == null || q.chainId() != p.chainId
                || q.nonce() < nonce || q.nonce() - nonce >= p.nonceWindow
                || wellFormedRefusal(p, q.payload()) != null) {
            bad(4, s);
        }
        if (queuedAt[s] < NOT_QUEUED || queuedAt[s] > height
                || (q.kind() == Payload.CANCEL && queuedAt[s] != NOT_QUEUED)) {
            bad(5, s);
        }
    }

    /**
     * No earlier open slot has the content of slot s's proposal (Proposal.sameAs; else first 4,
     * second s), restated per payload kind over the fields for each pair (t, s), t &lt; s.
     */
    /*@ private behavior
      @   requires proposal != null && 0 <= s && s < proposal.length && proposal[s] != null
      @        && proposal[s].payload != null && proposal[s].chainId == chainId;
      @   requires (\forall int t; 0 <= t && t < s && proposal[t] != null; proposal[t].chainId == chainId && proposal[t].payload != null);
      @   assignable \nothing;
      @   ensures (\forall int t; 0 <= t && t < s; proposal[t] != null && proposal[t].nonce == proposal[s].nonce ==>
      @     (proposal[t].payload instanceof ParamsChange && proposal[s].payload instanceof ParamsChange ==>
      @         ((ParamsChange) proposal[t].payload).imBps != ((ParamsChange) proposal[s].payload).imBps
      @         || ((ParamsChange) proposal[t].payload).mmBps != ((ParamsChange) proposal[s].payload).mmBps
      @         || ((ParamsChange) proposal[t].payload).feeBps != ((ParamsChange) proposal[s].payload).feeBps)
      @     && (proposal[t].payload instanceof FundWithdrawal && proposal[s].payload instanceof FundWithdrawal ==>
      @         ((FundWithdrawal) proposal[t].payload).amount != ((FundWithdrawal) proposal[s].payload).amount)
      @     && (proposal[t].payload instanceof StakeChange && proposal[s].payload instanceof StakeChange ==>
      @         ((StakeChange) proposal[t].payload).reporter != ((StakeChange) proposal[s].payload).reporter
      @         || ((StakeChange) proposal[t].payload).stake != ((StakeChange) proposal[s].payload).stake)
      @     && (proposal[t].payload instanceof OwnerAddition && proposal[s].payload instanceof OwnerAddition ==>
      @         ((OwnerAddition) proposal[t].payload).owner != ((OwnerAddition) proposal[s].payload).owner
      @         || ((OwnerAddition) proposal[t].payload).threshold != ((OwnerAddition) proposal[s].payload).threshold)
      @     && (proposal[t].payload instanceof OwnerRemoval && proposal[s].payload instanceof OwnerRemoval ==>
      @         ((OwnerRemoval) proposal[t].payload).owner != ((OwnerRemoval) proposal[s].payload).owner
      @         || ((OwnerRemoval) proposal[t].payload).threshold != ((OwnerRemoval) proposal[s].payload).threshold)
      @     && (proposal[t].payload instanceof OwnerSwap && proposal[s].payload instanceof OwnerSwap ==>
      @         ((OwnerSwap) proposal[t].payload).oldOwner != ((OwnerSwap) proposal[s].payload).oldOwner
      @         || ((OwnerSwap) proposal[t].payload).newOwner != ((OwnerSwap) proposal[s].payload).newOwner)
      @     && (proposal[t].payload instanceof ThresholdChange && proposal[s].payload instanceof ThresholdChange ==>
      @         ((ThresholdChange) proposal[t].payload).threshold != ((ThresholdChange) proposal[s].payload).threshold)
      @     && !(proposal[t].payload instanceof Cancellation && proposal[s].payload instanceof Cancellation));
      @   signals_only GovernanceException;
      @*/
    private static void checkNoDuplicate(long chainId, int s, Proposal[] proposal) throws GovernanceException {
        Proposal q = proposal[s];
        //@ loop_invariant 0 <= t && t <= s;
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == q.nonce ==>
        //@     (proposal[u].payload instanceof ParamsChange && q.payload instanceof ParamsChange ==>
        //@         ((ParamsChange) proposal[u].payload).imBps != ((ParamsChange) q.payload).imBps
        //@         || ((ParamsChange) proposal[u].payload).mmBps != ((ParamsChange) q.payload).mmBps
        //@         || ((ParamsChange) proposal[u].payload).feeBps != ((ParamsChange) q.payload).feeBps)
        //@     && (proposal[u].payload instanceof FundWithdrawal && q.payload instanceof FundWithdrawal ==>
        //@         ((FundWithdrawal) proposal[u].payload).amount != ((FundWithdrawal) q.payload).amount)
        //@     && (proposal[u].payload instanceof StakeChange && q.payload instanceof StakeChange ==>
        //@         ((StakeChange) proposal[u].payload).reporter != ((StakeChange) q.payload).reporter
        //@         || ((StakeChange) proposal[u].payload).stake != ((StakeChange) q.payload).stake)
        //@     && (proposal[u].payload instanceof OwnerAddition && q.payload instanceof OwnerAddition ==>
        //@         ((OwnerAddition) proposal[u].payload).owner != ((OwnerAddition) q.payload).owner
        //@         || ((OwnerAddition) proposal[u].payload).threshold != ((OwnerAddition) q.payload).threshold)
        //@     && (proposal[u].payload instanceof OwnerRemoval && q.payload instanceof OwnerRemoval ==>
        //@         ((OwnerRemoval) proposal[u].payload).owner != ((OwnerRemoval) q.payload).owner
        //@         || ((OwnerRemoval) proposal[u].payload).threshold != ((OwnerRemoval) q.payload).threshold)
        //@     && (proposal[u].payload instanceof OwnerSwap && q.payload instanceof OwnerSwap ==>
        //@         ((OwnerSwap) proposal[u].payload).oldOwner != ((OwnerSwap) q.payload).oldOwner
        //@         || ((OwnerSwap) proposal[u].payload).newOwner != ((OwnerSwap) q.payload).newOwner)
        //@     && (proposal[u].payload instanceof ThresholdChange && q.payload instanceof ThresholdChange ==>
        //@         ((ThresholdChange) proposal[u].payload).threshold != ((ThresholdChange) q.payload).threshold)
        //@     && !(proposal[u].payload instanceof Cancellation && q.payload instanceof Cancellation));
        //@ decreases s - t;
        for (int t = 0; t < s; t++) {
            if (proposal[t] != null && q.sameAs(proposal[t])) {
                bad(4, s);
            }
        }
    }

    /*@ private exceptional_behavior
      @   requires true;
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    private static void bad(int field, long value) throws GovernanceException {
        throw new GovernanceException(Reason.INVALID_STATE, field, value);
    }

    // ------------------------------------------------------------------------------------------
    // Static validity (WellFormed) and applicability (Applicable)

    /**
     * WellFormed(p) and the index ranges: null when the payload is acceptable at submission
     * whatever the state, else the first reason it is not.
     */
    /*@ public normal_behavior
      @   requires params != null;
      @   ensures \result == null ==> q != null;
      @   ensures \result == null && q instanceof ParamsChange ==> params.paramsInBounds(((ParamsChange) q).imBps, ((ParamsChange) q).mmBps, ((ParamsChange) q).feeBps);
      @   ensures \result == null && q instanceof FundWithdrawal ==> 1 <= ((FundWithdrawal) q).amount && ((FundWithdrawal) q).amount <= params.maxFund;
      @   ensures \result == null && q instanceof StakeChange ==> 0 <= ((StakeChange) q).reporter && ((StakeChange) q).reporter < params.reporters
      @        && 0 <= ((StakeChange) q).stake && ((StakeChange) q).stake <= params.maxStake;
      @   ensures \result == null && q instanceof OwnerAddition ==> 0 <= ((OwnerAddition) q).owner && ((OwnerAddition) q).owner < params.keys
      @        && 1 <= ((OwnerAddition) q).threshold && ((OwnerAddition) q).threshold <= params.maxOwners;
      @   ensures \result == null && q instanceof OwnerRemoval ==> 0 <= ((OwnerRemoval) q).owner && ((OwnerRemoval) q).owner < params.keys
      @        && 1 <= ((OwnerRemoval) q).threshold && ((OwnerRemoval) q).threshold <= params.maxOwners;
      @   ensures \result == null && q instanceof OwnerSwap ==> 0 <= ((OwnerSwap) q).oldOwner && ((OwnerSwap) q).oldOwner < params.keys
      @        && 0 <= ((OwnerSwap) q).newOwner && ((OwnerSwap) q).newOwner < params.keys && ((OwnerSwap) q).oldOwner != ((OwnerSwap) q).newOwner;
      @   ensures \result == null && q instanceof ThresholdChange ==> 1 <= ((ThresholdChange) q).threshold && ((ThresholdChange) q).threshold <= params.maxOwners;
      @ pure helper
      @*/
    public static /*@ nullable @*/ Reason wellFormedRefusal(GovernanceParams params, Payload q) {
        if (q == null) {
            return Reason.INVALID_PAYLOAD;
        }
        int kind = q.kind();
        if (kind == Payload.SET_PARAMS) {
            ParamsChange c = (ParamsChange) q;
            return params.paramsInBounds(c.imBps(), c.mmBps(), c.feeBps()) ? null : Reason.PARAMS_OUT_OF_BOUNDS;
        }
        if (kind == Payload.WITHDRAW) {
            long a = ((FundWithdrawal) q).amount();
            return 1 <= a && a <= params.maxFund ? null : Reason.AMOUNT_OUT_OF_RANGE;
        }
        if (kind == Payload.SET_STAKE) {
            StakeChange c = (StakeChange) q;
            if (c.reporter() < 0 || c.reporter() >= params.reporters) {
                return Reason.UNKNOWN_REPORTER;
            }
            return 0 <= c.stake() && c.stake() <= params.maxStake ? null : Reason.STAKE_OUT_OF_RANGE;
        }
        if (kind == Payload.ADD_OWNER) {
            OwnerAddition c = (OwnerAddition) q;
            return ownerChangeRefusal(params, c.owner(), c.threshold());
        }
        if (kind == Payload.REMOVE_OWNER) {
            OwnerRemoval c = (OwnerRemoval) q;
            return ownerChangeRefusal(params, c.owner(), c.threshold());
        }
        if (kind == Payload.SWAP_OWNER) {
            OwnerSwap c = (OwnerSwap) q;
            if (c.oldOwner() < 0 || c.oldOwner() >= params.keys || c.newOwner() < 0 || c.newOwner() >= params.keys) {
                return Reason.UNKNOWN_KEY;
            }
            return c.oldOwner() != c.newOwner() ? null : Reason.INVALID_PAYLOAD;
        }
        if (kind == Payload.CHANGE_THRESHOLD) {
            int t = ((ThresholdChange) q).threshold();
            return 1 <= t && t <= params.maxOwners ? null : Reason.THRESHOLD_OUT_OF_RANGE;
        }
        return kind == Payload.CANCEL ? null : Reason.INVALID_PAYLOAD;
    }

    //@ private normal_behavior
    //@   requires params != null;
    //@   ensures \result == null <==> (0 <= key && key < params.keys && 1 <= t && t <= params.maxOwners);
    //@ pure
    private static /*@ nullable @*/ Reason ownerChangeRefusal(GovernanceParams params, int key, int t) {
        if (key < 0 || key >= params.keys) {
            return Reason.UNKNOWN_KEY;
        }
        return 1 <= t && t <= params.maxOwners ? null : Reason.THRESHOLD_OUT_OF_RANGE;
    }

    /** WellFormed for this instance's params. */
    //@ public normal_behavior
    //@   ensures \result == wellFormedRefusal(params, q);
    //@ pure
    public /*@ nullable @*/ Reason wellFormedRefusal(Payload q) {
        return wellFormedRefusal(params, q);
    }

    /**
     * Applicable(p) in the current state, for a well-formed payload: null when it applies, else
     * the first reason it does not.  Checked at submission and again at execution.
     */
    /*@ public normal_behavior
      @   requires q != null;
      @   requires q instanceof StakeChange ==> 0 <= ((StakeChange) q).reporter && ((StakeChange) q).reporter < stake.length;
      @   requires q instanceof OwnerAddition ==> 0 <= ((OwnerAddition) q).owner && ((OwnerAddition) q).owner < n;
      @   requires q instanceof OwnerRemoval ==> 0 <= ((OwnerRemoval) q).owner && ((OwnerRemoval) q).owner < n;
      @   requires q instanceof OwnerSwap ==> 0 <= ((OwnerSwap) q).oldOwner && ((OwnerSwap) q).oldOwner < n && 0 <= ((OwnerSwap) q).newOwner && ((OwnerSwap) q).newOwner < n;
      @   ensures (\result == null) <==> ((q instanceof FundWithdrawal ==> ((FundWithdrawal) q).amount <= fund - floor)
      @        && (q instanceof StakeChange ==> ((StakeChange) q).stake > 0 || (\exists int x; 0 <= x && x < stake.length && x != ((StakeChange) q).reporter; stake[x] > 0))
      @        && (q instanceof OwnerAddition ==> !owner[((OwnerAddition) q).owner] && ownerCount < maxOwners && ((OwnerAddition) q).threshold <= ownerCount + 1)
      @        && (q instanceof OwnerRemoval ==> owner[((OwnerRemoval) q).owner] && ((OwnerRemoval) q).threshold <= ownerCount - 1)
      @        && (q instanceof OwnerSwap ==> owner[((OwnerSwap) q).oldOwner] && !owner[((OwnerSwap) q).newOwner])
      @        && (q instanceof ThresholdChange ==> ((ThresholdChange) q).threshold <= ownerCount));
      @ pure
      @*/
    public /*@ nullable @*/ Reason applicableRefusal(Payload q) {
        int kind = q.kind();
        if (kind == Payload.WITHDRAW) {
            return ((FundWithdrawal) q).amount() <= fund - floor ? null : Reason.BELOW_FLOOR;
        }
        if (kind == Payload.SET_STAKE) {
            StakeChange c = (StakeChange) q;
            return c.stake() > 0 || stakedOtherThan(c.reporter()) ? null : Reason.NO_REPORTER_LEFT;
        }
        if (kind == Payload.ADD_OWNER) {
            OwnerAddition c = (OwnerAddition) q;
            if (owner[c.owner()]) {
                return Reason.OWNER_EXISTS;
            }
            if (ownerCount >= maxOwners) {
                return Reason.TOO_MANY_OWNERS;
            }
            return c.threshold() <= ownerCount + 1 ? null : Reason.THRESHOLD_OUT_OF_RANGE;
        }
        if (kind == Payload.REMOVE_OWNER) {
            OwnerRemoval c = (OwnerRemoval) q;
            if (!owner[c.owner()]) {
                return Reason.OWNER_MISSING;
            }
            return c.threshold() <= ownerCount - 1 ? null : Reason.THRESHOLD_OUT_OF_RANGE;
        }
        if (kind == Payload.SWAP_OWNER) {
            OwnerSwap c = (OwnerSwap) q;
            if (!owner[c.oldOwner()]) {
                return Reason.OWNER_MISSING;
            }
            return !owner[c.newOwner()] ? null : Reason.OWNER_EXISTS;
        }
        if (kind == Payload.CHANGE_THRESHOLD) {
            return ((ThresholdChange) q).threshold() <= ownerCount ? null : Reason.THRESHOLD_OUT_OF_RANGE;
        }
        return null; // SetParams (bounds are static), Cancel
    }

    /** Some reporter other than r has a positive stake. */
    /*@ public normal_behavior
      @   ensures \result <==> (\exists int x; 0 <= x && x < stake.length && x != r; stake[x] > 0);
      @ pure
      @*/
    public boolean stakedOtherThan(int r) {
        //@ loop_invariant 0 <= x && x <= stake.length;
        //@ loop_invariant (\forall int y; 0 <= y && y < x && y != r; stake[y] <= 0);
        //@ decreases stake.length - x;
        for (int x = 0; x < stake.length; x++) {
            if (x != r && stake[x] > 0) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // Propose(k, p)

    /**
     * Propose(k, p): owner k submits p; k's own approval comes with it.  Refusals: UNKNOWN_KEY,
     * INVALID_PAYLOAD, NOT_AN_OWNER, SLOT_TAKEN, WRONG_CHAIN, STALE_NONCE, FUTURE_NONCE, the
     * WellFormed and Applicable reasons, DUPLICATE_PROPOSAL (first: k, second: the nonce).
     */
    /*@ public normal_behavior
      @   requires canPropose(k, p);
      @*/
    //-RAC@   assignable proposal[k], approvedGen[k][*];
    /*@
      @   ensures proposal[k] == p;
      @   ensures (\forall int j; 0 <= j && j < n; approvedGen[k][j] == ownerGen[j] <==> j == k);
      @ also public exceptional_behavior
      @   requires !canPropose(k, p);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void propose(int k, Proposal p) throws GovernanceException {
        Reason refusal = proposeRefusal(k, p);
        //@ split
        if (refusal != null) {
            throw new GovernanceException(refusal, k, p == null ? -1 : p.nonce());
        }
        wellFormedFields(p);
        noDuplicateFields(p);
        proposeEffect(k, p);
    }

    /**
     * WellFormed(p) for this instance's params, restated over the payload's fields (the form of
     * the class invariants): a lemma for propose (no state read but params, no effect).
     */
    /*@ private normal_behavior
      @   requires params != null && n == params.keys && maxOwners == params.maxOwners && maxFund == params.maxFund;
      @   requires stake != null && maxStake == params.maxStake && stake.length == params.reporters;
      @   requires p != null && p.payload != null && wellFormedRefusal(params, p.payload) == null;
      @   ensures p.payload instanceof ParamsChange ==> params.minImBps <= ((ParamsChange) p.payload).imBps && ((ParamsChange) p.payload).imBps <= params.maxImBps
      @        && params.minMmBps <= ((ParamsChange) p.payload).mmBps && ((ParamsChange) p.payload).mmBps <= params.maxMmBps
      @        && params.minFeeBps <= ((ParamsChange) p.payload).feeBps && ((ParamsChange) p.payload).feeBps <= params.maxFeeBps
      @        && ((ParamsChange) p.payload).mmBps <= ((ParamsChange) p.payload).imBps;
      @   ensures p.payload instanceof FundWithdrawal ==> 1 <= ((FundWithdrawal) p.payload).amount && ((FundWithdrawal) p.payload).amount <= maxFund;
      @   ensures p.payload instanceof StakeChange ==> 0 <= ((StakeChange) p.payload).reporter && ((StakeChange) p.payload).reporter < stake.length
      @        && 0 <= ((StakeChange) p.payload).stake && ((StakeChange) p.payload).stake <= maxStake;
      @   ensures p.payload instanceof OwnerAddition ==> 0 <= ((OwnerAddition) p.payload).owner && ((OwnerAddition) p.payload).owner < n
      @        && 1 <= ((OwnerAddition) p.payload).threshold && ((OwnerAddition) p.payload).threshold <= maxOwners;
      @   ensures p.payload instanceof OwnerRemoval ==> 0 <= ((OwnerRemoval) p.payload).owner && ((OwnerRemoval) p.payload).owner < n
      @        && 1 <= ((OwnerRemoval) p.payload).threshold && ((OwnerRemoval) p.payload).threshold <= maxOwners;
      @   ensures p.payload instanceof OwnerSwap ==> 0 <= ((OwnerSwap) p.payload).oldOwner && ((OwnerSwap) p.payload).oldOwner < n
      @        && 0 <= ((OwnerSwap) p.payload).newOwner && ((OwnerSwap) p.payload).newOwner < n
      @        && ((OwnerSwap) p.payload).oldOwner != ((OwnerSwap) p.payload).newOwner;
      @   ensures p.payload instanceof ThresholdChange ==> 1 <= ((ThresholdChange) p.payload).threshold && ((ThresholdChange) p.payload).threshold <= maxOwners;
      @ pure helper
      @*/
    private void wellFormedFields(Proposal p) {
    }

    /**
     * "No open proposal has p's content" (slotOf(p) == -1: Proposal.sameAs, Payload.sameAs)
     * restated per payload kind over the fields, the form of the no-duplicate invariants: a
     * lemma for propose.
     */
    /*@ private normal_behavior
      @   requires proposal != null && proposal.length == n;
      @   requires (\forall int s; 0 <= s && s < n && proposal[s] != null; proposal[s].chainId == chainId
      @     && nonce <= proposal[s].nonce && proposal[s].nonce - nonce < window && proposal[s].payload != null);
      @   requires p != null && p.payload != null && p.chainId == chainId;
      @   requires (\forall int s; 0 <= s && s < n; proposal[s] == null || !proposal[s].sameAs(p));
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof ParamsChange && p.payload instanceof ParamsChange ==>
      @        ((ParamsChange) proposal[t].payload).imBps != ((ParamsChange) p.payload).imBps
      @        || ((ParamsChange) proposal[t].payload).mmBps != ((ParamsChange) p.payload).mmBps
      @        || ((ParamsChange) proposal[t].payload).feeBps != ((ParamsChange) p.payload).feeBps);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof FundWithdrawal && p.payload instanceof FundWithdrawal ==>
      @        ((FundWithdrawal) proposal[t].payload).amount != ((FundWithdrawal) p.payload).amount);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof StakeChange && p.payload instanceof StakeChange ==>
      @        ((StakeChange) proposal[t].payload).reporter != ((StakeChange) p.payload).reporter
      @        || ((StakeChange) proposal[t].payload).stake != ((StakeChange) p.payload).stake);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerAddition && p.payload instanceof OwnerAddition ==>
      @        ((OwnerAddition) proposal[t].payload).owner != ((OwnerAddition) p.payload).owner
      @        || ((OwnerAddition) proposal[t].payload).threshold != ((OwnerAddition) p.payload).threshold);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerRemoval && p.payload instanceof OwnerRemoval ==>
      @        ((OwnerRemoval) proposal[t].payload).owner != ((OwnerRemoval) p.payload).owner
      @        || ((OwnerRemoval) proposal[t].payload).threshold != ((OwnerRemoval) p.payload).threshold);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerSwap && p.payload instanceof OwnerSwap ==>
      @        ((OwnerSwap) proposal[t].payload).oldOwner != ((OwnerSwap) p.payload).oldOwner
      @        || ((OwnerSwap) proposal[t].payload).newOwner != ((OwnerSwap) p.payload).newOwner);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof ThresholdChange && p.payload instanceof ThresholdChange ==>
      @        ((ThresholdChange) proposal[t].payload).threshold != ((ThresholdChange) p.payload).threshold);
      @   ensures (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof Cancellation ==> !(p.payload instanceof Cancellation));
      @ pure helper
      @*/
    private void noDuplicateFields(Proposal p) {
        //@ loop_invariant 0 <= t && t <= n;
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof ParamsChange && p.payload instanceof ParamsChange ==>
        //@     ((ParamsChange) proposal[u].payload).imBps != ((ParamsChange) p.payload).imBps
        //@     || ((ParamsChange) proposal[u].payload).mmBps != ((ParamsChange) p.payload).mmBps
        //@     || ((ParamsChange) proposal[u].payload).feeBps != ((ParamsChange) p.payload).feeBps);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof FundWithdrawal && p.payload instanceof FundWithdrawal ==>
        //@     ((FundWithdrawal) proposal[u].payload).amount != ((FundWithdrawal) p.payload).amount);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof StakeChange && p.payload instanceof StakeChange ==>
        //@     ((StakeChange) proposal[u].payload).reporter != ((StakeChange) p.payload).reporter
        //@     || ((StakeChange) proposal[u].payload).stake != ((StakeChange) p.payload).stake);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof OwnerAddition && p.payload instanceof OwnerAddition ==>
        //@     ((OwnerAddition) proposal[u].payload).owner != ((OwnerAddition) p.payload).owner
        //@     || ((OwnerAddition) proposal[u].payload).threshold != ((OwnerAddition) p.payload).threshold);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof OwnerRemoval && p.payload instanceof OwnerRemoval ==>
        //@     ((OwnerRemoval) proposal[u].payload).owner != ((OwnerRemoval) p.payload).owner
        //@     || ((OwnerRemoval) proposal[u].payload).threshold != ((OwnerRemoval) p.payload).threshold);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof OwnerSwap && p.payload instanceof OwnerSwap ==>
        //@     ((OwnerSwap) proposal[u].payload).oldOwner != ((OwnerSwap) p.payload).oldOwner
        //@     || ((OwnerSwap) proposal[u].payload).newOwner != ((OwnerSwap) p.payload).newOwner);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof ThresholdChange && p.payload instanceof ThresholdChange ==>
        //@     ((ThresholdChange) proposal[u].payload).threshold != ((ThresholdChange) p.payload).threshold);
        //@ loop_invariant (\forall int u; 0 <= u && u < t; proposal[u] != null && proposal[u].nonce == p.nonce
        //@     && proposal[u].payload instanceof Cancellation ==> !(p.payload instanceof Cancellation));
        //@ decreases n - t;
        for (int t = 0; t < n; t++) {
            //@ assert proposal[t] == null || !proposal[t].sameAs(p);
        }
    }

    /**
     * The effect of Propose(k, p): slot k holds p, approved by k.  Its precondition is the guard
     * restated over fields (the class invariants' forms): "no open proposal has p's content"
     * (slotOf(p) == -1, through Proposal.sameAs and Payload.sameAs) as one clause per payload
     * kind, and WellFormed(p) over the payload's fields, so that the new slot's instances of the
     * invariants follow clause by clause.
     */
    /*@ private normal_behavior
      @   requires 0 <= k && k < n && p != null && p.payload != null && owner[k] && proposal[k] == null;
      @   requires p.chainId == chainId && nonce <= p.nonce && p.nonce - nonce < window;
      @   requires p.payload instanceof ParamsChange ==> params.minImBps <= ((ParamsChange) p.payload).imBps && ((ParamsChange) p.payload).imBps <= params.maxImBps
      @        && params.minMmBps <= ((ParamsChange) p.payload).mmBps && ((ParamsChange) p.payload).mmBps <= params.maxMmBps
      @        && params.minFeeBps <= ((ParamsChange) p.payload).feeBps && ((ParamsChange) p.payload).feeBps <= params.maxFeeBps
      @        && ((ParamsChange) p.payload).mmBps <= ((ParamsChange) p.payload).imBps;
      @   requires p.payload instanceof FundWithdrawal ==> 1 <= ((FundWithdrawal) p.payload).amount && ((FundWithdrawal) p.payload).amount <= maxFund;
      @   requires p.payload instanceof StakeChange ==> 0 <= ((StakeChange) p.payload).reporter && ((StakeChange) p.payload).reporter < stake.length
      @        && 0 <= ((StakeChange) p.payload).stake && ((StakeChange) p.payload).stake <= maxStake;
      @   requires p.payload instanceof OwnerAddition ==> 0 <= ((OwnerAddition) p.payload).owner && ((OwnerAddition) p.payload).owner < n
      @        && 1 <= ((OwnerAddition) p.payload).threshold && ((OwnerAddition) p.payload).threshold <= maxOwners;
      @   requires p.payload instanceof OwnerRemoval ==> 0 <= ((OwnerRemoval) p.payload).owner && ((OwnerRemoval) p.payload).owner < n
      @        && 1 <= ((OwnerRemoval) p.payload).threshold && ((OwnerRemoval) p.payload).threshold <= maxOwners;
      @   requires p.payload instanceof OwnerSwap ==> 0 <= ((OwnerSwap) p.payload).oldOwner && ((OwnerSwap) p.payload).oldOwner < n
      @        && 0 <= ((OwnerSwap) p.payload).newOwner && ((OwnerSwap) p.payload).newOwner < n
      @        && ((OwnerSwap) p.payload).oldOwner != ((OwnerSwap) p.payload).newOwner;
      @   requires p.payload instanceof ThresholdChange ==> 1 <= ((ThresholdChange) p.payload).threshold && ((ThresholdChange) p.payload).threshold <= maxOwners;
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof ParamsChange && p.payload instanceof ParamsChange ==>
      @        ((ParamsChange) proposal[t].payload).imBps != ((ParamsChange) p.payload).imBps
      @        || ((ParamsChange) proposal[t].payload).mmBps != ((ParamsChange) p.payload).mmBps
      @        || ((ParamsChange) proposal[t].payload).feeBps != ((ParamsChange) p.payload).feeBps);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof FundWithdrawal && p.payload instanceof FundWithdrawal ==>
      @        ((FundWithdrawal) proposal[t].payload).amount != ((FundWithdrawal) p.payload).amount);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof StakeChange && p.payload instanceof StakeChange ==>
      @        ((StakeChange) proposal[t].payload).reporter != ((StakeChange) p.payload).reporter
      @        || ((StakeChange) proposal[t].payload).stake != ((StakeChange) p.payload).stake);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerAddition && p.payload instanceof OwnerAddition ==>
      @        ((OwnerAddition) proposal[t].payload).owner != ((OwnerAddition) p.payload).owner
      @        || ((OwnerAddition) proposal[t].payload).threshold != ((OwnerAddition) p.payload).threshold);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerRemoval && p.payload instanceof OwnerRemoval ==>
      @        ((OwnerRemoval) proposal[t].payload).owner != ((OwnerRemoval) p.payload).owner
      @        || ((OwnerRemoval) proposal[t].payload).threshold != ((OwnerRemoval) p.payload).threshold);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof OwnerSwap && p.payload instanceof OwnerSwap ==>
      @        ((OwnerSwap) proposal[t].payload).oldOwner != ((OwnerSwap) p.payload).oldOwner
      @        || ((OwnerSwap) proposal[t].payload).newOwner != ((OwnerSwap) p.payload).newOwner);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof ThresholdChange && p.payload instanceof ThresholdChange ==>
      @        ((ThresholdChange) proposal[t].payload).threshold != ((ThresholdChange) p.payload).threshold);
      @   requires (\forall int t; 0 <= t && t < n; proposal[t] != null && proposal[t].nonce == p.nonce
      @        && proposal[t].payload instanceof Cancellation ==> !(p.payload instanceof Cancellation));
      @*/
    //-RAC@   assignable proposal[k], approvedGen[k][*];
    /*@
      @   ensures proposal[k] == p;
      @   ensures (\forall int j; 0 <= j && j < n; approvedGen[k][j] == ownerGen[j] <==> j == k);
      @*/
    private void proposeEffect(int k, Proposal p) {
        clearRow(k);
        proposal[k] = p;
        approvedGen[k][k] = ownerGen[k];
    }

    /**
     * Clears row x of approvedGen (every entry 0, i.e. no approval: generations are at least 1):
     * the stale entries an empty slot may hold, before Propose opens it.
     */
    /*@ private normal_behavior
      @   requires 0 <= x && x < n && n <= MAX_KEYS && approvedGen != null && approvedGen.length == n;
      @   requires approvedGen[x] != null && approvedGen[x].length == n;
      @*/
    //-RAC@   assignable approvedGen[x][*];
    /*@
      @   ensures (\forall int j; 0 <= j && j < n; approvedGen[x][j] == 0);
      @ helper
      @*/
    private void clearRow(int x) {
        int[] row = approvedGen[x];
        //@ loop_invariant 0 <= j && j <= n && row == approvedGen[x] && row.length == n;
        //@ loop_invariant (\forall int i; 0 <= i && i < j; row[i] == 0);
        //@ decreases n - j;
        for (int j = 0; j < n; j++) {
            row[j] = 0;
        }
    }

    /** ProposeGuard(k, p), with the index and null checks first. */
    //@ public normal_behavior
    //@   ensures \result <==> proposeRefusal(k, p) == null;
    //@ pure
    public boolean canPropose(int k, Proposal p) {
        return proposeRefusal(k, p) == null;
    }

    /*@ public normal_behavior
      @   ensures (\result == null) <==> (0 <= k && k < n && p != null && p.payload != null && owner[k]
      @        && proposal[k] == null && p.chainId == chainId && nonce <= p.nonce && p.nonce - nonce < window
      @        && wellFormedRefusal(params, p.payload) == null && applicableRefusal(p.payload) == null
      @        && slotOf(p) == -1);
      @ pure
      @*/
    public /*@ nullable @*/ Reason proposeRefusal(int k, Proposal p) {
        if (k < 0 || k >= n) {
            return Reason.UNKNOWN_KEY;
        }
        if (p == null || p.payload() == null) {
            return Reason.INVALID_PAYLOAD;
        }
        if (!owner[k]) {
            return Reason.NOT_AN_OWNER;
        }
        if (proposal[k] != null) {
            return Reason.SLOT_TAKEN;
        }
        if (p.chainId() != chainId) {
            return Reason.WRONG_CHAIN;
        }
        if (p.nonce() < nonce) {
            return Reason.STALE_NONCE;
        }
        if (p.nonce() - nonce >= window) {
            return Reason.FUTURE_NONCE;
        }
        Reason w = wellFormedRefusal(params, p.payload());
        if (w != null) {
            return w;
        }
        Reason a = applicableRefusal(p.payload());
        if (a != null) {
            return a;
        }
        return slotOf(p) == -1 ? null : Reason.DUPLICATE_PROPOSAL;
    }

    /** The slot holding a proposal with the same content as p, or -1. */
    /*@ public normal_behavior
      @   requires p != null;
      @   ensures -1 <= \result && \result < n;
      @   ensures \result >= 0 ==> proposal[\result] != null && proposal[\result].sameAs(p);
      @   ensures \result == -1 <==> (\forall int s; 0 <= s && s < n; proposal[s] == null || !proposal[s].sameAs(p));
      @ pure
      @*/
    public int slotOf(Proposal p) {
        //@ loop_invariant 0 <= s && s <= n;
        //@ loop_invariant (\forall int t; 0 <= t && t < s; proposal[t] == null || !proposal[t].sameAs(p));
        //@ decreases n - s;
        for (int s = 0; s < n; s++) {
            if (proposal[s] != null && proposal[s].sameAs(p)) {
                return s;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------
    // Approve(k, s)

    /**
     * Approve(k, s): owner k approves the open proposal of s.  Refusals: NO_PROPOSAL (s out of
     * range or its slot empty), UNKNOWN_KEY, NOT_AN_OWNER, DUPLICATE_APPROVAL (first: k, second: s).
     */
    /*@ public normal_behavior
      @   requires canApprove(k, s);
      @   assignable approvedGen[s][k];
      @   ensures approvedGen[s][k] == ownerGen[k];
      @ also public exceptional_behavior
      @   requires !canApprove(k, s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void approve(int k, int s) throws GovernanceException {
        Reason refusal = approveRefusal(k, s);
        if (refusal != null) {
            throw new GovernanceException(refusal, k, s);
        }
        approvedGen[s][k] = ownerGen[k];
    }

    /*@ public normal_behavior
      @   requires proposal != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires proposal.length == n && approvedGen.length == n && ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures \result <==> approveRefusal(k, s) == null;
      @ pure helper
      @*/
    public boolean canApprove(int k, int s) {
        return approveRefusal(k, s) == null;
    }

    /*@ public normal_behavior
      @   requires proposal != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires proposal.length == n && approvedGen.length == n && ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures (\result == null) <==> (0 <= s && s < n && 0 <= k && k < n && proposal[s] != null && owner[k]
      @        && approvedGen[s][k] != ownerGen[k]);
      @ pure helper
      @*/
    public /*@ nullable @*/ Reason approveRefusal(int k, int s) {
        if (s < 0 || s >= n) {
            return Reason.NO_PROPOSAL;
        }
        if (k < 0 || k >= n) {
            return Reason.UNKNOWN_KEY;
        }
        if (proposal[s] == null) {
            return Reason.NO_PROPOSAL;
        }
        if (!owner[k]) {
            return Reason.NOT_AN_OWNER;
        }
        return approvedGen[s][k] == ownerGen[k] ? Reason.DUPLICATE_APPROVAL : null;
    }

    /**
     * QuorumCount(approvals[s]): approvals of the proposal of s by distinct current owners (0 for an
     * empty slot, whose stale entries count for nothing).
     */
    /*@ public normal_behavior
      @   requires 0 <= s && s < n;
      @   requires proposal != null && approvedGen != null && ownerGen != null && owner != null && n <= MAX_KEYS;
      @   requires proposal.length == n && approvedGen.length == n && ownerGen.length == n && owner.length == n;
      @   requires approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures proposal[s] != null ==> \result == countApproved(approvedGen[s], ownerGen, owner, n);
      @   ensures proposal[s] == null ==> \result == 0;
      @ pure helper
      @*/
    public int approvalCount(int s) {
        return proposal[s] == null ? 0 : countApproved(approvedGen[s], ownerGen, owner, n);
    }

    // ------------------------------------------------------------------------------------------
    // Retract(k)

    /**
     * Retract(k): owner k withdraws its own open proposal; the slot, its approvals and its queue
     * state are cleared.  Refusals: UNKNOWN_KEY, NO_PROPOSAL (first: k).
     */
    /*@ public normal_behavior
      @   requires canRetract(k);
      @   assignable proposal[k], queuedAt[k];
      @   ensures proposal[k] == null && queuedAt[k] == NOT_QUEUED;
      @ also public exceptional_behavior
      @   requires !canRetract(k);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void retract(int k) throws GovernanceException {
        Reason refusal = retractRefusal(k);
        if (refusal != null) {
            throw new GovernanceException(refusal, k, nonce);
        }
        clearSlot(k);
    }

    //@ public normal_behavior
    //@   requires proposal != null && proposal.length == n;
    //@   ensures \result <==> retractRefusal(k) == null;
    //@ pure helper
    public boolean canRetract(int k) {
        return retractRefusal(k) == null;
    }

    //@ public normal_behavior
    //@   requires proposal != null && proposal.length == n;
    //@   ensures (\result == null) <==> (0 <= k && k < n && proposal[k] != null);
    //@ pure helper
    public /*@ nullable @*/ Reason retractRefusal(int k) {
        if (k < 0 || k >= n) {
            return Reason.UNKNOWN_KEY;
        }
        return proposal[k] != null ? null : Reason.NO_PROPOSAL;
    }

    /** Empties slot x: no proposal (so no approvals: a closed slot's row counts for nothing), not queued. */
    /*@ private normal_behavior
      @   requires 0 <= x && x < n && proposal != null && queuedAt != null;
      @   requires proposal.length == n && queuedAt.length == n;
      @   assignable proposal[x], queuedAt[x];
      @   ensures proposal[x] == null && queuedAt[x] == NOT_QUEUED;
      @ helper
      @*/
    private void clearSlot(int x) {
        proposal[x] = null;
        queuedAt[x] = NOT_QUEUED;
    }

    // ------------------------------------------------------------------------------------------
    // Queue(s)

    /**
     * Queue(s): the proposal of s has a quorum; its timelock starts at the current height.
     * Refusals: NO_PROPOSAL, IS_CANCELLATION, ALREADY_QUEUED, NO_QUORUM (first: s, second: the
     * count or the queue height).
     */
    /*@ public normal_behavior
      @   requires canQueue(s);
      @   assignable queuedAt[s];
      @   ensures queuedAt[s] == height;
      @ also public exceptional_behavior
      @   requires !canQueue(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void queue(int s) throws GovernanceException {
        Reason refusal = queueRefusal(s);
        if (refusal != null) {
            throw new GovernanceException(refusal, s, refusal == Reason.NO_QUORUM && 0 <= s && s < n ? approvalCount(s) : height);
        }
        queuedAt[s] = height;
    }

    /*@ public normal_behavior
      @   requires proposal != null && queuedAt != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires 1 <= n && n <= MAX_KEYS && proposal.length == n && queuedAt.length == n && approvedGen.length == n;
      @   requires ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures \result <==> queueRefusal(s) == null;
      @ pure helper
      @*/
    public boolean canQueue(int s) {
        return queueRefusal(s) == null;
    }

    /*@ public normal_behavior
      @   requires proposal != null && queuedAt != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires 1 <= n && n <= MAX_KEYS && proposal.length == n && queuedAt.length == n && approvedGen.length == n;
      @   requires ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures (\result == null) <==> (0 <= s && s < n && proposal[s] != null
      @        && proposal[s].kind() != Payload.CANCEL && queuedAt[s] == NOT_QUEUED && approvalCount(s) >= threshold);
      @ pure helper
      @*/
    public /*@ nullable @*/ Reason queueRefusal(int s) {
        if (s < 0 || s >= n || proposal[s] == null) {
            return Reason.NO_PROPOSAL;
        }
        if (proposal[s].kind() == Payload.CANCEL) {
            return Reason.IS_CANCELLATION;
        }
        if (queuedAt[s] != NOT_QUEUED) {
            return Reason.ALREADY_QUEUED;
        }
        return approvalCount(s) >= threshold ? null : Reason.NO_QUORUM;
    }

    // ------------------------------------------------------------------------------------------
    // Execute(s)

    /**
     * Execute(s): the proposal of s is for this chain and the next nonce, has the approvals of
     * at least {@code threshold} distinct current owners, was queued at least Delay block ends
     * ago, and still applies; its effect takes place, every proposal for its nonce (and a
     * leaving owner's proposal) is dropped, a leaving owner's approvals are voided, and the nonce
     * advances.  Refusals: NO_PROPOSAL, IS_CANCELLATION, WRONG_CHAIN, NOT_NEXT_NONCE, NO_QUORUM,
     * NOT_QUEUED, TIMELOCK, NONCE_EXHAUSTED, the Applicable reasons (first: s).
     */
    /*@ public normal_behavior
      @   requires canExecute(s);
      @*/
    //-RAC@   assignable owner[*], ownerCount, ownerGen[*], threshold, nonce, proposal[*], queuedAt[*],
    //-RAC@              pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake[*];
    /*@
      @   ensures nonce == \old(nonce) + 1;
      @   ensures (\forall int x; 0 <= x && x < n; \old(proposal[x]) != null && \old(proposal[x]).nonce == \old(nonce) ==> proposal[x] == null);
      @ also public exceptional_behavior
      @   requires !canExecute(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void execute(int s) throws GovernanceException {
        Reason refusal = executeRefusal(s);
        //@ split
        if (refusal != null) {
            throw new GovernanceException(refusal, s,
                    refusal == Reason.TIMELOCK && 0 <= s && s < n ? height - queuedAt[s] : nonce);
        }
        executeStep(s);
    }

    /**
     * The effect of Execute(s) once its guard holds: Retire(p) with the nonce step, then Effect(p).
     * A private step with execute's normal behaviour as its contract, so that execute's proof of the
     * effect branch is one call and this proof has no refusal branch.
     */
    /*@ private normal_behavior
      @   requires canExecute(s);
      @*/
    //-RAC@   assignable owner[*], ownerCount, ownerGen[*], threshold, nonce, proposal[*], queuedAt[*],
    //-RAC@              pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake[*];
    /*@
      @   ensures nonce == \old(nonce) + 1;
      @   ensures (\forall int x; 0 <= x && x < n; \old(proposal[x]) != null && \old(proposal[x]).nonce == \old(nonce) ==> proposal[x] == null);
      @*/
    private void executeStep(int s) {
        // Retire(p) before Effect(p): the two touch disjoint state, and a leaving owner then has no
        // proposal and no approval left when it leaves.
        Proposal p = proposal[s];
        Payload q = p.payload();
        advance(leavingKey(q));
        applyEffect(q);
    }

    /**
     * The nonce step of Execute and Cancel with Retire(p) for p's nonce, the current one: the nonce
     * advances, and every open proposal for the consumed nonce, and the leaving owner's proposal
     * (if any), is dropped.  The owners are unchanged, so the step keeps every class invariant (the
     * proposals left are for later nonces); Execute then applies Effect(p).
     */
    // The queue heights' frame is ESC's alone (//-RAC@): the runtime checker copies no long[] for
    // \old(queuedAt[y]) (OpenJML's JmlTreeUtils.copyArray has no case for long).
    //@ private normal_behavior
    //@   requires nonce < MAX_NONCE && -1 <= leaving && leaving < n;
    //-RAC@   assignable nonce, proposal[*], queuedAt[*];
    //@   ensures nonce == \old(nonce) + 1;
    //@   ensures (\forall int y; 0 <= y && y < n; \old(proposal[y]) != null && (\old(proposal[y]).nonce == \old(nonce) || y == leaving)
    //@        ==> proposal[y] == null && queuedAt[y] == NOT_QUEUED);
    //@   ensures (\forall int y; 0 <= y && y < n; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == \old(nonce) || y == leaving))
    //@        ==> proposal[y] == \old(proposal[y]));
    //-RAC@   ensures (\forall int y; 0 <= y && y < n; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == \old(nonce) || y == leaving))
    //-RAC@        ==> queuedAt[y] == \old(queuedAt[y]));
    private void advance(int leaving) {
        long pn = nonce;
        nonce = nonce + 1;
        retire(pn, leaving);
    }

    //@ public normal_behavior
    //@   ensures \result <==> executeRefusal(s) == null;
    //@ pure
    public boolean canExecute(int s) {
        return executeRefusal(s) == null;
    }

    /*@ public normal_behavior
      @   ensures (\result == null) <==> (0 <= s && s < n && proposal[s] != null
      @        && proposal[s].kind() != Payload.CANCEL && proposal[s].chainId == chainId && proposal[s].nonce == nonce
      @        && approvalCount(s) >= threshold && queuedAt[s] != NOT_QUEUED && height - queuedAt[s] >= delay
      @        && nonce < MAX_NONCE
      @        && (proposal[s].payload instanceof OwnerRemoval ==> ownerGen[((OwnerRemoval) proposal[s].payload).owner] < MAX_GENERATION)
      @        && (proposal[s].payload instanceof OwnerSwap ==> ownerGen[((OwnerSwap) proposal[s].payload).oldOwner] < MAX_GENERATION)
      @        && applicableRefusal(proposal[s].payload) == null);
      @ pure
      @*/
    public /*@ nullable @*/ Reason executeRefusal(int s) {
        if (s < 0 || s >= n || proposal[s] == null) {
            return Reason.NO_PROPOSAL;
        }
        Proposal p = proposal[s];
        if (p.kind() == Payload.CANCEL) {
            return Reason.IS_CANCELLATION;
        }
        if (p.chainId() != chainId) {
            return Reason.WRONG_CHAIN;
        }
        if (p.nonce() != nonce) {
            return Reason.NOT_NEXT_NONCE;
        }
        if (approvalCount(s) < threshold) {
            return Reason.NO_QUORUM;
        }
        if (queuedAt[s] == NOT_QUEUED) {
            return Reason.NOT_QUEUED;
        }
        if (height - queuedAt[s] < delay) {
            return Reason.TIMELOCK;
        }
        if (nonce >= MAX_NONCE) {
            return Reason.NONCE_EXHAUSTED;
        }
        int leaving = leavingKey(p.payload());
        if (leaving >= 0 && ownerGen[leaving] >= MAX_GENERATION) {
            return Reason.GENERATION_EXHAUSTED;
        }
        return applicableRefusal(p.payload());
    }

    /**
     * Effect(p) on the governed state and the owners; params change only at the block end.  Called
     * after Retire(p), so a leaving owner has no open proposal and no approval left.  ownerCount
     * moves with the owner entries written (|owners| kept in step).
     */
    /*@ private normal_behavior
      @   requires q != null;
      @   requires q instanceof ParamsChange ==> params.minImBps <= ((ParamsChange) q).imBps && ((ParamsChange) q).imBps <= params.maxImBps
      @        && params.minMmBps <= ((ParamsChange) q).mmBps && ((ParamsChange) q).mmBps <= params.maxMmBps
      @        && params.minFeeBps <= ((ParamsChange) q).feeBps && ((ParamsChange) q).feeBps <= params.maxFeeBps && ((ParamsChange) q).mmBps <= ((ParamsChange) q).imBps;
      @   requires q instanceof FundWithdrawal ==> 1 <= ((FundWithdrawal) q).amount && ((FundWithdrawal) q).amount <= fund - floor;
      @   requires q instanceof StakeChange ==> 0 <= ((StakeChange) q).reporter && ((StakeChange) q).reporter < stake.length
      @        && 0 <= ((StakeChange) q).stake && ((StakeChange) q).stake <= maxStake
      @        && (((StakeChange) q).stake > 0 || (\exists int x; 0 <= x && x < stake.length && x != ((StakeChange) q).reporter; stake[x] > 0));
      @   requires q instanceof OwnerAddition ==> 0 <= ((OwnerAddition) q).owner && ((OwnerAddition) q).owner < n && !owner[((OwnerAddition) q).owner]
      @        && ownerCount < maxOwners && 1 <= ((OwnerAddition) q).threshold && ((OwnerAddition) q).threshold <= ownerCount + 1;
      @   requires q instanceof OwnerRemoval ==> 0 <= ((OwnerRemoval) q).owner && ((OwnerRemoval) q).owner < n && owner[((OwnerRemoval) q).owner]
      @        && 1 <= ((OwnerRemoval) q).threshold && ((OwnerRemoval) q).threshold <= ownerCount - 1 && proposal[((OwnerRemoval) q).owner] == null
      @        && ownerGen[((OwnerRemoval) q).owner] < MAX_GENERATION;
      @   requires q instanceof OwnerSwap ==> 0 <= ((OwnerSwap) q).oldOwner && ((OwnerSwap) q).oldOwner < n && 0 <= ((OwnerSwap) q).newOwner && ((OwnerSwap) q).newOwner < n
      @        && owner[((OwnerSwap) q).oldOwner] && !owner[((OwnerSwap) q).newOwner] && proposal[((OwnerSwap) q).oldOwner] == null
      @        && ownerGen[((OwnerSwap) q).oldOwner] < MAX_GENERATION;
      @   requires q instanceof ThresholdChange ==> 1 <= ((ThresholdChange) q).threshold && ((ThresholdChange) q).threshold <= ownerCount;
      @*/
    //-RAC@   assignable owner[*], ownerCount, ownerGen[*], threshold, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps, fund, stake[*];
    /*@
      @   ensures q instanceof OwnerAddition ==> owner[((OwnerAddition) q).owner] && ownerCount == \old(ownerCount) + 1
      @        && (\forall int j; 0 <= j && j < n && j != ((OwnerAddition) q).owner; owner[j] == \old(owner[j]));
      @   ensures q instanceof OwnerRemoval ==> !owner[((OwnerRemoval) q).owner] && ownerCount == \old(ownerCount) - 1
      @        && (\forall int j; 0 <= j && j < n && j != ((OwnerRemoval) q).owner; owner[j] == \old(owner[j]));
      @   ensures q instanceof OwnerSwap ==> !owner[((OwnerSwap) q).oldOwner] && owner[((OwnerSwap) q).newOwner] && ownerCount == \old(ownerCount)
      @        && (\forall int j; 0 <= j && j < n; j != ((OwnerSwap) q).oldOwner && j != ((OwnerSwap) q).newOwner ==> owner[j] == \old(owner[j]));
      @   ensures !(q instanceof OwnerAddition) && !(q instanceof OwnerRemoval) && !(q instanceof OwnerSwap)
      @        ==> ownerCount == \old(ownerCount) && (\forall int j; 0 <= j && j < n; owner[j] == \old(owner[j]));
      @*/
    private void applyEffect(Payload q) {
        int kind = q.kind();
        if (kind == Payload.SET_PARAMS) {
            ParamsChange c = (ParamsChange) q;
            pendingSet = true;
            pendingImBps = c.imBps();
            pendingMmBps = c.mmBps();
            pendingFeeBps = c.feeBps();
        } else if (kind == Payload.WITHDRAW) {
            fund = fund - ((FundWithdrawal) q).amount();
        } else if (kind == Payload.SET_STAKE) {
            StakeChange c = (StakeChange) q;
            stake[c.reporter()] = c.stake();
        } else if (kind == Payload.ADD_OWNER) {
            OwnerAddition c = (OwnerAddition) q;
            owner[c.owner()] = true;
            ownerCount = ownerCount + 1;
            threshold = c.threshold();
        } else if (kind == Payload.REMOVE_OWNER) {
            OwnerRemoval c = (OwnerRemoval) q;
            owner[c.owner()] = false;
            ownerGen[c.owner()] = ownerGen[c.owner()] + 1; // RemovedOwnerApprovalsVoid
            ownerCount = ownerCount - 1;
            threshold = c.threshold();
        } else if (kind == Payload.SWAP_OWNER) {
            OwnerSwap c = (OwnerSwap) q;
            owner[c.oldOwner()] = false;
            ownerGen[c.oldOwner()] = ownerGen[c.oldOwner()] + 1; // RemovedOwnerApprovalsVoid
            owner[c.newOwner()] = true;
        } else if (kind == Payload.CHANGE_THRESHOLD) {
            threshold = ((ThresholdChange) q).threshold();
        }
    }

    /** Leaving(p): the key a RemoveOwner or SwapOwner takes out of the owners, or -1. */
    /*@ public normal_behavior
      @   ensures \result == (q instanceof OwnerRemoval ? ((OwnerRemoval) q).owner
      @                       : q instanceof OwnerSwap ? ((OwnerSwap) q).oldOwner : -1);
      @ pure
      @*/
    public static int leavingKey(Payload q) {
        if (q instanceof OwnerRemoval) {
            return ((OwnerRemoval) q).owner();
        }
        if (q instanceof OwnerSwap) {
            return ((OwnerSwap) q).oldOwner();
        }
        return -1;
    }

    /**
     * Retire(p) for p's nonce pn and leaving key: every open proposal for pn, and the leaving
     * owner's proposal, is dropped (slot emptied, queue state cleared: its row's entries count for
     * nothing once the slot is empty).  The leaving owner's approvals on the other slots are voided
     * by Effect(p), which increments its generation.
     */
    // The queue heights' frame is ESC's alone (//-RAC@), as in advance.
    //@ private normal_behavior
    //@   requires 1 <= n && -1 <= leaving && leaving < n;
    //@   requires proposal != null && queuedAt != null && proposal.length == n && queuedAt.length == n;
    //-RAC@   assignable proposal[*], queuedAt[*];
    //@   ensures (\forall int y; 0 <= y && y < n; \old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving)
    //@        ==> proposal[y] == null && queuedAt[y] == NOT_QUEUED);
    //@   ensures (\forall int y; 0 <= y && y < n; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving))
    //@        ==> proposal[y] == \old(proposal[y]));
    //-RAC@   ensures (\forall int y; 0 <= y && y < n; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving))
    //-RAC@        ==> queuedAt[y] == \old(queuedAt[y]));
    //@ helper
    private void retire(long pn, int leaving) {
        //@ loop_invariant 0 <= x && x <= n;
        //@ loop_invariant (\forall int y; 0 <= y && y < x; \old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving)
        //@     ==> proposal[y] == null && queuedAt[y] == NOT_QUEUED);
        //@ loop_invariant (\forall int y; 0 <= y && y < x; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving))
        //@     ==> proposal[y] == \old(proposal[y]));
        //-RAC@ loop_invariant (\forall int y; 0 <= y && y < x; !(\old(proposal[y]) != null && (\old(proposal[y]).nonce == pn || y == leaving))
        //-RAC@     ==> queuedAt[y] == \old(queuedAt[y]));
        //@ loop_invariant (\forall int y; x <= y && y < n; proposal[y] == \old(proposal[y]));
        //-RAC@ loop_invariant (\forall int y; x <= y && y < n; queuedAt[y] == \old(queuedAt[y]));
        //@ decreases n - x;
        for (int x = 0; x < n; x++) {
            if (proposal[x] != null && (proposal[x].nonce() == pn || x == leaving)) {
                clearSlot(x);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Cancel(s)

    /**
     * Cancel(s): a Cancel proposal for the next nonce with a quorum consumes the nonce at once
     * (no timelock); every proposal for it is dropped.  Refusals: NO_PROPOSAL,
     * NOT_A_CANCELLATION, WRONG_CHAIN, NOT_NEXT_NONCE, NO_QUORUM, NONCE_EXHAUSTED (first: s).
     */
    /*@ public normal_behavior
      @   requires canCancel(s);
      @*/
    //-RAC@   assignable nonce, proposal[*], queuedAt[*];
    /*@
      @   ensures nonce == \old(nonce) + 1;
      @   ensures (\forall int x; 0 <= x && x < n; \old(proposal[x]) != null && \old(proposal[x]).nonce == \old(nonce) ==> proposal[x] == null);
      @ also public exceptional_behavior
      @   requires !canCancel(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void cancel(int s) throws GovernanceException {
        Reason refusal = cancelRefusal(s);
        //@ split
        if (refusal != null) {
            throw new GovernanceException(refusal, s, nonce);
        }
        // Retire(p) with the nonce step: p is for the current nonce, and a Cancel has no leaving owner
        advance(-1);
    }

    /*@ public normal_behavior
      @   requires proposal != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires 1 <= n && n <= MAX_KEYS && proposal.length == n && approvedGen.length == n;
      @   requires ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures \result <==> cancelRefusal(s) == null;
      @ pure helper
      @*/
    public boolean canCancel(int s) {
        return cancelRefusal(s) == null;
    }

    /*@ public normal_behavior
      @   requires proposal != null && approvedGen != null && ownerGen != null && owner != null;
      @   requires 1 <= n && n <= MAX_KEYS && proposal.length == n && approvedGen.length == n;
      @   requires ownerGen.length == n && owner.length == n;
      @   requires 0 <= s && s < n ==> approvedGen[s] != null && approvedGen[s].length == n;
      @   ensures (\result == null) <==> (0 <= s && s < n && proposal[s] != null
      @        && proposal[s].kind() == Payload.CANCEL && proposal[s].chainId == chainId && proposal[s].nonce == nonce
      @        && approvalCount(s) >= threshold && nonce < MAX_NONCE);
      @ pure helper
      @*/
    public /*@ nullable @*/ Reason cancelRefusal(int s) {
        if (s < 0 || s >= n || proposal[s] == null) {
            return Reason.NO_PROPOSAL;
        }
        Proposal p = proposal[s];
        if (p.kind() != Payload.CANCEL) {
            return Reason.NOT_A_CANCELLATION;
        }
        if (p.chainId() != chainId) {
            return Reason.WRONG_CHAIN;
        }
        if (p.nonce() != nonce) {
            return Reason.NOT_NEXT_NONCE;
        }
        if (approvalCount(s) < threshold) {
            return Reason.NO_QUORUM;
        }
        return nonce < MAX_NONCE ? null : Reason.NONCE_EXHAUSTED;
    }

    // ------------------------------------------------------------------------------------------
    // EndBlock

    /**
     * EndBlock: the block boundary; the height advances (so every queued proposal has waited one
     * more block) and a pending parameter change takes effect.  Refusal: LAST_BLOCK.
     */
    /*@ public normal_behavior
      @   requires canEndBlock();
      @   assignable height, imBps, mmBps, feeBps, pendingSet, pendingImBps, pendingMmBps, pendingFeeBps;
      @   ensures height == \old(height) + 1 && !pendingSet;
      @   ensures \old(pendingSet) ==> imBps == \old(pendingImBps) && mmBps == \old(pendingMmBps) && feeBps == \old(pendingFeeBps);
      @   ensures !\old(pendingSet) ==> imBps == \old(imBps) && mmBps == \old(mmBps) && feeBps == \old(feeBps);
      @ also public exceptional_behavior
      @   requires !canEndBlock();
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void endBlock() throws GovernanceException {
        Reason refusal = endBlockRefusal();
        if (refusal != null) {
            throw new GovernanceException(refusal, height, MAX_HEIGHT);
        }
        height = height + 1;
        if (pendingSet) {
            imBps = pendingImBps;
            mmBps = pendingMmBps;
            feeBps = pendingFeeBps;
            pendingSet = false;
            pendingImBps = 0;
            pendingMmBps = 0;
            pendingFeeBps = 0;
        }
    }

    //@ public normal_behavior
    //@   ensures \result <==> endBlockRefusal() == null;
    //@ pure
    public boolean canEndBlock() {
        return endBlockRefusal() == null;
    }

    //@ public normal_behavior
    //@   ensures (\result == null) <==> height < MAX_HEIGHT;
    //@ pure
    public /*@ nullable @*/ Reason endBlockRefusal() {
        return height < MAX_HEIGHT ? null : Reason.LAST_BLOCK;
    }

    // ------------------------------------------------------------------------------------------
    // FundFlow(d)

    /**
     * FundFlow(d): the environment -- the margin engine pays fees into the insurance fund or
     * covers a deficit from it (which may take it below the floor).  Refusal: FUND_OUT_OF_RANGE
     * (first: d, second: the fund).
     */
    /*@ public normal_behavior
      @   requires canFundFlow(d);
      @   assignable fund;
      @   ensures fund == \old(fund) + d;
      @ also public exceptional_behavior
      @   requires !canFundFlow(d);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public void fundFlow(long d) throws GovernanceException {
        Reason refusal = fundFlowRefusal(d);
        if (refusal != null) {
            throw new GovernanceException(refusal, d, fund);
        }
        fund = fund + d;
    }

    //@ public normal_behavior
    //@   requires 0 <= fund && fund <= maxFund && maxFund <= MAX_FUND;
    //@   ensures \result <==> fundFlowRefusal(d) == null;
    //@ pure helper
    public boolean canFundFlow(long d) {
        return fundFlowRefusal(d) == null;
    }

    //@ public normal_behavior
    //@   requires 0 <= fund && fund <= maxFund && maxFund <= MAX_FUND;
    //@   ensures (\result == null) <==> (-MAX_FUND <= d && d <= MAX_FUND && -fund <= d && d <= maxFund - fund);
    //@ pure helper
    public /*@ nullable @*/ Reason fundFlowRefusal(long d) {
        if (d < -MAX_FUND || d > MAX_FUND) {
            return Reason.FUND_OUT_OF_RANGE;
        }
        // 0 <= fund + d <= maxFund, written without the sum (fund + d can reach 2^63)
        return -fund <= d && d <= maxFund - fund ? null : Reason.FUND_OUT_OF_RANGE;
    }

    // ------------------------------------------------------------------------------------------
    // Queries

    //@ public normal_behavior
    //@   ensures \result == params;
    //@ pure
    public GovernanceParams params() {
        return params;
    }

    //@ public normal_behavior
    //@   ensures \result == n;
    //@ pure
    public int keys() {
        return n;
    }

    //@ public normal_behavior
    //@   ensures \result == (0 <= k && k < n && owner[k]);
    //@ pure
    public boolean isOwner(int k) {
        return 0 <= k && k < n && owner[k];
    }

    //@ public normal_behavior
    //@   ensures \result == ownerCount;
    //@ pure
    public int ownerCount() {
        return ownerCount;
    }

    /** The owners, ascending (ownerCount of them: |owners|). */
    //@ public normal_behavior
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == ownerCount;
    //@   ensures (\forall int i; 0 <= i && i < \result.length; 0 <= \result[i] && \result[i] < n);
    //@ pure
    public int /*@ non_null @*/ [] owners() {
        int[] out = new int[ownerCount];
        int i = 0;
        //@ loop_invariant 0 <= k && k <= n && 0 <= i && i <= out.length && out.length == ownerCount;
        //@ loop_invariant (\forall int j; 0 <= j && j < out.length; 0 <= out[j] && out[j] < n);
        //@ decreases n - k;
        for (int k = 0; k < n; k++) {
            if (owner[k] && i < out.length) {
                out[i] = k;
                i = i + 1;
            }
        }
        return out;
    }

    //@ public normal_behavior
    //@   ensures \result == threshold;
    //@ pure
    public int threshold() {
        return threshold;
    }

    //@ public normal_behavior
    //@   ensures \result == nonce;
    //@ pure
    public long nonce() {
        return nonce;
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    /** The open proposal of key s, or null (also for s out of range). */
    //@ public normal_behavior
    //@   ensures \result == (0 <= s && s < n ? proposal[s] : null);
    //@ pure
    public /*@ nullable @*/ Proposal proposalOf(int s) {
        return 0 <= s && s < n ? proposal[s] : null;
    }

    /** k is in approvals[s]: slot s is open and k's entry was recorded under k's current generation. */
    //@ public normal_behavior
    //@   ensures \result == (0 <= s && s < n && 0 <= k && k < n && proposal[s] != null && approvedGen[s][k] == ownerGen[k]);
    //@ pure
    public boolean hasApproved(int s, int k) {
        return 0 <= s && s < n && 0 <= k && k < n && proposal[s] != null && approvedGen[s][k] == ownerGen[k];
    }

    /** The height at which the proposal of s was queued, or NOT_QUEUED. */
    //@ public normal_behavior
    //@   ensures \result == (0 <= s && s < n ? queuedAt[s] : NOT_QUEUED);
    //@ pure
    public long queuedAt(int s) {
        return 0 <= s && s < n ? queuedAt[s] : NOT_QUEUED;
    }

    /** The spec's waited[s]: -1 if not queued, else the blocks since queueing capped at Delay. */
    /*@ public normal_behavior
      @   requires 0 <= s && s < n;
      @   ensures queuedAt[s] == NOT_QUEUED ==> \result == -1;
      @   ensures queuedAt[s] != NOT_QUEUED ==> \result == (height - queuedAt[s] < delay ? height - queuedAt[s] : delay);
      @ pure
      @*/
    public long waited(int s) {
        if (queuedAt[s] == NOT_QUEUED) {
            return -1;
        }
        long w = height - queuedAt[s];
        return w < delay ? w : delay;
    }

    //@ public normal_behavior
    //@   ensures \result == imBps;
    //@ pure helper
    public long imBps() {
        return imBps;
    }

    //@ public normal_behavior
    //@   ensures \result == mmBps;
    //@ pure helper
    public long mmBps() {
        return mmBps;
    }

    //@ public normal_behavior
    //@   ensures \result == feeBps;
    //@ pure helper
    public long feeBps() {
        return feeBps;
    }

    //@ public normal_behavior
    //@   ensures \result == pendingSet;
    //@ pure helper
    public boolean hasPendingParams() {
        return pendingSet;
    }

    //@ public normal_behavior
    //@   ensures \result == pendingImBps;
    //@ pure
    public long pendingImBps() {
        return pendingImBps;
    }

    //@ public normal_behavior
    //@   ensures \result == pendingMmBps;
    //@ pure
    public long pendingMmBps() {
        return pendingMmBps;
    }

    //@ public normal_behavior
    //@   ensures \result == pendingFeeBps;
    //@ pure
    public long pendingFeeBps() {
        return pendingFeeBps;
    }

    //@ public normal_behavior
    //@   ensures \result == fund;
    //@ pure helper
    public long fund() {
        return fund;
    }

    //@ public normal_behavior
    //@   ensures \result == stake.length;
    //@ pure
    public int reporters() {
        return stake.length;
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r < stake.length;
    //@   ensures \result == stake[r];
    //@ pure
    public long stakeOf(int r) {
        return stake[r];
    }

    /** A copy of the stake vector. */
    //@ public normal_behavior
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == stake.length;
    //@   ensures (\forall int r; 0 <= r && r < stake.length; \result[r] == stake[r]);
    //@ pure
    public long /*@ non_null @*/ [] stakes() {
        long[] out = new long[stake.length];
        //@ loop_invariant 0 <= r && r <= stake.length && out.length == stake.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < r; out[j] == stake[j]);
        //@ decreases stake.length - r;
        for (int r = 0; r < stake.length; r++) {
            out[r] = stake[r];
        }
        return out;
    }
}
