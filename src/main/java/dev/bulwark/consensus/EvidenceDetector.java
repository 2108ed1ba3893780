package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equivocation: two messages of the same type, sender, height and round that differ. The
 * validator reports the pairs it receives (through {@link VoteKeeper}); {@link #scan} finds
 * every offender in any collection of messages (used by the accountability properties).
 */
public final class EvidenceDetector {
    private EvidenceDetector() {
    }

    /** Do a and b convict their common sender of equivocation? */
    /*@ public normal_behavior
      @   requires a != null && b != null && a.v() != null && b.v() != null;
      @   ensures \result == (a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r()
      @       && (a.v().id() != b.v().id() || a.vr() != b.vr()));
      @ pure
      @*/
    public static boolean isEquivocation(Message a, Message b) {
        return a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r()
                && (a.v().id() != b.v().id() || a.vr() != b.vr());
    }

    /** One evidence pair per (type, src, h, r) with at least two different messages. */
    /*@ skipesc @*/ // driver / glue: covered by tests, outside the proof
    public static List<Evidence> scan(Collection<Message> messages) {
        Map<List<Object>, Message> first = new HashMap<>();
        Map<List<Object>, Evidence> found = new HashMap<>();
        List<Evidence> out = new ArrayList<>();
        for (Message m : messages) {
            List<Object> key = List.of(m.type(), m.src(), m.h(), m.r());
            Message f = first.putIfAbsent(key, m);
            if (f != null && isEquivocation(f, m) && !found.containsKey(key)) {
                Evidence e = new Evidence(f, m);
                found.put(key, e);
                out.add(e);
            }
        }
        return out;
    }
}
