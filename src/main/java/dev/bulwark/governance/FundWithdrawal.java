package dev.bulwark.governance;

/** Withdraw(amount): quote units out of the insurance fund, only from its surplus over the floor. Immutable. */
public final class FundWithdrawal extends Payload {
    /** Quote units. */
    //@ spec_public
    private final long amount;

    /*@ public normal_behavior
      @   ensures this.amount == amount;
      @ pure
      @*/
    public FundWithdrawal(long amount) {
        this.amount = amount;
    }

    //@ also public normal_behavior
    //@   ensures \result == WITHDRAW;
    //@ pure
    @Override
    public int kind() {
        return WITHDRAW;
    }

    //@ public normal_behavior
    //@   ensures \result == amount;
    //@ pure
    public long amount() {
        return amount;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof FundWithdrawal && o.kind() == WITHDRAW && ((FundWithdrawal) o).amount == amount;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof FundWithdrawal) || o.kind() != WITHDRAW) {
            return false;
        }
        FundWithdrawal x = (FundWithdrawal) o;
        return x.amount == amount;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (WITHDRAW) + Long.hashCode(amount);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "FundWithdrawal(" + amount + ")";
    }
}
