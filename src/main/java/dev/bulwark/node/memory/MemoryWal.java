package dev.bulwark.node.memory;

import dev.bulwark.node.ConsensusWal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An in-memory {@link ConsensusWal} with the durability of a real log: records appended since
 * the last {@link #sync()} are lost by {@link #crash()}; synced ones survive (for as long as the
 * object lives). Counts syncs and holds the durable records for inspection by tests.
 */
public final class MemoryWal implements ConsensusWal {
    private static final class Rec {
        final long height;
        final byte[] bytes;

        Rec(long height, byte[] bytes) {
            this.height = height;
            this.bytes = bytes;
        }
    }

    private final List<Rec> durable = new ArrayList<>();
    private final List<Rec> unsynced = new ArrayList<>();
    private long syncs;

    @Override
    public void append(long height, byte[] record) {
        unsynced.add(new Rec(height, record.clone()));
    }

    @Override
    public void sync() {
        durable.addAll(unsynced);
        unsynced.clear();
        syncs++;
    }

    @Override
    public List<byte[]> replay(long fromHeight) {
        List<byte[]> out = new ArrayList<>();
        for (Rec r : durable) {
            if (r.height >= fromHeight) {
                out.add(r.bytes.clone());
            }
        }
        return out;
    }

    @Override
    public void truncateBelow(long height) {
        durable.removeIf(r -> r.height < height);
        unsynced.removeIf(r -> r.height < height);
    }

    /** The process died: what was not synced is gone. */
    public void crash() {
        unsynced.clear();
    }

    /** Is a record with exactly these bytes durable? */
    public boolean holdsDurable(byte[] record) {
        for (Iterator<Rec> it = durable.iterator(); it.hasNext();) {
            if (java.util.Arrays.equals(it.next().bytes, record)) {
                return true;
            }
        }
        return false;
    }

    public int durableCount() {
        return durable.size();
    }

    public long syncs() {
        return syncs;
    }
}
