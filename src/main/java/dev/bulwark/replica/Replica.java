package dev.bulwark.replica;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.CertificateChecker;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.BlockHash;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.ledger.state.StateException;

/**
 * One replica of spec/ledger/Ledger.tla: it stores decided blocks with their commit
 * certificates, applies them in height order to its {@link Ledger}, snapshots, acknowledges,
 * crashes, restarts from its store and catches up from peers.  One method per action:
 *
 * <pre>
 *   Ledger.tla          Replica
 *   CommitBlock(r)      commitBlock(block bytes, certificate)  -- r saw the decision
 *   FetchBlock(r, q)    fetchBlock(q)                           -- catch-up from a peer's store
 *   Apply(r)            applyNext()
 *   Snapshot(r)         snapshot()
 *   Ack(r)              ack()
 *   Crash(r)            crash()
 *   Restart(r)          restart()
 *   StateSync(r, q)     stateSync(h, snapshot bytes, block h + 1, its certificate)
 * </pre>
 *
 * Durable state is the {@link BlockStore} (blocks, certificates, snapshot); volatile state is the
 * ledger (null while down).  {@code acked} is what the replica has told clients: it survives a
 * crash (clients remember it).  No real I/O, clocks or threads here: the node drives a replica
 * over the network, the simulator in memory, the conformance suite from the spec's actions.
 *
 * <p>A certified block: the certificate checks against the validator set
 * ({@link CertificateChecker}), is for the height the replica stores next, commits to the value
 * of the block's hash ({@link BlockHash#consensusValue()}), and the bytes decode to a block of
 * this chain at that height.  Anything else is refused with a {@link ReplicaException}, and the
 * replica is unchanged.  Block signatures are not re-checked: a certified block was valid for a
 * quorum of validators (consensus Validity), which includes its transactions' signatures.
 */
public final class Replica {
    private final LedgerConfig config;
    private final ValidatorSet validators;
    private final BlockStore store;
    private Ledger ledger;
    private long acked;

    /** A replica over a store, started as after a restart (from the store's snapshot, or genesis). */
    public Replica(LedgerConfig config, ValidatorSet validators, BlockStore store) {
        if (config == null || validators == null || store == null) {
            throw new IllegalArgumentException("config, validators and store are required");
        }
        this.config = config;
        this.validators = validators;
        this.store = store;
        this.ledger = load();
    }

    /**
     * A replica in a given state (the conformance suite and the simulator load spec states):
     * {@code running} is its volatile ledger (null: down), {@code acked} its acknowledged height.
     */
    public static Replica of(LedgerConfig config, ValidatorSet validators, BlockStore store, Ledger running,
                             long acked) {
        Replica r = new Replica(config, validators, store, running, acked);
        return r;
    }

    private Replica(LedgerConfig config, ValidatorSet validators, BlockStore store, Ledger running, long acked) {
        this.config = config;
        this.validators = validators;
        this.store = store;
        this.ledger = running;
        this.acked = acked;
    }

    /** An independent copy over a copy of the store (volatile ledger copied too). */
    public Replica copy(BlockStore storeCopy) {
        return new Replica(config, validators, storeCopy, ledger == null ? null : ledger.copy(), acked);
    }

    public boolean isUp() {
        return ledger != null;
    }

    /** The applied height (Ledger.tla's ht; 0 while down). */
    public long height() {
        return ledger == null ? 0 : ledger.height();
    }

    public long storedHeight() {
        return store.storedHeight();
    }

    public long snapshotHeight() {
        return store.snapshotHeight();
    }

    public long ackedHeight() {
        return acked;
    }

    public BlockStore store() {
        return store;
    }

    public LedgerConfig config() {
        return config;
    }

    /** The running ledger (null while down).  Read it; do not apply to it (that is applyNext's). */
    public Ledger ledger() {
        return ledger;
    }

    private void requireUp() {
        if (ledger == null) {
            throw new ReplicaException(Reason.DOWN, store.storedHeight(), 0);
        }
    }

    /** The state of the store's snapshot, or genesis. */
    private Ledger load() {
        byte[] s = store.snapshot();
        if (s == null) {
            return new Ledger(config);
        }
        return Snapshot.decode(config, s);
    }

    // ------------------------------------------------------------------------------------------

    /** CommitBlock(r): stores the next decided block with its certificate, after checking both. */
    public void commitBlock(byte[] block, Certificate certificate) {
        requireUp();
        long h = store.storedHeight() + 1;
        checkCertified(h, block, certificate);
        store.putBlock(h, block, certificate);
    }

    private void checkCertified(long h, byte[] block, Certificate c) {
        if (c == null || !CertificateChecker.isValid(validators, c)) {
            throw new ReplicaException(Reason.BAD_CERTIFICATE, h, 0);
        }
        if (c.h() != h) {
            throw new ReplicaException(Reason.WRONG_HEIGHT, c.h(), h);
        }
        if (block == null) {
            throw new ReplicaException(Reason.MALFORMED_BLOCK, h, -1);
        }
        if (!BlockCodec.hash(block).consensusValue().sameAs(c.v())) {
            throw new ReplicaException(Reason.HASH_MISMATCH, h, c.v().w0());
        }
        DecodedBlock d;
        try {
            d = BlockCodec.decode(block);
        } catch (StateException e) {
            throw new ReplicaException(Reason.MALFORMED_BLOCK, h, e.reason().ordinal());
        }
        if (d.block().chainId() != config.chainId() || d.block().height() != h) {
            throw new ReplicaException(Reason.MALFORMED_BLOCK, h, d.block().height());
        }
    }

    /** FetchBlock(r, q): catch-up: the next block and its certificate from a peer's store, checked. */
    public void fetchBlock(Replica peer) {
        requireUp();
        if (peer == this) {
            throw new ReplicaException(Reason.SELF, 0, 0);
        }
        if (peer == null || !peer.isUp()) {
            throw new ReplicaException(Reason.PEER_DOWN, 0, 0);
        }
        long h = store.storedHeight() + 1;
        if (peer.store.storedHeight() < h) {
            throw new ReplicaException(Reason.PEER_NOT_AHEAD, peer.store.storedHeight(), h);
        }
        if (h <= peer.store.base()) {
            throw new ReplicaException(Reason.NOT_AVAILABLE, h, peer.store.base());
        }
        byte[] block = peer.store.block(h);
        Certificate c = peer.store.certificate(h);
        checkCertified(h, block, c);
        store.putBlock(h, block, c);
    }

    /**
     * Apply(r): applies the next stored block; returns its results and app hash. A block whose
     * header's previous app hash is not this replica's app hash is refused (BAD_APP_HASH; Ledger.tla's
     * guard {@code Header(ht[r] + 1) = st[r]}), the replica unchanged: a certified block that does
     * not certify our state means our state or more than a third of the validators are wrong.
     */
    public BlockResult applyNext() {
        requireUp();
        long h = ledger.height() + 1;
        if (h > store.storedHeight()) {
            throw new ReplicaException(Reason.NOTHING_TO_APPLY, h, store.storedHeight());
        }
        DecodedBlock d = BlockCodec.decode(store.block(h));
        if (!d.certifies(ledger.appHash())) {
            throw new ReplicaException(Reason.BAD_APP_HASH, h, 0);
        }
        return ledger.apply(d.block());
    }

    /** The app hash of the applied state (the one the next block's header must carry). */
    public byte[] appHash() {
        requireUp();
        return ledger.appHash();
    }

    /** Snapshot(r): persists the applied state; returns its height. */
    public long snapshot() {
        requireUp();
        long h = ledger.height();
        if (h <= store.snapshotHeight()) {
            throw new ReplicaException(Reason.NOTHING_TO_SNAPSHOT, h, store.snapshotHeight());
        }
        store.putSnapshot(h, Snapshot.encode(ledger));
        return h;
    }

    /**
     * Prune(r, h): deletes the stored blocks and certificates at or below h, all covered by the
     * snapshot (base &lt; h &lt;= snapshotHeight): a restart still loads the snapshot and replays
     * the blocks above it (Ledger.tla's ReplayCovered). Refused NOT_PRUNABLE otherwise, DOWN when
     * down; the replica unchanged.
     */
    public void prune(long h) {
        requireUp();
        if (h <= store.base() || h > store.snapshotHeight()) {
            throw new ReplicaException(Reason.NOT_PRUNABLE, h, store.snapshotHeight());
        }
        store.prune(h);
    }

    /** Ack(r): tells clients that every stored height is committed; returns that height. */
    public long ack() {
        requireUp();
        if (acked >= store.storedHeight()) {
            throw new ReplicaException(Reason.NOTHING_TO_ACK, acked, store.storedHeight());
        }
        acked = store.storedHeight();
        return acked;
    }

    /** Crash(r): the volatile state is lost; the store is untouched. */
    public void crash() {
        requireUp();
        ledger = null;
    }

    /** Restart(r): loads the store's snapshot (or genesis); applyNext then replays the stored blocks. */
    public void restart() {
        if (ledger != null) {
            throw new ReplicaException(Reason.ALREADY_UP, ledger.height(), 0);
        }
        ledger = load();
    }

    /**
     * StateSync(r, q): a replica behind a peer's snapshot of height h restores that snapshot
     * instead of fetching every block below it. The trust anchor is block h + 1: its certificate
     * is checked against the validator set and must certify the block's hash (as for any stored
     * block), and its header's previous app hash is the app hash the snapshot must have
     * ({@code Snapshot.decodeTrusted}); the snapshot must be of height h. The replica keeps the
     * snapshot as its own and its store continues above h ({@link BlockStore#resetTo}); block
     * h + 1 is not stored here (the node commits it by ordinary catch-up). Refusals, the replica
     * unchanged: PEER_NOT_AHEAD (h not above the stored height), BAD_CERTIFICATE, WRONG_HEIGHT,
     * HASH_MISMATCH, MALFORMED_BLOCK (block h + 1 and its certificate), BAD_SNAPSHOT.
     */
    public void stateSync(long h, byte[] snapshot, byte[] nextBlock, Certificate nextCertificate) {
        requireUp();
        if (h <= store.storedHeight() || h >= Ledger.MAX_HEIGHT) {
            throw new ReplicaException(Reason.PEER_NOT_AHEAD, h, store.storedHeight());
        }
        checkCertified(h + 1, nextBlock, nextCertificate);
        byte[] trusted = BlockCodec.decode(nextBlock).prevAppHash();
        Ledger restored;
        try {
            restored = Snapshot.decodeTrusted(config, snapshot, trusted);
        } catch (StateException e) {
            throw new ReplicaException(Reason.BAD_SNAPSHOT, h, e.reason().ordinal());
        }
        if (restored.height() != h) {
            throw new ReplicaException(Reason.BAD_SNAPSHOT, h, restored.height());
        }
        store.resetTo(h, snapshot.clone());
        ledger = restored;
    }
}
