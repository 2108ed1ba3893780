package dev.bulwark.bench;

import dev.bulwark.ledger.Ledger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Transactions applied per second on one thread, signatures excluded (they are the node's).
 *
 * <p>{@link #ledgerBlock}: a block of {@value #BLOCK} transactions through {@code Ledger.apply}'s
 * path without the app hash -- beginBlock, applyTx for each (format, chain, signer lookup by key,
 * nonces, the margin or oracle rule, the result), endBlock (the oracle round's close and the
 * liquidation pass's scan) -- in a realistic mix: 4 price reports, then 70% trades, 15% deposits,
 * 1% withdrawals, 4% liquidation attempts (refused: the accounts are healthy), 10% rejected
 * (replays, another chain, unknown signers), over {@code accounts} accounts.  Reported beside
 * {@link #plainUpdates}: the same array updates (balances, positions, nonces) on plain arrays,
 * with no checks, no key lookup, no results.  Blocks are generated before each invocation (not
 * timed).  A withdrawal is O(accounts): Margin's withdrawal gating scans every account for a
 * bankrupt one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerTxBenchmark {
    static final int BLOCK = 10_000;

    @Param({"10000"})
    public int accounts;

    private Ledger ledger;
    private SplittableRandom rnd;
    private LedgerBenchMarket.Txs txs;
    private long[] coll;
    private long[] pos;
    private long[] nonce;
    private long[] reporterNonce;

    @Setup(Level.Trial)
    public void market() {
        ledger = LedgerBenchMarket.market(accounts);
        rnd = new SplittableRandom(11);
        coll = new long[accounts];
        pos = new long[accounts];
        nonce = new long[accounts];
        reporterNonce = new long[LedgerBenchMarket.REPORTERS];
    }

    @Setup(Level.Invocation)
    public void nextBlock() {
        txs = LedgerBenchMarket.block(ledger, rnd, BLOCK, 700, 150, 10, 40);
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public long ledgerBlock() {
        Ledger l = ledger;
        l.beginBlock();
        for (int i = 0; i < BLOCK; i++) {
            l.applyTx(txs.txs[i]);
        }
        l.endBlock();
        l.appHash();   // only to clear the changed-account marks; see LedgerAppHashBenchmark
        return l.height();
    }

    @Benchmark
    @OperationsPerInvocation(BLOCK)
    public long plainUpdates() {
        LedgerBenchMarket.Txs t = txs;
        long[] c = coll;
        long[] p = pos;
        long[] n = nonce;
        for (int i = 0; i < BLOCK; i++) {
            int a = t.a[i];
            switch (t.kind[i]) {
                case LedgerBenchMarket.DEPOSIT:
                    c[a] += t.x[i];
                    n[a]++;
                    break;
                case LedgerBenchMarket.WITHDRAW:
                    c[a] -= t.x[i];
                    n[a]++;
                    break;
                case LedgerBenchMarket.TRADE: {
                    int b = t.b[i];
                    long v = t.x[i] * t.px[i];
                    c[a] -= v;
                    c[b] += v;
                    p[a] += t.x[i];
                    p[b] -= t.x[i];
                    n[a]++;
                    n[b]++;
                    break;
                }
                case LedgerBenchMarket.REPORT:
                    reporterNonce[a]++;
                    break;
                case LedgerBenchMarket.LIQUIDATE:
                    n[a]++;
                    break;
                default:
                    break;
            }
        }
        return c[0] + p[0];
    }
}
