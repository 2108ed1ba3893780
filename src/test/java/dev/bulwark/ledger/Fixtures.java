package dev.bulwark.ledger;

import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.OracleParams;
import java.util.Arrays;

/** Test configurations and helpers for the ledger tests. */
public final class Fixtures {
    public static final long CHAIN = 7;

    private Fixtures() {
    }

    /** A deterministic key: four words derived from i and a salt. */
    public static AccountKey key(long salt, long i) {
        long h = (salt * 0x9E3779B97F4A7C15L) ^ (i * 0xC2B2AE3D27D4EB4FL);
        return new AccountKey(h, ~h, h * 31 + i, i + salt);
    }

    public static AccountKey account(long i) {
        return key(1, i);
    }

    public static AccountKey reporter(long i) {
        return key(2, i);
    }

    /**
     * The spec's MC constants (LedgerApp/Margin/Oracle of spec/ledger/MC.cfg) in Java: accounts
     * 0..n-1 at genesis, backstop the last; the oracle's rounds not bounded by the model's
     * MaxRound (a million), stale after 3 rounds.
     */
    public static LedgerConfig mcConfig(int genesis, int reporters, int maxAccounts) {
        MarginParams m = new MarginParams(2, 2, 40, 40, 7, 12, 5, 2000, 1000, 500, 1000, 1);
        return config(m, 10, oracleParams(reporters, 7, 12, 3, 1_000_000), genesis, maxAccounts);
    }

    public static OracleParams oracleParams(int reporters, long minPrice, long maxPrice, int staleRounds, int maxRound) {
        return oracleParams(reporters, minPrice, maxPrice, staleRounds, maxRound, 2, 5);
    }

    /** Stake 1 each, reliability 3 (cap 3, penalty 1), the given band and deviation guard (maxJump). */
    public static OracleParams oracleParams(int reporters, long minPrice, long maxPrice, int staleRounds, int maxRound,
                                            long band, long maxJump) {
        long[] stake = new long[reporters];
        Arrays.fill(stake, 1);
        return new OracleParams(stake, 3, 1, minPrice, maxPrice, 0, band, 0, maxJump, staleRounds, maxRound);
    }

    public static LedgerConfig config(MarginParams m, long initialPrice, OracleParams o, int genesis, int maxAccounts) {
        AccountKey[] g = new AccountKey[genesis];
        for (int i = 0; i < genesis; i++) {
            g[i] = account(i);
        }
        AccountKey[] r = new AccountKey[o.reporters()];
        for (int i = 0; i < r.length; i++) {
            r[i] = reporter(i);
        }
        return new LedgerConfig(CHAIN, m, initialPrice, o, g, genesis - 1, r, maxAccounts);
    }

    /**
     * A larger market: prices 900..1100, generous bounds, 10% / 5% margin, 1% fee; the oracle has
     * {@code reporters} reporters over the same prices, band 5, moves up to 100 ticks accepted at
     * once, stale after 3 rounds, a million rounds.
     */
    public static LedgerConfig bigConfig(int genesis, int reporters, int maxAccounts) {
        MarginParams m = new MarginParams(1_000, 100_000, 1_000_000_000L, 1_000_000_000_000L, 900, 1_100, 200,
                1_000, 500, 100, 500, 5);
        return config(m, 1_000, oracleParams(reporters, 900, 1_100, 3, 1_000_000, 5, 100), genesis, maxAccounts);
    }

    public static AccountKey govKey(long i) {
        return key(3, i);
    }

    /**
     * The spec's MCGov constants (spec/ledger/MCGov.cfg) in Java: the MC market with governance
     * by {@code keys} keys, the first {@code owners} of them owners, the given threshold; timelock
     * one block, nonce window 2, fund floor 1, rates within 1000..5000 (im), 500..5000 (mm),
     * 0..1000 (fee), stakes up to 2.
     */
    public static LedgerConfig govConfig(int genesis, int reporters, int keys, int owners, int threshold) {
        MarginParams m = new MarginParams(2, 2, 40, 40, 7, 12, 5, 2000, 1000, 500, 1000, 1);
        OracleParams o = oracleParams(reporters, 7, 12, 5, 1_000_000);
        return govConfig(m, 10, o, genesis, 64, keys, owners, threshold, 1, 1000, 5000, 500, 5000, 0, 1000, 2);
    }

    public static LedgerConfig govConfig(MarginParams m, long initialPrice, OracleParams o, int genesis,
                                         int maxAccounts, int keys, int owners, int threshold, long floor,
                                         long minIm, long maxIm, long minMm, long maxMm, long minFee, long maxFee,
                                         long maxStake) {
        AccountKey[] g = new AccountKey[genesis];
        for (int i = 0; i < genesis; i++) {
            g[i] = account(i);
        }
        AccountKey[] r = new AccountKey[o.reporters()];
        for (int i = 0; i < r.length; i++) {
            r[i] = reporter(i);
        }
        AccountKey[] gk = new AccountKey[keys];
        for (int i = 0; i < keys; i++) {
            gk[i] = govKey(i);
        }
        int[] ow = new int[owners];
        for (int i = 0; i < owners; i++) {
            ow[i] = i;
        }
        dev.bulwark.governance.GovernanceParams gp = new dev.bulwark.governance.GovernanceParams(keys, keys, CHAIN, 1,
                2, minIm, maxIm, minMm, maxMm, minFee, maxFee, floor, m.maxNetDeposits, o.reporters(), maxStake);
        return new LedgerConfig(CHAIN, m, initialPrice, o, g, genesis - 1, r, maxAccounts, gp, gk, ow, threshold);
    }

    public static GovPropose propose(AccountKey signer, long nonce, dev.bulwark.governance.Payload q, long govNonce,
                                     AccountKey... approvers) {
        return new GovPropose(CHAIN, signer, nonce, new dev.bulwark.governance.Proposal(q, CHAIN, govNonce), approvers);
    }

    public static GovAction gov(int type, AccountKey signer, long nonce, int slot) {
        return new GovAction(type, CHAIN, signer, nonce, slot);
    }

    public static Deposit deposit(AccountKey k, long nonce, long amount) {
        return new Deposit(CHAIN, k, nonce, amount);
    }

    public static Withdraw withdraw(AccountKey k, long nonce, long amount) {
        return new Withdraw(CHAIN, k, nonce, amount);
    }

    public static Trade trade(AccountKey b, long nb, AccountKey s, long ns, long lots, long price) {
        return new Trade(CHAIN, b, nb, s, ns, lots, price);
    }

    public static Report report(AccountKey r, long nonce, long price) {
        return new Report(CHAIN, r, nonce, price);
    }

    public static Liquidate liquidate(AccountKey l, long nonce, AccountKey a, long lots, long price) {
        return new Liquidate(CHAIN, l, nonce, a, lots, price);
    }

    public static Block block(Ledger l, Transaction... txs) {
        return new Block(CHAIN, l.height() + 1, txs);
    }

    /**
     * Everything of a ledger's state except the current block's results: the snapshot of a copy
     * whose results are cleared (so "changes nothing" can be checked for a rejected transaction,
     * whose code is recorded).
     */
    public static byte[] stateWithoutResults(Ledger l) {
        Ledger c = l.copy();
        c.beginBlock();
        return Snapshot.encode(c);
    }

    /** The whole state, results included. */
    public static byte[] state(Ledger l) {
        return Snapshot.encode(l);
    }
}
