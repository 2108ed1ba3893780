package dev.bulwark.bench;

import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginParams;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Price-shock scan over 1,000,000 accounts.
 *
 * <p>Target: {@link #engineScan} (oracle moves, then every liquidatable account is found) runs at
 * at least one third of the throughput of {@link #plainLoop}, a loop that reads the same two
 * arrays and does one multiply-add per account (the memory-bandwidth limit). The ratio of the
 * two scores, measured in the same run, is printed by {@code make bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MarginScanBenchmark {
    @Param({"1000000"})
    public int accounts;

    private MarginEngine engine;
    private long[] collateral;
    private long[] position;
    private int[] out;
    private long basePrice;
    private boolean shocked;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        basePrice = 100_000L;
        collateral = new long[accounts];
        position = new long[accounts];
        long net = 0;
        for (int i = 0; i + 1 < accounts; i += 2) {
            long lots = 1 + rnd.nextLong(1_000);
            long side = rnd.nextBoolean() ? 1 : -1;
            position[i] = side * lots;
            position[i + 1] = -side * lots;
            for (int k = i; k <= i + 1; k++) {
                long notional = Math.abs(position[k]) * basePrice;
                // equity between 3% and 30% of notional: a 5% shock makes a share liquidatable
                long equity = notional * (3 + rnd.nextLong(28)) / 100;
                collateral[k] = equity - position[k] * basePrice;
                net += collateral[k];
            }
        }
        engine = MarginEngine.fromState(params(), collateral.clone(), position.clone(), basePrice, 0L, net);
        out = new int[accounts];
    }

    static MarginParams params() {
        return new MarginParams(1_000L, MarginEngine.MAX_LOTS, MarginEngine.MAX_COLLATERAL,
                MarginEngine.MAX_NET_DEPOSITS, 1L, MarginEngine.MAX_PRICE, MarginEngine.MAX_PRICE,
                1_000L, 500L, 100L, 500L, 1L);
    }

    /** Oracle moves 5% (alternately down and back), then the full liquidation scan. */
    @Benchmark
    public int engineScan() {
        shocked = !shocked;
        engine.setPrice(shocked ? basePrice * 95 / 100 : basePrice);
        return engine.scanLiquidatableInto(out);
    }

    /** Baseline: read the same arrays once, one multiply-add per account. */
    @Benchmark
    public long plainLoop() {
        shocked = !shocked;
        long price = shocked ? basePrice * 95 / 100 : basePrice;
        long[] c = collateral;
        long[] p = position;
        long sum = 0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i] + p[i] * price;
        }
        return sum;
    }
}
