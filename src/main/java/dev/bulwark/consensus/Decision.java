package dev.bulwark.consensus;

/** decision[p][h] := v, decided with the precommits of round r (or a certificate of round r). */
/*@ nullable_by_default @*/ public final class Decision {
    //@ spec_public
    private final long h;
    //@ spec_public
    private final int r;
    //@ spec_public
    private final Value v;

    //@ public normal_behavior
    //@   ensures this.h == h && this.r == r && this.v == v;
    //@ pure
    public Decision(long h, int r, Value v) {
        this.h = h;
        this.r = r;
        this.v = v;
    }

    //@ public normal_behavior
    //@   ensures \result == h;
    //@ pure
    public long h() {
        return h;
    }

    //@ public normal_behavior
    //@   ensures \result == r;
    //@ pure
    public int r() {
        return r;
    }

    //@ public normal_behavior
    //@   ensures \result == v;
    //@ pure
    public Value v() {
        return v;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (!(o instanceof Decision)) {
            return false;
        }
        Decision d = (Decision) o;
        return h == d.h && r == d.r && java.util.Objects.equals(v, d.v);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(h, r, v);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "Decision[h=" + h + ", r=" + r + ", v=" + v + "]";
    }
}
