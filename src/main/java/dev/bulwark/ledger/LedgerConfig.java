package dev.bulwark.ledger;

import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.OracleParams;

/**
 * The genesis configuration of a ledger, immutable and validated (LedgerApp.tla's constants):
 * the chain id; the margin engine's constants and the price it holds while the market is halted
 * at genesis (InitPrice); the oracle's constants; the accounts registered at genesis, in id order
 * (ids 0, 1, ...), among them the {@code backstop} account that takes over liquidations at the
 * end of a block; the reporters' keys in oracle index order; and the bound on accounts.
 *
 * <p>Refused with {@link Reason#INVALID_CONFIG} (first number: which check, second: the value)
 * when: a parameter is null (0); there are more genesis accounts than maxAccounts, or maxAccounts
 * is outside 1..{@link MarginEngine#MAX_ACCOUNTS} (1); the backstop is not a genesis account
 * (2); the reporter count is not the oracle's (3); a key appears twice, or as account and
 * reporter (4); the oracle's price range is not inside the engine's, or the engine's
 * MaxPriceStep does not cover it -- an accepted aggregate could then be refused by the engine
 * (LedgerApp's ASSUME MaxPriceStep &gt;= MaxPrice - MinPrice) (5); the initial price is outside the
 * engine's range (6).
 */
public final class LedgerConfig {
    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final MarginParams margin;
    //@ spec_public
    private final long initialPrice;
    //@ spec_public
    private final OracleParams oracle;
    //@ spec_public
    private final AccountKey[] genesisAccounts;
    //@ spec_public
    private final int backstop;
    //@ spec_public
    private final AccountKey[] reporters;
    //@ spec_public
    private final int maxAccounts;
    /** Governance (null: a ledger without governance; its governance transactions are UNKNOWN_SIGNER). */
    private final /*@ nullable @*/ dev.bulwark.governance.GovernanceParams governance;
    //@ spec_public
    private final AccountKey[] governanceKeys;
    private final int[] initialOwners;
    private final int initialThreshold;

    //@ public invariant margin != null && oracle != null && genesisAccounts != null && reporters != null;
    //@ public invariant 1 <= maxAccounts && maxAccounts <= MarginEngine.MAX_ACCOUNTS;
    //@ public invariant 1 <= genesisAccounts.length && genesisAccounts.length <= maxAccounts;
    //@ public invariant 0 <= backstop && backstop < genesisAccounts.length;
    // reporters.length == oracle.reporters() is checked by the constructor; not an invariant,
    // because an invariant that calls another class's method drags that class's invariants into
    // every proof that touches a config.

    /** A ledger without governance (its governance transactions are UNKNOWN_SIGNER). */
    public LedgerConfig(long chainId, /*@ nullable @*/ MarginParams margin, long initialPrice,
                        /*@ nullable @*/ OracleParams oracle, /*@ nullable @*/ AccountKey[] genesisAccounts,
                        int backstop, /*@ nullable @*/ AccountKey[] reporters, int maxAccounts)
            throws LedgerException {
        this(chainId, margin, initialPrice, oracle, genesisAccounts, backstop, reporters, maxAccounts, null, null,
                null, 0);
    }

    /**
     * A ledger governed by k-of-n owners (LedgerApp's Gov constant): the governance parameters
     * (hard bounds, timelock, nonce window, fund floor), the governance key registry (index =
     * the core's key index; the keys sign governance transactions and approvals), the initial
     * owners (key indices) and threshold.  Further refusals (INVALID_CONFIG): governance for
     * another chain, another number of keys or reporters, a key twice or also an account or a
     * reporter, the genesis rates outside the hard bounds, or rates within the bounds that the
     * margin engine would not accept (its bound on a maintenance requirement) (7); owners or
     * threshold that Governance refuses (8).
     */
    public LedgerConfig(long chainId, /*@ nullable @*/ MarginParams margin, long initialPrice,
                        /*@ nullable @*/ OracleParams oracle, /*@ nullable @*/ AccountKey[] genesisAccounts,
                        int backstop, /*@ nullable @*/ AccountKey[] reporters, int maxAccounts,
                        /*@ nullable @*/ GovernanceParams governance, /*@ nullable @*/ AccountKey[] governanceKeys,
                        /*@ nullable @*/ int[] initialOwners, int initialThreshold)
            throws LedgerException {
        if (margin == null || oracle == null || genesisAccounts == null || reporters == null) {
            throw new LedgerException(Reason.INVALID_CONFIG, 0, 0);
        }
        if (maxAccounts < 1 || maxAccounts > MarginEngine.MAX_ACCOUNTS || genesisAccounts.length < 1
                || genesisAccounts.length > maxAccounts) {
            throw new LedgerException(Reason.INVALID_CONFIG, 1, maxAccounts);
        }
        if (backstop < 0 || backstop >= genesisAccounts.length) {
            throw new LedgerException(Reason.INVALID_CONFIG, 2, backstop);
        }
        if (reporters.length != oracle.reporters()) {
            throw new LedgerException(Reason.INVALID_CONFIG, 3, reporters.length);
        }
        java.util.HashSet<AccountKey> seen = new java.util.HashSet<>();
        // indexed loops: OpenJML's runtime checker fails (internal error) on a for-each over a nullable array
        //@ loop_invariant 0 <= i && i <= genesisAccounts.length;
        //@ decreases genesisAccounts.length - i;
        for (int i = 0; i < genesisAccounts.length; i++) {
            /*@ nullable @*/ AccountKey k = genesisAccounts[i];
            if (k == null || !seen.add(k)) {
                throw new LedgerException(Reason.INVALID_CONFIG, 4, seen.size());
            }
        }
        //@ loop_invariant 0 <= i && i <= reporters.length;
        //@ decreases reporters.length - i;
        for (int i = 0; i < reporters.length; i++) {
            /*@ nullable @*/ AccountKey k = reporters[i];
            if (k == null || !seen.add(k)) {
                throw new LedgerException(Reason.INVALID_CONFIG, 4, seen.size());
            }
        }
        if (oracle.minPrice < margin.minPrice || oracle.maxPrice > margin.maxPrice
                || margin.maxPriceStep < oracle.maxPrice - oracle.minPrice) {
            throw new LedgerException(Reason.INVALID_CONFIG, 5, margin.maxPriceStep);
        }
        if (initialPrice < margin.minPrice || initialPrice > margin.maxPrice) {
            throw new LedgerException(Reason.INVALID_CONFIG, 6, initialPrice);
        }
        if (governance != null) {
            checkGovernance(chainId, margin, oracle, seen, governance, governanceKeys, initialOwners,
                    initialThreshold);
        }
        this.governance = governance;
        this.governanceKeys = governance == null ? new AccountKey[0] : AccountKey.copyOf(governanceKeys);
        this.initialOwners = governance == null ? new int[0] : copyOf(initialOwners);
        this.initialThreshold = governance == null ? 0 : initialThreshold;
        this.chainId = chainId;
        this.margin = margin;
        this.initialPrice = initialPrice;
        this.oracle = oracle;
        this.genesisAccounts = AccountKey.copyOf(genesisAccounts);
        this.backstop = backstop;
        this.reporters = AccountKey.copyOf(reporters);
        this.maxAccounts = maxAccounts;
    }

    //@ public normal_behavior
    //@   ensures \result == chainId;
    //@ pure
    public long chainId() {
        return chainId;
    }

    //@ public normal_behavior
    //@   ensures \result == margin;
    //@ pure
    public MarginParams margin() {
        return margin;
    }

    /** The engine's price at genesis (the market is halted until the oracle's first aggregate). */
    //@ public normal_behavior
    //@   ensures \result == initialPrice;
    //@ pure
    public long initialPrice() {
        return initialPrice;
    }

    //@ public normal_behavior
    //@   ensures \result == oracle;
    //@ pure
    public OracleParams oracle() {
        return oracle;
    }

    /** Number of genesis accounts. */
    //@ public normal_behavior
    //@   ensures \result == genesisAccounts.length;
    //@ pure
    public int genesisAccountCount() {
        return genesisAccounts.length;
    }

    /** Genesis account i (its id). */
    //@ public normal_behavior
    //@   requires 0 <= i && i < genesisAccounts.length;
    //@   ensures \result == genesisAccounts[i];
    //@ pure
    public AccountKey genesisAccount(int i) {
        return genesisAccounts[i];
    }

    /** The backstop's account id. */
    //@ public normal_behavior
    //@   ensures \result == backstop;
    //@ pure
    public int backstop() {
        return backstop;
    }

    /** Number of reporters (the oracle's). */
    //@ public normal_behavior
    //@   ensures \result == reporters.length;
    //@ pure
    public int reporterCount() {
        return reporters.length;
    }

    /** Reporter r's key. */
    //@ public normal_behavior
    //@   requires 0 <= r && r < reporters.length;
    //@   ensures \result == reporters[r];
    //@ pure
    public AccountKey reporter(int r) {
        return reporters[r];
    }

    /** The reporter index of a key, or -1 (the lowest index if the key were there twice; the constructor refuses that). */
    /*@ public normal_behavior
      @   ensures -1 <= \result && \result < reporters.length;
      @   ensures \result >= 0 ==> reporters[\result] != null && reporters[\result].sameKey(k);
      @   ensures \result >= 0 ==> (\forall int j; 0 <= j && j < \result; !(reporters[j] != null && reporters[j].sameKey(k)));
      @   ensures \result == -1 ==> (\forall int j; 0 <= j && j < reporters.length;
      @                                  !(reporters[j] != null && reporters[j].sameKey(k)));
      @ pure
      @*/
    public int reporterIndex(AccountKey k) {
        //@ loop_invariant 0 <= r && r <= reporters.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < r; !(reporters[j] != null && reporters[j].sameKey(k)));
        //@ decreases reporters.length - r;
        for (int r = 0; r < reporters.length; r++) {
            AccountKey x = reporters[r];
            if (x != null && x.sameKey(k)) {
                return r;
            }
        }
        return -1;
    }

    /** Bound on the number of accounts (genesis ones included). */
    //@ public normal_behavior
    //@   ensures \result == maxAccounts;
    //@ pure
    public int maxAccounts() {
        return maxAccounts;
    }

    private static void checkGovernance(long chainId, MarginParams margin, OracleParams oracle,
                                        java.util.HashSet<AccountKey> seen,
                                        dev.bulwark.governance.GovernanceParams g, /*@ nullable @*/ AccountKey[] keys,
                                        /*@ nullable @*/ int[] owners, int threshold) throws LedgerException {
        if (keys == null || owners == null || g.keys != keys.length || g.chainId != chainId
                || g.reporters != oracle.reporters()) {
            throw new LedgerException(Reason.INVALID_CONFIG, 7, keys == null ? -1 : keys.length);
        }
        //@ loop_invariant 0 <= i && i <= keys.length;
        //@ decreases keys.length - i;
        for (int i = 0; i < keys.length; i++) {
            /*@ nullable @*/ AccountKey k = keys[i];
            if (k == null || !seen.add(k)) {
                throw new LedgerException(Reason.INVALID_CONFIG, 7, seen.size());
            }
        }
        if (!g.paramsInBounds(margin.imBps, margin.mmBps, margin.feeBps) || g.minMmBps < 1
                || !MarginParams.valid(margin.maxTradeLots, margin.maxLots, margin.maxCollateral,
                        margin.maxNetDeposits, margin.minPrice, margin.maxPrice, margin.maxPriceStep, g.maxImBps,
                        Math.min(g.maxMmBps, g.maxImBps), g.maxFeeBps, margin.bandBps, margin.dustLots)) {
            throw new LedgerException(Reason.INVALID_CONFIG, 7, g.maxMmBps);
        }
        try {
            new dev.bulwark.governance.Governance(g, owners, threshold, margin.imBps, margin.mmBps, margin.feeBps, 0,
                    oracle.stakes());
        } catch (dev.bulwark.governance.GovernanceException e) {
            throw new LedgerException(Reason.INVALID_CONFIG, 8, e.reason().ordinal());
        }
    }

    /** Governance's parameters, or null for a ledger without governance. */
    public /*@ nullable @*/ dev.bulwark.governance.GovernanceParams governance() {
        return governance;
    }

    /** Number of governance keys (0 without governance). */
    public int governanceKeyCount() {
        return governanceKeys.length;
    }

    /** Governance key k (the core's key index k). */
    /*@ public normal_behavior
      @   requires 0 <= k && k < governanceKeys.length;
      @   ensures \result == governanceKeys[k];
      @ pure
      @*/
    public /*@ nullable @*/ AccountKey governanceKey(int k) {
        return governanceKeys[k];
    }

    /** The governance key index of a key, or -1. */
    /*@ public normal_behavior
      @   ensures -1 <= \result && \result < governanceKeys.length;
      @ pure
      @*/
    public int governanceKeyIndex(AccountKey k) {
        //@ loop_invariant 0 <= i && i <= governanceKeys.length;
        //@ decreases governanceKeys.length - i;
        for (int i = 0; i < governanceKeys.length; i++) {
            if (governanceKeys[i] != null && governanceKeys[i].sameKey(k)) {
                return i;
            }
        }
        return -1;
    }

    /** The initial owners (key indices, a copy). */
    public int[] initialOwners() {
        return copyOf(initialOwners);
    }

    public int initialThreshold() {
        return initialThreshold;
    }

    /** A copy of a: a proved loop rather than {@code clone()}, as {@link AccountKey#copyOf}. */
    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static int[] copyOf(int[] a) {
        int[] r = new int[a.length];
        //@ loop_invariant 0 <= k && k <= a.length && (\forall int j; 0 <= j && j < k; r[j] == a[j]);
        //@ decreases a.length - k;
        for (int k = 0; k < a.length; k++) {
            r[k] = a[k];
        }
        return r;
    }
}
