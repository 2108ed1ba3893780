package dev.bulwark.consensus;

/**
 * "schedule OnTimeoutX(h, r)": the shell delivers {@code Input.Timeout(kind, h, r)} after a delay
 * of its choosing (the paper's timeoutX(r), growing with r). The core never reads a clock.
 */
/*@ nullable_by_default @*/ public final class TimerRequest {
    //@ spec_public
    private final TimeoutKind kind;
    //@ spec_public
    private final long h;
    //@ spec_public
    private final int r;

    //@ public normal_behavior
    //@   ensures this.kind == kind && this.h == h && this.r == r;
    //@ pure
    public TimerRequest(TimeoutKind kind, long h, int r) {
        this.kind = kind;
        this.h = h;
        this.r = r;
    }

    //@ public normal_behavior
    //@   ensures \result == kind;
    //@ pure
    public TimeoutKind kind() {
        return kind;
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

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests
    public boolean equals(Object o) {
        if (!(o instanceof TimerRequest)) {
            return false;
        }
        TimerRequest t = (TimerRequest) o;
        return kind == t.kind && h == t.h && r == t.r;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(kind, h, r);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "TimerRequest[kind=" + kind + ", h=" + h + ", r=" + r + "]";
    }
}
