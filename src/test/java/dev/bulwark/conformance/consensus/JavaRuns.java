package dev.bulwark.conformance.consensus;

import dev.bulwark.conformance.TlaValue;
import dev.bulwark.consensus.ActionRecord;
import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.TimeoutKind;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.TimerRequest;
import dev.bulwark.consensus.Validator;
import dev.bulwark.consensus.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Random runs of the Java validators over an in-memory network, written as spec states for
 * trace validation: one state per rule a validator fires (its {@code logActions} record is the
 * action), with every correct validator's state and the message pool = the faulty messages the
 * spec's Init holds (every message a faulty validator can sign within the bounds) plus every
 * correct broadcast so far.
 *
 * <p>The network delivers in-flight messages in random order, fires pending timers at random,
 * and hands lagging validators commit certificates assembled from the precommits sent. With
 * {@code byzantine}, the faulty validators send random messages from the set the spec allows
 * (proposals only for rounds they lead; votes for any value or nil, so they equivocate) to
 * random correct validators. Rules are fired one at a time ({@code recordMessage}, then
 * {@code fireOne} until none is enabled) so that every firing is observed; the Java-only timer
 * steps (UponQuorumOfPrevotesAny/PrecommitsAny) change no spec variable and give no state.
 * Timeouts and certificates call the action methods directly (the driver's {@code step} would
 * fire the rules they enable in the same call), after the driver's own stale-timer check.
 */
final class JavaRuns {
    static final Set<String> JAVA_ONLY = Set.of("UponQuorumOfPrevotesAny", "UponQuorumOfPrecommitsAny");

    record Envelope(int dest, Message m) {
    }

    record Timer(int dest, TimerRequest t) {
    }

    final Map<String, Long> stepsByAction = new TreeMap<>();
    long byzantineSent;
    long delivered;

    private final ConsensusAdapter a;
    private final SplittableRandom rng;
    private final boolean byzantine;
    private final List<Message> faultyAll;
    private final Map<Integer, Validator> validators = new TreeMap<>();
    private final LinkedHashSet<Message> correctSent = new LinkedHashSet<>();
    private final List<Message> sentPrecommits = new ArrayList<>();
    private final List<Envelope> inFlight = new ArrayList<>();
    private final List<Timer> timers = new ArrayList<>();
    private final List<Map<String, TlaValue>> states = new ArrayList<>();

    JavaRuns(ConsensusAdapter a, SplittableRandom rng, boolean byzantine) {
        this.a = a;
        this.rng = rng;
        this.byzantine = byzantine;
        this.faultyAll = a.allFaultyMessages();
        for (String p : a.corr()) {
            Validator v = new Validator(a.config(), a.index(p));
            v.logActions(true);
            validators.put(a.index(p), v);
        }
    }

    /** One run of at most {@code events} network events. */
    List<Map<String, TlaValue>> run(int events) {
        snapshot(TlaValue.rec("name", TlaValue.str("Init")));
        // Input.Start, one rule at a time: StartRound(0) schedules timeoutPropose at a
        // non-proposer (line 21), then the enabled rules fire (the proposer's InsertProposal)
        for (Map.Entry<Integer, Validator> e : validators.entrySet()) {
            if (a.config().proposers().proposer(1, 0) != e.getKey()) {
                timers.add(new Timer(e.getKey(), new TimerRequest(TimeoutKind.PROPOSE, 1, 0)));
            }
            fireAll(e.getKey());
        }
        for (int k = 0; k < events; k++) {
            int c = rng.nextInt(100);
            if (c < 55 && !inFlight.isEmpty()) {
                Envelope env = inFlight.remove(rng.nextInt(inFlight.size()));
                delivered++;
                validators.get(env.dest()).recordMessage(env.m());
                fireAll(env.dest());
            } else if (c < 75 && !timers.isEmpty()) {
                fire(timers.remove(rng.nextInt(timers.size())));
            } else if (c < 92 && byzantine) {
                Message m = faultyAll.get(rng.nextInt(faultyAll.size()));
                if (m.type() == MessageType.PRECOMMIT) {
                    sentPrecommits.add(m);
                }
                List<Integer> ids = new ArrayList<>(validators.keySet());
                inFlight.add(new Envelope(ids.get(rng.nextInt(ids.size())), m));
                byzantineSent++;
            } else if (c >= 92) {
                catchup();
            } else if (inFlight.isEmpty() && timers.isEmpty()) {
                break;
            }
        }
        return states;
    }

    private ActionRecord single(Validator v) {
        List<ActionRecord> log = v.takeActionLog();
        if (log.size() > 1) {
            throw new IllegalStateException("one call fired several rules: " + log);
        }
        return log.isEmpty() ? null : log.get(0);
    }

    private void fireAll(int p) {
        Validator v = validators.get(p);
        while (v.fireOne()) {
            afterFiring(p, v.drainOutputs(), single(v));
        }
    }

    private void afterFiring(int p, Outputs o, ActionRecord rec) {
        for (Message m : o.broadcasts()) {
            if (correctSent.add(m)) {
                if (m.type() == MessageType.PRECOMMIT) {
                    sentPrecommits.add(m);
                }
                for (int q : validators.keySet()) {
                    if (q != p) {
                        inFlight.add(new Envelope(q, m));
                    }
                }
            }
        }
        for (TimerRequest t : o.timers()) {
            timers.add(new Timer(p, t));
        }
        if (rec != null && !JAVA_ONLY.contains(rec.name())) {
            Map<String, TlaValue> f = new TreeMap<>();
            f.put("name", TlaValue.str(rec.name()));
            f.put("p", TlaValue.str(a.procs().get(p)));
            for (Map.Entry<String, Object> e : rec.params().entrySet()) {
                Object x = e.getValue();
                f.put(e.getKey(), x instanceof Value val ? a.spec(val) : TlaValue.of(((Number) x).longValue()));
            }
            snapshot(new TlaValue.Rec(new TreeMap<>(f)));
            stepsByAction.merge(rec.name(), 1L, Long::sum);
        }
    }

    private void fire(Timer t) {
        Validator v = validators.get(t.dest());
        TimerRequest r = t.t();
        if (r.h() != v.height() || r.r() != v.round()) {
            return; // stale (lines 57, 61, 65 require h = h_p and r = round_p)
        }
        String name;
        switch (r.kind()) {
            case PROPOSE -> {
                if (!v.canOnTimeoutPropose()) {
                    return;
                }
                v.onTimeoutPropose();
                name = "OnTimeoutPropose";
            }
            case PREVOTE -> {
                if (!v.canOnTimeoutPrevote()) {
                    return;
                }
                v.onTimeoutPrevote();
                name = "OnTimeoutPrevote";
            }
            default -> {
                if (!v.canOnTimeoutPrecommit()) {
                    return;
                }
                v.onTimeoutPrecommit();
                name = "OnTimeoutPrecommit";
            }
        }
        afterFiring(t.dest(), v.drainOutputs(), new ActionRecord(name, Map.of()));
        fireAll(t.dest());
    }

    /** A random correct validator gets a commit certificate for its height, if the precommits sent hold one. */
    private void catchup() {
        List<Integer> ids = new ArrayList<>(validators.keySet());
        int p = ids.get(rng.nextInt(ids.size()));
        Validator v = validators.get(p);
        if (v.isDone()) {
            return;
        }
        Map<String, List<Message>> byRv = new LinkedHashMap<>();
        for (Message m : sentPrecommits) {
            if (m.h() == v.height() && !m.v().isNil()) {
                byRv.computeIfAbsent(m.r() + "/" + m.v(), k -> new ArrayList<>()).add(m);
            }
        }
        for (List<Message> ms : byRv.values()) {
            List<Message> distinct = new ArrayList<>(new LinkedHashSet<>(ms));
            Certificate c = new Certificate(v.height(), distinct.get(0).r(), distinct.get(0).v(), distinct);
            if (v.canCatchup(c)) {
                v.catchup(c);
                afterFiring(p, v.drainOutputs(), new ActionRecord("Catchup",
                        Map.of("h", c.h(), "r", c.r(), "v", c.v())));
                fireAll(p);
                return;
            }
        }
    }

    private void snapshot(TlaValue action) {
        ConsensusAdapter.Net n = a.new Net();
        for (Map.Entry<Integer, Validator> e : validators.entrySet()) {
            n.states.put(a.procs().get(e.getKey()), e.getValue().state());
        }
        n.pool.addAll(faultyAll);
        n.pool.addAll(correctSent);
        Map<String, TlaValue> s = new LinkedHashMap<>(a.toSpec(n));
        s.put("lastAction", action);
        states.add(s);
    }
}
