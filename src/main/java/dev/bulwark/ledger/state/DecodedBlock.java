package dev.bulwark.ledger.state;

import dev.bulwark.ledger.Block;

/** A decoded block: the core's {@link Block}, its signed transactions, its hash and its header's previous app hash. */
public final class DecodedBlock {
    private final Block block;
    private final SignedTx[] txs;
    private final BlockHash hash;
    private final byte[] prevAppHash;

    DecodedBlock(Block block, SignedTx[] txs, BlockHash hash, byte[] prevAppHash) {
        this.block = block;
        this.txs = txs;
        this.hash = hash;
        this.prevAppHash = prevAppHash;
    }

    /** The header's app hash after the previous height (a copy; 32 bytes). */
    public byte[] prevAppHash() {
        return prevAppHash.clone();
    }

    /** Whether the header's previous app hash is {@code appHash}. */
    public boolean certifies(byte[] appHash) {
        return java.util.Arrays.equals(prevAppHash, appHash);
    }

    /** The block the core applies (transactions without signatures). */
    public Block block() {
        return block;
    }

    public int size() {
        return txs.length;
    }

    public SignedTx signedTx(int i) {
        return txs[i];
    }

    public BlockHash hash() {
        return hash;
    }
}
