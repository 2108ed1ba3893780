package dev.bulwark.replica;

import static dev.bulwark.ledger.Fixtures.CHAIN;
import static dev.bulwark.ledger.Fixtures.account;
import static dev.bulwark.ledger.Fixtures.deposit;
import static dev.bulwark.ledger.Fixtures.report;
import static dev.bulwark.ledger.Fixtures.reporter;
import static dev.bulwark.ledger.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.Value;
import dev.bulwark.ledger.Fixtures;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.SignedTx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replicas by hand: the normal path (commit, apply, snapshot, ack, crash, restart, catch-up,
 * state sync) and every refusal, each leaving the replica unchanged.
 */
class ReplicaTest {
    static final LedgerConfig CFG = Fixtures.mcConfig(3, 1, 5);
    static final ValidatorSet VS = new ValidatorSet(new long[] {1, 1, 1, 1});

    /**
     * The decided blocks 1..4 (encoded; signatures are not the replica's to check), each header
     * carrying the app hash after the height below (a reference ledger applies them in turn).
     */
    static final byte[][] BLOCKS = chain(new Transaction[][] {
        {deposit(account(0), 1, 5), deposit(account(1), 1, 10), deposit(account(2), 1, 20), report(reporter(0), 1, 10)},
        {trade(account(0), 2, account(1), 2, 2, 10), report(reporter(0), 2, 8)},
        {deposit(account(1), 3, 1)},
        {deposit(account(2), 2, 1)},
    });

    static byte[][] chain(Transaction[][] blocks) {
        Ledger ref = new Ledger(CFG);
        byte[][] out = new byte[blocks.length][];
        for (int i = 0; i < blocks.length; i++) {
            out[i] = encode(i + 1, ref.appHash(), blocks[i]);
            ref.apply(BlockCodec.decode(out[i]).block());
        }
        return out;
    }

    static byte[] encode(long h, byte[] prevAppHash, Transaction... txs) {
        List<SignedTx> s = new ArrayList<>();
        for (Transaction t : txs) {
            s.add(t.type() == Transaction.TRADE ? new SignedTx(t, new byte[64], new byte[64]) : new SignedTx(t, new byte[64]));
        }
        return BlockCodec.encode(CHAIN, h, prevAppHash, s);
    }

    /** A certificate by validators 0..signers-1 for value v at height h. */
    static Certificate cert(long h, Value v, int signers) {
        List<Message> m = new ArrayList<>();
        for (int i = 0; i < signers; i++) {
            m.add(Message.precommit(i, h, 0, v));
        }
        return new Certificate(h, 0, v, m);
    }

    static Certificate cert(int h) {
        return cert(h, BlockCodec.hash(BLOCKS[h - 1]).consensusValue(), 3);
    }

    static Replica fresh() {
        return new Replica(CFG, VS, new MemoryBlockStore());
    }

    /** A replica that stored and applied blocks 1..n. */
    static Replica at(int n) {
        Replica r = fresh();
        for (int h = 1; h <= n; h++) {
            r.commitBlock(BLOCKS[h - 1], cert(h));
            r.applyNext();
        }
        return r;
    }

    static void refused(Replica r, Reason reason, Runnable call) {
        long ht = r.height();
        long stored = r.storedHeight();
        long snap = r.snapshotHeight();
        long acked = r.ackedHeight();
        boolean up = r.isUp();
        byte[] hash = up ? r.ledger().copy().appHash() : null;
        ReplicaException e = assertThrows(ReplicaException.class, call::run);
        assertEquals(reason, e.reason());
        assertEquals(ht, r.height());
        assertEquals(stored, r.storedHeight());
        assertEquals(snap, r.snapshotHeight());
        assertEquals(acked, r.ackedHeight());
        assertEquals(up, r.isUp());
        if (up) {
            assertArrayEquals(hash, r.ledger().copy().appHash());
        }
    }

    @Test
    void storeApplySnapshotAckCrashRestart() {
        Replica r = fresh();
        Replica twin = at(3);
        for (int h = 1; h <= 3; h++) {
            r.commitBlock(BLOCKS[h - 1], cert(h));
        }
        assertEquals(3, r.storedHeight());
        assertEquals(0, r.height());
        assertEquals(3, r.ack());
        assertEquals(1, r.applyNext().height());
        assertEquals(2, r.applyNext().height());
        assertEquals(2, r.snapshot());
        r.crash();
        assertFalse(r.isUp());
        assertEquals(0, r.height());
        assertEquals(3, r.ackedHeight());   // clients remember what they were told
        r.restart();
        assertEquals(2, r.height());
        assertEquals(3, r.applyNext().height());
        assertArrayEquals(twin.ledger().appHash(), r.ledger().appHash());
        // a crash before any snapshot restarts from genesis and replays everything
        Replica s = at(3);
        s.crash();
        s.restart();
        assertEquals(0, s.height());
        for (int h = 1; h <= 3; h++) {
            s.applyNext();
        }
        assertArrayEquals(twin.ledger().appHash(), s.ledger().appHash());
    }

    @Test
    void uncertifiedBlocksAreRefused() {
        Replica r = at(1);
        refused(r, Reason.BAD_CERTIFICATE, () -> r.commitBlock(BLOCKS[1], null));
        refused(r, Reason.BAD_CERTIFICATE, () -> r.commitBlock(BLOCKS[1],
                cert(2, BlockCodec.hash(BLOCKS[1]).consensusValue(), 2)));            // no quorum
        refused(r, Reason.WRONG_HEIGHT, () -> r.commitBlock(BLOCKS[2], cert(3)));   // not the next height
        refused(r, Reason.WRONG_HEIGHT, () -> r.commitBlock(BLOCKS[0], cert(1)));   // stored already
        refused(r, Reason.HASH_MISMATCH, () -> r.commitBlock(BLOCKS[2], cert(2)));  // another block's certificate
        byte[] garbage = new byte[] {1, 2, 3};
        refused(r, Reason.MALFORMED_BLOCK, () -> r.commitBlock(garbage,
                cert(2, BlockCodec.hash(garbage).consensusValue(), 3)));
        byte[] otherChain = BlockCodec.encode(CHAIN + 1, 2, r.appHash(), List.of());
        refused(r, Reason.MALFORMED_BLOCK, () -> r.commitBlock(otherChain,
                cert(2, BlockCodec.hash(otherChain).consensusValue(), 3)));
        byte[] otherHeight = encode(5, r.appHash(), deposit(account(0), 2, 1));
        refused(r, Reason.MALFORMED_BLOCK, () -> r.commitBlock(otherHeight,
                cert(2, BlockCodec.hash(otherHeight).consensusValue(), 3)));
        refused(r, Reason.MALFORMED_BLOCK, () -> r.commitBlock(null, cert(2)));
        r.commitBlock(BLOCKS[1], cert(2));
        assertEquals(2, r.storedHeight());
    }

    /**
     * A certified block that embeds an ordinary transaction longer than TxCodec.MAX_TX_BYTES (a
     * deposit's encoding padded to 257 bytes) is refused MALFORMED_BLOCK, the codec's reason
     * OVERSIZED in its detail, and nothing is stored or applied; the next well-formed block is.
     */
    @Test
    void aCertifiedBlockWithAnOversizedTransactionIsRefused() {
        Replica r = at(1);
        byte[] ok = encode(2, r.appHash(), deposit(account(0), 2, 1));
        byte[] tx = java.util.Arrays.copyOfRange(ok, BlockCodec.HEADER + 2, ok.length);
        byte[] big = java.util.Arrays.copyOf(tx, dev.bulwark.ledger.state.TxCodec.MAX_TX_BYTES + 1);
        byte[] block = java.util.Arrays.copyOf(ok, BlockCodec.HEADER + 2 + big.length);
        block[BlockCodec.HEADER] = (byte) (big.length >>> 8);
        block[BlockCodec.HEADER + 1] = (byte) big.length;
        System.arraycopy(big, 0, block, BlockCodec.HEADER + 2, big.length);
        Certificate c = cert(2, BlockCodec.hash(block).consensusValue(), 3);
        ReplicaException e = assertThrows(ReplicaException.class, () -> r.commitBlock(block, c));
        assertEquals(dev.bulwark.ledger.state.Reason.OVERSIZED.ordinal(), e.second());
        refused(r, Reason.MALFORMED_BLOCK, () -> r.commitBlock(block, c));
        assertEquals(1, r.storedHeight());
        r.commitBlock(BLOCKS[1], cert(2));
        assertEquals(2, r.applyNext().height());
    }

    @Test
    void aDownReplicaOnlyRestarts() {
        Replica r = at(2);
        Replica peer = at(3);
        r.crash();
        refused(r, Reason.DOWN, () -> r.commitBlock(BLOCKS[2], cert(3)));
        refused(r, Reason.DOWN, () -> r.fetchBlock(peer));
        refused(r, Reason.DOWN, r::applyNext);
        refused(r, Reason.DOWN, r::snapshot);
        refused(r, Reason.DOWN, r::ack);
        refused(r, Reason.DOWN, r::crash);
        refused(r, Reason.DOWN, () -> r.stateSync(3, peer.store().snapshot(), BLOCKS[3], cert(4)));
        assertNull(r.ledger());
        r.restart();
        refused(r, Reason.ALREADY_UP, r::restart);
    }

    /** Prune(r, h): only blocks the snapshot covers; a restart still replays from the snapshot; pruned blocks are not served. */
    @Test
    void pruningKeepsWhatARestartReplays() {
        Replica r = at(3);
        Replica twin = at(3);
        refused(r, Reason.NOT_PRUNABLE, () -> r.prune(1));                 // no snapshot yet
        assertEquals(3, r.snapshot());
        refused(r, Reason.NOT_PRUNABLE, () -> r.prune(4));                 // above the snapshot
        refused(r, Reason.NOT_PRUNABLE, () -> r.prune(0));                 // not above the base
        r.prune(2);
        assertEquals(2, r.store().base());
        assertEquals(3, r.storedHeight());
        refused(r, Reason.NOT_PRUNABLE, () -> r.prune(2));                 // pruned already
        r.prune(3);
        assertEquals(3, r.store().base());
        Replica behind = at(1);
        refused(behind, Reason.NOT_AVAILABLE, () -> behind.fetchBlock(r)); // block 2 is gone
        r.crash();
        refused(r, Reason.DOWN, () -> r.prune(3));
        r.restart();
        assertEquals(3, r.height());
        assertArrayEquals(twin.ledger().appHash(), r.ledger().appHash());
    }

    @Test
    void nothingToDoIsRefused() {
        Replica r = at(2);
        refused(r, Reason.NOTHING_TO_APPLY, r::applyNext);
        r.snapshot();
        refused(r, Reason.NOTHING_TO_SNAPSHOT, r::snapshot);
        r.ack();
        refused(r, Reason.NOTHING_TO_ACK, r::ack);
    }

    @Test
    void catchUpFromAPeerChecksTheCertificates() {
        Replica ahead = at(3);
        Replica r = at(1);
        r.fetchBlock(ahead);
        r.fetchBlock(ahead);
        assertEquals(3, r.storedHeight());
        refused(r, Reason.PEER_NOT_AHEAD, () -> r.fetchBlock(ahead));
        refused(r, Reason.SELF, () -> r.fetchBlock(r));
        r.applyNext();
        r.applyNext();
        assertArrayEquals(ahead.ledger().appHash(), r.ledger().appHash());
        // a peer whose store holds a bad certificate: refused, nothing stored
        MemoryBlockStore evil = new MemoryBlockStore();
        evil.putBlock(1, BLOCKS[0], cert(1));
        evil.putBlock(2, BLOCKS[2], cert(2, BlockCodec.hash(BLOCKS[2]).consensusValue(), 3));   // block 3 as 2
        Replica liar = new Replica(CFG, VS, evil);
        Replica s = at(1);
        refused(s, Reason.MALFORMED_BLOCK, () -> s.fetchBlock(liar));
        Replica down = at(3);
        down.crash();
        refused(s, Reason.PEER_DOWN, () -> s.fetchBlock(down));
    }

    @Test
    void aCertifiedBlockWhoseHeaderIsNotOurAppHashIsNotApplied() {
        Replica r = at(1);
        // block 2's transactions with a header carrying another app hash, certified (a quorum signed it)
        byte[] forged = encode(2, new byte[32], trade(account(0), 2, account(1), 2, 2, 10), report(reporter(0), 2, 8));
        r.commitBlock(forged, cert(2, BlockCodec.hash(forged).consensusValue(), 3));
        refused(r, Reason.BAD_APP_HASH, r::applyNext);
        assertEquals(1, r.height());
        // the same transactions on the right header apply
        Replica s = at(1);
        s.commitBlock(BLOCKS[1], cert(2));
        assertEquals(2, s.applyNext().height());
    }

    @Test
    void stateSyncRestoresASnapshotCertifiedByTheNextBlock() {
        Replica ahead = at(3);
        ahead.snapshot();
        byte[] snap = ahead.store().snapshot();
        byte[] trusted = ahead.ledger().copy().appHash();
        assertArrayEquals(trusted, BlockCodec.decode(BLOCKS[3]).prevAppHash(), "block 4's header carries the app hash after 3");
        Replica at2 = at(2);
        at2.snapshot();
        byte[] snap2 = at2.store().snapshot();
        Replica r = at(1);
        refused(r, Reason.BAD_CERTIFICATE, () -> r.stateSync(3, snap, BLOCKS[3], null));
        refused(r, Reason.BAD_CERTIFICATE, () -> r.stateSync(3, snap, BLOCKS[3],
                cert(4, BlockCodec.hash(BLOCKS[3]).consensusValue(), 2)));                     // no quorum
        refused(r, Reason.WRONG_HEIGHT, () -> r.stateSync(3, snap, BLOCKS[2], cert(3)));      // block 3 as the anchor of 3
        refused(r, Reason.HASH_MISMATCH, () -> r.stateSync(3, snap, BLOCKS[3], cert(4, BlockCodec.hash(BLOCKS[2])
                .consensusValue(), 3)));                                                          // another block's certificate
        refused(r, Reason.MALFORMED_BLOCK, () -> r.stateSync(3, snap, null, cert(4)));
        byte[] tampered = snap.clone();
        tampered[tampered.length / 2] ^= 1;
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(3, tampered, BLOCKS[3], cert(4)));
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(3, new byte[] {1, 2, 3}, BLOCKS[3], cert(4)));
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(3, null, BLOCKS[3], cert(4)));
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(3, snap2, BLOCKS[3], cert(4)));    // a real snapshot of another height
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(2, snap, BLOCKS[2], cert(3)));     // height 3's snapshot offered as 2
        // a certified block 4 whose header names another state (more than a third of the power lying)
        byte[] forged = encode(4, new byte[32], deposit(account(2), 2, 1));
        refused(r, Reason.BAD_SNAPSHOT, () -> r.stateSync(3, snap, forged, cert(4, BlockCodec.hash(forged).consensusValue(), 3)));
        refused(r, Reason.PEER_NOT_AHEAD, () -> r.stateSync(1, snap, BLOCKS[1], cert(2)));
        r.stateSync(3, snap, BLOCKS[3], cert(4));
        assertEquals(3, r.height());
        assertEquals(3, r.storedHeight());
        assertEquals(3, r.snapshotHeight());
        assertEquals(3, r.store().base());
        assertArrayEquals(trusted, r.ledger().appHash());
        refused(r, Reason.PEER_NOT_AHEAD, () -> r.stateSync(3, snap, BLOCKS[3], cert(4)));
        // block 4 and its certificate by ordinary catch-up
        r.commitBlock(BLOCKS[3], cert(4));
        assertEquals(4, r.applyNext().height());
        // it restarts from the restored snapshot
        r.crash();
        r.restart();
        assertEquals(3, r.height());
        r.applyNext();
        assertEquals(4, r.height());
        // a replica behind it cannot fetch the blocks it never stored
        Replica behind = at(1);
        refused(behind, Reason.NOT_AVAILABLE, () -> behind.fetchBlock(r));
        assertTrue(behind.isUp());
    }
}
