package dev.bulwark.oracle;

/**
 * One recorded equivocation: the spec's record {@code [rep |-> reporter, rnd |-> round]}.
 *
 * <p>A final class with final fields and pure accessors rather than a record (the verifier of
 * record cannot read records; see the package README).  {@code equals}, {@code hashCode} and
 * {@code toString} are value-semantics glue for the tests and the shell, outside the proofs.
 */
public final class Evidence {
    //@ spec_public
    private final int reporter;
    //@ spec_public
    private final int round;

    /**
     * @param reporter the reporter index that sent two different reports
     * @param round    the round in which it did
     */
    /*@ public normal_behavior
      @   ensures this.reporter == reporter && this.round == round;
      @ pure
      @*/
    public Evidence(int reporter, int round) {
        this.reporter = reporter;
        this.round = round;
    }

    /** The reporter index that sent two different reports. */
    /*@ public normal_behavior
      @   ensures \result == reporter;
      @ pure
      @*/
    public int reporter() {
        return reporter;
    }

    /** The round in which it did. */
    /*@ public normal_behavior
      @   ensures \result == round;
      @ pure
      @*/
    public int round() {
        return round;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return reporter == e.reporter && round == e.round;
    }

    /*@ skipesc @*/
    @Override
    public int hashCode() {
        return (reporter << 16) ^ round;
    }

    /*@ skipesc @*/
    @Override
    public String toString() {
        return "Evidence[reporter=" + reporter + ", round=" + round + "]";
    }
}
