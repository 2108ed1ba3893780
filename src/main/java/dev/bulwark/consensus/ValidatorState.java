package dev.bulwark.consensus;

import java.util.List;

/**
 * Snapshot of a correct validator's spec variables: height, round, step, lockedValue,
 * lockedRound, validValue, validRound and the decision log. {@code decisions.get(k)} is
 * decision[p][k + 1]; the spec's decision[p][h] is nil for every h &gt;= height (a validator
 * decides heights in order), so the log has exactly height - 1 entries.
 */
public record ValidatorState(long height, int round, Step step, Value lockedValue, int lockedRound,
        Value validValue, int validRound, List<Value> decisions) {
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public ValidatorState {
        decisions = decisions == null ? null : List.copyOf(decisions);
    }

    /** The spec's Init for a validator: height 1, round 0, step propose, nothing locked or decided. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public static ValidatorState initial() {
        return new ValidatorState(1, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, List.of());
    }

    /** decision[p][h] of the spec (nil when undecided). */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Value decision(long h) {
        return h >= 1 && h <= decisions.size() ? decisions.get((int) (h - 1)) : Value.NIL;
    }
}
