package dev.bulwark.conformance.toy;

import java.util.Arrays;

/**
 * Java implementation of the toy bank spec (src/test/resources/conformance/toy/Toy.tla),
 * with optional seeded bugs so the harness's tests can show that it catches them.
 */
public final class ToyBank {

    /** Rejection: the action is not enabled; the state is unchanged. */
    public static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(String msg) {
            super(msg);
        }
    }

    /** Deliberate bugs for the harness's own tests. */
    public enum Bug { NONE, TRANSFER_IGNORES_CAP, WITHDRAW_KEEPS_TOTAL }

    private final long[] bal;
    private final long cap;
    private final Bug bug;
    private long total;

    public ToyBank(int accounts, long cap, Bug bug) {
        this.bal = new long[accounts];
        this.cap = cap;
        this.bug = bug;
    }

    public static ToyBank fromState(long[] bal, long total, long cap, Bug bug) {
        ToyBank b = new ToyBank(bal.length, cap, bug);
        System.arraycopy(bal, 0, b.bal, 0, bal.length);
        b.total = total;
        return b;
    }

    public void deposit(int a, long x) {
        check(a);
        if (x <= 0 || bal[a] + x > cap) {
            throw new Rejected("deposit over cap");
        }
        bal[a] += x;
        total += x;
    }

    public void withdraw(int a, long x) {
        check(a);
        if (x <= 0 || bal[a] < x) {
            throw new Rejected("overdraft");
        }
        bal[a] -= x;
        if (bug != Bug.WITHDRAW_KEEPS_TOTAL) {
            total -= x;
        }
    }

    public void transfer(int f, int t, long x) {
        check(f);
        check(t);
        if (f == t || x <= 0 || bal[f] < x || (bug != Bug.TRANSFER_IGNORES_CAP && bal[t] + x > cap)) {
            throw new Rejected("transfer not allowed");
        }
        bal[f] -= x;
        bal[t] += x;
    }

    private void check(int a) {
        if (a < 0 || a >= bal.length) {
            throw new Rejected("no account " + a);
        }
    }

    public long[] balances() {
        return Arrays.copyOf(bal, bal.length);
    }

    public long total() {
        return total;
    }

    public long cap() {
        return cap;
    }

    public Bug bug() {
        return bug;
    }
}
