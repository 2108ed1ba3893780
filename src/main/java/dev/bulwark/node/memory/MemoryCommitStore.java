package dev.bulwark.node.memory;

import dev.bulwark.node.CommitStore;
import java.util.HashMap;
import java.util.Map;

/** An in-memory {@link CommitStore} (durable for as long as the object lives, like MemoryBlockStore). */
public final class MemoryCommitStore implements CommitStore {
    private final Map<Long, byte[]> commits = new HashMap<>();

    @Override
    public void put(long height, byte[] signedCommit) {
        commits.put(height, signedCommit.clone());
    }

    @Override
    public byte[] get(long height) {
        byte[] c = commits.get(height);
        return c == null ? null : c.clone();
    }
}
