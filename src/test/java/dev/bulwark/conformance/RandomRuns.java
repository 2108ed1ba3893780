package dev.bulwark.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded random runs of an implementation, for trace validation: at each step the action
 * names are tried in random order and, for each, its instances from the spec's candidate
 * domains in random order, until the implementation accepts one; valid and invalid calls
 * alike. Rejected calls (typed exception) are
 * not steps; accepted ones are recorded as states with the action variable set.
 */
public final class RandomRuns {

    /** Figures of a batch. */
    public static final class Stats {
        public long calls;
        public long accepted;
        public long rejected;
        public final Map<String, Long> acceptedByAction = new TreeMap<>();

        @Override
        public String toString() {
            return "calls=" + calls + " accepted=" + accepted + " rejected=" + rejected + " " + acceptedByAction;
        }
    }

    private RandomRuns() {
    }

    public static <I> List<Map<String, TlaValue>> run(SpecAdapter<I> adapter, Map<String, TlaValue> constants,
                                                      SplittableRandom rng, int steps, int maxCallsPerStep,
                                                      Stats stats) {
        I impl = adapter.init();
        List<Map<String, TlaValue>> run = new ArrayList<>();
        run.add(record(adapter, impl, TlaValue.rec("name", TlaValue.str(adapter.initActionName()))));
        for (int s = 0; s < steps; s++) {
            Map<String, TlaValue> st = adapter.toSpec(impl);
            Map<String, List<TlaValue.Rec>> byName = new TreeMap<>();
            for (TlaValue.Rec c : adapter.candidateActions(st, constants)) {
                byName.computeIfAbsent(c.getStr("name"), k -> new ArrayList<>()).add(c);
            }
            // action names in random order; for each, its instances in random order until one is
            // accepted: every enabled action name is about equally likely, and the refused calls on
            // the way are the invalid inputs
            List<String> names = new ArrayList<>(byName.keySet());
            shuffle(names, rng);
            boolean stepped = false;
            int calls = 0;
            for (String name : names) {
                List<TlaValue.Rec> inst = new ArrayList<>(byName.get(name));
                shuffle(inst, rng);
                for (TlaValue.Rec a : inst) {
                    if (calls++ >= maxCallsPerStep) {
                        break;
                    }
                    stats.calls++;
                    try {
                        adapter.apply(impl, a);
                    } catch (RuntimeException e) {
                        if (!adapter.isRejection(e)) {
                            throw e;
                        }
                        stats.rejected++;
                        continue;
                    }
                    stats.accepted++;
                    stats.acceptedByAction.merge(a.getStr("name"), 1L, Long::sum);
                    run.add(record(adapter, impl, a));
                    stepped = true;
                    break;
                }
                if (stepped) {
                    break;
                }
            }
            if (!stepped) {
                break; // nothing enabled (or the call budget ran out): the run ends here
            }
        }
        return run;
    }

    private static <T> void shuffle(List<T> l, SplittableRandom rng) {
        for (int i = l.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = l.get(i);
            l.set(i, l.get(j));
            l.set(j, t);
        }
    }

    private static <I> Map<String, TlaValue> record(SpecAdapter<I> adapter, I impl, TlaValue action) {
        Map<String, TlaValue> m = new LinkedHashMap<>(adapter.toSpec(impl));
        m.put(adapter.actionVariable(), action);
        return m;
    }
}
