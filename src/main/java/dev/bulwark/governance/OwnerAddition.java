package dev.bulwark.governance;

/** AddOwner(owner, threshold): a new owner and the threshold that applies after it joins. Immutable. */
public final class OwnerAddition extends Payload {
    /** Key index of the new owner. */
    //@ spec_public
    private final int owner;
    /** Threshold after the change. */
    //@ spec_public
    private final int threshold;

    /*@ public normal_behavior
      @   ensures this.owner == owner && this.threshold == threshold;
      @ pure
      @*/
    public OwnerAddition(int owner, int threshold) {
        this.owner = owner;
        this.threshold = threshold;
    }

    //@ also public normal_behavior
    //@   ensures \result == ADD_OWNER;
    //@ pure
    @Override
    public int kind() {
        return ADD_OWNER;
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
      @   ensures \result <==> o instanceof OwnerAddition && o.kind() == ADD_OWNER && ((OwnerAddition) o).owner == owner && ((OwnerAddition) o).threshold == threshold;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof OwnerAddition) || o.kind() != ADD_OWNER) {
            return false;
        }
        OwnerAddition x = (OwnerAddition) o;
        return x.owner == owner && x.threshold == threshold;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (ADD_OWNER) + owner) + threshold;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "OwnerAddition(" + owner + ", " + threshold + ")";
    }
}
