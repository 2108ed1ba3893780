package dev.bulwark.governance;

/** SetStake(reporter, stake): an oracle reporter's new stake (0 takes it out of the reporter set). Immutable. */
public final class StakeChange extends Payload {
    /** Reporter index. */
    //@ spec_public
    private final int reporter;
    /** The new stake. */
    //@ spec_public
    private final long stake;

    /*@ public normal_behavior
      @   ensures this.reporter == reporter && this.stake == stake;
      @ pure
      @*/
    public StakeChange(int reporter, long stake) {
        this.reporter = reporter;
        this.stake = stake;
    }

    //@ also public normal_behavior
    //@   ensures \result == SET_STAKE;
    //@ pure
    @Override
    public int kind() {
        return SET_STAKE;
    }

    //@ public normal_behavior
    //@   ensures \result == reporter;
    //@ pure
    public int reporter() {
        return reporter;
    }

    //@ public normal_behavior
    //@   ensures \result == stake;
    //@ pure
    public long stake() {
        return stake;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof StakeChange && o.kind() == SET_STAKE && ((StakeChange) o).reporter == reporter && ((StakeChange) o).stake == stake;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        if (!(o instanceof StakeChange) || o.kind() != SET_STAKE) {
            return false;
        }
        StakeChange x = (StakeChange) o;
        return x.reporter == reporter && x.stake == stake;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return 31 * (31 * (SET_STAKE) + reporter) + Long.hashCode(stake);
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "StakeChange(" + reporter + ", " + stake + ")";
    }
}
