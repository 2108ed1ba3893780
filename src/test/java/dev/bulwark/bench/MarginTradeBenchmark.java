package dev.bulwark.bench;

import dev.bulwark.margin.MarginEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Applying trades on one thread.
 *
 * <p>Reported: trades per second through {@link MarginEngine#trade} with every guard checked
 * (band, bounds, initial margin of both sides), and the ratio to the same number of plain array
 * updates ({@link #plainUpdates}: the four writes a trade makes, no checks). Reference point:
 * LMAX's published figure for one Java thread is about 6 million orders per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarginTradeBenchmark {
    static final int ACCOUNTS = 1_024;
    static final int BATCH = 1_024;
    static final long PRICE = 100_000L;

    private MarginEngine engine;
    private long[] collateral;
    private long[] position;
    private int[] buyers;
    private int[] sellers;
    private long[] prices;

    @Setup
    public void setup() {
        engine = new MarginEngine(MarginScanBenchmark.params(), ACCOUNTS, PRICE);
        for (int a = 0; a < ACCOUNTS; a++) {
            engine.deposit(a, 1_000_000_000L);
        }
        collateral = new long[ACCOUNTS];
        position = new long[ACCOUNTS];
        buyers = new int[BATCH];
        sellers = new int[BATCH];
        prices = new long[BATCH];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int k = 0; k < BATCH; k += 2) {
            int b = rnd.nextInt(ACCOUNTS);
            int s = (b + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
            long px = PRICE - 1_000 + rnd.nextLong(2_001);
            // each pair of trades goes there and back, so positions stay bounded forever
            buyers[k] = b; sellers[k] = s; prices[k] = px;
            buyers[k + 1] = s; sellers[k + 1] = b; prices[k + 1] = px;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long engineTrades() {
        MarginEngine e = engine;
        for (int k = 0; k < BATCH; k++) {
            e.trade(buyers[k], sellers[k], 3L, prices[k]);
        }
        return e.position(0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long plainUpdates() {
        long[] c = collateral;
        long[] p = position;
        for (int k = 0; k < BATCH; k++) {
            int b = buyers[k];
            int s = sellers[k];
            long cost = 3L * prices[k];
            c[b] = c[b] - cost;
            c[s] = c[s] + cost;
            p[b] = p[b] + 3L;
            p[s] = p[s] - 3L;
        }
        return p[0];
    }
}
