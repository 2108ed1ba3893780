package dev.bulwark.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole spec -> implementation pipeline for one spec, regenerated on every run:
 * TLC simulation of the trace config (recorded seed) and the full state graph of the CI
 * config, replay of simulation and regression traces, every graph edge, the disabled
 * instances, coverage, and the report under {@code target/conformance/}.
 */
public final class ConformanceSuite<I> {

    /**
     * Settings of one run; {@code disabledSampleNodes < 0} means every node. {@code extraGraphCfgs}:
     * further configs whose full graphs are checked like {@code modelCheckCfg} (figures keyed by
     * the config's file name; the disabled-instance sample applies to each graph).
     */
    public record Settings(Path module, Path modelCheckCfg, Path traceCfg, Path regressionDir, Path outDir,
                           int traces, int depth, long seed, boolean disabled, int disabledSampleNodes,
                           List<Path> extraGraphCfgs) {
        public Settings(Path module, Path modelCheckCfg, Path traceCfg, Path regressionDir, Path outDir,
                        int traces, int depth, long seed, boolean disabled, int disabledSampleNodes) {
            this(module, modelCheckCfg, traceCfg, regressionDir, outDir, traces, depth, seed, disabled,
                    disabledSampleNodes, List.of());
        }
    }

    private final String spec;
    private final List<String> actions;
    private final SpecAdapter.Factory<I> factory;
    private final Settings s;
    private final TlcRunner tlc;

    public ConformanceSuite(String spec, List<String> actions, SpecAdapter.Factory<I> factory, Settings settings) {
        this.spec = spec;
        this.actions = actions;
        this.factory = factory;
        this.s = settings;
        this.tlc = new TlcRunner(settings.outDir().resolve("tlc"));
    }

    public static long seed() {
        String p = System.getProperty("bulwark.seed");
        return p == null || p.isBlank() ? 20261124L : Long.parseLong(p.trim());
    }

    /** Runs everything; never throws on mismatches (inspect the result), throws if TLC fails. */
    public Conformance<I> run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Conformance<I> c = new Conformance<>(spec, actions);
        c.figure("seed", s.seed());

        // 1. simulation traces of the trace config
        if (s.traceCfg() != null && s.traces() > 0) {
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(s.traceCfg());
            SpecAdapter<I> adapter = factory.forConstants(consts);
            Path dir = s.outDir().resolve("traces");
            TlcRunner.Result r = tlc.simulate(s.module(), s.traceCfg(), dir, s.traces(), s.depth(), s.seed());
            c.timing("tlcSimulate", r.seconds());
            if (!r.ok()) {
                throw new IllegalStateException("TLC simulation failed: " + r.summary());
            }
            List<Path> files = TlcRunner.traceFiles(dir);
            if (files.size() != s.traces()) {
                throw new IllegalStateException("TLC wrote " + files.size() + " traces, expected " + s.traces());
            }
            long t1 = System.nanoTime();
            for (Path f : files) {
                c.replayTrace(adapter, s.outDir().relativize(f).toString(), TlaParser.parseTraceFile(f), false);
            }
            c.timing("replay", (System.nanoTime() - t1) / 1e9);
            c.figure("traceConfig", s.traceCfg().getFileName().toString());
            c.figure("traceDepth", s.depth());
        }

        // 2. regression traces (TLC trace format), each with the constants of the trace config
        //    unless a same-named .cfg lies beside it
        if (s.regressionDir() != null && Files.isDirectory(s.regressionDir())) {
            List<Path> files = new ArrayList<>();
            try (var st = Files.list(s.regressionDir())) {
                st.filter(p -> p.getFileName().toString().endsWith(".trace")).sorted().forEach(files::add);
            }
            for (Path f : files) {
                Path own = f.resolveSibling(f.getFileName().toString().replace(".trace", ".cfg"));
                Path cfg = Files.isRegularFile(own) ? own : s.traceCfg();
                SpecAdapter<I> adapter = factory.forConstants(TlaParser.parseCfgConstants(cfg));
                c.replayTrace(adapter, "regression/" + f.getFileName(), TlaParser.parseTraceFile(f), true);
            }
        }

        // 3. the full state graph of the CI config (and of any extra graph config)
        List<Path> graphs = new ArrayList<>();
        if (s.modelCheckCfg() != null) {
            graphs.add(s.modelCheckCfg());
        }
        graphs.addAll(s.extraGraphCfgs() == null ? List.of() : s.extraGraphCfgs());
        for (int gi = 0; gi < graphs.size(); gi++) {
            Path cfg = graphs.get(gi);
            // the first graph keeps the historical figure names; extra ones are suffixed with the config name
            String sfx = gi == 0 ? "" : "[" + cfg.getFileName().toString() + "]";
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(cfg);
            SpecAdapter<I> adapter = factory.forConstants(consts);
            Path dot = s.outDir().resolve(gi == 0 ? "graph.dot"
                    : "graph-" + cfg.getFileName().toString().replace(".cfg", "") + ".dot");
            TlcRunner.Result r = tlc.dumpGraph(s.module(), cfg, dot);
            c.timing("tlcGraph" + sfx, r.seconds());
            if (!r.ok()) {
                throw new IllegalStateException("TLC model checking failed: " + r.summary());
            }
            c.figure("tlcGenerated" + sfx, r.generated());
            c.figure("tlcDistinct" + sfx, r.distinct());
            long t1 = System.nanoTime();
            StateGraph g = StateGraph.read(dot);
            c.timing("graphParse" + sfx, (System.nanoTime() - t1) / 1e9);
            if (g.nodeCount() != r.distinct()) {
                throw new IllegalStateException("graph has " + g.nodeCount() + " nodes, TLC found " + r.distinct());
            }
            // TLC counts the initial states and one state per transition as "generated"
            if (g.edgeCount() != r.generated() - g.initialNodes().size()) {
                throw new IllegalStateException("graph has " + g.edgeCount() + " edges and " + g.initialNodes().size()
                        + " initial states, TLC generated " + r.generated() + " states");
            }
            long t2 = System.nanoTime();
            int sample = s.disabledSampleNodes() < 0 ? g.nodeCount() : s.disabledSampleNodes();
            c.checkGraph(adapter, g, consts, s.disabled(), sample, s.seed());
            c.timing("graphCheck" + sfx, (System.nanoTime() - t2) / 1e9);
            c.figure(gi == 0 ? "modelCheckConfig" : "extraGraphConfig" + sfx, cfg.getFileName().toString());
            c.figure("graphDot" + sfx, s.outDir().relativize(dot).toString()); // kept for reading mismatch node ids
        }
        c.timing("total", (System.nanoTime() - t0) / 1e9);
        return c;
    }
}
