package dev.bulwark.ledger;

/**
 * Keys numbered in order of registration: key -&gt; index and index -&gt; key.  A registered key is
 * never removed.  Lookups go through a hash table with chaining held in int arrays: a key's slot
 * is {@link #slot} of its last word; {@code head[b]} is 1 + the largest index whose key is in
 * slot b (0: none), {@code next[i]} is 1 + the next smaller index in i's slot (0: none), so a
 * chain lists exactly the indices of its slot, largest first (the invariants below, proved).
 * The table has two slots per index it has room for, and is rebuilt when the index doubles.
 *
 * <p>Chains are not ordered by key: a chain as long as the keys that share its slot.  Keys are
 * Ed25519 public keys (the shell checks a signature for each), so filling one slot with k keys
 * takes about k times the table size key generations (2^21 slots at 2^20 accounts); every key
 * with an account was registered by an executed transaction, and the accounts are bounded by
 * {@code LedgerConfig.maxAccounts}.
 */
final class KeyIndex {
    /** Bound on the keys one index holds (the ledger's accounts are at most 2^20). */
    public static final int MAX_SIZE = 1 << 24;
    /**
     * The least room an index has: above governance's bound on keys (Governance.MAX_KEYS, 64), a
     * length no approval row has (see Ledger's distinct-array invariants; a literal, as Ledger.MIN_CAPACITY).
     */
    public static final int MIN_CAPACITY = 128;

    //@ spec_public
    private AccountKey[] byIndex;
    //@ spec_public
    private int[] bucketOf;
    //@ spec_public
    private int[] next;
    //@ spec_public
    private int[] head;
    //@ spec_public
    private int size;

    //@ public invariant byIndex != null && bucketOf != null && next != null && head != null;
    //@ public invariant bucketOf != next && bucketOf != head && next != head;
    //@ public invariant bucketOf.length == byIndex.length && next.length == byIndex.length && head.length >= 1 && byIndex.length >= 1;
    //@ public invariant byIndex.length >= MIN_CAPACITY && head.length >= MIN_CAPACITY;
    //@ public invariant 0 <= size && size <= byIndex.length && size <= MAX_SIZE;
    //@ public invariant (\forall int j; 0 <= j && j < size; byIndex[j] != null && 0 <= bucketOf[j] && bucketOf[j] < head.length);
    //@ public invariant (\forall int j; 0 <= j && j < size; bucketOf[j] == slot(byIndex[j].w3, head.length));
    //@ public invariant (\forall int j; 0 <= j && j < size; 0 <= next[j] && next[j] <= j && (next[j] > 0 ==> bucketOf[next[j] - 1] == bucketOf[j]));
    //@ public invariant (\forall int j; 0 <= j && j < size; (\forall int m; next[j] <= m && m < j; bucketOf[m] != bucketOf[j]));
    //@ public invariant (\forall int b; 0 <= b && b < head.length; 0 <= head[b] && head[b] <= size && (head[b] > 0 ==> bucketOf[head[b] - 1] == b));
    //@ public invariant (\forall int b; 0 <= b && b < head.length; (\forall int m; head[b] <= m && m < size; bucketOf[m] != b));

    /** An empty index with room for {@code capacity} keys. */
    //@ normal_behavior
    //@   requires 1 <= capacity && capacity <= MAX_SIZE;
    //@   ensures size == 0 && byIndex.length == (capacity < MIN_CAPACITY ? MIN_CAPACITY : capacity);
    KeyIndex(int capacity) {
        int c = capacity < MIN_CAPACITY ? MIN_CAPACITY : capacity;
        this.byIndex = new AccountKey[c];
        this.bucketOf = new int[c];
        this.next = new int[c];
        this.head = new int[2 * c];
        this.size = 0;
    }

    /**
     * An independent copy (keys are immutable and shared).  Not instrumented for runtime checking
     * ({@code skiprac}): OpenJML's checker cannot compile an array's {@code clone()}.
     */
    /*@ skipesc @*/
    /*@ skiprac @*/ KeyIndex copy() {
        KeyIndex k = new KeyIndex(Math.max(1, byIndex.length));
        k.byIndex = byIndex.clone();
        k.bucketOf = bucketOf.clone();
        k.next = next.clone();
        k.head = head.clone();
        k.size = size;
        return k;
    }

    /**
     * The slot of a key whose last word is w in a table of n slots: w modulo n (the last 8 bytes
     * of an Ed25519 public key are as good as a hash; only this word, so that the slot is a
     * function of the key's words that the proofs can see).
     */
    /*@ public normal_behavior
      @   requires n >= 1;
      @   ensures 0 <= \result && \result < n;
      @ pure heap_free
      @*/
    public static int slot(long w, int n) {
        long r = w % n;
        return (int) (r < 0 ? r + n : r);
    }

    //@ normal_behavior
    //@   ensures \result == size;
    //@ pure
    int size() {
        return size;
    }

    /** The index of k, or -1: -1 exactly when no registered key is k. */
    /*@ normal_behavior
      @   ensures -1 <= \result && \result < size;
      @   ensures \result >= 0 ==> k != null && byIndex[\result].sameKey(k);
      @   ensures \result == -1 && k != null ==> (\forall int m; 0 <= m && m < size;
      @               !(byIndex[m].w0 == k.w0 && byIndex[m].w1 == k.w1 && byIndex[m].w2 == k.w2 && byIndex[m].w3 == k.w3));
      @ pure
      @*/
    int indexOf(/*@ nullable @*/ AccountKey k) {
        if (k == null) {
            return -1;
        }
        int b = slot(k.word(3), head.length);
        int c = head[b];
        //@ loop_invariant 0 <= c && c <= size;
        //@ loop_invariant c > 0 ==> bucketOf[c - 1] == b;
        //@ loop_invariant (\forall int m; c <= m && m < size; bucketOf[m] == b
        //@     ==> !(byIndex[m].w0 == k.w0 && byIndex[m].w1 == k.w1 && byIndex[m].w2 == k.w2 && byIndex[m].w3 == k.w3));
        //@ decreases c;
        while (c > 0) {
            if (byIndex[c - 1].sameKey(k)) {
                return c - 1;
            }
            c = next[c - 1];
        }
        return -1;
    }

    //@ normal_behavior
    //@   requires 0 <= i && i < size;
    //@   ensures \result == byIndex[i];
    //@ pure
    AccountKey key(int i) {
        return byIndex[i];
    }

    /** Registers k (not yet registered) with the next index. */
    /*@ normal_behavior
      @   requires k != null && size < MAX_SIZE;
      @*/
    //-RAC@   assignable size, byIndex, byIndex[*], bucketOf, bucketOf[*], next, next[*], head, head[*];
    /*@
      @   ensures \result == \old(size) && size == \old(size) + 1 && byIndex[\result] == k;
      @   ensures (\forall int j; 0 <= j && j < \old(size); byIndex[j] == \old(byIndex[j]));
      @*/
    //-RAC@   ensures (byIndex == \old(byIndex) && bucketOf == \old(bucketOf) && next == \old(next) && head == \old(head))
    //-RAC@        || (\fresh(byIndex) && \fresh(bucketOf) && \fresh(next) && \fresh(head));
    int add(AccountKey k) {
        ensureRoom();
        int i = size;
        link(i, k);
        size = i + 1;
        return i;
    }

    /** Room for one more key. */
    /*@ private normal_behavior
      @   requires size < MAX_SIZE;
      @   assignable byIndex, bucketOf, next, head;
      @   ensures size < byIndex.length;
      @   ensures (\forall int j; 0 <= j && j < size; byIndex[j] == \old(byIndex[j]));
      @*/
    //-RAC@   ensures (byIndex == \old(byIndex) && bucketOf == \old(bucketOf) && next == \old(next) && head == \old(head))
    //-RAC@        || (\fresh(byIndex) && \fresh(bucketOf) && \fresh(next) && \fresh(head));
    private void ensureRoom() {
        if (size == byIndex.length) {
            grow();
        }
    }

    /** Room for twice the keys: the arrays doubled (or to MAX_SIZE), the table rebuilt. */
    /*@ private normal_behavior
      @   requires size == byIndex.length && size < MAX_SIZE;
      @   assignable byIndex, bucketOf, next, head;
      @   ensures size < byIndex.length;
      @   ensures (\forall int j; 0 <= j && j < size; byIndex[j] == \old(byIndex[j]));
      @*/
    //-RAC@   ensures \fresh(byIndex) && \fresh(bucketOf) && \fresh(next) && \fresh(head);
    private void grow() {
        int cap = byIndex.length <= MAX_SIZE / 2 ? byIndex.length * 2 : MAX_SIZE;
        AccountKey[] keys = new AccountKey[cap];
        // a proved loop: the specification of System.arraycopy does not compile under OpenJML's runtime checker
        //@ loop_invariant 0 <= k && k <= size && keys.length == cap && (\forall int j; 0 <= j && j < k; keys[j] == byIndex[j]);
        //@ decreases size - k;
        for (int k = 0; k < size; k++) {
            keys[k] = byIndex[k];
        }
        byIndex = keys;
        bucketOf = new int[cap];
        next = new int[cap];
        head = new int[2 * cap];
        //@ loop_invariant 0 <= i && i <= size && size < byIndex.length && head.length == 2 * cap;
        //@ loop_invariant bucketOf.length == byIndex.length && next.length == byIndex.length;
        //@ loop_invariant (\forall int j; 0 <= j && j < size; byIndex[j] == \old(byIndex[j]) && byIndex[j] != null);
        //@ loop_invariant (\forall int j; 0 <= j && j < i; byIndex[j] != null && 0 <= bucketOf[j] && bucketOf[j] < head.length);
        //@ loop_invariant (\forall int j; 0 <= j && j < i; bucketOf[j] == slot(byIndex[j].w3, head.length));
        //@ loop_invariant (\forall int j; 0 <= j && j < i; 0 <= next[j] && next[j] <= j && (next[j] > 0 ==> bucketOf[next[j] - 1] == bucketOf[j]));
        //@ loop_invariant (\forall int j; 0 <= j && j < i; (\forall int m; next[j] <= m && m < j; bucketOf[m] != bucketOf[j]));
        //@ loop_invariant (\forall int b; 0 <= b && b < head.length; 0 <= head[b] && head[b] <= i && (head[b] > 0 ==> bucketOf[head[b] - 1] == b));
        //@ loop_invariant (\forall int b; 0 <= b && b < head.length; (\forall int m; head[b] <= m && m < i; bucketOf[m] != b));
        //@ decreases size - i;
        for (int i = 0; i < size; i++) {
            link(i, byIndex[i]);
        }
    }

    /** Stores k at index i and puts i at the head of its slot's chain. */
    /*@ private normal_behavior
      @   requires byIndex != null && bucketOf != null && next != null && head != null;
      @   requires bucketOf != next && bucketOf != head && next != head;
      @   requires bucketOf.length == byIndex.length && next.length == byIndex.length && head.length >= 1;
      @   requires 0 <= i && i < byIndex.length && k != null;
      @   requires (\forall int j; 0 <= j && j < i; byIndex[j] != null && 0 <= bucketOf[j] && bucketOf[j] < head.length);
      @   requires (\forall int j; 0 <= j && j < i; bucketOf[j] == slot(byIndex[j].w3, head.length));
      @   requires (\forall int j; 0 <= j && j < i; 0 <= next[j] && next[j] <= j && (next[j] > 0 ==> bucketOf[next[j] - 1] == bucketOf[j]));
      @   requires (\forall int j; 0 <= j && j < i; (\forall int m; next[j] <= m && m < j; bucketOf[m] != bucketOf[j]));
      @   requires (\forall int b; 0 <= b && b < head.length; 0 <= head[b] && head[b] <= i && (head[b] > 0 ==> bucketOf[head[b] - 1] == b));
      @   requires (\forall int b; 0 <= b && b < head.length; (\forall int m; head[b] <= m && m < i; bucketOf[m] != b));
      @*/
    //-RAC@   assignable byIndex[i], bucketOf[i], next[i], head[*];
    /*@
      @   ensures byIndex[i] == k;
      @   ensures (\forall int j; 0 <= j && j < i + 1; byIndex[j] != null && 0 <= bucketOf[j] && bucketOf[j] < head.length);
      @   ensures (\forall int j; 0 <= j && j < i + 1; bucketOf[j] == slot(byIndex[j].w3, head.length));
      @   ensures (\forall int j; 0 <= j && j < i + 1; 0 <= next[j] && next[j] <= j && (next[j] > 0 ==> bucketOf[next[j] - 1] == bucketOf[j]));
      @   ensures (\forall int j; 0 <= j && j < i + 1; (\forall int m; next[j] <= m && m < j; bucketOf[m] != bucketOf[j]));
      @   ensures (\forall int b; 0 <= b && b < head.length; 0 <= head[b] && head[b] <= i + 1 && (head[b] > 0 ==> bucketOf[head[b] - 1] == b));
      @   ensures (\forall int b; 0 <= b && b < head.length; (\forall int m; head[b] <= m && m < i + 1; bucketOf[m] != b));
      @*/
    private /*@ helper @*/ void link(int i, AccountKey k) {
        byIndex[i] = k;
        int b = slot(k.word(3), head.length);
        bucketOf[i] = b;
        next[i] = head[b];
        head[b] = i + 1;
    }
}
