package dev.bulwark.governance;

/** SetParams(im, mm, fee): new margin parameters, in basis points; they take effect at the next block end. Immutable. */
public final class ParamsChange extends Payload {
    /** Initial margin rate, bps of notional. */
    //@ spec_public
    private final long imBps;
    /** Maintenance margin rate, bps of notional. */
    //@ spec_public
    private final long mmBps;
    /** Liquidation fee rate, bps of liquidated notional. */
    //@ spec_public
    private final long feeBps;

    /*@ public normal_behavior
      @   ensures this.imBps == imBps && this.mmBps == mmBps && this.feeBps == feeBps;
      @ pure
      @*/
    public ParamsChange(long imBps, long mmBps, long feeBps) {
        this.imBps = imBps;
        this.mmBps = mmBps;
        this.feeBps = feeBps;
    }

    //@ also public normal_behavior
    //@   ensures \result == SET_PARAMS;
    //@ pure
    @Override
    public int kind() {
        return SET_PARAMS;
    }

    //@ public normal_behavior
    //@   ensures \result == imBps;
    //@ pure
    public long imBps() {
        return imBps;
    }

    //@ public normal_behavior
    //@   ensures \result == mmBps;
    //@ pure
    public long mmBps() {
        return mmBps;
    }

    //@ public normal_behavior
    //@   ensures \result == feeBps;
    //@ pure
    public long feeBps() {
        return feeBps;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof ParamsChange && o.kind() == SET_PARAMS && ((ParamsChange) o).imBps == imBps && ((ParamsChange) o).mmBps == mmBps && ((ParamsChange) o).feeBps == feeBps;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof ParamsChange) || o.kind() != SET_PARAMS) {
            return false;
        }
        ParamsChange x = (ParamsChange) o;
        return x.imBps == imBps && x.mmBps == mmBps && x.feeBps == feeBps;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (31 * (SET_PARAMS) + Long.hashCode(imBps)) + Long.hashCode(mmBps)) + Long.hashCode(feeBps);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "ParamsChange(" + imBps + ", " + mmBps + ", " + feeBps + ")";
    }
}
