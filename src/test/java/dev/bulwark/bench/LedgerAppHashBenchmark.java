package dev.bulwark.bench;

import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.state.AppHash;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The app-hash update of a 10,000-transaction block over 1,000,000 accounts.
 *
 * <p>{@link #applyBlock}: the block's transactions applied (beginBlock, applyTx for each,
 * endBlock with the oracle close and the liquidation pass's scan of every account), without the
 * app hash.  {@link #appHashUpdate}: the app hash after such a block (applied before the
 * invocation, not timed): the leaves of the accounts it changed and their paths to the root, and
 * the globals.  The mix is the one least favourable to the target: 4 reports, 85% trades (two
 * accounts each), 15% deposits -- no withdrawal, whose O(accounts) gating scan would dominate the
 * apply side.  Target: the hash update costs no more than applying the block, i.e.
 * appHashUpdate's blocks/s &gt;= applyBlock's (the ratio {@code make bench} prints).  The hashes
 * per changed account are printed at the end of the trial.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LedgerAppHashBenchmark {
    static final int BLOCK = 10_000;

    @State(Scope.Thread)
    public static class Market {
        @Param({"1000000"})
        public int accounts;

        Ledger ledger;
        AppHash tree;   // the ledger's tree (its counters are read without updating it)
        SplittableRandom rnd;
        LedgerBenchMarket.Txs txs;
        long hashes;
        long compressions;
        long changed;
        long blocks;

        @Setup(Level.Trial)
        public void market() {
            ledger = LedgerBenchMarket.market(accounts);
            ledger.appHash();   // the whole tree, once
            tree = ledger.appHashTree();
            rnd = new SplittableRandom(13);
        }

        void generate() {
            txs = LedgerBenchMarket.block(ledger, rnd, BLOCK, 850, 150, 0, 0);
        }

        void applyTxs() {
            Ledger l = ledger;
            l.beginBlock();
            for (int i = 0; i < BLOCK; i++) {
                l.applyTx(txs.txs[i]);
            }
            l.endBlock();
        }
    }

    /** Before each timed application: the next block. */
    @State(Scope.Thread)
    public static class ToApply extends Market {
        @Setup(Level.Invocation)
        public void next() {
            generate();
        }

        @TearDown(Level.Invocation)
        public void hash() {
            ledger.appHash();   // untimed: clears the changed-account marks
        }
    }

    /** Before each timed hash update: the next block, applied. */
    @State(Scope.Thread)
    public static class ToHash extends Market {
        @Setup(Level.Invocation)
        public void next() {
            generate();
            applyTxs();
            changed += ledger.changedAccounts();
            hashes -= ledger.appHashComputations();
            compressions -= tree.compressions();
        }

        @TearDown(Level.Invocation)
        public void count() {
            hashes += ledger.appHashComputations();
            compressions += tree.compressions();
            blocks++;
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%napp hash: %d blocks, %.0f changed accounts per block, %.2f hashes and %.2f SHA-256 compressions per changed account%n",
                    blocks, (double) changed / blocks, (double) hashes / changed, (double) compressions / changed);
        }
    }

    @Benchmark
    public long applyBlock(ToApply m) {
        m.applyTxs();
        return m.ledger.height();
    }

    @Benchmark
    public byte[] appHashUpdate(ToHash m) {
        return m.ledger.appHash();
    }
}
