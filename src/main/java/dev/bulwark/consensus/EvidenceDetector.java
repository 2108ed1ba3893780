package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Amnesia (the spec's {@code Amnesic(E)}): q precommitted v1 in round r1 and prevoted
     * v2 /= v1 (both not nil) in a later round r2 of the same height, while the messages hold no
     * quorum of prevotes for v2 in any round r with r1 &lt;= r &lt; r2 (a proof-of-lock that would
     * have justified unlocking). A correct validator is never amnesic.
     */
    /*@ skipesc @*/
    public static Set<Integer> amnesic(Collection<Message> messages, ValidatorSet vs) {
        // prevote senders per (h, r, v), each counted once
        Map<List<Long>, Set<Integer>> prevoters = new HashMap<>();
        for (Message m : messages) {
            if (m.type() == MessageType.PREVOTE && !m.v().isNil()) {
                prevoters.computeIfAbsent(List.of(m.h(), (long) m.r(), m.v().id()), k -> new HashSet<>()).add(m.src());
            }
        }
        Set<Integer> out = new HashSet<>();
        for (Message pc : messages) {
            if (pc.type() != MessageType.PRECOMMIT || pc.v().isNil()) {
                continue;
            }
            for (Message pv : messages) {
                if (pv.type() != MessageType.PREVOTE || pv.v().isNil() || pv.src() != pc.src() || pv.h() != pc.h()
                        || pv.r() <= pc.r() || pv.v().id() == pc.v().id()) {
                    continue;
                }
                boolean justified = false;
                for (int r = pc.r(); r < pv.r() && !justified; r++) {
                    Set<Integer> s = prevoters.get(List.of(pv.h(), (long) r, pv.v().id()));
                    long p = 0;
                    if (s != null) {
                        for (int q : s) {
                            p += vs.isKnown(q) ? vs.power(q) : 0;
                        }
                    }
                    justified = ValidatorSet.isQuorum(Math.min(p, vs.totalPower()), vs.totalPower());
                }
                if (!justified) {
                    out.add(pc.src());
                }
            }
        }
        return out;
    }
}
