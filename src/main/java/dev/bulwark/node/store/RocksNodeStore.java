package dev.bulwark.node.store;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.node.CommitStore;
import dev.bulwark.node.ConsensusWal;
import dev.bulwark.replica.BlockStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A validator's durable state in one RocksDB database: the replica's {@link BlockStore} (blocks,
 * certificates, snapshot), the node's {@link CommitStore} (signed precommits per height) and the
 * consensus {@link ConsensusWal}. Keys (big-endian numbers, so that byte order is height order):
 *
 * <pre>
 * 'B' h (8)      block bytes of height h
 * 'C' h (8)      its certificate (CertificateCodec)
 * 'K' h (8)      its signed commit (the node's Frames.encodeCommit)
 * 'M' "stored"   stored height (8)        'M' "base" base (8)
 * 'M' "snapH"    snapshot height (8)      'M' "snap" snapshot bytes
 * 'W' seq (8)    a WAL record: batch (8) | height (8) | length (4) | CRC32C (4) | record (length bytes)
 *                (the checksum covers batch, height, length and record)
 * </pre>
 *
 * <p><b>Durability.</b> Every write is a RocksDB {@link WriteBatch} written with
 * {@code WriteOptions.setSync(true)}: it returns only after RocksDB's own log is fsynced, and a
 * batch is atomic (RocksDB's log recovery applies a batch whole or not at all). Directories: on
 * open the store fsyncs the database directory and its parent itself (so a freshly created home
 * and RocksDB's first files survive a power loss); for the log files RocksDB creates later, its
 * source syncs the log directory on the first synced write into a new log file
 * ({@code need_log_dir_sync} in {@code db_impl_write.cc}) -- that is RocksDB's behaviour as read,
 * not something a test here can show (a test cannot cut the power). A block and its certificate and the
 * stored height are one batch; the signed commit is written (synced) before the block, as
 * {@link CommitStore} requires.
 *
 * <p><b>The WAL.</b> {@link #append} keeps records in memory; {@link #sync} writes all of them
 * as one synced batch with one batch number, so a crash loses exactly the unsynced suffix (the
 * node never sends anything before the sync that covers it). {@link #replay} reads the records
 * from disk, checking each one's length and checksum. A record that fails the check in the
 * <em>last</em> batch is a torn tail: that whole batch is dropped (deleted on open, as a sync
 * that never completed; nothing depending on it can have been sent, since the send follows the
 * sync's return) and reported by {@link #tornTail()} with {@link StoreReason#TORN_TAIL}; the
 * intact prefix is replayed. A record that fails in an earlier batch is corruption of records
 * that were synced and may have been sent: opening refuses with {@link StoreReason#CORRUPT}
 * rather than risk a double signature. {@link #truncateBelow} deletes every record of a
 * committed height (the node calls it after each commit, so the WAL holds only heights above the
 * last stored block).
 *
 * <p>Single-threaded use (the node's event thread); not thread-safe.
 */
public final class RocksNodeStore implements BlockStore, CommitStore, ConsensusWal, AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] STORED = meta("stored");
    private static final byte[] BASE = meta("base");
    private static final byte[] SNAP_H = meta("snapH");
    private static final byte[] SNAP = meta("snap");
    static final int WAL_HEADER = 8 + 8 + 4 + 4;

    private final Path dir;
    private final Options options;
    private final WriteOptions synced;
    private RocksDB db;
    private long stored;
    private long base;
    private long snapHeight;
    private long nextSeq;
    private long nextBatch;
    private final List<long[]> pendingHeights = new ArrayList<>();
    private final List<byte[]> pendingRecords = new ArrayList<>();
    private StoreException tornTail;
    private long walSyncs;

    private RocksNodeStore(Path dir) {
        this.dir = dir;
        this.options = new Options().setCreateIfMissing(true).setAvoidFlushDuringShutdown(true);
        this.synced = new WriteOptions().setSync(true);
        try {
            java.nio.file.Files.createDirectories(dir);
            this.db = RocksDB.open(options, dir.toString());
            syncDirectory(dir);
            if (dir.toAbsolutePath().getParent() != null) {
                syncDirectory(dir.toAbsolutePath().getParent());
            }
        } catch (RocksDBException | java.io.IOException e) {
            if (db != null) {
                db.close();
                db = null;
            }
            options.close();
            synced.close();
            throw new StoreException(StoreReason.IO, 0, 0, e);
        }
        try {
            stored = getLong(STORED);
            base = getLong(BASE);
            snapHeight = getLong(SNAP_H);
            scanWal();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** fsync of a directory (its entries: files created or renamed in it). */
    private static void syncDirectory(Path d) throws java.io.IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(d, java.nio.file.StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** Opens (creating if missing) the store in a directory; {@link StoreReason#CORRUPT} for a WAL corrupt before its last batch. */
    public static RocksNodeStore open(Path dir) {
        return new RocksNodeStore(dir);
    }

    public Path dir() {
        return dir;
    }

    // ------------------------------------------------------------------------------------------
    // keys and values

    private static byte[] meta(String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] k = new byte[1 + n.length];
        k[0] = 'M';
        System.arraycopy(n, 0, k, 1, n.length);
        return k;
    }

    static byte[] key(char prefix, long x) {
        return ByteBuffer.allocate(9).put((byte) prefix).putLong(x).array();
    }

    private static byte[] longBytes(long x) {
        return ByteBuffer.allocate(8).putLong(x).array();
    }

    private RocksDB db() {
        if (db == null) {
            throw new StoreException(StoreReason.CLOSED, 0, 0);
        }
        return db;
    }

    private byte[] get(byte[] key) {
        try {
            return db().get(key);
        } catch (RocksDBException e) {
            throw new StoreException(StoreReason.IO, 0, 0, e);
        }
    }

    private long getLong(byte[] key) {
        byte[] v = get(key);
        if (v == null) {
            return 0;
        }
        if (v.length != 8) {
            throw new StoreException(StoreReason.CORRUPT, v.length, 8);
        }
        return ByteBuffer.wrap(v).getLong();
    }

    private void write(WriteBatch b) {
        try {
            db().write(synced, b);
        } catch (RocksDBException e) {
            throw new StoreException(StoreReason.IO, 0, 0, e);
        } finally {
            b.close();
        }
    }

    // ------------------------------------------------------------------------------------------
    // BlockStore

    @Override
    public long storedHeight() {
        return stored;
    }

    @Override
    public long base() {
        return base;
    }

    @Override
    public void putBlock(long height, byte[] block, Certificate certificate) {
        if (height != stored + 1 || block == null || certificate == null) {
            throw new StoreException(StoreReason.BAD_HEIGHT, height, stored);
        }
        WriteBatch b = new WriteBatch();
        try {
            b.put(key('B', height), block);
            b.put(key('C', height), CertificateCodec.encode(certificate));
            b.put(STORED, longBytes(height));
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, height, 0, e);
        }
        write(b);
        stored = height;
    }

    private void checkHeld(long height) {
        if (height <= base || height > stored) {
            throw new StoreException(StoreReason.BAD_HEIGHT, height, stored);
        }
    }

    @Override
    public byte[] block(long height) {
        checkHeld(height);
        byte[] v = get(key('B', height));
        if (v == null) {
            throw new StoreException(StoreReason.CORRUPT, height, 0);
        }
        return v;
    }

    @Override
    public Certificate certificate(long height) {
        checkHeld(height);
        byte[] v = get(key('C', height));
        if (v == null) {
            throw new StoreException(StoreReason.CORRUPT, height, 1);
        }
        return CertificateCodec.decode(v);
    }

    @Override
    public long snapshotHeight() {
        return snapHeight;
    }

    @Override
    public byte[] snapshot() {
        return snapHeight == 0 ? null : get(SNAP);
    }

    @Override
    public void putSnapshot(long height, byte[] snapshot) {
        if (height <= snapHeight || snapshot == null) {
            throw new StoreException(StoreReason.BAD_HEIGHT, height, snapHeight);
        }
        WriteBatch b = new WriteBatch();
        try {
            b.put(SNAP, snapshot);
            b.put(SNAP_H, longBytes(height));
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, height, 0, e);
        }
        write(b);
        snapHeight = height;
    }

    /**
     * Deletes blocks, certificates and signed commits ('K') of base+1..h in one synced batch (a
     * restarted validator reads its decision window from the certificates above the base, and no
     * peer is served anything at or below it, so nothing reads them any more).
     */
    @Override
    public void prune(long h) {
        if (h <= base || h > snapHeight) {
            throw new StoreException(StoreReason.BAD_HEIGHT, h, snapHeight);
        }
        WriteBatch b = new WriteBatch();
        try {
            b.deleteRange(key('B', base + 1), key('B', h + 1));
            b.deleteRange(key('C', base + 1), key('C', h + 1));
            b.deleteRange(key('K', base + 1), key('K', h + 1));
            b.put(BASE, longBytes(h));
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, h, 0, e);
        }
        write(b);
        base = h;
    }

    @Override
    public void resetTo(long h, byte[] snapshot) {
        if (h <= stored || snapshot == null) {
            throw new StoreException(StoreReason.BAD_HEIGHT, h, stored);
        }
        WriteBatch b = new WriteBatch();
        try {
            b.deleteRange(key('B', 0), key('B', Long.MAX_VALUE));
            b.deleteRange(key('C', 0), key('C', Long.MAX_VALUE));
            b.deleteRange(key('K', 0), key('K', Long.MAX_VALUE));
            b.put(SNAP, snapshot);
            b.put(SNAP_H, longBytes(h));
            b.put(BASE, longBytes(h));
            b.put(STORED, longBytes(h));
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, h, 0, e);
        }
        write(b);
        base = h;
        stored = h;
        snapHeight = h;
    }

    // ------------------------------------------------------------------------------------------
    // CommitStore

    @Override
    public void put(long height, byte[] signedCommit) {
        if (height < 1 || signedCommit == null) {
            throw new StoreException(StoreReason.BAD_HEIGHT, height, 0);
        }
        WriteBatch b = new WriteBatch();
        try {
            b.put(key('K', height), signedCommit);
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, height, 0, e);
        }
        write(b);
    }

    @Override
    public byte[] get(long height) {
        return get(key('K', height));
    }

    // ------------------------------------------------------------------------------------------
    // ConsensusWal

    @Override
    public void append(long height, byte[] record) {
        db();
        pendingHeights.add(new long[] {height});
        pendingRecords.add(record.clone());
    }

    /** Encodes one WAL value: batch | height | length | crc32c | record. */
    static byte[] frame(long batch, long height, byte[] record) {
        ByteBuffer b = ByteBuffer.allocate(WAL_HEADER + record.length);
        b.putLong(batch).putLong(height).putInt(record.length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 20);
        crc.update(record);
        b.putInt((int) crc.getValue()).put(record);
        return b.array();
    }

    /** The record of a WAL value, or null if its length or checksum does not hold. */
    static byte[] unframe(byte[] v) {
        if (v == null || v.length < WAL_HEADER) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        b.getLong();
        b.getLong();
        int len = b.getInt();
        int sum = b.getInt();
        if (len != v.length - WAL_HEADER) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(v, 0, 20);
        crc.update(v, WAL_HEADER, len);
        return (int) crc.getValue() == sum ? Arrays.copyOfRange(v, WAL_HEADER, v.length) : null;
    }

    private static long batchOf(byte[] v) {
        return v != null && v.length >= 8 ? ByteBuffer.wrap(v).getLong() : -1;
    }

    @Override
    public void sync() {
        if (pendingRecords.isEmpty()) {
            return;
        }
        long batch = nextBatch;
        WriteBatch b = new WriteBatch();
        long seq = nextSeq;
        try {
            for (int i = 0; i < pendingRecords.size(); i++) {
                b.put(key('W', seq++), frame(batch, pendingHeights.get(i)[0], pendingRecords.get(i)));
            }
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, batch, 0, e);
        }
        write(b);
        nextSeq = seq;
        nextBatch = batch + 1;
        pendingRecords.clear();
        pendingHeights.clear();
        walSyncs++;
    }

    /** A WAL entry on disk: its sequence number, its (possibly null: corrupt) record and height. */
    private static final class Entry {
        final long seq;
        final long batch;
        final long height;
        final byte[] record;

        Entry(long seq, long batch, long height, byte[] record) {
            this.seq = seq;
            this.batch = batch;
            this.height = height;
            this.record = record;
        }
    }

    private List<Entry> readWal() {
        List<Entry> out = new ArrayList<>();
        try (RocksIterator it = db().newIterator()) {
            for (it.seek(new byte[] {'W'}); it.isValid() && it.key()[0] == 'W'; it.next()) {
                byte[] k = it.key();
                byte[] v = it.value();
                long seq = ByteBuffer.wrap(k, 1, 8).getLong();
                byte[] rec = k.length == 9 ? unframe(v) : null;
                long height = rec == null ? -1 : ByteBuffer.wrap(v, 8, 8).getLong();
                out.add(new Entry(seq, batchOf(v), height, rec));
            }
        }
        return out;
    }

    /**
     * On open: find the next sequence and batch numbers; drop a torn last batch; refuse
     * corruption before it. Entries are in sequence order and a batch is a contiguous run of
     * sequence numbers with one batch number (read from the header even of an entry whose
     * checksum fails; an entry too short to hold one counts as the last batch). The suffix from
     * the first entry that fails its check is a torn tail iff every entry of it carries the
     * highest batch number on disk; then that whole batch (its intact entries before the suffix
     * included) is dropped. Anything else is {@link StoreReason#CORRUPT}.
     */
    private void scanWal() {
        List<Entry> all = readWal();
        if (all.isEmpty()) {
            return;
        }
        long maxBatch = -1;
        for (Entry e : all) {
            maxBatch = Math.max(maxBatch, e.batch);
        }
        int firstBad = -1;
        for (int i = 0; i < all.size() && firstBad < 0; i++) {
            if (all.get(i).record == null) {
                firstBad = i;
            }
        }
        Entry last = all.get(all.size() - 1);
        nextSeq = last.seq + 1;
        nextBatch = maxBatch + 1;
        if (firstBad < 0) {
            return;
        }
        for (int i = firstBad; i < all.size(); i++) {
            long b = all.get(i).batch;
            if (b != maxBatch && b != -1) {
                throw new StoreException(StoreReason.CORRUPT, all.get(firstBad).seq, b);
            }
        }
        long fromSeq = all.get(firstBad).seq;
        for (int i = firstBad - 1; i >= 0 && all.get(i).batch == maxBatch; i--) {
            fromSeq = all.get(i).seq;
        }
        int dropped = 0;
        WriteBatch b = new WriteBatch();
        try {
            for (Entry e : all) {
                if (e.seq >= fromSeq) {
                    b.delete(key('W', e.seq));
                    dropped++;
                }
            }
        } catch (RocksDBException x) {
            b.close();
            throw new StoreException(StoreReason.IO, fromSeq, 0, x);
        }
        write(b);
        tornTail = new StoreException(StoreReason.TORN_TAIL, fromSeq, dropped);
    }

    /**
     * The torn tail dropped when the store was opened ({@link StoreReason#TORN_TAIL}: first the
     * sequence number of its first record, second the number of records dropped), or null.
     */
    public StoreException tornTail() {
        return tornTail;
    }

    @Override
    public List<byte[]> replay(long fromHeight) {
        List<byte[]> out = new ArrayList<>();
        for (Entry e : readWal()) {
            if (e.record == null) {
                throw new StoreException(StoreReason.CORRUPT, e.seq, 0);
            }
            if (e.height >= fromHeight) {
                out.add(e.record);
            }
        }
        return out;
    }

    @Override
    public void truncateBelow(long height) {
        WriteBatch b = new WriteBatch();
        int n = 0;
        try {
            for (Entry e : readWal()) {
                if (e.record != null && e.height < height) {
                    b.delete(key('W', e.seq));
                    n++;
                }
            }
        } catch (RocksDBException x) {
            b.close();
            throw new StoreException(StoreReason.IO, height, 0, x);
        }
        if (n == 0) {
            b.close();
            return;
        }
        write(b);
        for (int i = pendingHeights.size() - 1; i >= 0; i--) {
            if (pendingHeights.get(i)[0] < height) {
                pendingHeights.remove(i);
                pendingRecords.remove(i);
            }
        }
    }

    /** Is a record with exactly these bytes durable on disk (read back from RocksDB, not the buffer)? */
    public boolean walHoldsDurable(byte[] record) {
        for (Entry e : readWal()) {
            if (e.record != null && Arrays.equals(e.record, record)) {
                return true;
            }
        }
        return false;
    }

    /** Records on disk (tests). */
    public int walDurableCount() {
        return readWal().size();
    }

    public long walSyncs() {
        return walSyncs;
    }

    /** Writes raw bytes at a WAL key (tests: simulate a torn or corrupted record). */
    void putRawWal(long seq, byte[] value) {
        WriteBatch b = new WriteBatch();
        try {
            b.put(key('W', seq), value);
        } catch (RocksDBException e) {
            b.close();
            throw new StoreException(StoreReason.IO, seq, 0, e);
        }
        write(b);
    }

    long lastWalSeq() {
        return nextSeq - 1;
    }

    /**
     * Closes the database. Unsynced WAL records are dropped (as a crash drops them); RocksDB does
     * not flush its memtables at close ({@code avoid_flush_during_shutdown}), so reopening recovers
     * from RocksDB's own log exactly as after a process crash.
     */
    @Override
    public void close() {
        pendingRecords.clear();
        pendingHeights.clear();
        if (db != null) {
            db.close();
            db = null;
        }
        synced.close();
        options.close();
    }
}
