package dev.bulwark.consensus;

/** What the shell feeds a validator's {@link Validator#step(Input)}. */
public sealed interface Input permits Input.Start, Input.Receive, Input.Timeout, Input.Commit {
    /** Start: StartRound(0) at the validator's height (line 10). */
    record Start() implements Input {
    }

    /** A message whose signature the shell has checked. */
    record Receive(Message message) implements Input {
    }

    /** A timer scheduled by a {@link TimerRequest} has expired. */
    record Timeout(TimeoutKind kind, long h, int r) implements Input {
    }

    /** A commit certificate obtained from a peer (recovery: Catchup). */
    record Commit(Certificate certificate) implements Input {
    }
}
