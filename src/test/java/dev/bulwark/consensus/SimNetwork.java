package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * In-memory network of validators for tests: correct validators are {@link Validator}s, the
 * Byzantine ones exist only as senders of whatever the test injects (per destination, so they
 * can equivocate). Delivery is under the test's control: {@link #runInstant} delivers in FIFO
 * order and fires timers only when no message is in flight (instant delivery);
 * {@link #randomStep} delivers, drops, delays (by picking any in-flight message) or fires any
 * pending timer at random. Correct validators relay (gossip) each Byzantine message they receive
 * once, so a message sent to one correct validator reaches the others unless dropped.
 */
final class SimNetwork {
    /** A message on its way to one validator. */
    record Envelope(int dest, Message m) {
    }

    /** A scheduled timer of one validator. */
    record Timer(int dest, TimerRequest t) {
    }

    final ConsensusConfig config;
    final Validator[] validators;
    final Set<Integer> byzantine;
    final List<Envelope> inFlight = new ArrayList<>();
    final List<Timer> timers = new ArrayList<>();
    /** Every message sent by anyone (correct broadcasts and Byzantine injections). */
    final List<Message> allSent = new ArrayList<>();
    /** decisions.get(p).get(h): what correct validator p decided at h. */
    final Map<Integer, Map<Long, Value>> decisions = new HashMap<>();
    final List<Evidence> reportedEvidence = new ArrayList<>();
    /** Byzantine messages already relayed by some correct validator. */
    final Set<Message> relayed = new HashSet<>();
    long delivered;
    long dropped;

    SimNetwork(ConsensusConfig config, Set<Integer> byzantine) {
        this.config = config;
        this.byzantine = new HashSet<>(byzantine);
        this.validators = new Validator[config.size()];
        for (int i = 0; i < config.size(); i++) {
            if (!byzantine.contains(i)) {
                validators[i] = new Validator(config, i);
                decisions.put(i, new HashMap<>());
            }
        }
    }

    List<Integer> correct() {
        List<Integer> c = new ArrayList<>();
        for (int i = 0; i < validators.length; i++) {
            if (validators[i] != null) {
                c.add(i);
            }
        }
        return c;
    }

    void start() {
        for (int i : correct()) {
            handle(i, validators[i].step(new Input.Start()));
        }
    }

    /**
     * The spec's locking invariants on one correct validator after a step: TypeOK's bounds,
     * LockHasPOL (locked and valid values rest on a received quorum of prevotes of their round,
     * lockedRound <= validRound <= round), and in step propose validRound < round.
     */
    void checkLocking(int p) {
        Validator v = validators[p];
        ValidatorState s = v.state();
        ValidatorState prev = last.put(p, s);
        if (prev != null) {
            check(s.height() >= prev.height(), p, "height never decreases");
            if (s.height() == prev.height()) {
                check(s.round() >= prev.round(), p, "round never decreases within a height");
                check(s.lockedRound() >= prev.lockedRound(), p, "LockedRoundMonotone");
            }
            // DecisionStable over the window: the base never goes back and every decision still
            // in the window is the one taken
            check(s.base() >= prev.base(), p, "base never decreases");
            for (long h = Math.max(s.base(), prev.base()); h < prev.height(); h++) {
                check(s.decision(h).equals(prev.decision(h)), p, "DecisionStable at " + h);
            }
        }
        // DecidedWindow: decisions of base..height-1 exactly, at most DecisionWindow of them
        check(s.base() >= 1 && s.base() <= s.height(), p, "1 <= base <= height");
        check(s.decisionCount() == s.height() - s.base(), p, "window = base..height-1");
        check(s.decisionCount() <= config.decisionWindow(), p, "window within DecisionWindow");
        check(s.height() >= 1 && s.height() <= config.maxHeight() + 1, p, "height");
        check(s.round() >= 0 && s.round() <= config.maxRound(), p, "round");
        check(s.lockedRound() <= s.validRound() && s.validRound() <= s.round(), p, "lockedRound <= validRound <= round");
        check((s.lockedRound() == -1) == s.lockedValue().isNil(), p, "locked pair");
        check((s.validRound() == -1) == s.validValue().isNil(), p, "valid pair");
        check(s.step() != Step.PROPOSE || s.validRound() < s.round(), p, "validRound < round in propose");
        if (!v.isDone()) {
            if (s.lockedRound() >= 0) {
                check(v.currentVotes().quorumFor(s.height(), MessageType.PREVOTE, s.lockedRound(), s.lockedValue()), p,
                        "LockHasPOL (locked)");
                check(v.currentVotes().hasVoted(s.height(), MessageType.PRECOMMIT, s.lockedRound(), p, s.lockedValue()), p,
                        "precommitted its locked value in its locked round");
            }
            if (s.validRound() >= 0) {
                check(v.currentVotes().quorumFor(s.height(), MessageType.PREVOTE, s.validRound(), s.validValue()), p,
                        "LockHasPOL (valid)");
            }
        }
        checks++;
    }

    private void check(boolean ok, int p, String what) {
        if (!ok) {
            throw new AssertionError("validator " + p + ": " + what + " in " + validators[p].state());
        }
    }

    private final Map<Integer, ValidatorState> last = new HashMap<>();

    /** Number of invariant checks performed. */
    long checks;

    /** Applies one validator's outputs to the network. */
    void handle(int from, Outputs o) {
        checkLocking(from);
        for (Message m : o.broadcasts()) {
            // PrecommitHasPOL: a non-nil precommit rests on a received quorum of prevotes
            if (m.type() == MessageType.PRECOMMIT && !m.v().isNil() && validators[from].height() == m.h()) {
                check(validators[from].currentVotes().quorumFor(m.h(), MessageType.PREVOTE, m.r(), m.v()), from,
                        "PrecommitHasPOL");
            }
        }
        for (Message m : o.broadcasts()) {
            allSent.add(m);
            for (int j = 0; j < validators.length; j++) {
                if (j != from && validators[j] != null) {
                    inFlight.add(new Envelope(j, m));
                }
            }
        }
        for (TimerRequest t : o.timers()) {
            timers.add(new Timer(from, t));
        }
        for (Decision d : o.decisions()) {
            Value prev = decisions.get(from).put(d.h(), d.v());
            if (prev != null) {
                throw new AssertionError("validator " + from + " decided twice at " + d.h());
            }
        }
        reportedEvidence.addAll(o.evidence());
    }

    /** A Byzantine validator sends m to dest only. */
    void inject(int dest, Message m) {
        if (!byzantine.contains(m.src())) {
            throw new IllegalArgumentException("only Byzantine validators are injected");
        }
        allSent.add(m);
        if (validators[dest] != null) {
            inFlight.add(new Envelope(dest, m));
        }
    }

    void deliver(int index) {
        Envelope e = inFlight.remove(index);
        delivered++;
        // gossip: a correct validator relays a Byzantine message the first time it receives it,
        // so every message sent becomes available to every correct validator (as in the spec)
        if (byzantine.contains(e.m().src()) && relayed.add(e.m())) {
            for (int j = 0; j < validators.length; j++) {
                if (j != e.dest() && validators[j] != null) {
                    inFlight.add(new Envelope(j, e.m()));
                }
            }
        }
        handle(e.dest(), validators[e.dest()].step(new Input.Receive(e.m())));
    }

    void fire(int index) {
        Timer t = timers.remove(index);
        TimerRequest r = t.t();
        handle(t.dest(), validators[t.dest()].step(new Input.Timeout(r.kind(), r.h(), r.r())));
    }

    boolean allDone() {
        for (int i : correct()) {
            if (!validators[i].isDone()) {
                return false;
            }
        }
        return true;
    }

    /** Instant delivery: FIFO messages; a timer (FIFO) only when nothing is in flight. */
    void runInstant(long maxSteps) {
        long steps = 0;
        while (steps++ < maxSteps && !allDone()) {
            if (!inFlight.isEmpty()) {
                deliver(0);
            } else if (!timers.isEmpty()) {
                fire(0);
            } else {
                return;
            }
        }
    }

    /** One random scheduling step: deliver any in-flight message, drop one, or fire any timer. */
    void randomStep(Random rnd, int dropPercent) {
        int choice = rnd.nextInt(100);
        if (!inFlight.isEmpty() && (choice < 80 || timers.isEmpty())) {
            int k = rnd.nextInt(inFlight.size());
            if (rnd.nextInt(100) < dropPercent) {
                inFlight.remove(k);
                dropped++;
            } else {
                deliver(k);
            }
        } else if (!timers.isEmpty()) {
            fire(rnd.nextInt(timers.size()));
        }
    }

    /** Does any pair of correct validators disagree at some height? */
    boolean disagreement() {
        Map<Long, Value> seen = new HashMap<>();
        for (Map<Long, Value> d : decisions.values()) {
            for (Map.Entry<Long, Value> e : d.entrySet()) {
                Value prev = seen.putIfAbsent(e.getKey(), e.getValue());
                if (prev != null && !prev.equals(e.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The offenders convicted by equivocation pairs among all sent messages. */
    Set<Integer> convicted() {
        Set<Integer> s = new HashSet<>();
        for (Evidence e : EvidenceDetector.scan(allSent)) {
            s.add(e.offender());
        }
        return s;
    }

    /** Validators convicted of amnesia by the messages sent. */
    Set<Integer> amnesic() {
        return EvidenceDetector.amnesic(allSent, config.validators());
    }

    long decidedCount() {
        long c = 0;
        for (Map<Long, Value> d : decisions.values()) {
            c += d.size();
        }
        return c;
    }
}
