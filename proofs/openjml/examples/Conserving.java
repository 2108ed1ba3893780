/**
 * How Bulwark states a sum invariant that ESC proves without \sum: a ghost total kept in step.
 *
 * <p>The class invariant that matters ({@code totalBalance + fund == netDeposits}) is stated over
 * a ghost field, never over \sum.  Every method that writes {@code balance[i]} proves, in its
 * postcondition, that the ghost total moved by exactly the change of the entries it wrote, and
 * its {@code assignable} clause proves it wrote no others.  The first (and only) link to the
 * array's real sum is the constructor (all zero, total zero); from then on, by induction over
 * the calls, the ghost total IS the sum of the entries (each call adds to both the same
 * amount), which is what the property tests check against a recount.  What the ghost total
 * cannot give is a relation to single entries (it does not know that a balance is at most the
 * total): bounds come from the fields that are real (here netDeposits and fund).
 */
public final class Conserving {
    public static final long MAX_BALANCE = 1_000_000_000L;
    public static final int MAX_ACCOUNTS = 1 << 20;
    public static final long MAX_TOTAL = MAX_BALANCE * MAX_ACCOUNTS;

    //@ spec_public
    private final long[] balance;
    //@ spec_public
    private long fund;
    //@ spec_public
    private long netDeposits;
    /** The sum of balance[*], kept in step by every method (ghost: erased at run time). */
    //@ public ghost long totalBalance;

    //@ public invariant balance != null && 1 <= balance.length && balance.length <= MAX_ACCOUNTS;
    //@ public invariant (\forall int k; 0 <= k && k < balance.length; 0 <= balance[k] && balance[k] <= MAX_BALANCE);
    //@ public invariant 0 <= netDeposits && netDeposits <= MAX_TOTAL;
    //@ public invariant 0 <= fund && fund <= MAX_TOTAL;
    // Conservation, over the ghost total:
    //@ public invariant totalBalance + fund == netDeposits;

    /*@ public normal_behavior
      @   requires 1 <= n && n <= MAX_ACCOUNTS;
      @   ensures balance.length == n && totalBalance == 0 && fund == 0 && netDeposits == 0;
      @   ensures (\forall int k; 0 <= k && k < n; balance[k] == 0);
      @*/
    public Conserving(int n) {
        balance = new long[n];
        fund = 0;
        netDeposits = 0;
        //@ set totalBalance = 0;
    }

    /*@ public normal_behavior
      @   requires 0 <= i && i < balance.length && 0 < x && x <= MAX_BALANCE - balance[i];
      @   requires netDeposits <= MAX_TOTAL - x;
      @   assignable balance[i], netDeposits, totalBalance;
      @   ensures balance[i] == \old(balance[i]) + x && netDeposits == \old(netDeposits) + x;
      @   ensures totalBalance == \old(totalBalance) + (balance[i] - \old(balance[i]));
      @*/
    public void deposit(int i, long x) {
        balance[i] = balance[i] + x;
        netDeposits = netDeposits + x;
        //@ set totalBalance = totalBalance + x;
    }

    /** Moves x from i to j, charging a fee that goes to the fund. */
    /*@ public normal_behavior
      @   requires 0 <= i && i < balance.length && 0 <= j && j < balance.length && i != j;
      @   requires 0 <= fee && fee <= x && x <= balance[i] && balance[j] <= MAX_BALANCE - (x - fee);
      @   requires fund <= MAX_TOTAL - fee;
      @   assignable balance[i], balance[j], fund, totalBalance;
      @   ensures balance[i] == \old(balance[i]) - x && balance[j] == \old(balance[j]) + (x - fee);
      @   ensures fund == \old(fund) + fee;
      @   ensures totalBalance == \old(totalBalance) + (balance[i] - \old(balance[i])) + (balance[j] - \old(balance[j]));
      @*/
    public void transfer(int i, int j, long x, long fee) {
        balance[i] = balance[i] - x;
        balance[j] = balance[j] + (x - fee);
        fund = fund + fee;
        //@ set totalBalance = totalBalance - fee;
    }
}
