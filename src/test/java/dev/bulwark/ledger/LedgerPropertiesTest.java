package dev.bulwark.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.state.AccountProof;
import dev.bulwark.ledger.state.AppHash;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.ledger.state.StateException;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.margin.MarginEngine;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties beyond the spec's bounds (jqwik): thousands of accounts created by deposits, long
 * random blocks of mostly admissible and some bad transactions.
 *
 * <ul>
 *   <li>replicas fed the same blocks in different batches -- stored ahead and applied later,
 *       crashed and restarted at random points, snapshotting at random heights, one catching up
 *       by state sync -- end with identical app hashes, equal to the reference's at every height;</li>
 *   <li>the incremental app hash equals the one built from scratch (a restored snapshot), and
 *       inclusion proofs verify for every account and fail for a tampered balance;</li>
 *   <li>the liquidation pass (scan + queue) equals the spec's pass over every account in id order;</li>
 *   <li>the backstop's size equals the largest size the engine's guard allows, found by trying each;</li>
 *   <li>bad input -- random transactions, random bytes for every decoder -- is rejected with a
 *       typed reason and changes nothing.</li>
 * </ul>
 */
class LedgerPropertiesTest {
    static final ValidatorSet VS = new ValidatorSet(new long[] {1, 1, 1, 1});

    static Certificate cert(long h, byte[] block) {
        Value v = BlockCodec.hash(block).consensusValue();
        List<Message> m = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            m.add(Message.precommit(i, h, 0, v));
        }
        return new Certificate(h, 0, v, m);
    }

    static byte[] encode(Block b, byte[] prevAppHash) {
        List<SignedTx> s = new ArrayList<>();
        for (Transaction t : b.txs()) {
            s.add(t.type() == Transaction.TRADE ? new SignedTx(t, new byte[64], new byte[64]) : new SignedTx(t, new byte[64]));
        }
        return BlockCodec.encode(b.chainId(), b.height(), prevAppHash, s);
    }

    @Property(tries = 6)
    void replicasFedTheSameBlocksInDifferentBatchesAgree(@ForAll long seed) {
        LedgerConfig cfg = Fixtures.bigConfig(2, 4, 5_000);
        SplittableRandom rnd = new SplittableRandom(seed);
        RandomChain chain = new RandomChain(seed, 3_000, 4, 1_000, false);   // encodable blocks
        Ledger ref = new Ledger(cfg);
        int blocks = 24;
        List<byte[]> encoded = new ArrayList<>();
        List<byte[]> hashes = new ArrayList<>();
        int deleverages = 0;
        int backstops = 0;
        for (int h = 1; h <= blocks; h++) {
            Block b = chain.next(ref, h <= 4 ? 1_500 : 200 + rnd.nextInt(1_200));
            encoded.add(encode(b, ref.appHash()));
            BlockResult r = ref.apply(b);
            hashes.add(r.appHash());
            deleverages += r.deleverages();
            backstops += r.backstopLiquidations();
        }
        assertTrue(ref.accounts() > 2_000, "accounts " + ref.accounts());

        // replica b: blocks stored in random batches, applied later, crashes and snapshots at random
        Replica b = new Replica(cfg, VS, new MemoryBlockStore());
        int crashes = 0;
        while (b.height() < blocks) {
            int store = rnd.nextInt(4);
            for (int k = 0; k < store && b.storedHeight() < blocks; k++) {
                int h = (int) b.storedHeight() + 1;
                b.commitBlock(encoded.get(h - 1), cert(h, encoded.get(h - 1)));
            }
            int apply = rnd.nextInt(4);
            for (int k = 0; k < apply && b.height() < b.storedHeight(); k++) {
                BlockResult r = b.applyNext();
                assertArrayEquals(hashes.get((int) r.height() - 1), r.appHash(), "height " + r.height());
            }
            if (rnd.nextInt(5) == 0 && b.height() > b.snapshotHeight()) {
                b.snapshot();
            }
            if (rnd.nextInt(6) == 0) {
                b.crash();
                crashes++;
                b.restart();
                assertEquals(b.snapshotHeight(), b.height());
            }
        }
        assertArrayEquals(ref.appHash(), b.ledger().appHash());

        // replica c: state sync from b's snapshot (checked against the reference's app hash), then the rest
        Replica c = new Replica(cfg, VS, new MemoryBlockStore());
        int sh = (int) b.snapshotHeight();
        if (sh > 0 && sh < blocks) {
            // the trust anchor: block sh + 1, whose certified header carries the app hash after sh
            assertArrayEquals(hashes.get(sh - 1), BlockCodec.decode(encoded.get(sh)).prevAppHash());
            c.stateSync(sh, b.store().snapshot(), encoded.get(sh), cert(sh + 1, encoded.get(sh)));
        }
        while (c.storedHeight() < blocks) {
            c.fetchBlock(b);
        }
        while (c.height() < blocks) {
            c.applyNext();
        }
        assertArrayEquals(ref.appHash(), c.ledger().appHash());
        assertArrayEquals(Snapshot.encode(ref), Snapshot.encode(c.ledger()));
        System.out.printf("replicas agree: %d accounts, %d blocks, %d crashes, snapshot at %d, %d deleveraging steps,"
                + " %d backstop liquidations%n", ref.accounts(), blocks, crashes, b.snapshotHeight(), deleverages, backstops);
    }

    @Property(tries = 4)
    void appHashIsIncrementalAndProofsHoldForEveryAccount(@ForAll long seed) {
        LedgerConfig cfg = Fixtures.bigConfig(2, 4, 5_000);
        RandomChain chain = new RandomChain(seed, 2_500, 4, 1_000);
        Ledger l = new Ledger(cfg);
        for (int h = 1; h <= 8; h++) {
            l.apply(chain.next(l, 1_000));
        }
        byte[] app = l.appHash();
        assertArrayEquals(Snapshot.decode(cfg, Snapshot.encode(l)).appHash(), app);
        AppHash tree = l.appHashTree();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int a = 0; a < l.accounts(); a++) {
            AccountProof p = tree.prove(l, a);
            assertTrue(p.verify(app), "account " + a);
            long delta = 1 + rnd.nextLong(1_000_000);
            assertFalse(p.withFields(a, p.collateral() + delta, p.position(), p.nonce()).verify(app));
            assertFalse(p.withFields(a, p.collateral(), p.position() - delta, p.nonce()).verify(app));
        }
    }

    /** A random market state with liquidatable, bankrupt and healthy accounts (Conservation holds). */
    static Ledger randomMarket(LedgerConfig cfg, SplittableRandom rnd, int n, long price, long insurance) {
        AccountKey[] keys = new AccountKey[n];
        long[] coll = new long[n];
        long[] pos = new long[n];
        long[] nonce = new long[n];
        long maxLots = cfg.margin().maxLots;
        for (int a = 0; a < n; a++) {
            keys[a] = a < cfg.genesisAccountCount() ? cfg.genesisAccount(a) : Fixtures.key(5, a);
        }
        // positions in opposite pairs (open interest balanced); balances around the break-even
        for (int a = 0; a + 1 < n; a += 2) {
            long q = rnd.nextLong(1, maxLots / 4);
            int longA = rnd.nextBoolean() ? a : a + 1;
            pos[longA] = q;
            pos[longA == a ? a + 1 : a] = -q;
        }
        long sum = 0;
        for (int a = 0; a < n; a++) {
            // equity = coll + pos * price between -10% and +30% of the notional
            long notional = Math.abs(pos[a]) * price;
            long equity = notional == 0 ? rnd.nextLong(0, 1_000_000) : rnd.nextLong(-notional / 10, notional * 3 / 10 + 1);
            coll[a] = equity - pos[a] * price;
            sum += coll[a];
        }
        long net = sum + insurance;
        if (net < 0) {
            coll[cfg.backstop()] -= net;   // top up so that net deposits are not negative
            net = 0;
        }
        Oracle o = Oracle.fromState(cfg.oracle(), 0, new long[cfg.reporterCount()], relAll(cfg), price, 0, 0, -1,
                false, List.of());
        return Ledger.fromState(cfg, keys, coll, pos, nonce, price, insurance, net, false, o,
                new long[cfg.reporterCount()], 0, new TxResult[0]);
    }

    static long[] relAll(LedgerConfig cfg) {
        long[] r = new long[cfg.reporterCount()];
        java.util.Arrays.fill(r, cfg.oracle().maxRel);
        return r;
    }

    static LedgerConfig passConfig(int n) {
        // wide balances so that deleveraging and backstop liquidations stay within the bounds
        MarginParams m = new MarginParams(1_000, 2_000, 1_000_000_000_000L, 1_000_000_000_000_000L, 900, 1_100, 200,
                1_000, 500, 100, 500, 3);
        return Fixtures.config(m, 1_000, Fixtures.oracleParams(2, 900, 1_100, 3, 1_000_000), 2, n);
    }

    @Property(tries = 40)
    void liquidationPassEqualsTheSpecsPassOverEveryAccount(@ForAll long seed, @ForAll @IntRange(min = 4, max = 400) int n,
                                                          @ForAll @IntRange(min = 0, max = 3) int fund) {
        LedgerConfig cfg = passConfig(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        long insurance = fund == 0 ? 0 : rnd.nextLong(1, 10_000_000L * fund * fund);
        Ledger fast = randomMarket(cfg, rnd, n, 1_000, insurance);
        Ledger naive = fast.copy();
        long[] before = new long[n];
        for (int a = 0; a < n; a++) {
            before[a] = fast.position(a);
        }
        fast.beginBlock();
        fast.liquidationPass();
        // LiquidationPass as LedgerApp states it: every account in id order, DeleverageLoop then BackstopStep
        for (int a = 0; a < naive.accounts(); a++) {
            for (int k = 0; k < naive.accounts(); k++) {
                if (!naive.deleverageStep(a)) {
                    break;
                }
            }
            naive.backstopStep(a);
        }
        assertArrayEquals(Snapshot.encode(naive), Snapshot.encode(fast));
        assertArrayEquals(naive.appHash(), fast.appHash());
        for (int a = 0; a < n; a++) {
            PASS_CHANGED.addAndGet(fast.position(a) != before[a] ? 1 : 0);
        }
        PASS_ACCOUNTS.addAndGet(n);
    }

    static final java.util.concurrent.atomic.AtomicLong PASS_CHANGED = new java.util.concurrent.atomic.AtomicLong();
    static final java.util.concurrent.atomic.AtomicLong PASS_ACCOUNTS = new java.util.concurrent.atomic.AtomicLong();

    /** The pass property is not vacuous: its random markets do get liquidated and deleveraged. */
    @net.jqwik.api.lifecycle.AfterContainer
    static void passesChangedPositions() {
        if (PASS_ACCOUNTS.get() > 0) {
            System.out.printf("liquidation pass property: %d of %d accounts' positions changed by the pass%n",
                    PASS_CHANGED.get(), PASS_ACCOUNTS.get());
            assertTrue(PASS_CHANGED.get() > PASS_ACCOUNTS.get() / 20, "the random markets were hardly liquidated");
        }
    }

    @Property(tries = 200)
    void backstopLotsIsTheLargestSizeTheEngineAllows(@ForAll long seed, @ForAll @IntRange(min = 4, max = 40) int n) {
        LedgerConfig cfg = passConfig(n);
        SplittableRandom rnd = new SplittableRandom(seed);
        Ledger l = randomMarket(cfg, rnd, n, 900 + rnd.nextLong(201), rnd.nextLong(0, 5_000_000));
        long[] c = new long[n];
        long[] p = new long[n];
        for (int a = 0; a < n; a++) {
            c[a] = l.collateral(a);
            p[a] = l.position(a);
        }
        MarginEngine e = MarginEngine.fromState(cfg.margin(), c, p, l.price(), l.insurance(), l.netDeposits(), false);
        for (int a = 0; a < n; a++) {
            long want = 0;
            for (long q = cfg.margin().maxLots; q >= 1; q--) {
                if (e.canLiquidate(a, l.backstop(), q, l.price())) {
                    want = q;
                    break;
                }
            }
            assertEquals(want, l.backstopLots(a), "account " + a);
        }
    }

    @Property(tries = 30)
    void badTransactionsChangeNothing(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LedgerConfig cfg = Fixtures.bigConfig(2, 4, 400);
        RandomChain chain = new RandomChain(seed, 300, 4, 1_000);
        Ledger l = new Ledger(cfg);
        for (int h = 0; h < 3; h++) {
            l.apply(chain.next(l, 300));
        }
        l.beginBlock();
        for (int i = 0; i < 200; i++) {
            Transaction t = badTransaction(l, rnd);
            byte[] before = Fixtures.stateWithoutResults(l);
            TxResult r = l.applyTx(t);
            assertFalse(r.code().executed(), t + " was executed");
            assertArrayEquals(before, Fixtures.stateWithoutResults(l), t + " changed the state");
        }
    }

    /** An inadmissible transaction: another chain, an unknown or wrong-kind signer, a bad nonce, a malformed number. */
    static Transaction badTransaction(Ledger l, SplittableRandom rnd) {
        long ch = l.config().chainId();
        int a = rnd.nextInt(l.accounts());
        AccountKey k = l.accountKey(a);
        long next = l.nonce(a) + 1;
        long bad = rnd.nextBoolean() ? rnd.nextLong(1, next) : next + 1 + rnd.nextLong(1_000);   // replay or gap
        if (next == 1 && bad < 1) {
            bad = next + 1;
        }
        switch (rnd.nextInt(9)) {
            case 0:
                return new Deposit(ch + 1 + rnd.nextInt(1_000), k, next, 5);
            case 1:
                return new Withdraw(ch, Fixtures.key(9, rnd.nextLong()), 1, 5);
            case 2:
                return new Report(ch, k, 1, 1_000);
            case 3:
                return new Deposit(ch, k, next == 1 ? 2 : bad, 5);
            case 4:
                return new Trade(ch, k, next, l.accountKey((a + 1) % l.accounts()), 0, 1, 1_000);
            case 5:
                return new Trade(ch, k, next, k, next + 1, 1, 1_000);
            case 6:
                return new Deposit(ch, k, next, -rnd.nextLong(1, Long.MAX_VALUE));
            case 7:
                return new Liquidate(ch, k, next, l.accountKey(0), 1, 0);
            default:
                return new Deposit(ch, l.config().reporter(rnd.nextInt(l.reporterCount())), 1, 5);
        }
    }

    @Property(tries = 300)
    void randomBytesNeverDecodeToAnythingButATypedRefusal(@ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LedgerConfig cfg = Fixtures.mcConfig(3, 1, 5);
        byte[] b = new byte[rnd.nextInt(300)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        // a valid prefix now and then, so the decoders get past their headers
        if (rnd.nextBoolean() && b.length > 2) {
            b[0] = TxCodec.VERSION;
            b[1] = (byte) (1 + rnd.nextInt(5));
        }
        tryDecode(() -> TxCodec.decode(b));
        tryDecode(() -> BlockCodec.decode(b));
        tryDecode(() -> Snapshot.decode(cfg, b));
        byte[] snap = Snapshot.encode(new Ledger(cfg));
        int at = rnd.nextInt(snap.length);
        snap[at] = (byte) rnd.nextInt(256);
        tryDecode(() -> Snapshot.decode(cfg, snap));
    }

    static void tryDecode(Runnable r) {
        try {
            r.run();
        } catch (StateException e) {
            // the typed refusal
        }
    }
}
