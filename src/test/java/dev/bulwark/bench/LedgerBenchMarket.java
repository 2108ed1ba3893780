package dev.bulwark.bench;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Liquidate;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.TxResult;
import dev.bulwark.ledger.Withdraw;
import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import java.util.SplittableRandom;

/**
 * The ledger benchmarks' market and blocks: n accounts with a billion quote units each, prices
 * around 100,000 ticks, four reporters; blocks of a given mix, with the right nonces (read off the
 * ledger) for the admissible transactions. Each generated transaction is also described in plain
 * arrays (kind, ids, amounts) for the baseline loop that does the same array updates.
 */
final class LedgerBenchMarket {
    static final long PRICE = 100_000L;
    static final long CHAIN = 1L;
    static final int REPORTERS = 4;

    static final int DEPOSIT = 0;
    static final int TRADE = 1;
    static final int WITHDRAW = 2;
    static final int REPORT = 3;
    static final int LIQUIDATE = 4;
    static final int REJECTED = 5;

    private LedgerBenchMarket() {
    }

    static AccountKey key(long i) {
        long h = i * 0x9E3779B97F4A7C15L;
        return new AccountKey(h ^ 0x5555L, i, ~h, h >>> 7);
    }

    static LedgerConfig config(int accounts) {
        MarginParams m = new MarginParams(1_000L, MarginEngine.MAX_LOTS, MarginEngine.MAX_COLLATERAL,
                MarginEngine.MAX_NET_DEPOSITS, 90_000L, 110_000L, 20_000L, 1_000L, 500L, 100L, 500L, 10L);
        long[] stake = {1, 1, 1, 1};
        OracleParams o = new OracleParams(stake, 3, 1, 90_000L, 110_000L, 0, 50, 0, 1_000, 3, Oracle.MAX_ROUND);
        AccountKey[] reporters = new AccountKey[REPORTERS];
        for (int r = 0; r < REPORTERS; r++) {
            reporters[r] = key(-1 - r);
        }
        return new LedgerConfig(CHAIN, m, PRICE, o, new AccountKey[] {key(0)}, 0, reporters, accounts);
    }

    /** A running market of n funded, flat accounts (the backstop is account 0). */
    static Ledger market(int n) {
        LedgerConfig cfg = config(n);
        AccountKey[] keys = new AccountKey[n];
        long[] coll = new long[n];
        for (int a = 0; a < n; a++) {
            keys[a] = key(a);
            coll[a] = 1_000_000_000L;
        }
        long[] rel = {3, 3, 3, 3};
        Oracle o = Oracle.fromState(cfg.oracle(), 0, new long[REPORTERS], rel, PRICE, 0, 0, -1, false, java.util.List.of());
        return Ledger.fromState(cfg, keys, coll, new long[n], new long[n], PRICE, 0, (long) n * 1_000_000_000L, false,
                o, new long[REPORTERS], 0, new TxResult[0]);
    }

    /** A generated block and its plain description. */
    static final class Txs {
        final Transaction[] txs;
        final int[] kind;
        final int[] a;
        final int[] b;
        final long[] x;
        final long[] px;

        Txs(int n) {
            txs = new Transaction[n];
            kind = new int[n];
            a = new int[n];
            b = new int[n];
            x = new long[n];
            px = new long[n];
        }
    }

    /**
     * n transactions for l's next block: four reports, then per mille {@code trades} trades,
     * {@code deposits} deposits, {@code withdrawals} withdrawals, {@code liquidations}
     * liquidation attempts (of healthy accounts: refused), the rest rejected (replays, another
     * chain, unknown signers).
     */
    static Txs block(Ledger l, SplittableRandom rnd, int n, int trades, int deposits, int withdrawals,
                     int liquidations) {
        Txs t = new Txs(n);
        int accounts = l.accounts();
        long[] used = new long[accounts];
        int i = 0;
        for (int r = 0; r < REPORTERS && i < n; r++, i++) {
            long p = PRICE + rnd.nextLong(-20, 21);
            t.txs[i] = new Report(CHAIN, l.config().reporter(r), l.reporterNonce(r) + 1, p);
            t.kind[i] = REPORT;
            t.a[i] = r;
        }
        for (; i < n; i++) {
            int k = rnd.nextInt(1_000);
            int a = rnd.nextInt(accounts);
            if (k < trades) {
                int s = rnd.nextInt(accounts - 1);
                s = s >= a ? s + 1 : s;
                long q = 1 + rnd.nextLong(10);
                long p = l.price() + rnd.nextLong(-50, 51);
                t.txs[i] = new Trade(CHAIN, l.accountKey(a), l.nonce(a) + (++used[a]), l.accountKey(s),
                        l.nonce(s) + (++used[s]), q, p);
                t.kind[i] = TRADE;
                t.a[i] = a;
                t.b[i] = s;
                t.x[i] = q;
                t.px[i] = p;
            } else if (k < trades + deposits) {
                long x = 1 + rnd.nextLong(1_000_000);
                t.txs[i] = new Deposit(CHAIN, l.accountKey(a), l.nonce(a) + (++used[a]), x);
                t.kind[i] = DEPOSIT;
                t.a[i] = a;
                t.x[i] = x;
            } else if (k < trades + deposits + withdrawals) {
                long x = 1 + rnd.nextLong(10_000);
                t.txs[i] = new Withdraw(CHAIN, l.accountKey(a), l.nonce(a) + (++used[a]), x);
                t.kind[i] = WITHDRAW;
                t.a[i] = a;
                t.x[i] = x;
            } else if (k < trades + deposits + withdrawals + liquidations) {
                int v = rnd.nextInt(accounts);
                t.txs[i] = new Liquidate(CHAIN, l.accountKey(a), l.nonce(a) + (++used[a]), l.accountKey(v), 1,
                        l.price());
                t.kind[i] = LIQUIDATE;
                t.a[i] = a;
            } else {
                int which = rnd.nextInt(3);
                t.txs[i] = which == 0 ? new Deposit(CHAIN, l.accountKey(a), l.nonce(a) + used[a] + 5, 1)
                        : which == 1 ? new Deposit(CHAIN + 1, l.accountKey(a), 1, 1)
                        : new Deposit(CHAIN, key(-100 - rnd.nextInt(1_000_000)), 2, 1);
                t.kind[i] = REJECTED;
            }
        }
        return t;
    }
}
