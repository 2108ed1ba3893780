package dev.bulwark.ledger;

/** What applying a block gave: the height reached, one result per transaction, the new app hash. */
public final class BlockResult {
    //@ spec_public
    private final long height;
    //@ spec_public
    private final TxResult[] results;
    //@ spec_public
    private final byte[] appHash;

    /*@ public normal_behavior
      @   requires results != null && appHash != null;
      @   ensures this.height == height;
      @ pure
      @*/
    /*@ skipesc @*/
    public BlockResult(long height, TxResult[] results, byte[] appHash) {
        this.height = height;
        this.results = results.clone();
        this.appHash = appHash.clone();
    }

    /** The ledger's height after the block (the block's height). */
    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    /** Number of transactions. */
    //@ public normal_behavior
    //@   ensures \result == results.length;
    //@ pure
    public int size() {
        return results.length;
    }

    /** The result of transaction i. */
    //@ public normal_behavior
    //@   requires 0 <= i && i < results.length;
    //@   ensures \result == results[i];
    //@ pure
    public TxResult result(int i) {
        return results[i];
    }

    /** A copy of the results. */
    /*@ skipesc @*/
    public TxResult[] results() {
        return results.clone();
    }

    /** A copy of the 32-byte app hash after the block. */
    /*@ skipesc @*/
    public byte[] appHash() {
        return appHash.clone();
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("BlockResult[height=").append(height).append(", results=")
                .append(java.util.Arrays.toString(results)).append(", appHash=");
        for (int i = 0; i < 4; i++) {
            b.append(String.format("%02x", appHash[i]));
        }
        return b.append("..]").toString();
    }
}
