package dev.bulwark.consensus;

import java.util.List;

/** Shared test fixtures: four validators of power 1, proposer order 0, 1, 2, 3. */
final class Fixtures {
    private Fixtures() {
    }

    /** Values (digests of blocks) 0..99 are valid; getValue(h, r) = block 10 * h + r + 1. */
    static final ValuePolicy POLICY = TestValues.policy(id -> id >= 0 && id < 100, (h, r) -> 10 * h + r + 1);

    static final Value INVALID = TestValues.v(500);

    static ConsensusConfig four(long maxHeight, int maxRound) {
        return ConsensusConfig.equalPower(4, maxHeight, maxRound, POLICY);
    }

    static ConsensusConfig four() {
        return four(3, 3);
    }

    static Value v(long id) {
        return TestValues.v(id);
    }

    /** A validator at (h, r, step) with the given lock and valid value. */
    static Validator at(ConsensusConfig c, int self, long h, int r, Step step, long locked, int lockedRound,
            long valid, int validRound, List<Message> msgs) {
        List<Value> ds = new java.util.ArrayList<>();
        for (long k = 1; k < h; k++) {
            ds.add(TestValues.v(42));
        }
        ValidatorState s = new ValidatorState(h, r, step, TestValues.v(locked), lockedRound, TestValues.v(valid), validRound, ds);
        return Validator.fromState(c, self, s, withPol(self, h, locked, lockedRound, valid, validRound, msgs));
    }

    /**
     * msgs plus what a reachable state with this lock holds (LockHasPOL): prevotes of the other
     * three validators for the locked and the valid value in their rounds, and the validator's own
     * precommit of its locked value.
     */
    static List<Message> withPol(int self, long h, long locked, int lockedRound, long valid, int validRound,
            List<Message> msgs) {
        List<Message> out = new java.util.ArrayList<>(msgs);
        int[] others = new int[3];
        for (int i = 0, k = 0; i < 4; i++) {
            if (i != self) {
                others[k++] = i;
            }
        }
        if (lockedRound >= 0) {
            out.addAll(prevotes(h, lockedRound, TestValues.v(locked), others));
            out.add(Message.precommit(self, h, lockedRound, TestValues.v(locked)));
        }
        if (validRound >= 0) {
            out.addAll(prevotes(h, validRound, TestValues.v(valid), others));
        }
        return out;
    }

    static Validator at(ConsensusConfig c, int self, long h, int r, Step step, List<Message> msgs) {
        return at(c, self, h, r, step, -1, -1, -1, -1, msgs);
    }

    static List<Message> prevotes(long h, int r, Value v, int... srcs) {
        List<Message> out = new java.util.ArrayList<>();
        for (int s : srcs) {
            out.add(Message.prevote(s, h, r, v));
        }
        return out;
    }

    static List<Message> precommits(long h, int r, Value v, int... srcs) {
        List<Message> out = new java.util.ArrayList<>();
        for (int s : srcs) {
            out.add(Message.precommit(s, h, r, v));
        }
        return out;
    }

    @SafeVarargs
    static List<Message> all(List<Message>... parts) {
        List<Message> out = new java.util.ArrayList<>();
        for (List<Message> p : parts) {
            out.addAll(p);
        }
        return out;
    }
}
