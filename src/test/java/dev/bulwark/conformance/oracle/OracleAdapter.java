package dev.bulwark.conformance.oracle;

import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.SpecValues;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.oracle.Evidence;
import dev.bulwark.oracle.Oracle;
import dev.bulwark.oracle.OracleException;
import dev.bulwark.oracle.OracleParams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adapter between spec/oracle/Oracle.tla and {@link Oracle}, for the constants of one config.
 * Reporters: model value rK (numeric suffix order) is index K-1. Stakes: HeavyStake for the
 * reporters in Heavy, 1 for the others (spec/oracle/README.md, "Spec-side choices").
 *
 * <p>The spec's environment -- the true price and which reporters are faulty -- is not Java
 * state. The adapter carries the true price next to the oracle ({@link World}) and enforces the
 * environment's constraints itself: an honest reporter reports only once per round and within
 * Tol of the true price, and AdvanceRound(tp) moves the true price by at most MaxStep. Such a
 * call is refused with {@link EnvironmentRefusal} before the oracle sees it (state unchanged),
 * exactly as the spec has no such step; every other refusal is the oracle's own
 * {@link OracleException}.
 *
 * <pre>
 * spec variable  Java
 * round          oracle.round()
 * truePrice      World.truePrice (environment, adapter only)
 * reports[r]     oracle.reportOf(i)      (NoReport = 0, Equivocated = -1)
 * rel[r]         oracle.relOf(i)
 * price, priceRound, pending, pendingRound, aggregated: the getters of the same names
 * evidence       oracle.evidence() as a set of [rep |-> rK, rnd |-> k]
 * lastAction     Report -> report(i, px), Aggregate -> aggregate(),
 *                AdvanceRound -> advanceRound() (tp: the adapter's true price)
 * </pre>
 */
public final class OracleAdapter implements SpecAdapter<OracleAdapter.World> {

    public static final Path DIR = TlcRunner.projectRoot().resolve("spec/oracle");
    public static final List<String> ACTIONS = List.of("Report", "Aggregate", "AdvanceRound");

    /** The oracle and the spec's environment variable truePrice. */
    public static final class World {
        public final Oracle oracle;
        public long truePrice;

        public World(Oracle oracle, long truePrice) {
            this.oracle = oracle;
            this.truePrice = truePrice;
        }
    }

    /** A call the spec's environment does not make (honest reporter misbehaving, true price jump). */
    public static final class EnvironmentRefusal extends RuntimeException {
        public EnvironmentRefusal(String message) {
            super(message, null, false, false);
        }
    }

    private final List<TlaValue.ModelValue> reporters;
    private final boolean[] faulty;
    private final OracleParams params;
    private final long initTruePrice;
    private final List<TlaValue.Rec> candidates;

    public OracleAdapter(Map<String, TlaValue> c) {
        this.reporters = SpecValues.modelValues(c.get("Reporters"));
        List<TlaValue.ModelValue> heavy = SpecValues.modelValues(c.get("Heavy"));
        List<TlaValue.ModelValue> bad = SpecValues.modelValues(c.get("Faulty"));
        long heavyStake = k(c, "HeavyStake");
        long[] stake = new long[reporters.size()];
        this.faulty = new boolean[reporters.size()];
        for (int i = 0; i < stake.length; i++) {
            stake[i] = heavy.contains(reporters.get(i)) ? heavyStake : 1;
            faulty[i] = bad.contains(reporters.get(i));
        }
        this.params = new OracleParams(stake, k(c, "MaxRel"), k(c, "Penalty"), k(c, "MinPrice"),
                k(c, "MaxPrice"), k(c, "Tol"), k(c, "Band"), k(c, "MaxStep"), k(c, "MaxJump"),
                Math.toIntExact(k(c, "StaleRounds")), Math.toIntExact(k(c, "MaxRound")));
        this.initTruePrice = k(c, "InitTruePrice");
        this.candidates = List.copyOf(buildCandidates());
    }

    private static long k(Map<String, TlaValue> c, String name) {
        return SpecValues.constant(c, name);
    }

    public OracleParams params() {
        return params;
    }

    @Override
    public String specName() {
        return "oracle";
    }

    @Override
    public Path module() {
        return DIR.resolve("Oracle.tla");
    }

    @Override
    public List<String> actions() {
        return ACTIONS;
    }

    @Override
    public World init() {
        return new World(new Oracle(params), initTruePrice);
    }

    @Override
    public World fromSpec(Map<String, TlaValue> s) {
        List<Evidence> ev = new ArrayList<>();
        for (TlaValue e : ((TlaValue.SetV) s.get("evidence")).elems()) {
            TlaValue.Rec r = (TlaValue.Rec) e;
            ev.add(new Evidence(SpecValues.indexOf(reporters, r.get("rep")), Math.toIntExact(r.getInt("rnd"))));
        }
        Oracle o = Oracle.fromState(params, Math.toIntExact(SpecValues.asLong(s.get("round"))),
                SpecValues.toArray(reporters, s.get("reports")), SpecValues.toArray(reporters, s.get("rel")),
                SpecValues.asLong(s.get("price")), Math.toIntExact(SpecValues.asLong(s.get("priceRound"))),
                SpecValues.asLong(s.get("pending")), Math.toIntExact(SpecValues.asLong(s.get("pendingRound"))),
                ((TlaValue.Bool) s.get("aggregated")).value(), ev);
        return new World(o, SpecValues.asLong(s.get("truePrice")));
    }

    @Override
    public Map<String, TlaValue> toSpec(World w) {
        Oracle o = w.oracle;
        Map<String, TlaValue> m = new LinkedHashMap<>();
        m.put("round", TlaValue.of(o.round()));
        m.put("truePrice", TlaValue.of(w.truePrice));
        m.put("reports", SpecValues.fromArray(reporters, o.reports()));
        m.put("rel", SpecValues.fromArray(reporters, o.rel()));
        m.put("price", TlaValue.of(o.price()));
        m.put("priceRound", TlaValue.of(o.priceRound()));
        m.put("pending", TlaValue.of(o.pending()));
        m.put("pendingRound", TlaValue.of(o.pendingRound()));
        m.put("aggregated", TlaValue.of(o.aggregated()));
        List<TlaValue> ev = new ArrayList<>();
        for (Evidence e : o.evidence()) {
            ev.add(TlaValue.rec("rep", reporters.get(e.reporter()), "rnd", TlaValue.of(e.round())));
        }
        m.put("evidence", new TlaValue.SetV(ev));
        return m;
    }

    @Override
    public World copy(World w) {
        return new World(w.oracle.copy(), w.truePrice);
    }

    @Override
    public void apply(World w, TlaValue.Rec a) {
        switch (a.getStr("name")) {
            case "Report" -> {
                int r = SpecValues.indexOf(reporters, a.get("r"));
                long px = a.getInt("px");
                if (!faulty[r]) {
                    if (w.oracle.reportOf(r) != Oracle.NO_REPORT) {
                        throw new EnvironmentRefusal("honest reporter " + a.get("r").toTla() + " reports twice");
                    }
                    if (Math.abs(px - w.truePrice) > params.tol) {
                        throw new EnvironmentRefusal("honest report " + px + " more than Tol from true price "
                                + w.truePrice);
                    }
                }
                w.oracle.report(r, px);
            }
            case "Aggregate" -> w.oracle.aggregate();
            case "AdvanceRound" -> {
                long tp = a.getInt("tp");
                if (tp < params.minPrice || tp > params.maxPrice || Math.abs(tp - w.truePrice) > params.maxStep) {
                    throw new EnvironmentRefusal("true price " + w.truePrice + " cannot move to " + tp);
                }
                w.oracle.advanceRound();
                w.truePrice = tp;
            }
            default -> throw new IllegalArgumentException("unknown Oracle action " + a.toTla());
        }
    }

    @Override
    public boolean isRejection(Throwable t) {
        return t instanceof OracleException || t instanceof EnvironmentRefusal;
    }

    @Override
    public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> state, Map<String, TlaValue> constants) {
        return candidates;
    }

    /** The Next-domains of Oracle.tla for these constants. */
    private List<TlaValue.Rec> buildCandidates() {
        List<TlaValue.Rec> out = new ArrayList<>();
        for (TlaValue.ModelValue r : reporters) {
            for (long px = params.minPrice; px <= params.maxPrice; px++) {
                out.add(TlaValue.rec("name", TlaValue.str("Report"), "r", r, "px", TlaValue.of(px)));
            }
        }
        out.add(TlaValue.rec("name", TlaValue.str("Aggregate")));
        for (long tp = params.minPrice; tp <= params.maxPrice; tp++) {
            out.add(TlaValue.rec("name", TlaValue.str("AdvanceRound"), "tp", TlaValue.of(tp)));
        }
        return out;
    }
}
