package dev.bulwark.ledger.state;

import dev.bulwark.consensus.Value;
import java.util.Arrays;

/**
 * The 32-byte hash of an encoded block: SHA-256("bulwark/block/v1" | the block's bytes).
 *
 * <p>A block's consensus value ({@link Value}) is the whole 32-byte digest
 * ({@link #consensusValue()}, the one place that maps a block hash to a value), so a certificate
 * names exactly one block; a replica checks that the block it stores hashes to the certified value
 * (Replica.commitBlock).
 */
public final class BlockHash {
    private final byte[] hash;

    /** Refused (MALFORMED) unless exactly 32 bytes. */
    public BlockHash(byte[] hash) {
        if (hash == null || hash.length != AppHash.HASH_BYTES) {
            throw new StateException(Reason.MALFORMED, hash == null ? -1 : hash.length, AppHash.HASH_BYTES);
        }
        this.hash = hash.clone();
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return hash.clone();
    }

    /** The consensus value of this block: its whole 32-byte digest. */
    public Value consensusValue() {
        return Value.ofDigest(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHash && Arrays.equals(((BlockHash) o).hash, hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("block:");
        for (int i = 0; i < 8; i++) {
            b.append(String.format("%02x", hash[i]));
        }
        return b.append("..").toString();
    }
}
