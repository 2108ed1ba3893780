package dev.bulwark.governance;

/** SwapOwner(old, new): a new key replaces an owner (the old key's approvals are void); the threshold is unchanged. Immutable. */
public final class OwnerSwap extends Payload {
    /** Key index of the leaving owner. */
    //@ spec_public
    private final int oldOwner;
    /** Key index of the new owner. */
    //@ spec_public
    private final int newOwner;

    /*@ public normal_behavior
      @   ensures this.oldOwner == oldOwner && this.newOwner == newOwner;
      @ pure
      @*/
    public OwnerSwap(int oldOwner, int newOwner) {
        this.oldOwner = oldOwner;
        this.newOwner = newOwner;
    }

    //@ also public normal_behavior
    //@   ensures \result == SWAP_OWNER;
    //@ pure
    @Override
    public int kind() {
        return SWAP_OWNER;
    }

    //@ public normal_behavior
    //@   ensures \result == oldOwner;
    //@ pure
    public int oldOwner() {
        return oldOwner;
    }

    //@ public normal_behavior
    //@   ensures \result == newOwner;
    //@ pure
    public int newOwner() {
        return newOwner;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof OwnerSwap && o.kind() == SWAP_OWNER && ((OwnerSwap) o).oldOwner == oldOwner && ((OwnerSwap) o).newOwner == newOwner;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof OwnerSwap) || o.kind() != SWAP_OWNER) {
            return false;
        }
        OwnerSwap x = (OwnerSwap) o;
        return x.oldOwner == oldOwner && x.newOwner == newOwner;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (SWAP_OWNER) + oldOwner) + newOwner;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "OwnerSwap(" + oldOwner + ", " + newOwner + ")";
    }
}
