package dev.bulwark.governance;

/** ChangeThreshold(threshold): the number of approvals needed from now on. Immutable. */
public final class ThresholdChange extends Payload {
    /** The new threshold. */
    //@ spec_public
    private final int threshold;

    /*@ public normal_behavior
      @   ensures this.threshold == threshold;
      @ pure
      @*/
    public ThresholdChange(int threshold) {
        this.threshold = threshold;
    }

    //@ also public normal_behavior
    //@   ensures \result == CHANGE_THRESHOLD;
    //@ pure
    @Override
    public int kind() {
        return CHANGE_THRESHOLD;
    }

    //@ public normal_behavior
    //@   ensures \result == threshold;
    //@ pure
    public int threshold() {
        return threshold;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof ThresholdChange && o.kind() == CHANGE_THRESHOLD && ((ThresholdChange) o).threshold == threshold;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof ThresholdChange) || o.kind() != CHANGE_THRESHOLD) {
            return false;
        }
        ThresholdChange x = (ThresholdChange) o;
        return x.threshold == threshold;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (CHANGE_THRESHOLD) + threshold;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "ThresholdChange(" + threshold + ")";
    }
}
