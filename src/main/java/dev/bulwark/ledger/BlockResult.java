package dev.bulwark.ledger;

/**
 * What applying a block gave: the height reached, one result per transaction, the new app hash,
 * and the end of block's events (deleveraging steps and backstop liquidations of the pass).
 */
public final class BlockResult {
    //@ spec_public
    private final long height;
    //@ spec_public
    private final TxResult[] results;
    //@ spec_public
    private final byte[] appHash;
    //@ spec_public
    private final int deleverages;
    //@ spec_public
    private final int backstopLiquidations;

    /*@ public normal_behavior
      @   requires results != null && appHash != null;
      @   ensures this.height == height && this.deleverages == deleverages
      @       && this.backstopLiquidations == backstopLiquidations;
      @   ensures this.results != results && this.results.length == results.length
      @       && (\forall int i; 0 <= i && i < results.length; this.results[i] == results[i]);
      @   ensures this.appHash != appHash && this.appHash.length == appHash.length
      @       && (\forall int i; 0 <= i && i < appHash.length; this.appHash[i] == appHash[i]);
      @ pure
      @*/
    public BlockResult(long height, TxResult[] results, byte[] appHash, int deleverages, int backstopLiquidations) {
        this.height = height;
        TxResult[] r = new TxResult[results.length];
        //@ loop_invariant 0 <= i && i <= results.length && r.length == results.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; r[j] == results[j]);
        //@ decreases results.length - i;
        for (int i = 0; i < results.length; i++) {
            r[i] = results[i];
        }
        this.results = r;
        byte[] h = new byte[appHash.length];
        //@ loop_invariant 0 <= i && i <= appHash.length && h.length == appHash.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < i; h[j] == appHash[j]);
        //@ decreases appHash.length - i;
        for (int i = 0; i < appHash.length; i++) {
            h[i] = appHash[i];
        }
        this.appHash = h;
        this.deleverages = deleverages;
        this.backstopLiquidations = backstopLiquidations;
    }

    /** Deleveraging steps of the block's liquidation pass. */
    //@ public normal_behavior
    //@   ensures \result == deleverages;
    //@ pure
    public int deleverages() {
        return deleverages;
    }

    /** Backstop liquidations of the block's liquidation pass. */
    //@ public normal_behavior
    //@   ensures \result == backstopLiquidations;
    //@ pure
    public int backstopLiquidations() {
        return backstopLiquidations;
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

    /**
     * A copy of the results.  Not instrumented for runtime checking ({@code skiprac}): OpenJML's
     * checker cannot compile an array's {@code clone()}.
     */
    /*@ skipesc @*/
    public /*@ skiprac @*/ TxResult[] results() {
        return results.clone();
    }

    /**
     * A copy of the 32-byte app hash after the block.  Not instrumented for runtime checking
     * ({@code skiprac}): OpenJML's checker cannot compile an array's {@code clone()}.
     */
    /*@ skipesc @*/
    public /*@ skiprac @*/ byte[] appHash() {
        return appHash.clone();
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "BlockResult[height=" + height + ", results=" + java.util.Arrays.toString(results) + ", appHash="
                + String.format("%02x%02x%02x%02x..", appHash[0], appHash[1], appHash[2], appHash[3])
                + (deleverages > 0 ? ", deleverages=" + deleverages : "")
                + (backstopLiquidations > 0 ? ", backstop=" + backstopLiquidations : "") + "]";
    }
}
