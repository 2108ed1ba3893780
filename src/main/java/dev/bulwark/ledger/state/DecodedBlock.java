package dev.bulwark.ledger.state;

import dev.bulwark.ledger.Block;

/** A decoded block: the core's {@link Block}, its signed transactions, its bytes and its hash. */
public final class DecodedBlock {
    private final Block block;
    private final SignedTx[] txs;
    private final BlockHash hash;

    DecodedBlock(Block block, SignedTx[] txs, BlockHash hash) {
        this.block = block;
        this.txs = txs;
        this.hash = hash;
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
