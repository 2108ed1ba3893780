package dev.bulwark.ledger.state;

import dev.bulwark.consensus.Value;
import java.util.Arrays;

/**
 * The 32-byte hash of an encoded block: SHA-256("bulwark/block/v1" | the block's bytes).
 *
 * <p>Consensus values are today a non-negative long id ({@link Value}); {@link #consensusValue()}
 * is the one place that maps a block hash to one: the first 8 bytes with the sign bit cleared, so
 * 63 bits of the 256.  That is a known weakness, not a silent truncation: a proposer that grinds
 * two different blocks with the same 63-bit prefix (about 2^32 hashes) could have one certified
 * and show the other to some replicas.  The change that carries the full digest through
 * consensus replaces this method and nothing else; until then a replica also checks that the
 * block it stores hashes to the value certified (Replica.commitBlock), which is all a 63-bit id
 * allows.
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

    /** The consensus value of this block (see the class comment: 63 bits of the hash). */
    public Value consensusValue() {
        return Value.of(TxCodec.getLong(hash, 0) & Long.MAX_VALUE);
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
