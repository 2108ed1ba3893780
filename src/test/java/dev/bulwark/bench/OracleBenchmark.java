package dev.bulwark.bench;

import dev.bulwark.net.OracleGateway;
import dev.bulwark.net.OracleReportCodec;
import dev.bulwark.net.OracleReportSigner;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleParams;
import dev.bulwark.oracle.WeightedMedian;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Oracle aggregation over 100 and 1,000 reporters.
 *
 * <ul>
 *   <li>{@link #aggregateSigned}: a round from n signed messages: decode, Ed25519 verify,
 *       Oracle.report, then Oracle.aggregate (oracle and gateway set up for the round included).
 *   <li>{@link #aggregateUnsigned}: the same without the signature check (decode, report, aggregate).
 *   <li>{@link #aggregateOnly}: Oracle.aggregate on a round whose n reports are already in.
 *   <li>{@link #median}: WeightedMedian.lowerMedian on n unsorted prices and weights.
 *   <li>{@link #sortBaseline}: Arrays.sort on a copy of the same n prices (the baseline).
 * </ul>
 *
 * <p>Target: {@code median} at most 3x {@code sortBaseline} (the ratio of the two scores in the
 * same run).  The signed round's cost is dominated by n Ed25519 verifications; the ratio
 * signed / unsigned shows it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OracleBenchmark {
    @Param({"100", "1000"})
    public int reporters;

    private OracleParams params;
    private List<PublicKey> keys;
    private byte[][] messages;
    private long[] prices;
    private long[] weights;
    private long[] reportsLoaded;
    private long[] rel;

    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] stake = new long[reporters];
        prices = new long[reporters];
        weights = new long[reporters];
        rel = new long[reporters];
        keys = new ArrayList<>();
        messages = new byte[reporters][];
        for (int r = 0; r < reporters; r++) {
            stake[r] = 1 + rnd.nextLong(1_000_000);
            rel[r] = 3;
            prices[r] = 100_000 - 500 + rnd.nextLong(1_001);
            weights[r] = stake[r] * 3;
            OracleReportSigner signer = OracleReportSigner.create(r, 1, 1);
            keys.add(signer.publicKey());
            messages[r] = signer.sign(0, prices[r]);
        }
        params = new OracleParams(stake, 3, 2, 1, 1_000_000, 100, 200, 1_000, 10_000, 3, 10);
        reportsLoaded = prices.clone();
    }

    private Oracle freshOracle(long[] reports) {
        return Oracle.fromState(params, 0, reports, rel, Oracle.NO_PRICE, -1, Oracle.NO_PRICE, -1, false, List.of());
    }

    @Benchmark
    public long aggregateSigned() {
        Oracle oracle = freshOracle(new long[reporters]);
        OracleGateway gateway = new OracleGateway(oracle, keys, 1, 1);
        for (byte[] m : messages) {
            gateway.submit(m);
        }
        oracle.aggregate();
        return oracle.price();
    }

    @Benchmark
    public long aggregateUnsigned() {
        Oracle oracle = freshOracle(new long[reporters]);
        for (byte[] m : messages) {
            OracleReportCodec.Signed s = OracleReportCodec.decode(m);
            oracle.report(s.report().reporter(), s.report().priceTicks());
        }
        oracle.aggregate();
        return oracle.price();
    }

    @Benchmark
    public long aggregateOnly() {
        Oracle oracle = freshOracle(reportsLoaded);
        oracle.aggregate();
        return oracle.price();
    }

    @Benchmark
    public long median() {
        return WeightedMedian.lowerMedian(prices, weights, reporters);
    }

    @Benchmark
    public long sortBaseline() {
        long[] copy = prices.clone();
        Arrays.sort(copy);
        return copy[reporters / 2];
    }
}
