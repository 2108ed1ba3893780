package dev.bulwark.consensus;

import java.util.List;

/**
 * A commit certificate for (h, r, v): PRECOMMIT(h, r, v) messages from distinct known validators
 * whose power is a quorum. In the core the signatures are assumed checked by the shell.
 */
public record Certificate(long h, int r, Value v, List<Message> precommits) {
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public Certificate {
        precommits = precommits == null ? null : List.copyOf(precommits);
    }
}
