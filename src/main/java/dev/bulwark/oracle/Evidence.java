package dev.bulwark.oracle;

/**
 * One recorded equivocation: the spec's record {@code [rep |-> reporter, rnd |-> round]}.
 *
 * <p>A final class with final fields and pure accessors rather than a record (the verifier of
 * record cannot read records; see the package README).  {@code equals} and {@code hashCode} are
 * value semantics with proved contracts (equal records have equal hash codes: the hash is a
 * function of the two fields, tied to {@code Object}'s model field {@code theHashCode} by a
 * {@code represents} clause that runtime checking does not see).  {@code toString} is formatting
 * for the tests and the shell, outside the proofs ({@code skipesc}, listed in
 * proofs/openjml/skipesc.tsv).
 */
public final class Evidence {
    //@ spec_public
    private final int reporter; //-RAC@ in theHashCode;
    //@ spec_public
    private final int round; //-RAC@ in theHashCode;

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

    /**
     * Same reporter and round.  Proved by ESC; not instrumented for runtime checking
     * ({@code skiprac}): at each call the checker evaluates the specification inherited from
     * {@code Object.equals}, whose {@code \typeof(this) == \type(Object)} makes a type object that
     * OpenJML's runtime interns in a table whose key class overloads {@code equals} instead of
     * overriding it.  The table gains an entry per call, all with one hash, and each lookup walks
     * them: a property test comparing evidence lists slowed without end.
     */
    /*@ also public normal_behavior
      @   ensures \result <==> (o instanceof Evidence && reporter == ((Evidence) o).reporter && round == ((Evidence) o).round);
      @ pure
      @*/
    @Override
    public /*@ skiprac @*/ boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Evidence)) {
            return false;
        }
        Evidence e = (Evidence) o;
        return reporter == e.reporter && round == e.round;
    }

    //-RAC@ represents theHashCode = (reporter << 16) ^ round;

    /*@ also public normal_behavior
      @   ensures \result == ((reporter << 16) ^ round);
      @ pure
      @*/
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
