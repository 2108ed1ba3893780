package dev.bulwark.governance;

/** RemoveOwner(owner, threshold): an owner leaves (its approvals are void) and the threshold that applies after. Immutable. */
public final class OwnerRemoval extends Payload {
    /** Key index of the leaving owner. */
    //@ spec_public
    private final int owner;
    /** Threshold after the change. */
    //@ spec_public
    private final int threshold;

    /*@ public normal_behavior
      @   ensures this.owner == owner && this.threshold == threshold;
      @ pure
      @*/
    public OwnerRemoval(int owner, int threshold) {
        this.owner = owner;
        this.threshold = threshold;
    }

    //@ also public normal_behavior
    //@   ensures \result == REMOVE_OWNER;
    //@ pure
    @Override
    public int kind() {
        return REMOVE_OWNER;
    }

    //@ public normal_behavior
    //@   ensures \result == owner;
    //@ pure
    public int owner() {
        return owner;
    }

    //@ public normal_behavior
    //@   ensures \result == threshold;
    //@ pure
    public int threshold() {
        return threshold;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof OwnerRemoval && o.kind() == REMOVE_OWNER && ((OwnerRemoval) o).owner == owner && ((OwnerRemoval) o).threshold == threshold;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof OwnerRemoval) || o.kind() != REMOVE_OWNER) {
            return false;
        }
        OwnerRemoval x = (OwnerRemoval) o;
        return x.owner == owner && x.threshold == threshold;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (REMOVE_OWNER) + owner) + threshold;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "OwnerRemoval(" + owner + ", " + threshold + ")";
    }
}
