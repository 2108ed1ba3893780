package dev.bulwark.conformance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Implementation -> spec for a spec whose implementation is driven by {@link RandomRuns}: seeded
 * random runs (valid and invalid calls; accepted calls are the steps) with the constants of the
 * spec's trace config, each also written as ITF JSON, checked by {@link TraceValidator}; the
 * figures go to {@code target/conformance/<spec>-validation.json} and summary.json.  Each spec's
 * test adds its own corrupted runs, built with {@link #withState}.
 */
public final class RandomRunValidation<I> {
    public static final int RUNS = Integer.getInteger("bulwark.validation.runs", 20);
    public static final int STEPS = Integer.getInteger("bulwark.validation.steps", 60);

    private final String spec;
    private final String implName;
    private final String implClass;
    private final Path module;
    private final Path cfg;
    private final SpecAdapter.Factory<I> factory;
    private final Path out;
    private List<List<Map<String, TlaValue>>> runs;
    private RandomRuns.Stats stats;
    private final int runCount;
    private final long seed;
    private final int steps;

    /**
     * @param spec     short spec name ("margin"), used for output folders and figure names
     * @param implName  the implementation's name in figure keys ("engine")
     * @param implClass the implementation class named in the ITF files ("MarginEngine")
     */
    public RandomRunValidation(String spec, String implName, String implClass, Path module, Path cfg,
                               SpecAdapter.Factory<I> factory) {
        this(spec, implName, implClass, module, cfg, factory, RUNS);
    }

    /** The same with its own number of runs (for a spec whose rarer actions need more runs to be reached). */
    public RandomRunValidation(String spec, String implName, String implClass, Path module, Path cfg,
                               SpecAdapter.Factory<I> factory, int runCount) {
        this(spec, implName, implClass, module, cfg, factory, runCount, ConformanceSuite.seed(), STEPS);
    }

    /**
     * The same with its own seed and run length (steps per run): a property test draws them, and
     * the config's constants, for each try.
     */
    public RandomRunValidation(String spec, String implName, String implClass, Path module, Path cfg,
                               SpecAdapter.Factory<I> factory, int runCount, long seed, int steps) {
        this.runCount = runCount;
        this.seed = seed;
        this.steps = steps;
        this.spec = spec;
        this.implName = implName;
        this.implClass = implClass;
        this.module = module;
        this.cfg = cfg;
        this.factory = factory;
        this.out = TlcRunner.projectRoot().resolve("target/conformance/" + spec);
    }

    /** The runs, generated once (seed {@code bulwark.seed} unless given). */
    public synchronized List<List<Map<String, TlaValue>>> runs() throws Exception {
        if (runs == null) {
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(cfg);
            SpecAdapter<I> a = factory.forConstants(consts);
            SplittableRandom rng = new SplittableRandom(seed);
            RandomRuns.Stats st = new RandomRuns.Stats();
            List<List<Map<String, TlaValue>>> rs = new ArrayList<>();
            for (int i = 0; i < runCount; i++) {
                List<Map<String, TlaValue>> run = RandomRuns.run(a, consts, rng, steps, 5000, st);
                rs.add(run);
                TraceValidator.writeItf(out.resolve("itf/run-" + (i + 1) + ".itf.json"), implClass + " seed "
                        + seed + " run " + (i + 1), run);
            }
            runs = rs;
            stats = st;
        }
        return runs;
    }

    public synchronized RandomRuns.Stats stats() throws Exception {
        runs();
        return stats;
    }

    public TraceValidator validator() {
        return new TraceValidator(module, cfg, "Init", "Next", out.resolve("validate"));
    }

    /** Validates all runs, prints one line and writes the figures; the caller asserts on the outcome. */
    public TraceValidator.Outcome validateAll() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        long t0 = System.nanoTime();
        TraceValidator.Outcome o = validator().validate("runs", rs);
        int steps = rs.stream().mapToInt(r -> r.size() - 1).sum();
        System.out.printf("%s trace validation: runs=%d steps=%d %s; %s; %.1fs%n", spec, rs.size(), steps, stats,
                o.summary(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", "implementation -> spec (TLC checks the spec admits each " + implName + " run)");
        figures.put("runs", rs.size());
        figures.put("steps", steps);
        figures.put(implName + "Calls", stats.calls);
        figures.put("refusedCalls", stats.rejected);
        figures.put("stepsByAction", new TreeMap<>(stats.acceptedByAction));
        figures.put("admitted", o.admitted());
        figures.put("tlc", o.tlc().summary());
        figures.put("itf", "target/conformance/" + spec + "/itf/run-1.." + rs.size() + ".itf.json");
        Conformance.writeFigures(TlcRunner.projectRoot().resolve("target/conformance"), spec + "-validation", figures);
        return o;
    }

    /** A copy of {@code runs} in which state {@code idx} (0-based) of run {@code run} (0-based) is {@code state}. */
    public static List<List<Map<String, TlaValue>>> withState(List<List<Map<String, TlaValue>>> runs, int run, int idx,
                                                              Map<String, TlaValue> state) {
        List<List<Map<String, TlaValue>>> bad = new ArrayList<>(runs);
        List<Map<String, TlaValue>> r = new ArrayList<>(runs.get(run));
        r.set(idx, state);
        bad.set(run, r);
        return bad;
    }
}
