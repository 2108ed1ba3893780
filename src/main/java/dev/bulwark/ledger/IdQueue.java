package dev.bulwark.ledger;

/**
 * The accounts the liquidation pass has still to visit because a step of the pass changed them
 * after the scan: a set of account ids taken least first.  A mark per account id and the
 * interval {@code [lo, hi]} that holds every marked id, {@code lo} and {@code hi} themselves
 * marked (empty: {@code lo > hi}).  {@link #peek()} is {@code lo}; {@link #poll()} unmarks it
 * and moves {@code lo} to the next mark, scanning forward up to {@code hi}.  The pass only adds
 * ids above the one it visits, so its scans move forward; an id added twice is held once (the
 * pass visits an id once either way).  The marks grow to the number of accounts at the start of
 * a pass ({@link #reset(int)}): one byte per account.
 */
final class IdQueue {
    //@ spec_public
    private boolean[] mark;
    //@ spec_public
    private int lo;
    //@ spec_public
    private int hi;

    //@ public invariant mark != null;
    //@ public invariant lo <= hi ==> 0 <= lo && hi < mark.length && mark[lo] && mark[hi];
    //@ public invariant (\forall int j; 0 <= j && j < mark.length; mark[j] ==> lo <= j && j <= hi);

    //@ normal_behavior
    //@   ensures lo > hi && mark.length == 16;
    IdQueue() {
        mark = new boolean[16];
        lo = 0;
        hi = -1;
    }

    //@ normal_behavior
    //@   ensures \result <==> lo > hi;
    //@ pure
    boolean isEmpty() {
        return lo > hi;
    }

    /** Empties the set and makes room for the ids {@code 0..n-1}. */
    //@ normal_behavior
    //@   requires n >= 0;
    //-RAC@   assignable mark, mark[*], lo, hi;
    //@   ensures lo > hi && mark.length >= n;
    //-RAC@ ensures mark == \old(mark) || \fresh(mark);
    void reset(int n) {
        if (lo <= hi) {
            //@ loop_invariant lo <= j && j <= hi + 1 && hi < mark.length;
            //@ loop_invariant (\forall int k; 0 <= k && k < j; !mark[k]);
            //@ loop_invariant (\forall int k; 0 <= k && k < mark.length; mark[k] ==> j <= k && k <= hi);
            //@ decreases hi + 1 - j;
            for (int j = lo; j <= hi; j++) {
                mark[j] = false;
            }
        }
        lo = 0;
        hi = -1;
        if (mark.length < n) {
            mark = new boolean[n];
        }
    }

    /** The least id held. */
    //@ normal_behavior
    //@   requires lo <= hi;
    //@   ensures \result == lo && 0 <= \result && \result < mark.length && mark[\result];
    //@   ensures (\forall int k; 0 <= k && k < \result; !mark[k]);
    //@ pure
    int peek() {
        return lo;
    }

    //@ normal_behavior
    //@   requires 0 <= id && id < mark.length;
    //@   assignable mark[id], lo, hi;
    //@   ensures mark[id];
    //@   ensures \old(lo > hi) ==> lo == id && hi == id;
    //@   ensures \old(lo <= hi) ==> lo == (id < \old(lo) ? id : \old(lo)) && hi == (id > \old(hi) ? id : \old(hi));
    void add(int id) {
        if (lo > hi) {
            lo = id;
            hi = id;
        } else {
            if (id < lo) {
                lo = id;
            }
            if (id > hi) {
                hi = id;
            }
        }
        mark[id] = true;
    }

    /** Removes and returns the least id held. */
    //@ normal_behavior
    //@   requires lo <= hi;
    //@   assignable mark[lo], lo, hi;
    //@   ensures \result == \old(lo) && !mark[\result];
    //@   ensures lo > hi || \result < lo;
    int poll() {
        int top = lo;
        mark[top] = false;
        if (top == hi) {
            lo = 0;
            hi = -1;
            return top;
        }
        int j = top + 1;
        //@ loop_invariant top < j && j <= hi && !mark[top];
        //@ loop_invariant (\forall int k; 0 <= k && k < j; !mark[k]);
        //@ decreases hi - j;
        while (!mark[j]) {
            j++;
        }
        lo = j;
        return top;
    }
}
