package dev.bulwark.governance;

/** Cancel: consumes its nonce at once (no timelock), dropping every proposal for that nonce; Safe's rejection transaction. Immutable. */
public final class Cancellation extends Payload {

    //@ public normal_behavior
    //@ pure
    public Cancellation() {
    }

    //@ also public normal_behavior
    //@   ensures \result == CANCEL;
    //@ pure
    @Override
    public int kind() {
        return CANCEL;
    }

    /*@ also public normal_behavior
      @   ensures \result <==> o instanceof Cancellation && o.kind() == CANCEL;
      @ pure
      @*/
    @Override
    public boolean sameAs(/*@ nullable @*/ Payload o) {
        return o instanceof Cancellation && o.kind() == CANCEL;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return CANCEL;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Cancellation";
    }
}
