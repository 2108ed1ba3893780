package dev.bulwark.node.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB store: what survives a close (a crash), bad writes refused unchanged, torn and corrupt WAL tails. */
class RocksNodeStoreTest {
    @TempDir
    Path dir;

    static Certificate cert(long h) {
        Value v = Value.ofWords(h, 2, 3, 4);
        return new Certificate(h, 1, v, new Message[] {Message.precommit(0, h, 1, v), Message.precommit(2, h, 1, v),
            Message.precommit(3, h, 1, v)});
    }

    static byte[] rec(int i) {
        return new byte[] {1, (byte) i, (byte) (i >> 8), 42};
    }

    @Test
    void blocksCertificatesCommitsAndSnapshotsSurviveACloseAndBadWritesAreRefusedUnchanged() {
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            for (long h = 1; h <= 3; h++) {
                s.put(h, new byte[] {(byte) h, 9});
                s.putBlock(h, new byte[] {(byte) h, 7, 7}, cert(h));
            }
            s.putSnapshot(2, new byte[] {5, 5});
            StoreException e = assertThrows(StoreException.class, () -> s.putBlock(5, new byte[] {1}, cert(5)));
            assertEquals(StoreReason.BAD_HEIGHT, e.reason());
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.putSnapshot(2, new byte[] {1})).reason());
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.block(4)).reason());
            assertEquals(3, s.storedHeight());
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertEquals(3, s.storedHeight());
            assertEquals(0, s.base());
            for (long h = 1; h <= 3; h++) {
                assertArrayEquals(new byte[] {(byte) h, 7, 7}, s.block(h));
                assertEquals(cert(h), s.certificate(h));
                assertArrayEquals(new byte[] {(byte) h, 9}, s.get(h));
            }
            assertNull(s.get(4));
            assertEquals(2, s.snapshotHeight());
            assertArrayEquals(new byte[] {5, 5}, s.snapshot());
            s.resetTo(10, new byte[] {8});
            assertEquals(10, s.base());
            assertEquals(10, s.storedHeight());
            assertNull(s.get(2), "state sync drops the commits below the base");
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertEquals(10, s.base());
            assertArrayEquals(new byte[] {8}, s.snapshot());
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.block(3)).reason());
        }
    }

    @Test
    void pruningDeletesBlocksCertificatesAndCommitsBelowTheSnapshotAndSurvivesAReopen() {
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            for (long h = 1; h <= 6; h++) {
                s.put(h, new byte[] {(byte) h});
                s.putBlock(h, new byte[] {(byte) h, 7, 7}, cert(h));
            }
            s.putSnapshot(4, new byte[] {4, 4});
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.prune(5)).reason()); // above the snapshot
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.prune(0)).reason());
            assertEquals(0, s.base());
            s.prune(3);
            assertEquals(3, s.base());
            assertEquals(6, s.storedHeight());
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.block(3)).reason());
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.prune(3)).reason()); // not above the base
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertEquals(3, s.base());
            assertEquals(6, s.storedHeight());
            assertArrayEquals(new byte[] {4, 7, 7}, s.block(4));
            assertEquals(cert(4), s.certificate(4));
            assertEquals(StoreReason.BAD_HEIGHT, assertThrows(StoreException.class, () -> s.certificate(2)).reason());
            for (long h = 1; h <= 3; h++) {
                assertNull(s.get(h), "the signed commit of pruned height " + h);
            }
            assertArrayEquals(new byte[] {4}, s.get(4)); // the signed commits above the base are kept
            assertArrayEquals(new byte[] {4, 4}, s.snapshot());
        }
    }

    @Test
    void theWalKeepsSyncedRecordsLosesTheUnsyncedSuffixAndTruncatesCommittedHeights() {
        List<byte[]> expect = new ArrayList<>();
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            for (int i = 0; i < 5; i++) {
                s.append(4 + i % 2, rec(i));
                expect.add(rec(i));
            }
            s.sync();
            s.append(5, rec(99)); // never synced: lost by the crash
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertNull(s.tornTail());
            List<byte[]> got = s.replay(0);
            assertEquals(expect.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(expect.get(i), got.get(i));
            }
            assertEquals(2, s.replay(5).size());
            s.truncateBelow(5);
            assertEquals(2, s.replay(0).size());
            s.append(6, rec(7));
            s.sync();
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            List<byte[]> got = s.replay(0);
            assertEquals(3, got.size());
            assertArrayEquals(rec(1), got.get(0));
            assertArrayEquals(rec(7), got.get(2), "appends after a reopen continue the sequence");
        }
    }

    /** Three synced batches; the last one's last record damaged on disk by {@code damage}. */
    private void writeThreeBatchesAndDamage(boolean lastBatch, boolean truncate) {
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            int k = 0;
            for (int b = 0; b < 3; b++) {
                for (int i = 0; i < 3; i++) {
                    s.append(7, rec(k++));
                }
                s.sync();
            }
            long seq = lastBatch ? s.lastWalSeq() : s.lastWalSeq() - 4; // the middle record of batch 1
            byte[] good = RocksNodeStore.frame(lastBatch ? 2 : 1, 7, rec(lastBatch ? 8 : 4));
            byte[] bad = truncate ? java.util.Arrays.copyOf(good, good.length - 2) : good.clone();
            if (!truncate) {
                bad[bad.length - 1] ^= 0x10; // one flipped bit in the record
            }
            s.putRawWal(seq, bad);
        }
    }

    @Test
    void aTornLastBatchIsDroppedWholeWithATypedReportAndTheIntactPrefixReplays() {
        writeThreeBatchesAndDamage(true, false);
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            StoreException torn = s.tornTail();
            assertEquals(StoreReason.TORN_TAIL, torn.reason());
            assertEquals(3, torn.second(), "the whole last batch (3 records) is dropped");
            List<byte[]> got = s.replay(0);
            assertEquals(6, got.size());
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(rec(i), got.get(i));
            }
            s.append(7, rec(50));
            s.sync();
        }
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertNull(s.tornTail(), "the tail was deleted: the next open finds an intact log");
            assertEquals(7, s.replay(0).size());
            assertArrayEquals(rec(50), s.replay(0).get(6));
        }
    }

    @Test
    void aTruncatedLastRecordIsATornTailToo() {
        writeThreeBatchesAndDamage(true, true);
        try (RocksNodeStore s = RocksNodeStore.open(dir)) {
            assertEquals(StoreReason.TORN_TAIL, s.tornTail().reason());
            assertEquals(6, s.replay(0).size());
        }
    }

    @Test
    void corruptionBeforeTheLastBatchRefusesToOpen() {
        writeThreeBatchesAndDamage(false, false);
        StoreException e = assertThrows(StoreException.class, () -> RocksNodeStore.open(dir));
        assertEquals(StoreReason.CORRUPT, e.reason());
        // refused, not repaired: the records are still there, the same refusal again
        assertEquals(StoreReason.CORRUPT, assertThrows(StoreException.class, () -> RocksNodeStore.open(dir)).reason());
    }
}
