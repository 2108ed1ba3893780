package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.Block;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mempool's bounds, refusals (each leaving it unchanged), block filling and eviction. */
class MempoolTest {
    final Cluster c = new Cluster(4, 3L);
    final Ledger ledger = new Ledger(c.ledger);

    static NodeException refused(Reason reason, Mempool m, byte[] tx, Ledger l) {
        int size = m.size();
        long bytes = m.bytes();
        NodeException e = assertThrows(NodeException.class, () -> m.add(tx, l));
        assertEquals(reason, e.reason());
        assertEquals(size, m.size());
        assertEquals(bytes, m.bytes());
        return e;
    }

    @Test
    void boundsInCountBytesAndPerSigner() {
        Mempool m = new Mempool(Cluster.CHAIN, 3, 1 << 20, 2, 8);
        byte[] a1 = c.deposit(0, 1);
        byte[] a2 = c.deposit(0, 1);
        byte[] a3 = c.deposit(0, 1);
        m.add(a1, ledger);
        m.add(a2, ledger);
        refused(Reason.FULL, m, a3, ledger); // per signer
        m.add(c.deposit(1, 1), ledger);
        refused(Reason.FULL, m, c.deposit(2, 1), ledger); // count
        Mempool small = new Mempool(Cluster.CHAIN, 100, a1.length + 10, 10, 8);
        small.add(a1, ledger);
        refused(Reason.FULL, small, c.deposit(3, 1), ledger); // bytes
        refused(Reason.DUPLICATE, m, a1, ledger);
        refused(Reason.OVERSIZE, m, new byte[TxCodec.MAX_TX_BYTES + 1], ledger);
        refused(Reason.MALFORMED, m, new byte[] {1, 2}, ledger);
        assertTrue(m.contains(Mempool.hash(a1)));
    }

    @Test
    void aBatchIsVerifiedTogetherAndBadOnesAreRefusedAlone() {
        Mempool m = new Mempool(Cluster.CHAIN, 100, 1 << 20, 10, 8);
        byte[] good = c.deposit(0, 5);
        SignedTx s = TxCodec.decode(c.deposit(1, 5));
        byte[] sig = s.signature(0);
        sig[3] ^= 1;
        byte[] bad = TxCodec.encode(new SignedTx(s.tx(), sig));
        List<Object> out = m.addAll(List.of(good, bad, good), ledger);
        assertArrayEquals(Mempool.hash(good), (byte[]) out.get(0));
        assertEquals(Reason.BAD_SIGNATURE, ((NodeException) out.get(1)).reason());
        assertEquals(Reason.DUPLICATE, ((NodeException) out.get(2)).reason());
        assertEquals(1, m.size());
    }

    @Test
    void reapFollowsNoncesAndLimitsAndEvictFollowsTheLedger() {
        Mempool m = new Mempool(Cluster.CHAIN, 100, 1 << 20, 10, 8);
        byte[] d1 = c.deposit(0, 10);
        byte[] d2 = c.deposit(0, 20);
        byte[] d3 = c.deposit(0, 30);
        byte[] e1 = c.deposit(1, 10);
        m.add(d3, ledger); // arrives first, but nonce 3
        m.add(d2, ledger);
        m.add(e1, ledger);
        List<SignedTx> none = List.of();
        List<SignedTx> b = m.reap(ledger, 100, 1 << 20, Set.of(), none);
        assertEquals(List.of(TxCodec.decode(e1)), b, "trader 0's nonces 2 and 3 wait for nonce 1");
        m.add(d1, ledger);
        b = m.reap(ledger, 100, 1 << 20, Set.of(), none);
        assertEquals(List.of(TxCodec.decode(e1), TxCodec.decode(d1), TxCodec.decode(d2), TxCodec.decode(d3)), b);
        assertEquals(2, m.reap(ledger, 2, 1 << 20, Set.of(), none).size(), "count limit");
        assertEquals(1, m.reap(ledger, 100, d1.length + 2, Set.of(), none).size(), "byte limit");
        // transactions of a decided block not yet applied are excluded and their nonces count
        Set<ByteBuffer> ex = Set.of(ByteBuffer.wrap(Mempool.hash(d1)));
        b = m.reap(ledger, 100, 1 << 20, ex, List.of(TxCodec.decode(d1)));
        assertEquals(List.of(TxCodec.decode(d2), TxCodec.decode(e1), TxCodec.decode(d3)), b, "arrival order, nonces in order");
        // apply d1 and e1: they leave; d2, d3 stay; a transaction made stale by the ledger leaves too
        List<Transaction> txs = new ArrayList<>();
        txs.add(TxCodec.decode(d1).tx());
        txs.add(TxCodec.decode(e1).tx());
        ledger.apply(new Block(Cluster.CHAIN, 1, txs.toArray(new Transaction[0])));
        assertEquals(2, m.evict(Set.of(ByteBuffer.wrap(Mempool.hash(e1))), ledger), "e1 by hash, d1 by its stale nonce");
        assertEquals(2, m.size());
        assertFalse(m.contains(Mempool.hash(d1)));
        byte[] stale = TxCodec.encode(dev.bulwark.ledger.state.TxSignatures.sign(
                new dev.bulwark.ledger.Deposit(Cluster.CHAIN, c.trader(1), 1, 5), c.traders[1]));
        refused(Reason.BAD_NONCE, m, stale, ledger); // trader 1's nonce 1 is spent
        m.add(c.deposit(1, 1), ledger); // its nonce 2 is next
    }

    /**
     * Reap's passes over the deferred entries build the block that repeated full passes over the
     * pool in arrival order build (the reference below): random arrival orders of several traders'
     * nonces, with count and byte limits and a pending block's transactions.
     */
    @Test
    void reapEqualsRepeatedFullPassesInArrivalOrder() {
        java.util.Random rnd = new java.util.Random(17);
        for (int round = 0; round < 40; round++) {
            Cluster cl = new Cluster(4, 100L + round);
            Ledger l = new Ledger(cl.ledger);
            Mempool m = new Mempool(Cluster.CHAIN, 1_000, 1 << 20, 100, 64);
            List<byte[]> all = new ArrayList<>();
            int traders = 1 + rnd.nextInt(Math.min(4, Cluster.TRADERS));
            for (int t = 0; t < traders; t++) {
                for (int k = 0, n = 1 + rnd.nextInt(12); k < n; k++) {
                    all.add(cl.deposit(t, 1 + k));
                }
            }
            java.util.Collections.shuffle(all, rnd);
            for (byte[] tx : all) {
                m.add(tx, l);
            }
            int maxTxs = 1 + rnd.nextInt(all.size() + 2);
            long maxBytes = rnd.nextBoolean() ? 1 << 20 : (long) (all.get(0).length + 2) * (1 + rnd.nextInt(all.size()));
            List<SignedTx> got = m.reap(l, maxTxs, maxBytes, Set.of(), List.of());
            assertEquals(reference(all, maxTxs, maxBytes), got, "round " + round);
        }
    }

    /** Full passes over the arrival order, each taking every deposit whose nonce is its trader's next, until one takes none. */
    private static List<SignedTx> reference(List<byte[]> arrival, int maxTxs, long maxBytes) {
        java.util.Map<dev.bulwark.ledger.AccountKey, Long> next = new java.util.HashMap<>();
        List<SignedTx> out = new ArrayList<>();
        Set<Integer> taken = new java.util.HashSet<>();
        long used = 0;
        boolean progress = true;
        while (progress && out.size() < maxTxs) {
            progress = false;
            for (int i = 0; i < arrival.size() && out.size() < maxTxs; i++) {
                SignedTx s = TxCodec.decode(arrival.get(i));
                long len = arrival.get(i).length;
                if (taken.contains(i) || used + 2 + len > maxBytes) {
                    continue;
                }
                if (s.tx().nonce() != next.getOrDefault(s.tx().signer(), 1L)) {
                    continue;
                }
                next.put(s.tx().signer(), s.tx().nonce() + 1);
                taken.add(i);
                out.add(s);
                used += 2 + len;
                progress = true;
            }
        }
        return out;
    }

    @Test
    void nonceWindow() {
        Mempool m = new Mempool(Cluster.CHAIN, 100, 1 << 20, 100, 2);
        m.add(c.deposit(0, 1), ledger); // nonce 1
        m.add(c.deposit(0, 1), ledger); // 2
        m.add(c.deposit(0, 1), ledger); // 3 = next + 2
        NodeException e = refused(Reason.BAD_NONCE, m, c.deposit(0, 1), ledger); // 4 = next + 3
        assertInstanceOf(NodeException.class, e);
    }
}
