package dev.bulwark.conformance.governance;

import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.governance.Governance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded random runs of {@link Governance} for trace validation, guided so that every action
 * occurs: at each step an action is drawn with fixed weights, then its arguments at random (up to
 * 25 draws before another action is drawn), half of the time among the slots that hold a proposal
 * (else any key), and proposals from the spec's
 * domain with a nonce near the current one (stale, current, in the window, beyond it) on any
 * chain.  Refused calls (typed exception) are not steps -- each is checked to leave the state
 * unchanged; accepted calls are recorded with their action record (Execute and Cancel name the
 * proposal executed, as the spec's lastAction does).
 */
final class GovernanceRuns {
    private static final String[] NAMES = {"Propose", "Approve", "Retract", "Queue", "Execute", "Cancel", "EndBlock",
        "FundFlow"};
    private static final int[] WEIGHTS = {4, 5, 1, 2, 3, 1, 2, 1};

    private final GovernanceAdapter adapter;
    private final SplittableRandom rng;
    private final List<TlaValue> proposals;
    private final List<TlaValue> cancels = new ArrayList<>();
    private final List<Long> deltas;
    private final List<TlaValue.ModelValue> keys;
    long calls;
    long refused;
    final Map<String, Long> stepsByAction = new TreeMap<>();

    GovernanceRuns(GovernanceAdapter adapter, Map<String, TlaValue> constants, SplittableRandom rng) {
        this.adapter = adapter;
        this.rng = rng;
        this.proposals = adapter.proposals(constants);
        for (TlaValue p : proposals) {
            if (((TlaValue.Rec) p).getStr("kind").equals("Cancel")) {
                cancels.add(p);
            }
        }
        this.deltas = GovernanceAdapter.fundDeltas(constants);
        this.keys = adapter.keys();
    }

    List<Map<String, TlaValue>> run(int steps) {
        Governance g = adapter.init();
        List<Map<String, TlaValue>> run = new ArrayList<>();
        run.add(record(g, TlaValue.rec("name", TlaValue.str("Init"))));
        for (int step = 0; step < steps; step++) {
            String name = null;
            for (int attempt = 0; attempt < 500; attempt++) {
                if (attempt % 25 == 0) {
                    name = drawName(); // an action, then up to 25 draws of its arguments
                }
                TlaValue.Rec a = draw(g, name);
                Map<String, TlaValue> before = adapter.toSpec(g);
                calls++;
                try {
                    adapter.apply(g, a);
                } catch (RuntimeException e) {
                    if (!adapter.isRejection(e)) {
                        throw e;
                    }
                    refused++;
                    if (!before.equals(adapter.toSpec(g))) {
                        throw new AssertionError("refused " + a.toTla() + " changed the state");
                    }
                    continue;
                }
                stepsByAction.merge(a.getStr("name"), 1L, Long::sum);
                run.add(record(g, a));
                break;
            }
        }
        return run;
    }

    private String drawName() {
        int total = 0;
        for (int w : WEIGHTS) {
            total += w;
        }
        int x = rng.nextInt(total);
        int i = 0;
        while (x >= WEIGHTS[i]) {
            x -= WEIGHTS[i++];
        }
        return NAMES[i];
    }

    private TlaValue.Rec draw(Governance g, String name) {
        TlaValue.ModelValue s = slot(g);
        switch (name) {
            case "Propose": {
                return TlaValue.rec("name", TlaValue.str(name), "k", keys.get(rng.nextInt(keys.size())), "p",
                        proposalNear(g.nonce()));
            }
            case "Approve":
                return TlaValue.rec("name", TlaValue.str(name), "k", keys.get(rng.nextInt(keys.size())), "s", s);
            case "Retract":
                return TlaValue.rec("name", TlaValue.str(name), "k", s);
            case "Queue":
                return TlaValue.rec("name", TlaValue.str(name), "s", s);
            case "Execute":
            case "Cancel":
                return TlaValue.rec("name", TlaValue.str(name), "s", s, "p",
                        adapter.proposalRecord(g.proposalOf(SpecValues.indexOf(keys, s))));
            case "EndBlock":
                return TlaValue.rec("name", TlaValue.str(name));
            default:
                return TlaValue.rec("name", TlaValue.str(name), "d", TlaValue.of(deltas.get(rng.nextInt(deltas.size()))));
        }
    }

    /** Half of the time a slot holding a proposal (if any), else any key. */
    private TlaValue.ModelValue slot(Governance g) {
        if (rng.nextBoolean()) {
            List<TlaValue.ModelValue> open = new ArrayList<>();
            for (int s = 0; s < keys.size(); s++) {
                if (g.proposalOf(s) != null) {
                    open.add(keys.get(s));
                }
            }
            if (!open.isEmpty()) {
                return open.get(rng.nextInt(open.size()));
            }
        }
        return keys.get(rng.nextInt(keys.size()));
    }

    /**
     * A proposal of the domain whose nonce is within [nonce - 1, nonce + 2] (any, if none is); a
     * Cancel one time in six (one payload among many in the domain, it would be rare otherwise).
     */
    private TlaValue proposalNear(long nonce) {
        List<TlaValue> from = !cancels.isEmpty() && rng.nextInt(6) == 0 ? cancels : proposals;
        for (int tries = 0; tries < 200; tries++) {
            TlaValue p = from.get(rng.nextInt(from.size()));
            long pn = ((TlaValue.Rec) p).getInt("nonce");
            if (pn >= nonce - 1 && pn <= nonce + 2) {
                return p;
            }
        }
        return proposals.get(rng.nextInt(proposals.size()));
    }

    private Map<String, TlaValue> record(Governance g, TlaValue action) {
        Map<String, TlaValue> m = new LinkedHashMap<>(adapter.toSpec(g));
        m.put("lastAction", action);
        return m;
    }
}
