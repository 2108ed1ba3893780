package dev.bulwark.replica;

import dev.bulwark.consensus.Certificate;

/**
 * A replica's durable state (Ledger.tla's {@code stored} and {@code snap}): the decided blocks
 * base+1 .. storedHeight() with their commit certificates, and the last snapshot (its height and
 * bytes).  Every write is durable when the call returns (an implementation syncs before
 * returning); a crash loses nothing written.  Blocks at or below base() are covered by the
 * snapshot the store was reset to (state sync) and are not held.  The node's implementation is
 * backed by disk; {@link MemoryBlockStore} is the in-memory one for the simulator and tests.
 */
public interface BlockStore {
    /** The highest stored height (0: none). */
    long storedHeight();

    /** Blocks at or below this height are not held (0 unless the store was reset by state sync). */
    long base();

    /** Stores the block of height storedHeight() + 1 with its certificate. */
    void putBlock(long height, byte[] block, Certificate certificate);

    /** The stored block of a height in base()+1 .. storedHeight(). */
    byte[] block(long height);

    /** Its certificate. */
    Certificate certificate(long height);

    /** The last snapshot's height (0: none, i.e. genesis). */
    long snapshotHeight();

    /** The last snapshot's bytes (null: none). */
    byte[] snapshot();

    /** Replaces the snapshot (height above the current one). */
    void putSnapshot(long height, byte[] snapshot);

    /**
     * State sync: the snapshot of height h (above storedHeight()) replaces the snapshot and every
     * block; the store then holds nothing above h, and base() = storedHeight() = h.
     */
    void resetTo(long h, byte[] snapshot);

    /**
     * Pruning: the blocks and certificates at or below h (base() &lt; h &lt;= snapshotHeight(), so
     * the snapshot still covers them) are deleted; base() = h. The snapshot and the blocks above h
     * are kept, so a restart loads the snapshot and replays the blocks above it as before.
     */
    void prune(long h);
}
