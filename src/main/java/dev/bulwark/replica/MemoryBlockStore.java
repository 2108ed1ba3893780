package dev.bulwark.replica;

import dev.bulwark.consensus.Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory {@link BlockStore} ("durable" for as long as the object lives: a replica's crash
 * drops the replica's volatile state, not this).  It holds every block above its base, as the
 * durable log does; memory grows with the chain (one block of at most
 * BlockCodec.MAX_BLOCK_BYTES per height), which is why the node's store is on disk.
 * Stored byte arrays are copied in and out.
 */
public final class MemoryBlockStore implements BlockStore {
    private final List<byte[]> blocks = new ArrayList<>();
    private final List<Certificate> certs = new ArrayList<>();
    private long base;
    private long snapHeight;
    private byte[] snap;

    public MemoryBlockStore() {
    }

    /** An independent copy (the simulator forks worlds; blocks and certificates are shared, they are never modified). */
    public MemoryBlockStore copy() {
        MemoryBlockStore c = new MemoryBlockStore();
        c.blocks.addAll(blocks);
        c.certs.addAll(certs);
        c.base = base;
        c.snapHeight = snapHeight;
        c.snap = snap;
        return c;
    }

    @Override
    public long storedHeight() {
        return base + blocks.size();
    }

    @Override
    public long base() {
        return base;
    }

    @Override
    public void putBlock(long height, byte[] block, Certificate certificate) {
        if (height != storedHeight() + 1 || block == null || certificate == null) {
            throw new IllegalArgumentException("block " + height + " does not extend the store at " + storedHeight());
        }
        blocks.add(block.clone());
        certs.add(certificate);
    }

    @Override
    public byte[] block(long height) {
        return blocks.get(index(height)).clone();
    }

    @Override
    public Certificate certificate(long height) {
        return certs.get(index(height));
    }

    private int index(long height) {
        if (height <= base || height > storedHeight()) {
            throw new IllegalArgumentException("height " + height + " not in " + (base + 1) + ".." + storedHeight());
        }
        return (int) (height - base - 1);
    }

    @Override
    public long snapshotHeight() {
        return snapHeight;
    }

    @Override
    public byte[] snapshot() {
        return snap == null ? null : snap.clone();
    }

    /** The snapshot bytes without a copy (read-only use: the conformance adapter renders them). */
    public byte[] snapshotRef() {
        return snap;
    }

    @Override
    public void putSnapshot(long height, byte[] snapshot) {
        if (height <= snapHeight || snapshot == null) {
            throw new IllegalArgumentException("snapshot " + height + " is not above " + snapHeight);
        }
        snapHeight = height;
        snap = snapshot.clone();
    }

    @Override
    public void prune(long h) {
        if (h <= base || h > snapHeight) {
            throw new IllegalArgumentException("prune to " + h + " is not in " + (base + 1) + ".." + snapHeight);
        }
        int k = (int) (h - base);
        blocks.subList(0, k).clear();
        certs.subList(0, k).clear();
        base = h;
    }

    @Override
    public void resetTo(long h, byte[] snapshot) {
        if (h <= storedHeight() || snapshot == null) {
            throw new IllegalArgumentException("state sync to " + h + " is not above " + storedHeight());
        }
        blocks.clear();
        certs.clear();
        base = h;
        snapHeight = h;
        snap = snapshot.clone();
    }
}
