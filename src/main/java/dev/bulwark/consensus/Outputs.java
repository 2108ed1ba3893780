package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one step of a validator asks of the shell: messages to sign and broadcast, timers to
 * schedule, decisions to apply, evidence to report. The shell executes them; the core has
 * already recorded its own broadcasts as received.
 */
public final class Outputs {
    private final List<Message> broadcasts = new ArrayList<>();
    private final List<TimerRequest> timers = new ArrayList<>();
    private final List<Decision> decisions = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();

    /*@ skipesc @*/
    void broadcast(Message m) {
        broadcasts.add(m);
    }

    /*@ skipesc @*/
    void schedule(TimerRequest t) {
        timers.add(t);
    }

    /*@ skipesc @*/
    void decide(Decision d) {
        decisions.add(d);
    }

    /*@ skipesc @*/
    void report(Evidence e) {
        evidence.add(e);
    }

    /*@ skipesc @*/
    public List<Message> broadcasts() {
        return Collections.unmodifiableList(broadcasts);
    }

    /*@ skipesc @*/
    public List<TimerRequest> timers() {
        return Collections.unmodifiableList(timers);
    }

    /*@ skipesc @*/
    public List<Decision> decisions() {
        return Collections.unmodifiableList(decisions);
    }

    /*@ skipesc @*/
    public List<Evidence> evidence() {
        return Collections.unmodifiableList(evidence);
    }

    /*@ skipesc @*/
    public boolean isEmpty() {
        return broadcasts.isEmpty() && timers.isEmpty() && decisions.isEmpty() && evidence.isEmpty();
    }

    @Override
    /*@ skipesc @*/
    public String toString() {
        return "Outputs[broadcasts=" + broadcasts + ", timers=" + timers + ", decisions=" + decisions
                + ", evidence=" + evidence + "]";
    }
}
