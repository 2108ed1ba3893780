package dev.bulwark.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Accountability evidence. Equivocation: two messages of the same type, sender, height and
 * round that differ. The validator reports the pairs it receives (through {@link VoteKeeper});
 * {@link #scan} finds every offender in any set of messages, {@link #amnesic} every validator
 * convicted of amnesia (both used by the accountability properties). The verified forms work on
 * arrays; the {@code Collection} forms are their glue for callers holding library collections.
 */
/*@ nullable_by_default @*/ public final class EvidenceDetector {
    private EvidenceDetector() {
    }

    /** Do a and b convict their common sender of equivocation? */
    /*@ public normal_behavior
      @   requires a != null && b != null && a.v() != null && b.v() != null;
      @   ensures \result == (a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r()
      @       && (!a.v().sameAs(b.v()) || a.vr() != b.vr()));
      @ pure
      @*/
    public static boolean isEquivocation(Message a, Message b) {
        return a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r()
                && (!a.v().sameAs(b.v()) || a.vr() != b.vr());
    }

    /** Do a and b have the same type, sender, height and round? */
    /*@ public normal_behavior
      @   requires a != null && b != null;
      @   ensures \result == (a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r());
      @ pure
      @*/
    public static boolean sameSlot(Message a, Message b) {
        return a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r();
    }

    /** Messages with a type and a value. */
    /*@ public normal_behavior
      @   ensures \result == (ms != null && (\forall int k; 0 <= k && k < ms.length;
      @       ms[k] != null && ms[k].type != null && ms[k].v != null));
      @ pure
      @*/
    public static boolean allFormed(Message[] ms) {
        if (ms == null) {
            return false;
        }
        //@ loop_invariant 0 <= k && k <= ms.length;
        // (the prefix fact is the prover's alone: the checker checks the result against the
        // postcondition at the return, once, instead of re-walking the prefix at every element)
        //-RAC@ loop_invariant (\forall int j; 0 <= j && j < k; ms[j] != null && ms[j].type != null && ms[j].v != null);
        //@ decreases ms.length - k;
        for (int k = 0; k < ms.length; k++) {
            if (ms[k] == null || ms[k].type() == null || ms[k].v() == null) {
                return false;
            }
        }
        return true;
    }

    /** Glue: {@link #scan(Message[])} over a collection, as a list. */
    /*@ skipesc skiprac @*/ // glue: copies a library collection into an array and the result into a list
    public static List<Evidence> scan(Collection<Message> messages) {
        Evidence[] found = scan(messages.toArray(new Message[0]));
        List<Evidence> out = new ArrayList<>(found.length);
        for (Evidence e : found) {
            out.add(e);
        }
        return out;
    }

    /**
     * One evidence pair per (type, sender, height, round) whose first message in {@code ms} is
     * followed by a different one: the first message and the first different one, in the order
     * the second ones appear. Every pair is made of two messages of {@code ms} and convicts their
     * sender (an {@link Evidence} always does); no slot has two pairs.
     */
    /*@ public normal_behavior
      @   requires allFormed(ms);
      @   ensures \result != null;
      @   ensures (\forall int k; 0 <= k && k < \result.length; \result[k] != null
      @       && (\exists int i; 0 <= i && i < ms.length; ms[i] == \result[k].first)
      @       && (\exists int j; 0 <= j && j < ms.length; ms[j] == \result[k].second));
      @   ensures (\forall int q; 0 <= q && q < \result.length; (\forall int k; 0 <= k && k < q;
      @       !slotOf(\result[k].first, \result[q].first)));
      @*/
    public static Evidence[] scan(Message[] ms) {
        Evidence[] out = new Evidence[ms.length];
        int count = 0;
        // (allFormed(ms) is restated for the prover, which does not carry a pure method's value
        // across the loop's allocations; the checker checked it at the entry, and nothing in the
        // loop writes ms or a message, whose fields are final)
        //-RAC@ loop_invariant allFormed(ms);
        //@ loop_invariant out.length == ms.length && 0 <= j && j <= ms.length && 0 <= count && count <= j;
        // (the facts over the pairs found so far are the prover's alone: the checker checks them
        // once, as the postcondition, at the return, instead of re-walking every pair and every
        // message at each step)
        //-RAC@ loop_invariant (\forall int k; 0 <= k && k < count; out[k] != null && out[k].first != null
        //-RAC@     && (\exists int i; 0 <= i && i < ms.length; ms[i] == out[k].first)
        //-RAC@     && (\exists int i; 0 <= i && i < ms.length; ms[i] == out[k].second));
        // (slotOf written out over the messages' final fields: a pure method's value is not carried
        // across the allocations in the loop)
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < count; (\forall int k; 0 <= k && k < q; !(out[k].first.type == out[q].first.type && out[k].first.src == out[q].first.src && out[k].first.h == out[q].first.h && out[k].first.r == out[q].first.r)));
        //@ decreases ms.length - j;
        for (int j = 0; j < ms.length; j++) {
            int f = firstOfSlot(ms, j);
            if (f < j && isEquivocation(ms[f], ms[j]) && !reported(out, count, ms[j])) {
                // the new pair's slot is ms[j]'s, which no reported pair has (slotOf is an equivalence)
                //@ assert slotOf(ms[f], ms[j]);
                //@ assert (\forall int k; 0 <= k && k < count; !slotOf(out[k].first, ms[f]));
                Evidence e = new Evidence(ms[f], ms[j]);
                out[count] = e;
                count++;
            }
        }
        Evidence[] res = new Evidence[count];
        //@ loop_invariant 0 <= k && k <= count && res.length == count && count <= out.length;
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < k; res[q] == out[q]);
        //-RAC@ loop_invariant (\forall int q; 0 <= q && q < count; out[q] != null && out[q].first != null
        //-RAC@     && (\exists int i; 0 <= i && i < ms.length; ms[i] == out[q].first)
        //-RAC@     && (\exists int i; 0 <= i && i < ms.length; ms[i] == out[q].second));
        //-RAC@ loop_invariant (\forall int b; 0 <= b && b < count; (\forall int a; 0 <= a && a < b; !(out[a].first.type == out[b].first.type && out[a].first.src == out[b].first.src && out[a].first.h == out[b].first.h && out[a].first.r == out[b].first.r)));
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            res[k] = out[k];
        }
        return res;
    }

    /** Same type, sender, height and round (the slot of equivocation), over the fields. */
    /*@ public normal_behavior
      @   requires a != null && b != null;
      @   ensures \result == (a.type == b.type && a.src == b.src && a.h == b.h && a.r == b.r);
      @ pure
      @*/
    public static boolean slotOf(Message a, Message b) {
        return a.type() == b.type() && a.src() == b.src() && a.h() == b.h() && a.r() == b.r();
    }

    /** The index of the first message of ms[j]'s slot (j itself if none is earlier). */
    /*@ private normal_behavior
      @   requires allFormed(ms) && 0 <= j && j < ms.length;
      @   ensures 0 <= \result && \result <= j && slotOf(ms[\result], ms[j]);
      @ pure
      @*/
    private static int firstOfSlot(Message[] ms, int j) {
        //@ loop_invariant 0 <= i && i <= j;
        //@ decreases j - i;
        for (int i = 0; i < j; i++) {
            if (slotOf(ms[i], ms[j])) {
                return i;
            }
        }
        return j;
    }

    /** Has out[0..count) a pair for m's slot? */
    /*@ private normal_behavior
      @   requires out != null && 0 <= count && count <= out.length && m != null;
      @   requires (\forall int k; 0 <= k && k < count; out[k] != null && out[k].first != null);
      @   ensures !\result ==> (\forall int k; 0 <= k && k < count; !slotOf(out[k].first, m));
      @ pure
      @*/
    private static boolean reported(Evidence[] out, int count, Message m) {
        //@ loop_invariant 0 <= k && k <= count;
        //@ loop_invariant (\forall int q; 0 <= q && q < k; !slotOf(out[q].first, m));
        //@ decreases count - k;
        for (int k = 0; k < count; k++) {
            if (slotOf(out[k].first(), m)) {
                return true;
            }
        }
        return false;
    }

    /** Glue: {@link #amnesic(Message[], ValidatorSet)} over a collection, as a set of indices. */
    /*@ skipesc skiprac @*/ // glue: copies a library collection into an array and the result into a set
    public static Set<Integer> amnesic(Collection<Message> messages, ValidatorSet vs) {
        boolean[] guilty = amnesic(messages.toArray(new Message[0]), vs);
        Set<Integer> out = new LinkedHashSet<>();
        for (int q = 0; q < guilty.length; q++) {
            if (guilty[q]) {
                out.add(q);
            }
        }
        return out;
    }

    /**
     * Amnesia (the spec's {@code Amnesic(E)}): validator q precommitted v1 in round r1 and
     * prevoted v2 /= v1 (both not nil) in a later round r2 of the same height, while the messages
     * hold no quorum of prevotes for v2 in any round r with r1 &lt;= r &lt; r2 (a proof-of-lock
     * that would have justified unlocking). A correct validator is never amnesic. Returns one
     * flag per validator, {@link #isAmnesic}; messages from unknown senders convict nobody.
     */
    /*@ public normal_behavior
      @   requires allFormed(ms) && vs != null;
      @   ensures \result != null && \result.length == vs.size();
      @   ensures (\forall int q; 0 <= q && q < vs.size(); \result[q] ==>
      @       (\exists int i; 0 <= i && i < ms.length; (\exists int j; 0 <= j && j < ms.length; ms[i].src == q
      @           && (ms[i].type == MessageType.PRECOMMIT && ms[j].type == MessageType.PREVOTE && !ms[i].v.nil && !ms[j].v.nil
      @           && ms[j].src == ms[i].src && ms[j].h == ms[i].h && ms[j].r > ms[i].r
      @           && !(ms[j].v.w0 == ms[i].v.w0 && ms[j].v.w1 == ms[i].v.w1 && ms[j].v.w2 == ms[i].v.w2 && ms[j].v.w3 == ms[i].v.w3)))));
      @   // (the second line on: amnesiaShape(ms[i], ms[j]) written out over the messages' final fields)
      @*/
    public static boolean[] amnesic(Message[] ms, ValidatorSet vs) {
        int n = vs.size();
        boolean[] out = new boolean[n];
        // (allFormed(ms) the prover's alone, as in scan)
        //-RAC@ loop_invariant allFormed(ms);
        //@ loop_invariant vs != null && n == vs.size() && out.length == n && 0 <= q && q <= n;
        // (amnesiaShape written out over the messages' final fields: a pure method's value is not
        // carried across the stores into out)
        //@ loop_invariant (\forall int p; 0 <= p && p < n; out[p] ==>
        //@     (\exists int i; 0 <= i && i < ms.length; (\exists int j; 0 <= j && j < ms.length; ms[i].src == p
        //@         && (ms[i].type == MessageType.PRECOMMIT && ms[j].type == MessageType.PREVOTE && !ms[i].v.nil && !ms[j].v.nil
        //@         && ms[j].src == ms[i].src && ms[j].h == ms[i].h && ms[j].r > ms[i].r
        //@         && !(ms[j].v.w0 == ms[i].v.w0 && ms[j].v.w1 == ms[i].v.w1 && ms[j].v.w2 == ms[i].v.w2 && ms[j].v.w3 == ms[i].v.w3)))));
        //@ decreases n - q;
        for (int q = 0; q < n; q++) {
            boolean g = isAmnesic(ms, vs, q);
            //@ assert g ==> (\exists int i; 0 <= i && i < ms.length; (\exists int j; 0 <= j && j < ms.length; amnesiaShape(ms[i], ms[j]) && ms[i].src == q));
            if (g) {
                out[q] = true;
            }
        }
        return out;
    }

    /**
     * Is validator q amnesic in ms: a precommit of q and a later prevote of q that form
     * {@link #amnesiaPair}?
     */
    /*@ public normal_behavior
      @   requires allFormed(ms) && vs != null;
      @   ensures \result ==> (\exists int i; 0 <= i && i < ms.length; (\exists int j; 0 <= j && j < ms.length;
      @       ms[i].src == q && amnesiaShape(ms[i], ms[j]) && amnesiaPair(ms, vs, ms[i], ms[j])));
      @ pure
      @*/
    public static boolean isAmnesic(Message[] ms, ValidatorSet vs, int q) {
        //@ loop_invariant 0 <= i && i <= ms.length;
        //@ decreases ms.length - i;
        for (int i = 0; i < ms.length; i++) {
            if (ms[i].src() == q) {
                //@ loop_invariant 0 <= j && j <= ms.length;
                //@ decreases ms.length - j;
                for (int j = 0; j < ms.length; j++) {
                    // the shape first (amnesiaPair tests it too): under runtime checking,
                    // amnesiaPair's precondition (a walk of ms) is evaluated for shaped pairs only
                    if (amnesiaShape(ms[i], ms[j]) && amnesiaPair(ms, vs, ms[i], ms[j])) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The shape of amnesia: pc a precommit and pv a prevote of the same validator and height, pv
     * in a later round, for another value, both not nil.
     */
    /*@ public normal_behavior
      @   requires pc != null && pv != null && pc.v != null && pv.v != null;
      @   ensures \result == (pc.type == MessageType.PRECOMMIT && pv.type == MessageType.PREVOTE && !pc.v.nil && !pv.v.nil
      @       && pv.src == pc.src && pv.h == pc.h && pv.r > pc.r
      @       && !(pv.v.w0 == pc.v.w0 && pv.v.w1 == pc.v.w1 && pv.v.w2 == pc.v.w2 && pv.v.w3 == pc.v.w3));
      @ pure
      @*/
    public static boolean amnesiaShape(Message pc, Message pv) {
        return pc.type() == MessageType.PRECOMMIT && pv.type() == MessageType.PREVOTE && !pc.v().isNil()
                && !pv.v().isNil() && pv.src() == pc.src() && pv.h() == pc.h() && pv.r() > pc.r() && !pv.v().sameAs(pc.v());
    }

    /**
     * Do pc (a precommit) and pv (a later prevote of the same validator and height, for another
     * value, both not nil) show amnesia, with no quorum of prevotes for pv's value in the rounds
     * pc.r .. pv.r - 1 among ms?
     */
    /*@ public normal_behavior
      @   requires allFormed(ms) && vs != null && pc != null && pv != null && pc.v != null && pv.v != null;
      @   ensures \result ==> vs.isKnown(pc.src) && amnesiaShape(pc, pv);
      @   ensures \result ==> (\forall int r; pc.r <= r && r < pv.r; !quorumOfPrevotes(ms, vs, pv.h, r, pv.v));
      @ pure
      @*/
    public static boolean amnesiaPair(Message[] ms, ValidatorSet vs, Message pc, Message pv) {
        if (!vs.isKnown(pc.src()) || !amnesiaShape(pc, pv)) {
            return false;
        }
        //@ loop_invariant pc.r <= r && r <= pv.r;
        //@ loop_invariant (\forall int q; pc.r <= q && q < r; !quorumOfPrevotes(ms, vs, pv.h, q, pv.v));
        //@ decreases pv.r - r;
        for (int r = pc.r(); r < pv.r(); r++) {
            if (quorumOfPrevotes(ms, vs, pv.h(), r, pv.v())) {
                return false;
            }
        }
        return true;
    }

    /** Do the prevotes for v at (h, r) among ms come from a quorum (each known sender counted once)? */
    /*@ public normal_behavior
      @   requires allFormed(ms) && vs != null && v != null;
      @   ensures \result == ValidatorSet.isQuorum(prevotePower(ms, vs, h, r, v), vs.totalPower());
      @ pure
      @*/
    public static boolean quorumOfPrevotes(Message[] ms, ValidatorSet vs, long h, int r, Value v) {
        return ValidatorSet.isQuorum(prevotePower(ms, vs, h, r, v), vs.totalPower());
    }

    /**
     * The power of the distinct known senders of PREVOTE(h, r, v) among ms (saturating at the
     * total, which a set of distinct validators never exceeds; a quorum either way).
     */
    /*@ public normal_behavior
      @   requires allFormed(ms) && vs != null && v != null;
      @   ensures 0 <= \result && \result <= vs.totalPower();
      @ pure
      @*/
    public static long prevotePower(Message[] ms, ValidatorSet vs, long h, int r, Value v) {
        boolean[] seen = new boolean[vs.size()];
        long p = 0;
        long t = vs.totalPower();
        // (allFormed(ms) the prover's alone, as in scan)
        //-RAC@ loop_invariant allFormed(ms);
        //@ loop_invariant seen.length == vs.size() && t == vs.totalPower() && 1 <= t;
        //@ loop_invariant 0 <= k && k <= ms.length && 0 <= p && p <= t;
        //@ decreases ms.length - k;
        for (int k = 0; k < ms.length; k++) {
            Message m = ms[k];
            if (m.type() == MessageType.PREVOTE && m.h() == h && m.r() == r && m.v().sameAs(v) && vs.isKnown(m.src())
                    && !seen[m.src()]) {
                seen[m.src()] = true;
                long s = p + vs.power(m.src());
                p = s <= t ? s : t;
            }
        }
        return p;
    }
}
