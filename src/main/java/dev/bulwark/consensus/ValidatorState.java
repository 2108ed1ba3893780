package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.List;

/**
 * Snapshot of a correct validator's spec variables: height, round, step, lockedValue,
 * lockedRound, validValue, validRound, the decision window's base and the decision window.
 * {@code decisionAt(k)} is decision[p][base + k]; the spec's decision[p][h] is nil for every
 * h &gt;= height (a validator decides heights in order) and for every h &lt; base (decided and
 * forgotten, or below the height the validator joined at: certified, held by the node), so the
 * window has exactly height - base entries (the spec's DecidedWindow).
 *
 * <p>An immutable value object. The constructors accept any fields (nulls included, in the log
 * too): {@link Validator#fromState} is where a snapshot is checked, with a typed refusal
 * ({@link Reason#INVALID_STATE}).
 */
/*@ nullable_by_default @*/ public final class ValidatorState {
    //@ spec_public
    private final long base;
    //@ spec_public
    private final long height;
    //@ spec_public
    private final int round;
    //@ spec_public
    private final Step step;
    //@ spec_public
    private final Value lockedValue;
    //@ spec_public
    private final int lockedRound;
    //@ spec_public
    private final Value validValue;
    //@ spec_public
    private final int validRound;
    /** The log (a private copy), or null if the snapshot was built without one. */
    //@ spec_public
    private final Value[] decisions;

    /** A snapshot whose window starts at height 1 (base 1): decisions[k] = decision[p][k + 1]. */
    /*@ public normal_behavior
      @   ensures this.base == 1;
      @   ensures this.height == height && this.round == round && this.step == step && this.lockedValue == lockedValue
      @       && this.lockedRound == lockedRound && this.validValue == validValue && this.validRound == validRound
      @       && (decisions == null <==> this.decisions == null);
      @   ensures decisions != null ==> this.decisions.length == decisions.length
      @       && (\forall int k; 0 <= k && k < decisions.length; this.decisions[k] == decisions[k]);
      @*/
    //-RAC@   ensures decisions != null ==> \fresh(this.decisions);
    //@ pure
    public ValidatorState(long height, int round, Step step, Value lockedValue, int lockedRound,
            Value validValue, int validRound, Value[] decisions) {
        this(1, height, round, step, lockedValue, lockedRound, validValue, validRound, decisions);
    }

    /** A snapshot with its window's base: decisions[k] = decision[p][base + k]. */
    /*@ public normal_behavior
      @   ensures this.base == base;
      @   ensures this.height == height && this.round == round && this.step == step && this.lockedValue == lockedValue
      @       && this.lockedRound == lockedRound && this.validValue == validValue && this.validRound == validRound
      @       && (decisions == null <==> this.decisions == null);
      @   ensures decisions != null ==> this.decisions.length == decisions.length
      @       && (\forall int k; 0 <= k && k < decisions.length; this.decisions[k] == decisions[k]);
      @*/
    //-RAC@   ensures decisions != null ==> \fresh(this.decisions);
    //@ pure
    public ValidatorState(long base, long height, int round, Step step, Value lockedValue, int lockedRound,
            Value validValue, int validRound, Value[] decisions) {
        this.base = base;
        this.height = height;
        this.round = round;
        this.step = step;
        this.lockedValue = lockedValue;
        this.lockedRound = lockedRound;
        this.validValue = validValue;
        this.validRound = validRound;
        if (decisions == null) {
            this.decisions = null;
        } else {
            Value[] c = new Value[decisions.length];
            //@ loop_invariant 0 <= k && k <= decisions.length;
            //@ loop_invariant (\forall int j; 0 <= j && j < k; c[j] == decisions[j]);
            //@ decreases decisions.length - k;
            for (int k = 0; k < decisions.length; k++) {
                c[k] = decisions[k];
            }
            this.decisions = c;
        }
    }

    /** Glue: the same with the log as a list (null gives none). */
    /*@ skipesc @*/ // glue: copies a library collection into the array form
    public ValidatorState(long height, int round, Step step, Value lockedValue, int lockedRound,
            Value validValue, int validRound, List<Value> decisions) {
        this(1, height, round, step, lockedValue, lockedRound, validValue, validRound,
                decisions == null ? null : decisions.toArray(new Value[0]));
    }

    /** Glue: the same with a base and the window as a list (null gives none). */
    /*@ skipesc @*/ // glue: copies a library collection into the array form
    public ValidatorState(long base, long height, int round, Step step, Value lockedValue, int lockedRound,
            Value validValue, int validRound, List<Value> decisions) {
        this(base, height, round, step, lockedValue, lockedRound, validValue, validRound,
                decisions == null ? null : decisions.toArray(new Value[0]));
    }

    /** The spec's Init for a validator: height 1, round 0, step propose, nothing locked or decided. */
    /*@ public normal_behavior
      @   ensures \result != null && \result.height == 1 && \result.round == 0 && \result.step == Step.PROPOSE
      @       && \result.lockedValue == Value.NIL && \result.lockedRound == -1 && \result.validValue == Value.NIL
      @       && \result.validRound == -1 && \result.decisions != null && \result.decisions.length == 0;
      @ pure
      @*/
    public static ValidatorState initial() {
        return new ValidatorState(1, 1, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, new Value[0]);
    }

    /**
     * A validator joining at height {@code base} (the spec's JoinAt: the state after
     * StartRound(0) at that height, nothing locked, an empty decision window based there; the
     * decisions below are the certified ones the node holds).
     */
    /*@ public normal_behavior
      @   ensures \result != null && \result.base == base && \result.height == base && \result.round == 0
      @       && \result.step == Step.PROPOSE && \result.lockedValue == Value.NIL && \result.lockedRound == -1
      @       && \result.validValue == Value.NIL && \result.validRound == -1 && \result.decisions != null
      @       && \result.decisions.length == 0;
      @ pure
      @*/
    public static ValidatorState atBase(long base) {
        return new ValidatorState(base, base, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, new Value[0]);
    }

    /** The lowest height of the decision window (heights below it are certified and not kept). */
    //@ public normal_behavior
    //@   ensures \result == base;
    //@ pure
    public long base() {
        return base;
    }

    //@ public normal_behavior
    //@   ensures \result == height;
    //@ pure
    public long height() {
        return height;
    }

    //@ public normal_behavior
    //@   ensures \result == round;
    //@ pure
    public int round() {
        return round;
    }

    //@ public normal_behavior
    //@   ensures \result == step;
    //@ pure
    public Step step() {
        return step;
    }

    //@ public normal_behavior
    //@   ensures \result == lockedValue;
    //@ pure
    public Value lockedValue() {
        return lockedValue;
    }

    //@ public normal_behavior
    //@   ensures \result == lockedRound;
    //@ pure
    public int lockedRound() {
        return lockedRound;
    }

    //@ public normal_behavior
    //@   ensures \result == validValue;
    //@ pure
    public Value validValue() {
        return validValue;
    }

    //@ public normal_behavior
    //@   ensures \result == validRound;
    //@ pure
    public int validRound() {
        return validRound;
    }

    /** Was the snapshot built with a decision log? */
    //@ public normal_behavior
    //@   ensures \result == (decisions != null);
    //@ pure
    public boolean hasDecisions() {
        return decisions != null;
    }

    /** The length of the decision log (0 if none). */
    //@ public normal_behavior
    //@   ensures \result == (decisions == null ? 0 : decisions.length);
    //@ pure
    public int decisionCount() {
        return decisions == null ? 0 : decisions.length;
    }

    /** decision[p][base + k] as given (may be null in a snapshot that fromState refuses). */
    //@ public normal_behavior
    //@   requires decisions != null && 0 <= k && k < decisions.length;
    //@   ensures \result == decisions[k];
    //@ pure
    public Value decisionAt(int k) {
        return decisions[k];
    }

    /** decision[p][base..height-1] as an unmodifiable list, or null if the snapshot was built with none. */
    /*@ skipesc skiprac @*/ // glue: a library view of the array for callers
    public List<Value> decisions() {
        if (decisions == null) {
            return null;
        }
        List<Value> out = new ArrayList<>(decisions.length);
        for (Value d : decisions) {
            out.add(d);
        }
        return ReadOnlyList.copyOf(out);
    }

    /** decision[p][h] of the spec (nil when undecided, and outside the window). */
    /*@ public normal_behavior
      @   ensures \result == (decisions != null && 1 <= base && base <= h && h - base < decisions.length
      @       ? decisions[(int) (h - base)] : Value.NIL);
      @ pure
      @*/
    public Value decision(long h) {
        return decisions != null && base >= 1 && h >= base && h - base < decisions.length ? decisions[(int) (h - base)] : Value.NIL;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: value equality for tests and the conformance adapter
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ValidatorState)) {
            return false;
        }
        ValidatorState s = (ValidatorState) o;
        return base == s.base && height == s.height && round == s.round && step == s.step && lockedRound == s.lockedRound
                && validRound == s.validRound && java.util.Objects.equals(lockedValue, s.lockedValue)
                && java.util.Objects.equals(validValue, s.validValue) && java.util.Arrays.equals(decisions, s.decisions);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(base, height, round, step, lockedValue, lockedRound, validValue, validRound) * 31
                + java.util.Arrays.hashCode(decisions);
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "ValidatorState[base=" + base + ", height=" + height + ", round=" + round + ", step=" + step + ", lockedValue=" + lockedValue
                + ", lockedRound=" + lockedRound + ", validValue=" + validValue + ", validRound=" + validRound
                + ", decisions=" + decisions() + "]";
    }
}
