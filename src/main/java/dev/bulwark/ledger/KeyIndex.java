package dev.bulwark.ledger;

import java.util.HashMap;

/**
 * Keys numbered in order of registration: key -&gt; index and index -&gt; key.  A registered key is
 * never removed.  Lookups go through a {@link HashMap}; {@link AccountKey} is
 * {@link Comparable}, so a bucket of colliding keys (keys ground by an adversary to collide) is
 * a balanced tree and a lookup stays O(log n).
 */
final class KeyIndex {
    private final HashMap<AccountKey, Integer> byKey;
    //@ spec_public
    private AccountKey[] byIndex;
    //@ spec_public
    private int size;

    //@ public invariant byIndex != null && 0 <= size && size <= byIndex.length;

    //@ normal_behavior
    //@   requires capacity >= 1;
    //@   ensures size == 0;
    /*@ skipesc @*/
    KeyIndex(int capacity) {
        this.byKey = new HashMap<>(Math.max(16, capacity * 2));
        this.byIndex = new AccountKey[capacity];
        this.size = 0;
    }

    /** An independent copy (keys are immutable and shared). */
    /*@ skipesc @*/
    KeyIndex copy() {
        KeyIndex k = new KeyIndex(Math.max(1, byIndex.length));
        k.byKey.putAll(byKey);
        System.arraycopy(byIndex, 0, k.byIndex, 0, size);
        k.size = size;
        return k;
    }

    //@ normal_behavior
    //@   ensures \result == size;
    //@ pure
    int size() {
        return size;
    }

    /** The index of k, or -1. */
    //@ normal_behavior
    //@   ensures -1 <= \result && \result < size;
    //@ pure
    /*@ skipesc @*/
    int indexOf(/*@ nullable @*/ AccountKey k) {
        Integer i = k == null ? null : byKey.get(k);
        return i == null ? -1 : i;
    }

    //@ normal_behavior
    //@   requires 0 <= i && i < size;
    //@   ensures \result == byIndex[i];
    //@ pure
    AccountKey key(int i) {
        return byIndex[i];
    }

    /** Registers k (not yet registered) with the next index. */
    //@ normal_behavior
    //@   requires k != null;
    //@   assignable size, byIndex, byIndex[*];
    //@   ensures \result == \old(size) && size == \old(size) + 1;
    /*@ skipesc @*/
    int add(AccountKey k) {
        if (size == byIndex.length) {
            byIndex = java.util.Arrays.copyOf(byIndex, Math.max(1, byIndex.length * 2));
        }
        int i = size;
        byIndex[i] = k;
        byKey.put(k, i);
        size = i + 1;
        return i;
    }
}
