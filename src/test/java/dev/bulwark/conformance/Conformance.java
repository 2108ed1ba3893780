package dev.bulwark.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The generic spec -> implementation conformance engine (GUIDE section 3.1).
 *
 * <ul>
 *   <li>{@link #replayTrace}: a behaviour (simulation or regression trace) is replayed from
 *       {@code init()}, comparing {@code toSpec} with every state;</li>
 *   <li>{@link #checkGraph}: every edge of a state graph is tested alone ({@code fromSpec(src)},
 *       apply, compare with dst), and at every node every candidate action instance that is
 *       not an edge must be rejected with the typed exception, leaving the state unchanged.</li>
 * </ul>
 *
 * Mismatches are collected (not thrown) and printed with the source, step, action,
 * parameters and a per-variable diff; {@link #report} writes the figures and the coverage.
 */
public final class Conformance<I> {

    /** One disagreement between spec and implementation. */
    public record Mismatch(String source, String where, TlaValue action, String problem, List<String> diff) {
        public String render() {
            StringBuilder b = new StringBuilder();
            b.append("MISMATCH ").append(source).append(" ").append(where).append('\n');
            b.append("  action:  ").append(action == null ? "-" : action.toTla()).append('\n');
            b.append("  problem: ").append(problem).append('\n');
            for (String d : diff) {
                b.append("    ").append(d).append('\n');
            }
            return b.toString();
        }
    }

    /** Counters per action name. */
    static final class ActionStats {
        final LongAdder simSteps = new LongAdder();
        final LongAdder regressionSteps = new LongAdder();
        final LongAdder graphEdges = new LongAdder();
        final LongAdder disabledRejected = new LongAdder();
    }

    private final String spec;
    private final List<String> actions;
    private final Map<String, ActionStats> stats = new ConcurrentHashMap<>();
    private final List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Object> figures = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Double> timings = Collections.synchronizedMap(new LinkedHashMap<>());
    private final LongAdder traces = new LongAdder();
    private final LongAdder steps = new LongAdder();
    private final LongAdder regressionTraces = new LongAdder();
    private final LongAdder regressionSteps = new LongAdder();
    private final LongAdder edgesTested = new LongAdder();
    private final LongAdder disabledChecked = new LongAdder();
    private final LongAdder nodesChecked = new LongAdder();
    private long graphEdgesTotal;
    private long graphNodesTotal;

    public Conformance(String spec, List<String> actions) {
        this.spec = spec;
        this.actions = List.copyOf(actions);
        for (String a : actions) {
            stats.put(a, new ActionStats());
        }
    }

    public String spec() {
        return spec;
    }

    public List<Mismatch> mismatches() {
        return List.copyOf(mismatches);
    }

    public void figure(String key, Object value) {
        figures.put(key, value);
    }

    public void timing(String key, double seconds) {
        timings.put(key, Math.round(seconds * 100) / 100.0);
    }

    private ActionStats statsFor(String action) {
        return stats.computeIfAbsent(action, k -> new ActionStats());
    }

    // ---------------------------------------------------------------- traces

    /**
     * Replays one behaviour. State 1 must be the implementation's initial state; each next
     * state's action variable names the call. Stops the trace at its first mismatch.
     *
     * @param regression counts the trace as a regression trace rather than a simulation trace
     */
    public boolean replayTrace(SpecAdapter<I> adapter, String source, List<Map<String, TlaValue>> states,
                               boolean regression) {
        String av = adapter.actionVariable();
        Set<String> skip = skipped(adapter);
        (regression ? regressionTraces : traces).increment();
        I impl;
        try {
            impl = adapter.init(states.get(0));
        } catch (RuntimeException e) {
            mismatch(source, "step 1", null, "init() threw " + e, List.of());
            return false;
        }
        List<String> d = diff(states.get(0), adapter.toSpec(impl), skip);
        if (!d.isEmpty()) {
            mismatch(source, "step 1 (initial state)", states.get(0).get(av), "initial state differs", d);
            return false;
        }
        for (int i = 1; i < states.size(); i++) {
            Map<String, TlaValue> next = states.get(i);
            TlaValue a = next.get(av);
            if (!(a instanceof TlaValue.Rec rec) || !rec.has("name")) {
                mismatch(source, "step " + (i + 1), a, "state has no action record in " + av, List.of());
                return false;
            }
            String name = rec.getStr("name");
            try {
                adapter.apply(impl, rec);
            } catch (RuntimeException e) {
                mismatch(source, "step " + (i + 1), a, (adapter.isRejection(e)
                        ? "implementation rejected an action the spec takes: " : "implementation threw ") + e,
                        diff(states.get(i - 1), adapter.toSpec(impl), skip));
                return false;
            }
            (regression ? regressionSteps : steps).increment();
            ActionStats s = statsFor(name);
            (regression ? s.regressionSteps : s.simSteps).increment();
            d = diff(next, adapter.toSpec(impl), skip);
            if (!d.isEmpty()) {
                mismatch(source, "step " + (i + 1) + " (state " + i + " -> " + (i + 1) + ")", a,
                        "state after the action differs", d);
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- graph

    /**
     * Tests every edge of the graph alone and, when {@code disabled}, every candidate action
     * instance at every node (or at a seeded sample of nodes when {@code sampleNodes} is less
     * than the node count).
     */
    public void checkGraph(SpecAdapter<I> adapter, StateGraph g, Map<String, TlaValue> constants, boolean disabled,
                           int sampleNodes, long seed) {
        String av = adapter.actionVariable();
        Set<String> skip = skipped(adapter);
        graphNodesTotal += g.nodeCount(); // summed over the graphs checked
        graphEdgesTotal += g.edgeCount();
        int[][] out = g.outEdges();
        boolean[] full = new boolean[g.nodeCount()];
        if (disabled) {
            if (sampleNodes >= g.nodeCount()) {
                java.util.Arrays.fill(full, true);
            } else {
                SplittableRandom r = new SplittableRandom(seed);
                int chosen = 0;
                while (chosen < sampleNodes) {
                    int n = r.nextInt(g.nodeCount());
                    if (!full[n]) {
                        full[n] = true;
                        chosen++;
                    }
                }
            }
        }
        // initial states must be the implementation's initial state
        for (int n : g.initialNodes()) {
            List<String> d = diff(g.state(n), adapter.toSpec(adapter.init(g.state(n))), skip);
            if (!d.isEmpty()) {
                mismatch("graph", "initial node " + g.fingerprint(n), g.state(n).get(av), "initial state differs", d);
            }
        }
        IntStream.range(0, g.nodeCount()).parallel().forEach(n -> checkNode(adapter, g, out, n, constants, full[n]));
    }

    private void checkNode(SpecAdapter<I> adapter, StateGraph g, int[][] out, int n, Map<String, TlaValue> constants,
                           boolean disabled) {
        String av = adapter.actionVariable();
        Set<String> skip = skipped(adapter);
        Map<String, TlaValue> st = g.state(n);
        String where = "node " + g.fingerprint(n);
        I base;
        try {
            base = adapter.fromSpec(st);
        } catch (RuntimeException e) {
            mismatch("graph", where, st.get(av), "fromSpec threw " + e, List.of());
            return;
        }
        Map<String, TlaValue> loaded = adapter.toSpec(base);
        if (!sameState(st, loaded, skip)) {
            List<String> rt = diff(st, loaded, skip);
            mismatch("graph", where, st.get(av), "toSpec(fromSpec(s)) differs from s", rt);
            return;
        }
        Set<TlaValue> enabled = new HashSet<>();
        for (int e : out[n]) {
            int dn = g.edgeDst(e);
            Map<String, TlaValue> dst = g.state(dn);
            TlaValue a = dst.get(av);
            String edgeWhere = "edge " + g.fingerprint(n) + " -> " + g.fingerprint(dn);
            if (!(a instanceof TlaValue.Rec rec) || !rec.has("name")) {
                mismatch("graph", edgeWhere, a, "destination has no action record", List.of());
                continue;
            }
            enabled.add(rec);
            String name = rec.getStr("name");
            if (!g.edgeLabel(e).isEmpty() && !g.edgeLabel(e).equals(name)) {
                mismatch("graph", edgeWhere, a, "edge label " + g.edgeLabel(e) + " differs from action " + name,
                        List.of());
            }
            I impl = adapter.copy(base);
            try {
                adapter.apply(impl, rec);
            } catch (RuntimeException ex) {
                mismatch("graph", edgeWhere, a, (adapter.isRejection(ex)
                        ? "implementation rejected an enabled action: " : "implementation threw ") + ex, List.of());
                continue;
            }
            edgesTested.increment();
            statsFor(name).graphEdges.increment();
            Map<String, TlaValue> after = adapter.toSpec(impl);
            if (!sameState(dst, after, skip)) {
                List<String> d = diff(dst, after, skip);
                mismatch("graph", edgeWhere, a, "state after the action differs", d);
            }
        }
        if (!disabled) {
            return;
        }
        nodesChecked.increment();
        List<TlaValue.Rec> cands = adapter.candidateActions(st, constants);
        Set<TlaValue> candSet = new HashSet<>(cands);
        for (TlaValue en : enabled) {
            if (!candSet.contains(en)) {
                mismatch("graph", where, en, "adapter's candidate actions miss an enabled action", List.of());
            }
        }
        for (TlaValue.Rec c : cands) {
            if (enabled.contains(c)) {
                continue;
            }
            I impl = adapter.copy(base);
            try {
                adapter.apply(impl, c);
                mismatch("graph", where + " (disabled check)", c,
                        "implementation accepted an action the spec disables (diff: expected = state unchanged)",
                        diff(st, adapter.toSpec(impl), skip));
                continue;
            } catch (RuntimeException ex) {
                if (!adapter.isRejection(ex)) {
                    mismatch("graph", where + " (disabled check)", c, "implementation threw " + ex
                            + " instead of its typed rejection", List.of());
                    continue;
                }
            }
            disabledChecked.increment();
            statsFor(c.getStr("name")).disabledRejected.increment();
            Map<String, TlaValue> after = adapter.toSpec(impl);
            if (!sameState(st, after, skip)) {
                List<String> d = diff(st, after, skip);
                mismatch("graph", where + " (disabled check)", c, "rejection changed the state", d);
            }
        }
    }

    // ---------------------------------------------------------------- diff

    /** The variables left out of every comparison: the action variable and the adapter's unchecked ones. */
    static Set<String> skipped(SpecAdapter<?> adapter) {
        Set<String> s = new HashSet<>(adapter.uncheckedVariables());
        s.add(adapter.actionVariable());
        return s;
    }

    /** Fast path of {@link #diff}: equal on every variable but {@code skip}. */
    static boolean sameState(Map<String, TlaValue> expected, Map<String, TlaValue> actual, String skip) {
        return sameState(expected, actual, Set.of(skip));
    }

    /** Fast path of {@link #diff}: equal on every variable not in {@code skip}. */
    static boolean sameState(Map<String, TlaValue> expected, Map<String, TlaValue> actual, Set<String> skip) {
        int n = 0;
        for (Map.Entry<String, TlaValue> e : expected.entrySet()) {
            if (skip.contains(e.getKey())) {
                continue;
            }
            n++;
            if (!e.getValue().equals(actual.get(e.getKey()))) {
                return false;
            }
        }
        int m = 0;
        for (String k : actual.keySet()) {
            if (!skip.contains(k)) {
                m++;
            }
        }
        return n == m;
    }

    /** Per-variable differences, expected (spec) vs actual (implementation); functions and records per key. */
    public static List<String> diff(Map<String, TlaValue> expected, Map<String, TlaValue> actual, String skip) {
        return diff(expected, actual, Set.of(skip));
    }

    /** Per-variable differences on every variable not in {@code skip}. */
    public static List<String> diff(Map<String, TlaValue> expected, Map<String, TlaValue> actual, Set<String> skip) {
        List<String> out = new ArrayList<>();
        TreeSet<String> vars = new TreeSet<>(expected.keySet());
        vars.addAll(actual.keySet());
        vars.removeAll(skip);
        for (String v : vars) {
            TlaValue e = expected.get(v);
            TlaValue a = actual.get(v);
            if (Objects.equals(e, a)) {
                continue;
            }
            if (e == null || a == null) {
                out.add(v + ": expected " + show(e) + ", actual " + show(a));
            } else if (e instanceof TlaValue.Fn fe && a instanceof TlaValue.Fn fa) {
                TreeSet<TlaValue> keys = new TreeSet<>(TlaValue.ORDER);
                keys.addAll(fe.map().keySet());
                keys.addAll(fa.map().keySet());
                for (TlaValue k : keys) {
                    TlaValue x = fe.map().get(k);
                    TlaValue y = fa.map().get(k);
                    if (!Objects.equals(x, y)) {
                        out.add(v + "[" + k.toTla() + "]: expected " + show(x) + ", actual " + show(y));
                    }
                }
            } else if (e instanceof TlaValue.Rec re && a instanceof TlaValue.Rec ra) {
                TreeSet<String> keys = new TreeSet<>(re.fields().keySet());
                keys.addAll(ra.fields().keySet());
                for (String k : keys) {
                    TlaValue x = re.fields().get(k);
                    TlaValue y = ra.fields().get(k);
                    if (!Objects.equals(x, y)) {
                        out.add(v + "." + k + ": expected " + show(x) + ", actual " + show(y));
                    }
                }
            } else {
                out.add(v + ": expected " + show(e) + ", actual " + show(a));
            }
        }
        return out;
    }

    private static String show(TlaValue v) {
        return v == null ? "(absent)" : v.toTla();
    }

    private void mismatch(String source, String where, TlaValue action, String problem, List<String> diff) {
        mismatches.add(new Mismatch(source, where, action, problem, List.copyOf(diff)));
    }

    // ---------------------------------------------------------------- report

    /** Actions never exercised by a simulation/regression step nor a graph edge. */
    public List<String> uncovered() {
        List<String> out = new ArrayList<>();
        for (String a : actions) {
            ActionStats s = statsFor(a);
            if (s.simSteps.sum() + s.regressionSteps.sum() + s.graphEdges.sum() == 0) {
                out.add(a);
            }
        }
        return out;
    }

    public Map<String, Object> figures() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", spec);
        m.put("traces", traces.sum());
        m.put("steps", steps.sum());
        m.put("regressionTraces", regressionTraces.sum());
        m.put("regressionSteps", regressionSteps.sum());
        m.put("graphNodes", graphNodesTotal);
        m.put("graphEdges", graphEdgesTotal);
        m.put("graphEdgesTested", edgesTested.sum());
        m.put("disabledNodesChecked", nodesChecked.sum());
        m.put("disabledInstancesChecked", disabledChecked.sum());
        Map<String, Object> acts = new TreeMap<>();
        int covered = 0;
        int both = 0;
        for (String a : actions) {
            ActionStats s = statsFor(a);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("simulationSteps", s.simSteps.sum());
            x.put("regressionSteps", s.regressionSteps.sum());
            x.put("graphEdges", s.graphEdges.sum());
            x.put("disabledRejected", s.disabledRejected.sum());
            long sim = s.simSteps.sum() + s.regressionSteps.sum();
            boolean cov = sim + s.graphEdges.sum() > 0;
            x.put("covered", cov);
            covered += cov ? 1 : 0;
            both += sim > 0 && s.graphEdges.sum() > 0 ? 1 : 0;
            acts.put(a, x);
        }
        m.put("actionsCovered", covered);
        m.put("actionsCoveredByBoth", both);
        m.put("actionsTotal", actions.size());
        m.put("actions", acts);
        m.put("mismatches", mismatches.size());
        m.putAll(figures);
        m.put("timingsSeconds", new LinkedHashMap<>(timings));
        return m;
    }

    public String oneLine() {
        Map<String, Object> f = figures();
        return String.format("conformance %s: traces=%s steps=%s regression=%s/%s edges=%s/%s "
                        + "disabled=%s (nodes %s/%s) actions covered=%s/%s (both sources %s) mismatches=%s timings=%s",
                spec, f.get("traces"), f.get("steps"), f.get("regressionTraces"), f.get("regressionSteps"),
                f.get("graphEdgesTested"), f.get("graphEdges"), f.get("disabledInstancesChecked"),
                f.get("disabledNodesChecked"), f.get("graphNodes"), f.get("actionsCovered"), f.get("actionsTotal"),
                f.get("actionsCoveredByBoth"), f.get("mismatches"), f.get("timingsSeconds"));
    }

    /** Prints at most {@code cap} mismatches. */
    public String renderMismatches(int cap) {
        StringBuilder b = new StringBuilder();
        List<Mismatch> ms = mismatches();
        for (int i = 0; i < Math.min(cap, ms.size()); i++) {
            b.append(ms.get(i).render());
        }
        if (ms.size() > cap) {
            b.append("... and ").append(ms.size() - cap).append(" more mismatches\n");
        }
        return b.toString();
    }

    /** Writes {@code dir/<spec>.json} and merges every spec's report into {@code dir/summary.json}. */
    public Path report(Path dir) throws IOException {
        Map<String, Object> f = figures();
        List<String> ms = new ArrayList<>();
        for (Mismatch m : mismatches()) {
            if (ms.size() >= 50) {
                break;
            }
            ms.add(m.render());
        }
        f.put("mismatchSamples", ms);
        return writeFigures(dir, spec, f);
    }

    /** Writes {@code dir/<name>.json} from a map of figures and re-merges {@code dir/summary.json}. */
    public static Path writeFigures(Path dir, String name, Map<String, Object> figures) throws IOException {
        Files.createDirectories(dir);
        Path own = dir.resolve(name + ".json");
        Files.writeString(own, Json.write(figures) + "\n");
        mergeSummary(dir);
        return own;
    }

    /** summary.json = an object keyed by spec name, made of every {@code <spec>.json} in the directory. */
    public static synchronized void mergeSummary(Path dir) throws IOException {
        Map<String, Object> all = new TreeMap<>();
        try (var s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String n = p.getFileName().toString();
                if (n.endsWith(".json") && !n.equals("summary.json") && Files.isRegularFile(p)) {
                    all.put(n.substring(0, n.length() - 5), new Json.Raw(Files.readString(p)));
                }
            }
        }
        Files.writeString(dir.resolve("summary.json"), Json.write(all) + "\n");
    }

    /** Groups candidate instances by action name (for reports). */
    public static Map<String, Integer> countByName(List<TlaValue.Rec> cands) {
        Map<String, Integer> m = new HashMap<>();
        for (TlaValue.Rec r : cands) {
            m.merge(r.getStr("name"), 1, Integer::sum);
        }
        return m;
    }
}
