package dev.bulwark.ledger;

/**
 * A min-heap of account ids (duplicates allowed): the accounts the liquidation pass has still to
 * visit because a step of the pass changed them after the scan.  Grows by doubling; it holds at
 * most one entry per step of one pass.
 */
final class IdQueue {
    //@ spec_public
    private int[] heap;
    //@ spec_public
    private int size;

    //@ public invariant heap != null && 0 <= size && size <= heap.length;

    //@ normal_behavior
    //@   ensures size == 0;
    IdQueue() {
        heap = new int[16];
        size = 0;
    }

    //@ normal_behavior
    //@   ensures \result <==> size == 0;
    //@ pure
    boolean isEmpty() {
        return size == 0;
    }

    //@ normal_behavior
    //@   assignable size;
    //@   ensures size == 0;
    void clear() {
        size = 0;
    }

    //@ normal_behavior
    //@   requires size > 0;
    //@   ensures \result == heap[0];
    //@ pure
    int peek() {
        return heap[0];
    }

    /*@ skipesc @*/
    void add(int id) {
        if (size == heap.length) {
            heap = java.util.Arrays.copyOf(heap, heap.length * 2);
        }
        int i = size++;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (heap[p] <= id) {
                break;
            }
            heap[i] = heap[p];
            i = p;
        }
        heap[i] = id;
    }

    /*@ skipesc @*/
    int poll() {
        int top = heap[0];
        int last = heap[--size];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && heap[c + 1] < heap[c]) {
                c++;
            }
            if (last <= heap[c]) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        if (size > 0) {
            heap[i] = last;
        }
        return top;
    }
}
