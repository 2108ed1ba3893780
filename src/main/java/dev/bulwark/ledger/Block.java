package dev.bulwark.ledger;

/**
 * A block as the core applies it: its chain, its height and its transactions in order
 * (LedgerApp.tla's block is the sequence; chain and height are checked as the block's frame).
 * Immutable: the transaction array is copied in and out.  The canonical encoding and the block
 * hash are {@code dev.bulwark.ledger.state.BlockCodec}.
 *
 * <p>Nullable by default: a block may hold a null list or null entries (refused by the ledger),
 * and OpenJML's runtime checker takes the entries of an array in a non-null-by-default class as
 * non-null, so it would report the copy of such a list.
 */
/*@ nullable_by_default @*/
public final class Block {
    /** Bound on the transactions of one block (also the bound on a block's result codes). */
    public static final int MAX_TXS = 16_384;

    //@ spec_public
    private final long chainId;
    //@ spec_public
    private final long height;
    //@ spec_public nullable
    private final Transaction[] txs;

    /**
     * Any values are accepted here; {@link Ledger#apply(Block)} refuses a block whose list is null
     * or holds a null (MALFORMED_BLOCK), or that has more than {@link #MAX_TXS} transactions
     * (OVERSIZED_BLOCK).
     */
    /*@ public normal_behavior
      @   ensures this.chainId == chainId && this.height == height;
      @   ensures txs == null ==> this.txs == null;
      @   ensures txs != null ==> this.txs != null && this.txs != txs && this.txs.length == txs.length
      @       && (\forall int i; 0 <= i && i < txs.length; this.txs[i] == txs[i]);
      @ pure
      @*/
    public Block(long chainId, long height, /*@ nullable @*/ Transaction[] txs) {
        this.chainId = chainId;
        this.height = height;
        if (txs == null) {
            this.txs = null;
        } else {
            this.txs = copyOf(txs);
        }
    }

    //@ public normal_behavior
    //@   ensures \result == chainId;
    //@ pure
    public long chainId() {
        return chainId;
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    /** Number of transactions (-1 for a block without a transaction list). */
    //@ public normal_behavior
    //@   ensures txs == null ==> \result == -1;
    //@   ensures txs != null ==> \result == txs.length;
    //@ pure
    public int size() {
        return txs == null ? -1 : txs.length;
    }

    /** Transaction i (0-based). */
    //@ public normal_behavior
    //@   requires txs != null && 0 <= i && i < txs.length;
    //@   ensures \result == txs[i];
    //@ pure
    public /*@ nullable @*/ Transaction tx(int i) {
        return txs[i];
    }

    /** A copy of the transactions (null for a block without a list). */
    /*@ skipesc @*/
    public /*@ nullable @*/ Transaction[] txs() {
        return txs == null ? null : copyOf(txs);
    }

    // not instrumented for runtime checking either: see AccountKey.equals
    /*@ skipesc skiprac @*/
    @Override
    public boolean equals(Object o) {
        return o instanceof Block && ((Block) o).chainId == chainId && ((Block) o).height == height
                && java.util.Arrays.equals(((Block) o).txs, txs);
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * Long.hashCode(chainId) + Long.hashCode(height)) + java.util.Arrays.hashCode(txs);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Block[chain=" + chainId + ", height=" + height + ", txs=" + java.util.Arrays.toString(txs) + "]";
    }

    /**
     * A copy of a.  A proved loop: OpenJML's runtime checker cannot compile an array's
     * {@code clone()}, nor the specification of {@code System.arraycopy}.
     */
    //@ private normal_behavior
    //@   requires a != null;
    //-RAC@   ensures \fresh(\result);
    //@   ensures \result.length == a.length;
    //@   ensures (\forall int k; 0 <= k && k < a.length; \result[k] == a[k]);
    //@ pure
    private static /*@ non_null @*/ Transaction[] copyOf(Transaction[] a) {
        Transaction[] c = new Transaction[a.length];
        //@ loop_invariant 0 <= k && k <= c.length && (\forall int j; 0 <= j && j < k; c[j] == a[j]);
        //@ decreases c.length - k;
        for (int k = 0; k < c.length; k++) {
            c[k] = a[k];
        }
        return c;
    }
}
