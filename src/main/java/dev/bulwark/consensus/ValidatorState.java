package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Snapshot of a correct validator's spec variables: height, round, step, lockedValue,
 * lockedRound, validValue, validRound and the decision log. {@code decisions.get(k)} is
 * decision[p][k + 1]; the spec's decision[p][h] is nil for every h &gt;= height (a validator
 * decides heights in order), so the log has exactly height - 1 entries.
 *
 * <p>An immutable value object. The constructor accepts any fields (nulls included, in the list
 * too): {@link Validator#fromState} is where a snapshot is checked, with a typed refusal
 * ({@link Reason#INVALID_STATE}).
 */
public final class ValidatorState {
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
    //@ spec_public
    private final List<Value> decisions;

    /*@ public normal_behavior
      @   ensures this.height == height && this.round == round && this.step == step && this.lockedValue == lockedValue
      @       && this.lockedRound == lockedRound && this.validValue == validValue && this.validRound == validRound
      @       && (decisions == null <==> this.decisions == null);
      @*/
    /*@ skipesc @*/ // glue: the defensive copy (a library collection), covered by tests
    public ValidatorState(long height, int round, Step step, Value lockedValue, int lockedRound,
            Value validValue, int validRound, List<Value> decisions) {
        this.height = height;
        this.round = round;
        this.step = step;
        this.lockedValue = lockedValue;
        this.lockedRound = lockedRound;
        this.validValue = validValue;
        this.validRound = validRound;
        this.decisions = decisions == null ? null : Collections.unmodifiableList(new ArrayList<>(decisions));
    }

    /** The spec's Init for a validator: height 1, round 0, step propose, nothing locked or decided. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public static ValidatorState initial() {
        return new ValidatorState(1, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of());
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

    /** decision[p][1..height-1] (unmodifiable), or null if the snapshot was built with none. */
    //@ public normal_behavior
    //@   ensures \result == decisions;
    //@ pure
    public List<Value> decisions() {
        return decisions;
    }

    /** decision[p][h] of the spec (nil when undecided). */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Value decision(long h) {
        return h >= 1 && h <= decisions.size() ? decisions.get((int) (h - 1)) : Value.NIL;
    }

    @Override
    /*@ skipesc @*/ // glue: value equality for tests and the conformance adapter
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ValidatorState)) {
            return false;
        }
        ValidatorState s = (ValidatorState) o;
        return height == s.height && round == s.round && step == s.step && lockedRound == s.lockedRound
                && validRound == s.validRound && java.util.Objects.equals(lockedValue, s.lockedValue)
                && java.util.Objects.equals(validValue, s.validValue) && java.util.Objects.equals(decisions, s.decisions);
    }

    @Override
    /*@ skipesc @*/ // glue: hashing
    public int hashCode() {
        return java.util.Objects.hash(height, round, step, lockedValue, lockedRound, validValue, validRound, decisions);
    }

    @Override
    /*@ skipesc @*/ // glue: formatting
    public String toString() {
        return "ValidatorState[height=" + height + ", round=" + round + ", step=" + step + ", lockedValue=" + lockedValue
                + ", lockedRound=" + lockedRound + ", validValue=" + validValue + ", validRound=" + validRound
                + ", decisions=" + decisions + "]";
    }
}
