package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a validator asks of the shell: messages to sign and broadcast, timers to
 * schedule, decisions to apply, evidence to report. The shell executes them; the core has
 * already recorded its own broadcasts as received.
 *
 * <p>Each kind is kept as an immutable linked list, newest first (appending writes one field
 * of this object, so the validator's contracts can say exactly what an output touches); the
 * accessors return the items in the order they were added.
 */
/*@ nullable_by_default @*/ public final class Outputs {
    /** A cell of an immutable list, newest first. */
    /*@ nullable_by_default @*/ public static final class Link {
        //@ spec_public
        private final Object item;
        //@ spec_public
        private final Link next;

        //@ public normal_behavior
        //@   ensures this.item == item && this.next == next;
        //@ pure
        public Link(Object item, Link next) {
            this.item = item;
            this.next = next;
        }

        //@ public normal_behavior
        //@   ensures \result == item;
        //@ pure
        public Object item() {
            return item;
        }

        //@ public normal_behavior
        //@   ensures \result == next;
        //@ pure
        public Link next() {
            return next;
        }
    }

    //@ spec_public
    private Link broadcasts;
    //@ spec_public
    private Link timers;
    //@ spec_public
    private Link decisions;
    //@ spec_public
    private Link evidence;

    /*@ public normal_behavior
      @   ensures broadcasts == null && timers == null && decisions == null && evidence == null;
      @ pure
      @*/
    public Outputs() {
        this.broadcasts = null;
        this.timers = null;
        this.decisions = null;
        this.evidence = null;
    }

    /*@ normal_behavior
      @   assignable broadcasts;
      @   ensures broadcasts != null && broadcasts.item == m && broadcasts.next == \old(broadcasts);
      @*/
    void broadcast(Message m) {
        broadcasts = new Link(m, broadcasts);
    }

    /*@ normal_behavior
      @   assignable timers;
      @   ensures timers != null && timers.item == t && timers.next == \old(timers);
      @*/
    void schedule(TimerRequest t) {
        timers = new Link(t, timers);
    }

    /*@ normal_behavior
      @   assignable decisions;
      @   ensures decisions != null && decisions.item == d && decisions.next == \old(decisions);
      @*/
    void decide(Decision d) {
        decisions = new Link(d, decisions);
    }

    /*@ normal_behavior
      @   assignable evidence;
      @   ensures evidence != null && evidence.item == e && evidence.next == \old(evidence);
      @*/
    void report(Evidence e) {
        evidence = new Link(e, evidence);
    }

    /*@ skipesc skiprac @*/ // glue: the list of a chain, oldest first, as a library list for the shell
    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Link l) {
        List<T> out = new ArrayList<>();
        for (Link c = l; c != null; c = c.next) {
            out.add((T) c.item);
        }
        return ReadOnlyList.reversed(out);
    }

    /*@ skipesc skiprac @*/ // glue: a library list for the shell
    public List<Message> broadcasts() {
        return list(broadcasts);
    }

    /*@ skipesc skiprac @*/ // glue: a library list for the shell
    public List<TimerRequest> timers() {
        return list(timers);
    }

    /*@ skipesc skiprac @*/ // glue: a library list for the shell
    public List<Decision> decisions() {
        return list(decisions);
    }

    /*@ skipesc skiprac @*/ // glue: a library list for the shell
    public List<Evidence> evidence() {
        return list(evidence);
    }

    /** Nothing to do? */
    //@ public normal_behavior
    //@   ensures \result == (broadcasts == null && timers == null && decisions == null && evidence == null);
    //@ pure
    public boolean isEmpty() {
        return broadcasts == null && timers == null && decisions == null && evidence == null;
    }

    @Override
    /*@ skipesc skiprac @*/ // glue: formatting
    public String toString() {
        return "Outputs[broadcasts=" + broadcasts() + ", timers=" + timers() + ", decisions=" + decisions()
                + ", evidence=" + evidence() + "]";
    }
}
