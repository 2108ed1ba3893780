package dev.bulwark.ledger;

import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceException;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.ledger.state.AppHash;
import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginException;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleException;

/**
 * The Bulwark ledger: one replica's application, the Java image of spec/ledger/LedgerApp.tla.
 * A decided block goes in, result codes and the new app hash come out; deterministic, no I/O,
 * no clocks, no threads.  One method per function of the spec:
 *
 * <pre>
 *   LedgerApp.tla                      Ledger
 *   ApplyBlock(s, b)                   apply(Block)            (frame checks, then the three below)
 *   [s EXCEPT !.codes = &lt;&lt;&gt;&gt;]          beginBlock()
 *   ApplyTx(s, t)                      applyTx(Transaction)
 *     GovAllows / GovEffect            govPropose, govApprove, govRetract, govQueue, govExecute,
 *                                      govCancel               (one per governance transaction)
 *   EndBlock(s)                        endBlock()              (the five below, then advanceHeight())
 *   GovEndBlock(s)                     govEndBlock()
 *   CloseAggregate(s)                  closeAggregate()
 *   CloseAdvance(s)                    closeAdvance()
 *   LiquidationPass(m)                 liquidationPass()
 *   DeleverageStep(m, a)               deleverageStep(a)       (DeleverageTarget: deleverageTarget(a))
 *   BackstopStep(m, a)                 backstopStep(a)         (BackstopLots: backstopLots(a))
 * </pre>
 *
 * <p>Abstraction function (Java -&gt; the spec's state record {@code [m, o, nonce, height, codes,
 * exec]}): account id i is the spec's account i + 1 (ids in creation order; the pass's order);
 * {@code m} is the margin engine restricted to the registered accounts (its arrays may be longer:
 * the unregistered tail is zero, flat, and inert), {@code o} the oracle (its truePrice is the
 * spec's constant LedgerTruePrice), {@code nonce} the accounts' nonces and the reporters'
 * ({@link #nonce}, {@link #reporterNonce}), {@code height} and {@code codes} the fields of the
 * same names ({@link #result}); {@code exec} is a history variable (how often each model
 * transaction was executed), not held: it is a function of the codes of the blocks applied.
 *
 * <p>The nonce rule (LedgerApp's header): a transaction is admissible when it is well formed,
 * names this chain, a known signer of its kind and every signer's next nonce; an inadmissible one
 * changes nothing; an admissible one advances its signers' nonces and is then applied or refused
 * by the margin or oracle rule.  Accounts are created by the ledger: an admissible first deposit
 * (nonce 1) from a key that is neither an account nor a reporter registers the key with the next
 * id, up to {@link LedgerConfig#maxAccounts()} (beyond: {@link TxCode#ACCOUNT_LIMIT}).
 *
 * <p>Coupling with the margin engine and the oracle is confined to this class: it calls their
 * public actions and queries only (and MarginEngine.rebuilt, proved, to grow the engine's arrays
 * by doubling as accounts are created and to apply governance's rate changes and fund withdrawals).
 *
 * <p>Refusals of a call as a whole (a malformed block, a bad account id, a bad state to load)
 * throw {@link LedgerException} and leave the ledger unchanged.  Not thread-safe.
 */
public final class Ledger {
    /** Bound on the height (blocks applied): height + 1 never overflows. */
    public static final long MAX_HEIGHT = Long.MAX_VALUE - 1;
    /**
     * Smallest capacity of the engine's arrays: above governance's bound on keys (Governance.MAX_KEYS,
     * 64), so that no per-account array has the length of an approval row (the distinct-array
     * invariants below).  A literal: OpenJML 0.17 stops with an internal error on the genesis
     * constructor when it is written as {@code 2 * Governance.MAX_KEYS} (KeyIndexTest checks the relation).
     */
    public static final int MIN_CAPACITY = 128;

    //@ spec_public
    private final LedgerConfig config;
    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final int backstop;
    //@ spec_public
    private final int maxAccounts;
    //@ spec_public
    private MarginEngine engine;
    //@ spec_public
    private Oracle oracle;
    //@ spec_public
    private final KeyIndex accounts;
    //@ spec_public
    private final KeyIndex reporters;
    /** nonce[a]: account a's last executed nonce (0 before its first). */
    //@ spec_public
    private long[] nonce;
    //@ spec_public
    private final long[] reporterNonce;
    //@ spec_public
    private long height;
    /** codes: the results of the current (or last) block, codes[0..codeCount-1] (grows to Block.MAX_TXS). */
    //@ spec_public
    private TxResult[] codes;
    //@ spec_public
    private int codeCount;
    /**
     * The accounts whose hashed fields changed since the last app hash, each once:
     * dirty[0..dirtyCount-1].  dirty is a permutation of the ids 0..length-1 and dirtyAt its
     * inverse (dirty[dirtyAt[a]] == a), so account a is changed iff dirtyAt[a] &lt; dirtyCount.
     * Marking an unchanged a swaps it into position dirtyCount: its own position is the room
     * (dirtyCount &lt;= dirtyAt[a] &lt; length), so no count of the marks is needed to show that
     * the list has room.  The app hash reads the list in order and clears it by dirtyCount = 0.
     */
    //@ spec_public
    private int[] dirty;
    //@ spec_public
    private int[] dirtyAt;
    //@ spec_public
    private int dirtyCount;
    /** The liquidation pass's workspace: scan output, ids to revisit, the account being visited. */
    //@ spec_public
    private int[] scanBuf;
    //@ spec_public
    private final IdQueue pending;
    private int passCursor;
    /** Events of the current block, for its BlockResult (not state: neither hashed nor snapshotted). */
    //@ spec_public
    private int blockDeleverages;
    //@ spec_public
    private int blockBackstops;
    /**
     * The app-hash tree (dev.bulwark.ledger.state, outside the verified core).  A helper field: the
     * prover does not assume, at the entry of every method, the type and nullness facts of its
     * class's fields (SHA-256 digests: three types more in every proof), which no contract reads.
     */
    //@ helper
    private final AppHash tree;
    /** Governance (LedgerApp's g; null for a ledger without governance): its fund mirrors the engine's insurance. */
    //@ spec_public nullable
    private Governance gov;
    /** The governance key registry (index = the core's key index) and each key's last executed nonce. */
    //@ spec_public
    private final KeyIndex govKeys;
    //@ spec_public
    private final long[] govNonce;

    //@ public invariant config != null && engine != null && oracle != null && accounts != null && reporters != null;
    //@ public invariant 1 <= accounts.size && accounts.size <= maxAccounts && maxAccounts <= MarginEngine.MAX_ACCOUNTS;
    /*
     * The next three name the engine's and the oracle's arrays through another object (the prover's
     * text, //-RAC@).  OpenJML's runtime checker fails inside (a null method at the class level)
     * on such a select of a non-null field in a class invariant, so the checker reads the same
     * lengths through the proved accessors accounts() (== collateral.length) and reporters()
     * (== reports.length), //+RAC@.  A change to one text must change the other.
     */
    //-RAC@ public invariant accounts.size <= engine.collateral.length;
    //+RAC@ public invariant accounts.size <= engine.accounts();
    //-RAC@ public invariant nonce != null && nonce.length == engine.collateral.length;
    //+RAC@ public invariant nonce != null && nonce.length == engine.accounts();
    //@ public invariant (\forall int k; 0 <= k && k < nonce.length; 0 <= nonce[k] && nonce[k] <= Transaction.MAX_NONCE);
    //-RAC@ public invariant reporterNonce != null && reporterNonce.length == oracle.reports.length;
    //+RAC@ public invariant reporterNonce != null && reporterNonce.length == oracle.reporters();
    //@ public invariant (\forall int k; 0 <= k && k < reporterNonce.length; 0 <= reporterNonce[k] && reporterNonce[k] <= Transaction.MAX_NONCE);
    // a reporter's index (reporters.indexOf, below reporters.size) names its nonce: the report rule writes reporterNonce[r]
    //@ public invariant reporters.size <= reporterNonce.length;
    //@ public invariant 0 <= backstop && backstop < accounts.size;
    //@ public invariant 0 <= height && height <= MAX_HEIGHT;
    //@ public invariant codes != null && codes.length <= Block.MAX_TXS && 0 <= codeCount && codeCount <= codes.length;
    //@ public invariant dirty != null && dirtyAt != null && dirty.length == nonce.length && dirtyAt.length == nonce.length;
    //@ public invariant 0 <= dirtyCount && dirtyCount <= dirty.length;
    //@ public invariant nonce.length >= MIN_CAPACITY && scanBuf != null && scanBuf.length == nonce.length;
    //@ public invariant (\forall int a; 0 <= a && a < dirtyAt.length; 0 <= dirtyAt[a] && dirtyAt[a] < dirty.length && dirty[dirtyAt[a]] == a);
    //@ public invariant (\forall int p; 0 <= p && p < dirty.length; 0 <= dirty[p] && dirty[p] < dirtyAt.length && dirtyAt[dirty[p]] == p);
    //@ public invariant govKeys != null && govNonce != null && govNonce.length == govKeys.size;
    //@ public invariant (\forall int k; 0 <= k && k < govNonce.length; 0 <= govNonce[k] && govNonce[k] <= Transaction.MAX_NONCE);
    //@ public invariant gov == null <==> govNonce.length == 0;
    /*
     * Distinct arrays.  Every array the ledger or an object it holds writes is none of the arrays
     * of the same type whose entries some invariant of these objects reads (each is allocated by
     * its own constructor or growth step), so that a store into one of them (a nonce, the
     * changed-account list, the oracle's reports, the engine's balances) leaves the others' invariants
     * as they were.  The verifier knows nothing of this otherwise (the fresh-array fact of
     * proofs/openjml/examples/FreshRows.java); without it each such store leaves it unable to
     * re-establish the other objects' invariants.  Grouped by element type: long[], int[],
     * boolean[], AccountKey[] (arrays of different types are distinct anyway).
     *
     * <p>Governance's approval rows ({@code gov.approvedGen[s]}, int[]) are entries of an array,
     * and the verifier knows of no array entry that it was allocated before a call, so a fresh
     * array (a key index's or the changed-account list's after growth) could not be shown to be
     * none of them.  Their length tells them apart instead: a row holds one entry per governance
     * key (at most Governance.MAX_KEYS), and every per-account array and every key index's table
     * is longer (MIN_CAPACITY, KeyIndex.MIN_CAPACITY).
     *
     * <p>These are the prover's alone ({@code //-RAC@}).  OpenJML's runtime checker fails inside
     * (a null method at the class level) on a class invariant that selects a non-null field through
     * another object, as every one of these does ({@code engine.collateral}); and at run time they
     * hold by construction (each array is allocated by its owner and handed to no other).
     */
    //-RAC@ public invariant nonce != reporterNonce && nonce != govNonce && reporterNonce != govNonce;
    //-RAC@ public invariant nonce != engine.collateral && nonce != engine.position && nonce != engine.scanFlags;
    //-RAC@ public invariant reporterNonce != engine.collateral && reporterNonce != engine.position && reporterNonce != engine.scanFlags;
    //-RAC@ public invariant govNonce != engine.collateral && govNonce != engine.position && govNonce != engine.scanFlags;
    //-RAC@ public invariant oracle.reports != nonce && oracle.reports != reporterNonce && oracle.reports != govNonce;
    //-RAC@ public invariant oracle.rel != nonce && oracle.rel != reporterNonce && oracle.rel != govNonce;
    //-RAC@ public invariant oracle.stake != nonce && oracle.stake != reporterNonce && oracle.stake != govNonce;
    //-RAC@ public invariant oracle.reports != engine.collateral && oracle.reports != engine.position && oracle.reports != engine.scanFlags;
    //-RAC@ public invariant oracle.rel != engine.collateral && oracle.rel != engine.position && oracle.rel != engine.scanFlags;
    //-RAC@ public invariant oracle.stake != engine.collateral && oracle.stake != engine.position && oracle.stake != engine.scanFlags;
    /*-RAC@ public invariant gov != null ==> nonce != gov.stake && nonce != gov.queuedAt && reporterNonce != gov.stake
      @     && reporterNonce != gov.queuedAt && govNonce != gov.stake && govNonce != gov.queuedAt;
      @ public invariant gov != null ==> engine.collateral != gov.stake && engine.collateral != gov.queuedAt
      @     && engine.position != gov.stake && engine.position != gov.queuedAt
      @     && engine.scanFlags != gov.stake && engine.scanFlags != gov.queuedAt;
      @ public invariant gov != null ==> oracle.reports != gov.stake && oracle.reports != gov.queuedAt
      @     && oracle.rel != gov.stake && oracle.rel != gov.queuedAt && oracle.stake != gov.stake && oracle.stake != gov.queuedAt;
      @*/
    //-RAC@ public invariant dirty != dirtyAt && dirty != scanBuf && dirtyAt != scanBuf;
    //-RAC@ public invariant dirty != accounts.bucketOf && dirty != accounts.next && dirty != accounts.head;
    //-RAC@ public invariant dirty != reporters.bucketOf && dirty != reporters.next && dirty != reporters.head;
    //-RAC@ public invariant dirty != govKeys.bucketOf && dirty != govKeys.next && dirty != govKeys.head;
    //-RAC@ public invariant dirtyAt != accounts.bucketOf && dirtyAt != accounts.next && dirtyAt != accounts.head;
    //-RAC@ public invariant dirtyAt != reporters.bucketOf && dirtyAt != reporters.next && dirtyAt != reporters.head;
    //-RAC@ public invariant dirtyAt != govKeys.bucketOf && dirtyAt != govKeys.next && dirtyAt != govKeys.head;
    //-RAC@ public invariant scanBuf != accounts.bucketOf && scanBuf != accounts.next && scanBuf != accounts.head;
    //-RAC@ public invariant scanBuf != reporters.bucketOf && scanBuf != reporters.next && scanBuf != reporters.head;
    //-RAC@ public invariant scanBuf != govKeys.bucketOf && scanBuf != govKeys.next && scanBuf != govKeys.head;
    /*-RAC@ public invariant gov != null ==> dirty != gov.ownerGen && dirtyAt != gov.ownerGen && scanBuf != gov.ownerGen
      @     && (\forall int s; 0 <= s && s < gov.approvedGen.length;
      @             gov.approvedGen[s] != dirty && gov.approvedGen[s] != dirtyAt && gov.approvedGen[s] != scanBuf);
      @*/
    //-RAC@ public invariant accounts.bucketOf != reporters.bucketOf && accounts.bucketOf != reporters.next && accounts.bucketOf != reporters.head;
    //-RAC@ public invariant accounts.next != reporters.bucketOf && accounts.next != reporters.next && accounts.next != reporters.head;
    //-RAC@ public invariant accounts.head != reporters.bucketOf && accounts.head != reporters.next && accounts.head != reporters.head;
    //-RAC@ public invariant accounts.bucketOf != govKeys.bucketOf && accounts.bucketOf != govKeys.next && accounts.bucketOf != govKeys.head;
    //-RAC@ public invariant accounts.next != govKeys.bucketOf && accounts.next != govKeys.next && accounts.next != govKeys.head;
    //-RAC@ public invariant accounts.head != govKeys.bucketOf && accounts.head != govKeys.next && accounts.head != govKeys.head;
    /*-RAC@ public invariant gov != null ==> gov.ownerGen != accounts.bucketOf && gov.ownerGen != accounts.next && gov.ownerGen != accounts.head
      @     && gov.ownerGen != reporters.bucketOf && gov.ownerGen != reporters.next && gov.ownerGen != reporters.head
      @     && gov.ownerGen != govKeys.bucketOf && gov.ownerGen != govKeys.next && gov.ownerGen != govKeys.head;
      @ public invariant gov != null ==> (\forall int s; 0 <= s && s < gov.approvedGen.length;
      @     gov.approvedGen[s] != accounts.bucketOf && gov.approvedGen[s] != accounts.next && gov.approvedGen[s] != accounts.head
      @     && gov.approvedGen[s] != reporters.bucketOf && gov.approvedGen[s] != reporters.next && gov.approvedGen[s] != reporters.head
      @     && gov.approvedGen[s] != govKeys.bucketOf && gov.approvedGen[s] != govKeys.next && gov.approvedGen[s] != govKeys.head);
      @*/
    //-RAC@ public invariant oracle.evidenced != pending.mark;
    //-RAC@ public invariant accounts.byIndex != reporters.byIndex && accounts.byIndex != govKeys.byIndex && reporters.byIndex != govKeys.byIndex;
    //-RAC@ public invariant gov != null ==> pending.mark != gov.owner && oracle.evidenced != gov.owner;

    // ------------------------------------------------------------------------------------------
    // Construction

    /**
     * Genesis (LedgerApp's Genesis): the genesis accounts registered in order with zero balances
     * and nonces, the oracle at its initial state, the market halted (no price yet), height 0,
     * no codes.
     */
    /*@ public normal_behavior
      @   requires config != null;
      @   ensures height == 0 && codeCount == 0 && accounts.size == config.genesisAccounts.length;
      @   ensures engine.halted;
      @ also public exceptional_behavior
      @   requires config == null;
      @   signals_only LedgerException;
      @*/
    public Ledger(LedgerConfig config) throws LedgerException {
        this(checked(config), capacityFor(config.genesisAccountCount()), new Oracle(config.oracle()));
        MarginEngine e = new MarginEngine(config.margin(), nonce.length, config.initialPrice());
        e.halt();
        this.engine = e;
        if (config.governance() != null) {
            try {
                this.gov = new Governance(config.governance(), config.initialOwners(), config.initialThreshold(),
                        config.margin().imBps, config.margin().mmBps, config.margin().feeBps, 0,
                        config.oracle().stakes());
            } catch (GovernanceException x) {
                throw new LedgerException(Reason.INVALID_CONFIG, 8, x.reason().ordinal());
            }
        }
    }

    /**
     * The common part of genesis and fromState: everything but the engine and governance, with the
     * genesis accounts registered (ids 0.. in the config's order, each changed since the last app
     * hash, as register leaves them).  A helper: the ledger's invariants hold only once the caller
     * has set the engine and governance, so no method of the ledger is called before then (the
     * runtime checker checks the invariants at every such call).
     */
    /*@ private normal_behavior
      @   requires config != null && oracle != null && config.genesisAccounts.length <= capacity && MIN_CAPACITY <= capacity;
      @   ensures accounts.size == config.genesisAccounts.length && nonce.length == capacity && scanBuf.length == capacity;
      @   ensures reporters.size <= reporterNonce.length;
      @   ensures height == 0 && codeCount == 0 && engine == null && gov == null;
      @*/
    /*@ skipesc helper @*/
    private Ledger(LedgerConfig config, int capacity, Oracle oracle) {
        this.config = config;
        this.chainId = config.chainId();
        this.backstop = config.backstop();
        this.maxAccounts = config.maxAccounts();
        this.oracle = oracle;
        this.accounts = new KeyIndex(capacity);
        this.reporters = new KeyIndex(config.reporterCount());
        for (int r = 0; r < config.reporterCount(); r++) {
            reporters.add(config.reporter(r));
        }
        this.nonce = new long[capacity];
        this.reporterNonce = new long[config.reporterCount()];
        this.codes = new TxResult[16];
        this.dirty = new int[capacity];
        this.dirtyAt = new int[capacity];
        unchangedFrom(dirty, dirtyAt, 0);
        for (int i = 0; i < config.genesisAccountCount(); i++) {
            accounts.add(config.genesisAccount(i));
        }
        this.dirtyCount = config.genesisAccountCount();
        this.scanBuf = new int[capacity];
        this.pending = new IdQueue();
        this.passCursor = -1;
        this.tree = new AppHash();
        this.govKeys = new KeyIndex(Math.max(1, config.governanceKeyCount()));
        for (int k = 0; k < config.governanceKeyCount(); k++) {
            govKeys.add(config.governanceKey(k));
        }
        this.govNonce = new long[config.governanceKeyCount()];
    }

    /**
     * A deep copy: an independent ledger in the same state (app-hash tree included).  The arrays
     * are copied by the proved {@code grownCopy}s: OpenJML's runtime checker cannot compile an
     * array's {@code clone()}, and a constructor cannot be left uninstrumented.
     */
    /*@ skipesc @*/
    private Ledger(Ledger o) {
        this.config = o.config;
        this.chainId = o.chainId;
        this.backstop = o.backstop;
        this.maxAccounts = o.maxAccounts;
        this.engine = o.engine.rebuilt(o.engine.params(), o.engine.accounts(), o.engine.insurance(), o.engine.netDeposits());
        this.oracle = o.oracle.copy();
        this.accounts = o.accounts.copy();
        this.reporters = o.reporters;   // never changes after construction
        this.nonce = grownCopy(o.nonce, o.nonce.length);
        this.reporterNonce = grownCopy(o.reporterNonce, o.reporterNonce.length);
        this.height = o.height;
        TxResult[] c = new TxResult[Math.max(16, o.codeCount)];
        // a loop over the results, not Arrays.copyOf: OpenJML's runtime checker cannot evaluate that
        // method's postconditions (and takes the null entries past the results for a contract violation)
        for (int i = 0; i < o.codeCount; i++) {
            c[i] = o.codes[i];
        }
        this.codes = c;
        this.codeCount = o.codeCount;
        this.dirty = grownCopy(o.dirty, o.dirty.length);
        this.dirtyAt = grownCopy(o.dirtyAt, o.dirtyAt.length);
        this.dirtyCount = o.dirtyCount;
        this.scanBuf = new int[o.scanBuf.length];
        this.pending = new IdQueue();
        this.passCursor = -1;
        this.tree = o.tree.copy();
        this.gov = o.gov == null ? null : o.gov.copy();
        this.govKeys = o.govKeys;   // never changes after construction
        this.govNonce = grownCopy(o.govNonce, o.govNonce.length);
    }

    /** An independent copy of this ledger. */
    /*@ skipesc @*/
    public Ledger copy() {
        return new Ledger(this);
    }

    /*@ private normal_behavior
      @   requires config != null;
      @   ensures \result == config;
      @ also private exceptional_behavior
      @   requires config == null;
      @   signals_only LedgerException;
      @ pure
      @*/
    private static LedgerConfig checked(/*@ nullable @*/ LedgerConfig config) throws LedgerException {
        if (config == null) {
            throw new LedgerException(Reason.INVALID_CONFIG, 0, 0);
        }
        return config;
    }

    /** The engine's array length for n accounts: a power of two, at least MIN_CAPACITY. */
    //@ private normal_behavior
    //@   requires 1 <= n && n <= MarginEngine.MAX_ACCOUNTS;
    //@   ensures n <= \result && MIN_CAPACITY <= \result && \result <= MarginEngine.MAX_ACCOUNTS;
    //@ pure
    private static int capacityFor(int n) {
        int c = MIN_CAPACITY;
        //@ loop_invariant MIN_CAPACITY <= c && (c == MIN_CAPACITY || c < 2 * n);
        //@ decreases n - c;
        while (c < n) {
            c = c * 2;
        }
        return Math.min(c, MarginEngine.MAX_ACCOUNTS);
    }

    /**
     * Loads any state that satisfies the ledger's invariants (what a snapshot holds): the
     * accounts' keys in id order (the genesis accounts first, as in the config), their balances,
     * positions and nonces, the engine's globals, an oracle built with the config's oracle
     * params, the reporters' nonces, the height and the last block's results.  The arrays are
     * copied.  Refused with {@link Reason#INVALID_STATE} (first number: the check, second: the
     * offending index or value) when a length, a bound, a key (genesis keys changed, a duplicate,
     * a reporter's key), Margin's invariants (Conservation, OpenInterestBalanced, TypeOK) or
     * EnginePriceUsable (a running market's price is the oracle's usable price) fails.
     */
    /*@ skipesc @*/
    public static Ledger fromState(/*@ nullable @*/ LedgerConfig config, /*@ nullable @*/ AccountKey[] keys,
                                   /*@ nullable @*/ long[] collateral, /*@ nullable @*/ long[] position,
                                   /*@ nullable @*/ long[] nonces, long price, long insurance, long netDeposits,
                                   boolean halted, /*@ nullable @*/ Oracle oracle,
                                   /*@ nullable @*/ long[] reporterNonces, long height,
                                   /*@ nullable @*/ TxResult[] results)
            throws LedgerException {
        checked(config);
        /*@ nullable @*/ Governance g = null;
        if (config.governance() != null) {
            try {
                Governance g0 = new Governance(config.governance(), config.initialOwners(),
                        config.initialThreshold(), config.margin().imBps, config.margin().mmBps,
                        config.margin().feeBps, 0, config.oracle().stakes());
                g = genesisGovernanceAt(g0, height);
            } catch (GovernanceException x) {
                throw new LedgerException(Reason.INVALID_STATE, 11, x.reason().ordinal());
            }
        }
        return fromState(config, keys, collateral, position, nonces, price, insurance, netDeposits, halted, oracle,
                reporterNonces, height, results, g, new long[config.governanceKeyCount()]);
    }

    /** Genesis governance moved to a height (nothing queued, so only the block count changes). */
    /*@ skipesc @*/
    private static Governance genesisGovernanceAt(Governance g0, long height) throws GovernanceException {
        int n = g0.keys();
        boolean[] owners = new boolean[n];
        for (int k = 0; k < n; k++) {
            owners[k] = g0.isOwner(k);
        }
        long[] queued = new long[n];
        java.util.Arrays.fill(queued, Governance.NOT_QUEUED);
        return Governance.fromState(g0.params(), height, owners, g0.threshold(), 0, new Proposal[n],
                new boolean[n][n], queued, g0.imBps(), g0.mmBps(), g0.feeBps(), false, 0, 0, 0, 0, g0.stakes());
    }

    /**
     * fromState with governance's state (a ledger whose config has governance; the governance
     * height must be the ledger's, its stakes the oracle's) and the governance keys' nonces.  The
     * margin engine runs at governance's rates in force; governance's fund is set to the insurance.
     * Listed loader glue (skipesc); not instrumented for runtime checking either ({@code skiprac}):
     * with the checks of its calls inline it is longer than the JVM's 64 KiB per method (18,615
     * lines of checked code).  The methods it calls check their own contracts, and the loaded
     * ledger's invariants are checked at the first call on it.
     */
    /*@ skipesc skiprac @*/
    public static Ledger fromState(/*@ nullable @*/ LedgerConfig config, /*@ nullable @*/ AccountKey[] keys,
                                   /*@ nullable @*/ long[] collateral, /*@ nullable @*/ long[] position,
                                   /*@ nullable @*/ long[] nonces, long price, long insurance, long netDeposits,
                                   boolean halted, /*@ nullable @*/ Oracle oracle,
                                   /*@ nullable @*/ long[] reporterNonces, long height,
                                   /*@ nullable @*/ TxResult[] results, /*@ nullable @*/ Governance governance,
                                   /*@ nullable @*/ long[] govNonces)
            throws LedgerException {
        checked(config);
        if ((governance == null) != (config.governance() == null) || govNonces == null
                || govNonces.length != config.governanceKeyCount()) {
            throw new LedgerException(Reason.INVALID_STATE, 12, govNonces == null ? -1 : govNonces.length);
        }
        for (int k = 0; k < govNonces.length; k++) {
            if (govNonces[k] < 0 || govNonces[k] > Transaction.MAX_NONCE) {
                throw new LedgerException(Reason.INVALID_STATE, 13, k);
            }
        }
        MarginParams mp = config.margin();
        /*@ nullable @*/ Governance gv = null;
        if (governance != null) {
            if (governance.params() != config.governance() || governance.height() != height
                    || !java.util.Arrays.equals(governance.stakes(), oracle == null ? null : oracle.params().stakes())) {
                throw new LedgerException(Reason.INVALID_STATE, 14, height);
            }
            mp = marginAt(config.margin(), governance.imBps(), governance.mmBps(), governance.feeBps());
            gv = governance.copy();
        }
        if (keys == null || collateral == null || position == null || nonces == null || oracle == null
                || reporterNonces == null || results == null) {
            throw new LedgerException(Reason.INVALID_STATE, 0, 0);
        }
        int n = keys.length;
        if (n < config.genesisAccountCount() || n > config.maxAccounts() || collateral.length != n
                || position.length != n || nonces.length != n) {
            throw new LedgerException(Reason.INVALID_STATE, 1, n);
        }
        for (int i = 0; i < config.genesisAccountCount(); i++) {
            if (!config.genesisAccount(i).sameKey(keys[i])) {
                throw new LedgerException(Reason.INVALID_STATE, 2, i);
            }
        }
        if (!sameOracleParams(oracle.params(), config.oracle()) || reporterNonces.length != config.reporterCount()
                || (gv == null && !java.util.Arrays.equals(oracle.params().stakes(), config.oracle().stakes()))) {
            throw new LedgerException(Reason.INVALID_STATE, 3, reporterNonces.length);
        }
        for (int r = 0; r < reporterNonces.length; r++) {
            if (reporterNonces[r] < 0 || reporterNonces[r] > Transaction.MAX_NONCE) {
                throw new LedgerException(Reason.INVALID_STATE, 4, r);
            }
        }
        if (height < 0 || height > MAX_HEIGHT || results.length > Block.MAX_TXS) {
            throw new LedgerException(Reason.INVALID_STATE, 5, height);
        }
        int cap = capacityFor(n);
        Ledger l = new Ledger(config, cap, oracle.copy());
        long[] c = java.util.Arrays.copyOf(collateral, cap);
        long[] p = java.util.Arrays.copyOf(position, cap);
        try {
            l.engine = MarginEngine.fromState(mp, c, p, price, insurance, netDeposits, halted);
        } catch (MarginException e) {
            throw new LedgerException(Reason.INVALID_STATE, 6, e.reason().ordinal());
        }
        if (!halted && !(oracle.usable() && oracle.price() == price)) {
            throw new LedgerException(Reason.INVALID_STATE, 7, price);
        }
        l.gov = gv;   // the ledger is whole from here (the genesis accounts are the constructor's)
        int g = config.genesisAccountCount();
        for (int i = 0; i < n; i++) {
            AccountKey k = keys[i];
            // a genesis key is the config's (check 2), distinct from the other genesis keys and the reporters'
            if (i >= g && (k == null || l.accounts.indexOf(k) >= 0 || l.reporters.indexOf(k) >= 0)) {
                throw new LedgerException(Reason.INVALID_STATE, 8, i);
            }
            if (nonces[i] < 0 || nonces[i] > Transaction.MAX_NONCE) {
                throw new LedgerException(Reason.INVALID_STATE, 9, i);
            }
            if (i >= g) {
                l.register(k);
            }
            l.nonce[i] = nonces[i];
        }
        Ledger loaded = l;
        // loops, not System.arraycopy: its specification does not compile under OpenJML's runtime checker
        for (int r = 0; r < reporterNonces.length; r++) {
            loaded.reporterNonce[r] = reporterNonces[r];
        }
        loaded.height = height;
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                throw new LedgerException(Reason.INVALID_STATE, 10, i);
            }
            loaded.ensureCodes(i + 1);
            loaded.codes[i] = results[i];
            loaded.codeCount = i + 1;
        }
        if (gv != null) {
            if (loaded.syncFund() != null) {
                throw new LedgerException(Reason.INVALID_STATE, 15, insurance);
            }
            for (int k = 0; k < govNonces.length; k++) {
                loaded.govNonce[k] = govNonces[k];
            }
        }
        return loaded;
    }

    /** The config's oracle constants, stakes aside (governance changes the stakes). */
    /*@ private normal_behavior
      @   ensures \result <==> (a == b || (a.reporters() == b.reporters() && a.maxRel == b.maxRel
      @                && a.penalty == b.penalty && a.minPrice == b.minPrice && a.maxPrice == b.maxPrice
      @                && a.tol == b.tol && a.band == b.band && a.maxStep == b.maxStep && a.maxJump == b.maxJump
      @                && a.staleRounds == b.staleRounds && a.maxRound == b.maxRound));
      @ pure
      @*/
    private static boolean sameOracleParams(dev.bulwark.oracle.OracleParams a, dev.bulwark.oracle.OracleParams b) {
        return a == b || (a.reporters() == b.reporters() && a.maxRel == b.maxRel && a.penalty == b.penalty
                && a.minPrice == b.minPrice && a.maxPrice == b.maxPrice && a.tol == b.tol && a.band == b.band
                && a.maxStep == b.maxStep && a.maxJump == b.maxJump && a.staleRounds == b.staleRounds
                && a.maxRound == b.maxRound);
    }

    /** The config's margin constants with governance's rates (validated by LedgerConfig for every rate in bounds). */
    /*@ private normal_behavior
      @   requires m.imBps == im && m.mmBps == mm && m.feeBps == fee;
      @   ensures \result == m;
      @ also private normal_behavior
      @   requires !(m.imBps == im && m.mmBps == mm && m.feeBps == fee);
      @   requires MarginParams.valid(m.maxTradeLots, m.maxLots, m.maxCollateral, m.maxNetDeposits, m.minPrice,
      @                               m.maxPrice, m.maxPriceStep, im, mm, fee, m.bandBps, m.dustLots);
      @   ensures \result.imBps == im && \result.mmBps == mm && \result.feeBps == fee;
      @   ensures \result.maxTradeLots == m.maxTradeLots && \result.maxLots == m.maxLots
      @        && \result.maxCollateral == m.maxCollateral && \result.maxNetDeposits == m.maxNetDeposits
      @        && \result.minPrice == m.minPrice && \result.maxPrice == m.maxPrice
      @        && \result.maxPriceStep == m.maxPriceStep && \result.bandBps == m.bandBps && \result.dustLots == m.dustLots;
      @ also private exceptional_behavior
      @   requires !(m.imBps == im && m.mmBps == mm && m.feeBps == fee);
      @   requires !MarginParams.valid(m.maxTradeLots, m.maxLots, m.maxCollateral, m.maxNetDeposits, m.minPrice,
      @                                m.maxPrice, m.maxPriceStep, im, mm, fee, m.bandBps, m.dustLots);
      @   signals_only LedgerException;
      @ pure
      @*/
    private static MarginParams marginAt(MarginParams m, long im, long mm, long fee) throws LedgerException {
        if (m.imBps == im && m.mmBps == mm && m.feeBps == fee) {
            return m;
        }
        try {
            return new MarginParams(m.maxTradeLots, m.maxLots, m.maxCollateral, m.maxNetDeposits, m.minPrice,
                    m.maxPrice, m.maxPriceStep, im, mm, fee, m.bandBps, m.dustLots);
        } catch (MarginException x) {
            throw new LedgerException(Reason.INVALID_STATE, 16, mm);
        }
    }

    /**
     * Puts the ids from..list.length-1 at their own positions in the changed-account list and its
     * inverse (new ids: accounts not changed since the last app hash).  The earlier entries stay as
     * they were.
     */
    /*@ private normal_behavior
      @   requires list != null && at != null && list != at && list.length == at.length;
      @   requires 0 <= from && from <= list.length;
      @*/
    //-RAC@   assignable list[*], at[*];
    /*@
      @   ensures (\forall int i; 0 <= i && i < from; list[i] == \old(list[i]) && at[i] == \old(at[i]));
      @   ensures (\forall int i; from <= i && i < list.length; list[i] == i && at[i] == i);
      @ helper
      @*/
    private static void unchangedFrom(int[] list, int[] at, int from) {
        //@ loop_invariant from <= i && i <= list.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < from; list[j] == \old(list[j]) && at[j] == \old(at[j]));
        //@ loop_invariant (\forall int j; from <= j && j < i; list[j] == j && at[j] == j);
        //@ loop_modifies list[*], at[*];
        //@ decreases list.length - i;
        for (int i = from; i < list.length; i++) {
            list[i] = i;
            at[i] = i;
        }
    }

    /**
     * Registers a key with the next account id (zero balance, position and nonce), doubling the
     * engine's arrays when they are full.
     */
    /*@ private normal_behavior
      @   requires k != null && accounts.size < maxAccounts;
      @*/
    //-RAC@   assignable accounts.size, accounts.byIndex, accounts.byIndex[*], accounts.bucketOf, accounts.bucketOf[*],
    //-RAC@              accounts.next, accounts.next[*], accounts.head, accounts.head[*], engine, nonce, nonce[accounts.size], dirty, dirtyAt,
    //-RAC@              dirty[*], dirtyAt[*], dirtyCount, scanBuf;
    /*@
      @   ensures \result == \old(accounts.size) && accounts.size == \old(accounts.size) + 1;
      @*/
    private int register(AccountKey k) {
        int id = accounts.size();
        if (id == nonce.length) {
            grow();
        }
        accounts.add(k);
        nonce[id] = 0;
        markDirty(id);
        return id;
    }

    /**
     * Doubles the per-account arrays (the engine's, the nonces, the changed-account list and the
     * pass's workspace), up to MAX_ACCOUNTS: the new tail holds zero balances, positions and
     * nonces, and each new id is in its own place in the list, unchanged.
     */
    /*@ private normal_behavior
      @   requires accounts.size == nonce.length && nonce.length < maxAccounts;
      @   assignable engine, nonce, dirty, dirtyAt, scanBuf;
      @   ensures nonce.length > \old(nonce.length);
      @*/
    private void grow() {
        int cap = (int) Math.min(2L * nonce.length, MarginEngine.MAX_ACCOUNTS);
        engine = engine.grownTo(cap);
        nonce = grownCopy(nonce, cap);
        int old = dirty.length;
        dirty = grownCopy(dirty, cap);
        dirtyAt = grownCopy(dirtyAt, cap);
        unchangedFrom(dirty, dirtyAt, old);
        scanBuf = new int[cap];
    }

    /** a's entries in a fresh array of the given length, the tail zero (Arrays.copyOf has no specification the verifier knows). */
    /*@ private normal_behavior
      @   requires a != null && a.length <= length;
      @   ensures \result.length == length;
      @   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
      @   ensures (\forall int k; a.length <= k && k < length; \result[k] == 0);
      @*/
    //-RAC@ ensures \fresh(\result);
    //@ pure
    private static long[] grownCopy(long[] a, int length) {
        long[] r = new long[length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ loop_invariant (\forall int j; a.length <= j && j < length; r[j] == 0);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }

    /** As grownCopy(long[], int), for the changed-account list and its inverse. */
    /*@ private normal_behavior
      @   requires a != null && a.length <= length;
      @   ensures \result.length == length;
      @   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
      @   ensures (\forall int k; a.length <= k && k < length; \result[k] == 0);
      @*/
    //-RAC@ ensures \fresh(\result);
    //@ pure
    private static int[] grownCopy(int[] a, int length) {
        int[] r = new int[length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ loop_invariant (\forall int j; a.length <= j && j < length; r[j] == 0);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------
    // ApplyBlock

    /**
     * ApplyBlock(s, b): the block's frame is checked (chain, height = height + 1, a list without
     * nulls, at most {@link Block#MAX_TXS} transactions; else {@link LedgerException}, nothing
     * changed), then beginBlock, applyTx for each transaction in order, endBlock; returns the
     * results and the new app hash.
     */
    /*@ public normal_behavior
      @   requires validBlock(b) && height < MAX_HEIGHT;
      @   ensures height == \old(height) + 1 && codeCount == b.txs.length;
      @   ensures \result != null && \result.height == height;
      @ also public exceptional_behavior
      @   requires !validBlock(b) || height >= MAX_HEIGHT;
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public BlockResult apply(/*@ nullable @*/ Block b) throws LedgerException {
        checkBlock(b);
        if (height >= MAX_HEIGHT) {
            throw new LedgerException(Reason.HEIGHT_LIMIT, height, MAX_HEIGHT);
        }
        beginBlock();
        int n = b.size();
        //@ loop_invariant 0 <= i && i <= n && codeCount == i;
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            applyTx(b.tx(i));
        }
        endBlock();
        return new BlockResult(height, results(), appHash(), blockDeleverages, blockBackstops);
    }

    /** The block's frame: right chain, next height, a list of at most MAX_TXS non-null transactions. */
    /*@ public normal_behavior
      @   ensures \result <==> b != null && b.txs != null && b.chainId == chainId && b.height == height + 1
      @        && b.txs.length <= Block.MAX_TXS
      @        && (\forall int i; 0 <= i && i < b.txs.length; b.txs[i] != null);
      @ pure
      @*/
    public boolean validBlock(/*@ nullable @*/ Block b) {
        return blockRefusal(b) == null;
    }

    //@ private normal_behavior
    //@   ensures (\result == null) <==> (b != null && b.txs != null && b.chainId == chainId && b.height == height + 1
    //@        && b.txs.length <= Block.MAX_TXS && (\forall int i; 0 <= i && i < b.txs.length; b.txs[i] != null));
    //@ pure
    private /*@ nullable @*/ Reason blockRefusal(/*@ nullable @*/ Block b) {
        if (b == null || b.size() < 0) {
            return Reason.MALFORMED_BLOCK;
        }
        if (b.chainId() != chainId) {
            return Reason.WRONG_CHAIN;
        }
        if (b.height() != height + 1) {
            return Reason.BAD_HEIGHT;
        }
        if (b.size() > Block.MAX_TXS) {
            return Reason.OVERSIZED_BLOCK;
        }
        int n = b.size();
        //@ loop_invariant 0 <= i && i <= n && (\forall int j; 0 <= j && j < i; b.txs[j] != null);
        //@ decreases n - i;
        for (int i = 0; i < n; i++) {
            if (b.tx(i) == null) {
                return Reason.MALFORMED_BLOCK;
            }
        }
        return null;
    }

    /*@ private normal_behavior
      @   requires validBlock(b);
      @   assignable \nothing;
      @ also private exceptional_behavior
      @   requires !validBlock(b);
      @   assignable \nothing;
      @   signals_only LedgerException;
      @ pure
      @*/
    private void checkBlock(/*@ nullable @*/ Block b) throws LedgerException {
        /*@ nullable @*/ Reason r = blockRefusal(b);
        if (r != null) {
            throw new LedgerException(r, b == null ? -1 : b.size(), r == Reason.BAD_HEIGHT ? height + 1
                    : r == Reason.WRONG_CHAIN ? chainId : Block.MAX_TXS);
        }
    }

    /** [s EXCEPT !.codes = &lt;&lt;&gt;&gt;]: a new block starts with no results. */
    /*@ public normal_behavior
      @   assignable codeCount, blockDeleverages, blockBackstops;
      @   ensures codeCount == 0;
      @*/
    public void beginBlock() {
        codeCount = 0;
        blockDeleverages = 0;
        blockBackstops = 0;
    }

    // ------------------------------------------------------------------------------------------
    // ApplyTx

    /**
     * ApplyTx(s, t): the code of t (TxCode(s, t)), its effect, its nonces; the code is appended to
     * the block's results.  A rejected transaction (any code but APPLIED and REFUSED) changes
     * nothing but the results.  Refused as a call ({@link LedgerException}, nothing changed) for
     * a null transaction (MALFORMED) and when the block already holds {@link Block#MAX_TXS}
     * results (BLOCK_FULL).
     */
    /*@ public normal_behavior
      @   requires t != null && codeCount < Block.MAX_TXS;
      @   ensures codeCount == \old(codeCount) + 1 && codes[codeCount - 1] == \result && \result != null;
      @   ensures !\result.code.executed() ==> engine == \old(engine) && accounts.size == \old(accounts.size);
      @   ensures height == \old(height);
      @ also public exceptional_behavior
      @   requires t == null || codeCount >= Block.MAX_TXS;
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public TxResult applyTx(/*@ nullable @*/ Transaction t) throws LedgerException {
        if (t == null) {
            throw new LedgerException(Reason.MALFORMED, codeCount, 0);
        }
        if (codeCount >= Block.MAX_TXS) {
            throw new LedgerException(Reason.BLOCK_FULL, codeCount, Block.MAX_TXS);
        }
        TxResult r = execute(t);
        ensureCodes(codeCount + 1);
        codes[codeCount] = r;
        codeCount = codeCount + 1;
        return r;
    }

    /** TxCode(s, t) with its effect: Rejection first, then the rule. */
    private TxResult execute(Transaction t) {
        if (!t.wellFormed()) {
            return TxResult.MALFORMED;
        }
        if (t.chainId() != chainId) {
            return TxResult.WRONG_CHAIN;
        }
        // by class, not by the kind tag: each class has one tag (its type()), but the verifier cannot
        // know that no other class of the package has the same tag, so a cast by tag is not provable
        if (t instanceof GovPropose || t instanceof GovAction) {
            return governance(t);
        }
        if (t instanceof Deposit) {
            return deposit((Deposit) t);
        }
        if (t instanceof Withdraw) {
            return withdraw((Withdraw) t);
        }
        if (t instanceof Trade) {
            return trade((Trade) t);
        }
        if (t instanceof Report) {
            return report((Report) t);
        }
        if (t instanceof Liquidate) {
            return liquidate((Liquidate) t);
        }
        return TxResult.MALFORMED;   // no other kind: Transaction's constructor is the package's
    }

    // The rules below (deposit .. report, and governance) are reached from execute only after
    // Rejection's well-formedness check, and each states it as its precondition: a signer's nonce
    // advances to the transaction's, which the nonce invariants bound by Transaction.MAX_NONCE, and
    // only a well-formed transaction's nonce is known to lie within it.

    /*@ private normal_behavior
      @   requires t.wellFormed();
      @*/
    private TxResult deposit(Deposit t) {
        int a = accounts.indexOf(t.signer());
        if (a < 0) {
            // a fresh key: its account is created by its first admissible deposit
            if (reporters.indexOf(t.signer()) >= 0) {
                return TxResult.UNKNOWN_SIGNER;
            }
            if (accounts.size() >= maxAccounts) {
                return TxResult.ACCOUNT_LIMIT;
            }
            if (t.nonce() != 1) {
                return TxResult.BAD_NONCE;
            }
            a = register(t.signer());
        } else if (t.nonce() != nonce[a] + 1) {
            return TxResult.BAD_NONCE;
        }
        advance(a, t.nonce());
        try {
            engine.deposit(a, t.amount());
            return TxResult.APPLIED;
        } catch (MarginException e) {
            return TxResult.refused(e.reason());
        }
    }

    /*@ private normal_behavior
      @   requires t.wellFormed();
      @*/
    private TxResult withdraw(Withdraw t) {
        int a = accounts.indexOf(t.signer());
        if (a < 0) {
            return TxResult.UNKNOWN_SIGNER;
        }
        if (t.nonce() != nonce[a] + 1) {
            return TxResult.BAD_NONCE;
        }
        advance(a, t.nonce());
        try {
            engine.withdraw(a, t.amount());
            return TxResult.APPLIED;
        } catch (MarginException e) {
            return TxResult.refused(e.reason());
        }
    }

    /*@ private normal_behavior
      @   requires t.wellFormed();
      @*/
    private TxResult trade(Trade t) {
        int b = accounts.indexOf(t.signer());
        int s = accounts.indexOf(t.seller());
        if (b < 0 || s < 0 || b == s) {
            return TxResult.UNKNOWN_SIGNER;
        }
        if (t.nonce() != nonce[b] + 1 || t.sellerNonce() != nonce[s] + 1) {
            return TxResult.BAD_NONCE;
        }
        advance(b, t.nonce());
        advance(s, t.sellerNonce());
        try {
            engine.trade(b, s, t.lots(), t.price());
            return TxResult.APPLIED;
        } catch (MarginException e) {
            return TxResult.refused(e.reason());
        }
    }

    /*@ private normal_behavior
      @   requires t.wellFormed();
      @*/
    private TxResult liquidate(Liquidate t) {
        int l = accounts.indexOf(t.signer());
        if (l < 0) {
            return TxResult.UNKNOWN_SIGNER;
        }
        if (t.nonce() != nonce[l] + 1) {
            return TxResult.BAD_NONCE;
        }
        advance(l, t.nonce());
        int a = accounts.indexOf(t.account());
        if (a < 0) {
            return TxResult.refused(dev.bulwark.margin.Reason.UNKNOWN_ACCOUNT);
        }
        try {
            engine.liquidate(a, l, t.lots(), t.price());
            markDirty(a);
            return TxResult.APPLIED;
        } catch (MarginException e) {
            return TxResult.refused(e.reason());
        }
    }

    /*@ private normal_behavior
      @   requires t.wellFormed();
      @*/
    private TxResult report(Report t) {
        int r = reporters.indexOf(t.signer());
        if (r < 0) {
            return TxResult.UNKNOWN_SIGNER;
        }
        if (t.nonce() != reporterNonce[r] + 1) {
            return TxResult.BAD_NONCE;
        }
        reporterNonce[r] = t.nonce();
        try {
            oracle.report(r, t.price());   // a second, different report is recorded as evidence
        } catch (OracleException e) {
            return TxResult.refused(e.reason());
        }
        return TxResult.APPLIED;
    }

    // ------------------------------------------------------------------------------------------
    // Governance transactions (LedgerApp's GovAllows / GovEffect, by Governance's own methods)

    /**
     * The nonce rule for a governance transaction: a known governance key (else UNKNOWN_SIGNER;
     * a ledger without governance knows none), its next nonce (else BAD_NONCE); then the nonce
     * advances and the transaction's governance rule applies it or refuses it (REFUSED with
     * governance's reason; governance, engine and oracle unchanged).
     */
    /*@ private normal_behavior
      @   requires t.wellFormed() && (t instanceof GovPropose || t instanceof GovAction);
      @*/
    private TxResult governance(Transaction t) {
        int k = govKeys.indexOf(t.signer());
        if (gov == null || k < 0) {
            return TxResult.UNKNOWN_SIGNER;
        }
        if (t.nonce() != govNonce[k] + 1) {
            return TxResult.BAD_NONCE;
        }
        govNonce[k] = t.nonce();
        /*@ nullable @*/ dev.bulwark.governance.Reason r = syncFund();
        if (r != null) {
            return TxResult.refused(r);
        }
        try {
            if (t instanceof GovPropose) {
                return govPropose(k, (GovPropose) t);
            }
            GovAction g = (GovAction) t;
            switch (g.type()) {
                case Transaction.GOV_APPROVE:
                    return govApprove(k, g.slot());
                case Transaction.GOV_RETRACT:
                    return govRetract(k);
                case Transaction.GOV_QUEUE:
                    return govQueue(g.slot());
                case Transaction.GOV_EXECUTE:
                    return govExecute(g.slot());
                default:
                    return govCancel(g.slot());
            }
        } catch (GovernanceException x) {
            return TxResult.refused(x.reason());
        }
    }

    /**
     * Governance's fund is the engine's insurance fund: the engine's own flows (fees in, deficits
     * out) are governance's environment (its FundFlow).  Null, or FUND_OUT_OF_RANGE when the
     * insurance exceeds governance's bound on a fund (Java only: 2^62).
     */
    /*@ private normal_behavior
      @   requires gov != null;
      @   assignable gov.fund;
      @   ensures \result == null ==> gov.fund == engine.insurance;
      @*/
    private /*@ nullable @*/ dev.bulwark.governance.Reason syncFund() {
        long d = engine.insurance() - gov.fund();
        if (d == 0) {
            return null;
        }
        if (!gov.canFundFlow(d)) {
            return dev.bulwark.governance.Reason.FUND_OUT_OF_RANGE;
        }
        gov.fundFlow(d);
        return null;
    }

    /**
     * GovPropose: the ledger's own condition on the proposal (LedgerAccepts: a stake of at least 1,
     * the oracle's least), Propose(k, p), then Approve(a, k) for each approver in order, then Queue
     * (a Cancel: Cancel) if the quorum allows now; all or nothing (worked on a copy).  An approver
     * that is no governance key is UNKNOWN_KEY.  Governance's refusal of a step is its exception,
     * with governance as it was (one case: a refusal is not known before the steps are taken).
     */
    /*@ public behavior
      @   requires gov != null && 0 <= k && k < govKeys.size && t != null;
      @   assignable gov;
      @   ensures \result != null;
      @   ensures \result.code == TxCode.APPLIED || gov == \old(gov);
      @   signals_only GovernanceException;
      @   signals (GovernanceException e) gov == \old(gov);
      @*/
    public TxResult govPropose(int k, GovPropose t) throws GovernanceException {
        Proposal p = t.proposal();
        /*@ nullable @*/ Payload q = p.payload(); // a payload-less proposal is governance's to refuse
        if (q instanceof StakeChange && ((StakeChange) q).stake() < 1) {
            return TxResult.refused(dev.bulwark.governance.Reason.STAKE_OUT_OF_RANGE);
        }
        Governance g = gov.copy();
        g.propose(k, p);
        for (int i = 0; i < t.approverCount(); i++) {
            int a = govKeys.indexOf(t.approver(i));
            if (a < 0) {
                return TxResult.refused(dev.bulwark.governance.Reason.UNKNOWN_KEY);
            }
            g.approve(a, k);
        }
        afterApprovals(g, k);
        gov = g;
        return TxResult.APPLIED;
    }

    /** After approvals: Queue the slot (start its timelock) or carry out its Cancel, if the quorum allows now. */
    /*@ private normal_behavior
      @   requires g != null;
      @*/
    //-RAC@   assignable g.*, g.proposal[*], g.queuedAt[*];
    private static void afterApprovals(Governance g, int s) throws GovernanceException {
        if (g.canQueue(s)) {
            g.queue(s);
        } else if (g.canCancel(s)) {
            g.cancel(s);
        }
    }

    /** GovApprove: Approve(k, s), then Queue / Cancel of s as for a proposal. */
    /*@ public normal_behavior
      @   requires gov != null && 0 <= k && k < govKeys.size && gov.canApprove(k, s);
      @*/
    //-RAC@   assignable gov.*, gov.approvedGen[s][k], gov.proposal[*], gov.queuedAt[*];
    /*@
      @   ensures \result == TxResult.APPLIED;
      @ also public exceptional_behavior
      @   requires gov != null && 0 <= k && k < govKeys.size && !gov.canApprove(k, s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public TxResult govApprove(int k, int s) throws GovernanceException {
        gov.approve(k, s);
        afterApprovals(gov, s);
        return TxResult.APPLIED;
    }

    /** GovRetract: Retract(k). */
    /*@ public normal_behavior
      @   requires gov != null && gov.canRetract(k);
      @   assignable gov.*, gov.proposal[k], gov.queuedAt[k];
      @   ensures \result == TxResult.APPLIED;
      @ also public exceptional_behavior
      @   requires gov != null && !gov.canRetract(k);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public TxResult govRetract(int k) throws GovernanceException {
        gov.retract(k);
        return TxResult.APPLIED;
    }

    /** GovQueue: Queue(s). */
    /*@ public normal_behavior
      @   requires gov != null && gov.canQueue(s);
      @   assignable gov.*, gov.queuedAt[s];
      @   ensures \result == TxResult.APPLIED;
      @ also public exceptional_behavior
      @   requires gov != null && !gov.canQueue(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public TxResult govQueue(int s) throws GovernanceException {
        gov.queue(s);
        return TxResult.APPLIED;
    }

    /** GovCancel: Cancel(s). */
    /*@ public normal_behavior
      @   requires gov != null && gov.canCancel(s);
      @*/
    //-RAC@   assignable gov.*, gov.proposal[*], gov.queuedAt[*];
    /*@
      @   ensures \result == TxResult.APPLIED;
      @ also public exceptional_behavior
      @   requires gov != null && !gov.canCancel(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public TxResult govCancel(int s) throws GovernanceException {
        gov.cancel(s);
        return TxResult.APPLIED;
    }

    /**
     * GovExecute: Execute(s) (the rates: pending until govEndBlock; a withdrawal: the engine's
     * insurance and net deposits fall by the amount; a stake: the oracle's stakes are governance's
     * from now on).  Java only: a withdrawal larger than the net deposits (possible only while a
     * bankrupt account holds a negative balance) is FUND_OUT_OF_RANGE, nothing changed.
     */
    /*@ public normal_behavior
      @   requires gov != null && gov.canExecute(s);
      @*/
    //-RAC@   assignable gov.*, gov.owner[*], gov.ownerGen[*], gov.proposal[*], gov.queuedAt[*], gov.stake[*], engine, oracle;
    /*@
      @   ensures \result != null;
      @ also public exceptional_behavior
      @   requires gov != null && !gov.canExecute(s);
      @   assignable \nothing;
      @   signals_only GovernanceException;
      @*/
    public TxResult govExecute(int s) throws GovernanceException {
        if (!gov.canExecute(s)) {
            throw new GovernanceException(gov.executeRefusal(s), s, 0);
        }
        /*@ nullable @*/ Payload q = gov.proposalOf(s).payload();
        if (q instanceof dev.bulwark.governance.FundWithdrawal
                && ((dev.bulwark.governance.FundWithdrawal) q).amount() > engine.netDeposits()) {
            return TxResult.refused(dev.bulwark.governance.Reason.FUND_OUT_OF_RANGE);
        }
        gov.execute(s);
        if (q instanceof dev.bulwark.governance.FundWithdrawal) {
            long x = ((dev.bulwark.governance.FundWithdrawal) q).amount();
            engine = engine.rebuilt(engine.params(), nonce.length, engine.insurance() - x, engine.netDeposits() - x);
        } else if (q instanceof StakeChange) {
            try {
                oracle = oracle.withStakes(gov.stakes());
            } catch (OracleException x) {
                // unreachable: a stake proposal below 1 is refused at GovPropose (LedgerAccepts), and
                // the genesis stakes are the oracle's own
                throw new IllegalStateException("governance stakes the oracle refuses", x);
            }
        }
        return TxResult.APPLIED;
    }

    /**
     * GovEndBlock(s), the first step of the block's end: governance's EndBlock (queued proposals
     * wait one more block; a pending rate change takes effect) and, if the rates changed, the
     * engine runs at them from now on (the liquidation pass of this block end included).
     */
    /*@ public normal_behavior
      @   requires gov == null;
      @   assignable \nothing;
      @ also public normal_behavior
      @   requires gov != null;
      @   assignable gov.*, engine;
      @   ensures height == \old(height) && codeCount == \old(codeCount);
      @*/
    public void govEndBlock() {
        if (gov == null) {
            return;
        }
        syncFund();
        boolean change = gov.hasPendingParams();
        gov.endBlock();
        if (change) {
            MarginEngine e = engine;
            engine = e.rebuilt(marginAt(e.params(), gov.imBps(), gov.mmBps(), gov.feeBps()), nonce.length, e.insurance(),
                    e.netDeposits());
        }
    }

    /** Room for n results (n <= Block.MAX_TXS): the array doubles as a block grows. */
    /*@ private normal_behavior
      @   requires 0 <= n && n <= Block.MAX_TXS;
      @   assignable codes;
      @   ensures codes.length >= n;
      @   ensures (\forall int i; 0 <= i && i < codeCount; codes[i] == \old(codes[i]));
      @*/
    private void ensureCodes(int n) {
        if (codes.length < n) {
            codes = grown(codes, codeCount, n);
        }
    }

    /** A larger copy of the first count entries of a: twice its length (at most Block.MAX_TXS), at least n. */
    /*@ private normal_behavior
      @   requires 0 <= count && count <= a.length && a.length < n && n <= Block.MAX_TXS;
      @   ensures n <= \result.length && \result.length <= Block.MAX_TXS;
      @   ensures (\forall int i; 0 <= i && i < count; \result[i] == a[i]);
      @*/
    //-RAC@ ensures \fresh(\result);
    //@ pure
    private static TxResult[] grown(TxResult[] a, int count, int n) {
        int len = a.length <= Block.MAX_TXS / 2 ? a.length * 2 : Block.MAX_TXS;
        TxResult[] c = new TxResult[len < n ? n : len];
        //@ loop_invariant 0 <= i && i <= count && n <= c.length && c.length <= Block.MAX_TXS;
        //-RAC@ loop_invariant \fresh(c);
        //@ loop_invariant (\forall int j; 0 <= j && j < i; c[j] == a[j]);
        //@ decreases count - i;
        for (int i = 0; i < count; i++) {
            c[i] = a[i];
        }
        return c;
    }

    /** An executed transaction's signer: its nonce becomes n (its next one), its hashed fields change. */
    /*@ private normal_behavior
      @   requires 0 <= a && a < accounts.size && n == nonce[a] + 1 && n <= Transaction.MAX_NONCE;
      @*/
    //-RAC@   assignable nonce[a], dirty[*], dirtyAt[*], dirtyCount;
    /*@
      @   ensures nonce[a] == n;
      @*/
    private void advance(int a, long n) {
        nonce[a] = n;
        markDirty(a);
    }

    /*@ private normal_behavior
      @   requires 0 <= a && a < dirtyAt.length;
      @*/
    //-RAC@   assignable dirty[*], dirtyAt[*], dirtyCount;
    /*@
      @   ensures dirtyAt[a] < dirtyCount;
      @*/
    private void markDirty(int a) {
        int p = dirtyAt[a];
        int c = dirtyCount;
        if (p >= c) {   // unchanged: swapped with the id at position c (c <= p < length)
            int b = dirty[c];
            dirty[c] = a;
            dirtyAt[a] = c;
            dirty[p] = b;
            dirtyAt[b] = p;
            dirtyCount = c + 1;
        }
    }

    // ------------------------------------------------------------------------------------------
    // EndBlock

    /**
     * EndBlock(s): governance's block end (govEndBlock: a pending rate change takes effect), the
     * oracle round closes (closeAggregate, closeAdvance), the liquidation pass runs at the rates
     * in force, the height advances.  Refused (HEIGHT_LIMIT, nothing changed) at {@link #MAX_HEIGHT}.
     */
    /*@ public normal_behavior
      @   requires height < MAX_HEIGHT;
      @   ensures height == \old(height) + 1 && codeCount == \old(codeCount);
      @ also public exceptional_behavior
      @   requires height >= MAX_HEIGHT;
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public void endBlock() throws LedgerException {
        if (height >= MAX_HEIGHT) {
            throw new LedgerException(Reason.HEIGHT_LIMIT, height, MAX_HEIGHT);
        }
        govEndBlock();
        closeAggregate();
        closeAdvance();
        liquidationPass();
        advanceHeight();
    }

    /**
     * EndBlock's {@code !.height = s.height + 1}: the block is complete (endBlock's last step;
     * public so that the end of block can be driven step by step, as proofs/ledger's refinement
     * does).  Refused (HEIGHT_LIMIT, nothing changed) at {@link #MAX_HEIGHT}.
     */
    /*@ public normal_behavior
      @   requires height < MAX_HEIGHT;
      @   assignable height;
      @   ensures height == \old(height) + 1;
      @ also public exceptional_behavior
      @   requires height >= MAX_HEIGHT;
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public void advanceHeight() throws LedgerException {
        if (height >= MAX_HEIGHT) {
            throw new LedgerException(Reason.HEIGHT_LIMIT, height, MAX_HEIGHT);
        }
        height = height + 1;
    }

    /**
     * CloseAggregate(s): Aggregate if the oracle's guard holds; if that accepted a price (its
     * priceRound is this round), SetPrice of it unless the running market already has it.
     */
    /*@ public normal_behavior
      @*/
    //-RAC@   assignable oracle.*, oracle.rel[*], engine.*;
    /*@
      @   ensures height == \old(height) && codeCount == \old(codeCount);
      @*/
    public void closeAggregate() {
        if (!oracle.canAggregate()) {
            return;
        }
        int round = oracle.round();
        oracle.aggregate();
        long px = oracle.price();
        boolean accepted = oracle.priceRound() == round;
        if (accepted && !(!engine.isHalted() && px == engine.price()) && engine.canSetPrice(px)) {
            engine.setPrice(px);
        }
    }

    /**
     * CloseAdvance(s): AdvanceRound if the oracle's guard holds (the ledger's true price never
     * moves, so that is round &lt; MaxRound); then Halt if the oracle has no usable price and the
     * market is running.
     */
    /*@ public normal_behavior
      @*/
    //-RAC@   assignable oracle.*, oracle.reports[*], oracle.evidenced[*], engine.*;
    /*@
      @   ensures height == \old(height) && codeCount == \old(codeCount);
      @   ensures !oracle.usable() ==> engine.halted;
      @*/
    public void closeAdvance() {
        if (oracle.canAdvanceRound()) {
            oracle.advanceRound();
        }
        if (!oracle.usable() && engine.canHalt()) {
            engine.halt();
        }
    }

    /**
     * LiquidationPass(m): every account in increasing id order, once: deleverageStep while it
     * finds a counterparty (at most accounts() steps), then backstopStep.  Only accounts that are
     * liquidatable when visited can change (both steps' guards require it), and an account's
     * liquidatability changes only when its own balance or position does (the price is fixed
     * during the pass).  So the pass visits the accounts the engine's scan finds liquidatable at
     * its start, plus each account of a larger id that a step of the pass changed (a deleveraging
     * counterparty, the backstop) if it is then liquidatable: the same result as the spec's visit
     * of every account, at the cost of one scan and the steps themselves.  Nothing happens while
     * the market is halted (every step's guard requires a running market).
     */
    /*@ public normal_behavior
      @*/
    //-RAC@   assignable engine.*, nonce[*], dirty[*], dirtyAt[*], dirtyCount, scanBuf[*],
    //-RAC@              pending.mark, pending.mark[*], pending.lo, pending.hi;
    /*@
      @   ensures height == \old(height) && codeCount == \old(codeCount) && accounts.size == \old(accounts.size);
      @*/
    public void liquidationPass() {
        if (engine.isHalted()) {
            return;
        }
        int found = engine.scanLiquidatableInto(scanBuf);
        pending.reset(accounts.size());
        int i = 0;
        int last = -1;
        try {
            while (true) {
                int fromScan = i < found ? scanBuf[i] : Integer.MAX_VALUE;
                int fromQueue = pending.isEmpty() ? Integer.MAX_VALUE : pending.peek();
                if (fromScan == Integer.MAX_VALUE && fromQueue == Integer.MAX_VALUE) {
                    break;
                }
                int next;
                if (fromScan <= fromQueue) {
                    next = fromScan;
                    i++;
                } else {
                    next = pending.poll();
                }
                if (next <= last) {
                    continue;   // visited already
                }
                last = next;
                passCursor = next;
                liquidateAccount(next);
            }
        } finally {
            passCursor = -1;
        }
    }

    /** LiquidateAccount(m, a) == BackstopStep(DeleverageLoop(m, a), a). */
    private void liquidateAccount(int a) {
        int n = accounts.size();
        for (int k = 0; k < n; k++) {
            if (!deleverageStep(a)) {
                break;   // no counterparty: the remaining steps of DeleverageLoop change nothing
            }
        }
        backstopStep(a);
    }

    /**
     * DeleverageStep(m, a): Margin's Deleverage(a, c) against c = {@link #deleverageTarget(int)},
     * if there is one; returns whether it deleveraged.  Refused (UNKNOWN_ACCOUNT) for a bad id.
     * The pre-state target is guarded by the precondition inside {@code \old}: the runtime checker
     * evaluates every case's {@code \old} expressions on entry, the exceptional case's inputs too.
     */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result <==> \old(0 <= a && a < accounts.size && deleverageTarget(a) >= 0);
      @   ensures height == \old(height) && accounts.size == \old(accounts.size);
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public boolean deleverageStep(int a) throws LedgerException {
        checkAccount(a);
        int c = deleverageTarget(a);
        if (c < 0) {
            return false;
        }
        engine.deleverage(a, c);
        markDirty(a);
        markDirty(c);
        blockDeleverages++;
        if (passCursor >= 0 && c > passCursor && engine.liquidatable(c)) {
            pending.add(c);
        }
        return true;
    }

    /**
     * DeleverageTarget(m, a): the lowest id c for which Margin's Deleverage(a, c) is enabled, or
     * -1.  DeleverageGuard's MostProfitableOpposite names, among the opposite accounts that can
     * take the step within the bounds (Margin's CanAbsorb), those of largest equity, so: one pass
     * for that equity, then the lowest such c, which the engine's own guard confirms.
     * O(accounts) per call.
     */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures -1 <= \result && \result < accounts.size;
      @   ensures \result >= 0 ==> engine.canDeleverage(a, \result);
      @   ensures \result >= 0 ==> (\forall int c; 0 <= c && c < \result; !engine.canDeleverage(a, c));
      @   ensures \result == -1 ==> (\forall int c; 0 <= c && c < accounts.size; !engine.canDeleverage(a, c));
      @ pure
      @*/
    public int deleverageTarget(int a) {
        if (engine.isHalted()) {
            return -1;
        }
        long pa = engine.position(a);
        long ea = engine.equity(a);
        if (pa == 0 || ea >= 0 || engine.insurance() + ea >= 0) {
            return -1;
        }
        int n = accounts.size();
        boolean any = false;
        long best = 0;
        //@ loop_invariant 0 <= c && c <= n;
        //@ decreases n - c;
        for (int c = 0; c < n; c++) {
            if (engine.canAbsorb(a, c)) {
                long e = engine.equity(c);
                if (!any || e > best) {
                    best = e;
                    any = true;
                }
            }
        }
        if (!any) {
            return -1;
        }
        //@ loop_invariant 0 <= c && c <= n;
        //@ decreases n - c;
        for (int c = 0; c < n; c++) {
            if (engine.canAbsorb(a, c) && engine.equity(c) == best && engine.canDeleverage(a, c)) {
                return c;
            }
        }
        return -1;
    }

    /**
     * BackstopStep(m, a): the backstop account takes over {@link #backstopLots(int)} lots of a's
     * position at the oracle price (Margin's Liquidate), if that is positive; returns whether it
     * did.  Refused (UNKNOWN_ACCOUNT) for a bad id.  The pre-state lots are guarded inside
     * {@code \old} as in {@link #deleverageStep(int)}.
     */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result <==> \old(0 <= a && a < accounts.size && backstopLots(a) > 0);
      @   ensures height == \old(height) && accounts.size == \old(accounts.size);
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   assignable \nothing;
      @   signals_only LedgerException;
      @*/
    public boolean backstopStep(int a) throws LedgerException {
        checkAccount(a);
        long q = backstopLots(a);
        if (q == 0) {
            return false;
        }
        engine.liquidate(a, backstop, q, engine.price());
        markDirty(a);
        markDirty(backstop);
        blockBackstops++;
        if (passCursor >= 0 && backstop > passCursor && engine.liquidatable(backstop)) {
            pending.add(backstop);
        }
        return true;
    }

    /**
     * BackstopLots(m, a): the largest q in 1..MaxLots for which Margin's Liquidate(a, Backstop,
     * q, price) is enabled, or 0.
     *
     * <p>Without trying every q: with the fill at the oracle price the backstop's equity does not
     * change, so each conjunct of LiquidateGuard that depends on q is an interval of q -- the
     * sizes (1..|pos[a]| - DustLots, and |pos[a]|), the backstop's InBounds for its balance and
     * for its position, and AcceptableOf's two disjuncts (initial margin met: |pos after| within
     * the position its equity covers; risk only reduced: the fill shrinks an opposite position).
     * The set of enabled q is then a union of intervals, each ending at one of those intervals'
     * right ends, so its largest element is the largest right end (or a neighbour, for safety)
     * that the engine's own guard {@code canLiquidate} accepts.  Cost O(1) per account;
     * LedgerPropertiesTest checks the result against trying every q.
     */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures 0 <= \result;
      @   ensures \result > 0 ==> engine.canLiquidate(a, backstop, \result, engine.price);
      @ pure
      @*/
    public long backstopLots(int a) {
        if (a == backstop || engine.isHalted() || !engine.liquidatable(a)) {
            return 0;
        }
        long pa = engine.position(a);
        long ea = engine.equity(a);
        if (pa == 0 || (ea < 0 && engine.insurance() + ea < 0)) {
            return 0;
        }
        MarginParams mp = engine.params();
        long size = Math.abs(pa);
        long top = Math.min(size, mp.maxLots);
        long px = engine.price();
        long s = pa > 0 ? 1 : -1;
        long cl = engine.collateral(backstop);
        long pl = engine.position(backstop);
        long el = engine.equity(backstop);
        long[] ends = new long[8];
        int k = 0;
        ends[k++] = size;                                          // all of the position
        ends[k++] = size - mp.dustLots;                            // a part leaving DustLots
        ends[k++] = Math.floorDiv(mp.maxCollateral + s * cl, px);  // |coll[l] - s q px| <= MaxCollateral
        ends[k++] = mp.maxLots - s * pl;                           // |pos[l] + s q| <= MaxLots
        if (el >= 0) {                                             // initial margin met afterwards
            long cover = Math.floorDiv(el * MarginEngine.BPS, px * mp.imBps);
            ends[k++] = Math.min(cover, 2 * MarginEngine.MAX_LOTS) - s * pl;
        }
        if (pl != 0 && (pl > 0) != (s > 0)) {                      // the fill only reduces l's risk
            ends[k++] = Math.abs(pl);
        }
        long best = 0;
        for (int i = 0; i < k; i++) {
            for (long d = 1; d >= -1; d--) {
                long q = ends[i] + d;
                if (q >= 1 && q <= top && q > best && engine.canLiquidate(a, backstop, q, px)) {
                    best = q;
                }
            }
        }
        return best;
    }

    //@ private normal_behavior
    //@   requires 0 <= a && a < accounts.size;
    //@   assignable \nothing;
    //@ also private exceptional_behavior
    //@   requires !(0 <= a && a < accounts.size);
    //@   assignable \nothing;
    //@   signals_only LedgerException;
    //@ pure
    private void checkAccount(int a) throws LedgerException {
        if (a < 0 || a >= accounts.size()) {
            throw new LedgerException(Reason.UNKNOWN_ACCOUNT, a, accounts.size());
        }
    }

    // ------------------------------------------------------------------------------------------
    // App hash

    /**
     * The app hash of the current state: the Merkle root over the accounts (updated for the
     * accounts changed since the last call only) combined with the hash of everything else
     * (dev.bulwark.ledger.state.AppHash).
     */
    /*@ skipesc @*/
    public byte[] appHash() {
        byte[] h = tree.update(this, dirty, dirtyCount);
        dirtyCount = 0;
        return h;
    }

    /** Number of accounts changed since the last {@link #appHash()} (their groups are what the next update hashes). */
    //@ public normal_behavior
    //@   ensures \result == dirtyCount;
    //@ pure
    public int changedAccounts() {
        return dirtyCount;
    }

    /** SHA-256 computations of the app-hash tree so far (key lists, groups, nodes, globals; for measurements). */
    /*@ skipesc @*/
    public long appHashComputations() {
        return tree.hashes();
    }

    /** The app-hash tree, current as of the last {@link #appHash()} (for inclusion proofs). */
    /*@ skipesc @*/
    public AppHash appHashTree() {
        appHash();
        return tree;
    }

    // ------------------------------------------------------------------------------------------
    // Queries (the abstraction function)

    //@ public normal_behavior
    //@   ensures \result == config;
    //@ pure
    public LedgerConfig config() {
        return config;
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    /** Number of accounts; their ids are 0..accounts()-1. */
    //@ public normal_behavior
    //@   ensures \result == accounts.size;
    //@ pure
    public int accounts() {
        return accounts.size();
    }

    /** The id of the account with this key, or -1. */
    //@ public normal_behavior
    //@   ensures -1 <= \result && \result < accounts.size;
    //@ pure
    public int accountId(/*@ nullable @*/ AccountKey k) {
        return accounts.indexOf(k);
    }

    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result == accounts.byIndex[a];
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public AccountKey accountKey(int a) throws LedgerException {
        checkAccount(a);
        return accounts.key(a);
    }

    /** Account a's last executed nonce (0 before its first transaction). */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result == nonce[a];
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public long nonce(int a) throws LedgerException {
        checkAccount(a);
        return nonce[a];
    }

    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result == engine.collateral[a];
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public long collateral(int a) throws LedgerException {
        checkAccount(a);
        return engine.collateral(a);
    }

    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result == engine.position[a];
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public long position(int a) throws LedgerException {
        checkAccount(a);
        return engine.position(a);
    }

    /** Equity(a) at the engine's price. */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result == engine.collateral[a] + engine.position[a] * engine.price;
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public long equity(int a) throws LedgerException {
        checkAccount(a);
        return engine.equity(a);
    }

    /** Liquidatable(a) at the engine's price. */
    /*@ public normal_behavior
      @   requires 0 <= a && a < accounts.size;
      @   ensures \result <==> engine.isLiquidatable(a);
      @ also public exceptional_behavior
      @   requires !(0 <= a && a < accounts.size);
      @   signals_only LedgerException;
      @ pure @*/
    public boolean liquidatable(int a) throws LedgerException {
        checkAccount(a);
        return engine.liquidatable(a);
    }

    //@ public normal_behavior
    //@   ensures \result == engine.price;
    //@ pure
    public long price() {
        return engine.price();
    }

    //@ public normal_behavior
    //@   ensures \result == engine.insurance;
    //@ pure
    public long insurance() {
        return engine.insurance();
    }

    //@ public normal_behavior
    //@   ensures \result == engine.netDeposits;
    //@ pure
    public long netDeposits() {
        return engine.netDeposits();
    }

    //@ public normal_behavior
    //@   ensures \result == engine.halted;
    //@ pure
    public boolean halted() {
        return engine.isHalted();
    }

    /** The backstop's account id. */
    //@ public normal_behavior
    //@   ensures \result == backstop;
    //@ pure
    public int backstop() {
        return backstop;
    }

    //@ public normal_behavior
    //@   ensures \result == reporterNonce.length;
    //@ pure
    public int reporterCount() {
        return reporterNonce.length;
    }

    /** Reporter r's last executed nonce. */
    /*@ public normal_behavior
      @   requires 0 <= r && r < reporterNonce.length;
      @   ensures \result == reporterNonce[r];
      @ also public exceptional_behavior
      @   requires !(0 <= r && r < reporterNonce.length);
      @   signals_only LedgerException;
      @ pure @*/
    public long reporterNonce(int r) throws LedgerException {
        if (r < 0 || r >= reporterNonce.length) {
            throw new LedgerException(Reason.UNKNOWN_ACCOUNT, r, reporterNonce.length);
        }
        return reporterNonce[r];
    }

    /** The reporter index of a key, or -1. */
    //@ public normal_behavior
    //@   ensures -1 <= \result && \result < reporters.size;
    //@ pure
    public int reporterIndex(/*@ nullable @*/ AccountKey k) {
        return reporters.indexOf(k);
    }

    /** Number of results of the current (or last) block. */
    //@ public normal_behavior
    //@   ensures \result == codeCount;
    //@ pure
    public int resultCount() {
        return codeCount;
    }

    /** Result i of the current (or last) block. */
    /*@ public normal_behavior
      @   requires 0 <= i && i < codeCount;
      @   ensures \result == codes[i];
      @ also public exceptional_behavior
      @   requires !(0 <= i && i < codeCount);
      @   signals_only LedgerException;
      @ pure @*/
    public TxResult result(int i) throws LedgerException {
        if (i < 0 || i >= codeCount) {
            throw new LedgerException(Reason.UNKNOWN_ACCOUNT, i, codeCount);
        }
        return codes[i];
    }

    /** A copy of the results of the current (or last) block. */
    /*@ public normal_behavior
      @   ensures \result.length == codeCount;
      @   ensures (\forall int i; 0 <= i && i < codeCount; \result[i] == codes[i]);
      @*/
    //-RAC@ ensures \fresh(\result);
    //@ pure
    public TxResult[] results() {
        TxResult[] r = new TxResult[codeCount];
        //@ loop_invariant 0 <= i && i <= codeCount && r.length == codeCount;
        //-RAC@ loop_invariant \fresh(r);
        //@ loop_invariant (\forall int j; 0 <= j && j < i; r[j] == codes[j]);
        //@ decreases codeCount - i;
        for (int i = 0; i < codeCount; i++) {
            r[i] = codes[i];
        }
        return r;
    }

    /**
     * An independent copy of governance (its state is the spec's {@code g}; its fund is the
     * insurance: the ledger keeps governance's mirror of it in step lazily, before every
     * governance step, and the copy is brought in step here), or null.
     */
    /*@ skipesc @*/
    public /*@ nullable @*/ Governance governance() {
        if (gov == null) {
            return null;
        }
        Governance g = gov.copy();
        long d = engine.insurance() - g.fund();
        if (d != 0 && g.canFundFlow(d)) {
            g.fundFlow(d);
        }
        return g;
    }

    /** Number of governance keys (0 for a ledger without governance). */
    //@ public normal_behavior
    //@   ensures \result == govNonce.length;
    //@ pure
    public int governanceKeyCount() {
        return govNonce.length;
    }

    /** Governance key k's last executed nonce. */
    /*@ public normal_behavior
      @   requires 0 <= k && k < govNonce.length;
      @   ensures \result == govNonce[k];
      @ also public exceptional_behavior
      @   requires k < 0 || k >= govNonce.length;
      @   signals_only LedgerException;
      @ pure
      @*/
    public long govNonce(int k) throws LedgerException {
        if (k < 0 || k >= govNonce.length) {
            throw new LedgerException(Reason.MALFORMED, k, govNonce.length);
        }
        return govNonce[k];
    }

    /** An independent copy of the oracle (its state is the spec's {@code o}). */
    /*@ public normal_behavior
      @   ensures \result.params == oracle.params && \result.round == oracle.round;
      @   ensures (\forall int k; 0 <= k && k < oracle.reports.length; \result.reports[k] == oracle.reports[k]
      @              && \result.rel[k] == oracle.rel[k] && \result.evidenced[k] == oracle.evidenced[k]);
      @   ensures \result.price == oracle.price && \result.priceRound == oracle.priceRound;
      @   ensures \result.pending == oracle.pending && \result.pendingRound == oracle.pendingRound;
      @   ensures \result.aggregated == oracle.aggregated;
      @ pure
      @*/
    public Oracle oracle() {
        return oracle.copy();
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.round;
    //@ pure
    public int oracleRound() {
        return oracle.round();
    }

    /** Reporter r's report of this round (a price, Oracle.NO_REPORT or Oracle.EQUIVOCATED). */
    //@ public normal_behavior
    //@   requires 0 <= r && r < oracle.reports.length;
    //@   ensures \result == oracle.reports[r];
    //@ pure
    public long oracleReport(int r) {
        return oracle.reportOf(r);
    }

    //@ public normal_behavior
    //@   requires 0 <= r && r < oracle.rel.length;
    //@   ensures \result == oracle.rel[r];
    //@ pure
    public long oracleRel(int r) {
        return oracle.relOf(r);
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.price;
    //@ pure
    public long oraclePrice() {
        return oracle.price();
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.priceRound;
    //@ pure
    public int oraclePriceRound() {
        return oracle.priceRound();
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.pending;
    //@ pure
    public long oraclePending() {
        return oracle.pending();
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.pendingRound;
    //@ pure
    public int oraclePendingRound() {
        return oracle.pendingRound();
    }

    //@ public normal_behavior
    //@   ensures \result == oracle.aggregated;
    //@ pure
    public boolean oracleAggregated() {
        return oracle.aggregated();
    }

    /**
     * Whether reporter r equivocated in the oracle's current round (the spec's
     * [rep |-> r, rnd |-> round] \in evidence; the oracle keeps the current round's only).
     */
    //@ public normal_behavior
    //@   requires 0 <= r && r < reporterNonce.length && reporterNonce.length == oracle.reporters();
    //@   ensures \result == oracle.evidenced(r);
    //@ pure
    public boolean evidenced(int r) {
        return oracle.evidenced(r);
    }
}
