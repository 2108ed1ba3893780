package dev.bulwark.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded random runs of an implementation, for trace validation: at each step a random
 * action name, then a random instance of it from the spec's candidate domains, is called on
 * the implementation; valid and invalid calls alike. Rejected calls (typed exception) are
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
            List<String> names = new ArrayList<>(byName.keySet());
            for (int k = 0; k < maxCallsPerStep; k++) {
                List<TlaValue.Rec> inst = byName.get(names.get(rng.nextInt(names.size())));
                TlaValue.Rec a = inst.get(rng.nextInt(inst.size()));
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
                break;
            }
        }
        return run;
    }

    private static <I> Map<String, TlaValue> record(SpecAdapter<I> adapter, I impl, TlaValue action) {
        Map<String, TlaValue> m = new LinkedHashMap<>(adapter.toSpec(impl));
        m.put(adapter.actionVariable(), action);
        return m;
    }
}
