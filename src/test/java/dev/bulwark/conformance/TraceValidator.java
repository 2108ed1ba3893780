package dev.bulwark.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Implementation -> spec (GUIDE section 3.2): runs of the Java code, each a list of states
 * (all spec variables, the action variable included), are written as a TLA+ module that
 * EXTENDS the spec, and TLC checks that the spec admits every run.
 *
 * <p>The module {@code <Spec>Validate.tla} declares the model values of the runs as
 * constants (assigned to themselves in the .cfg), defines {@code ValTraces}, and has two
 * variables of its own: {@code traceNo} and {@code traceIdx}. {@code ValInit} picks a run and
 * loads its first state; {@code ValNext} either takes a step of the spec's {@code Next} whose
 * successor is the run's next state, or, at the end of a run, stutters. With deadlock checking
 * on, TLC reports "No error" iff every step of every run is a step of the spec; a deadlock
 * names the run and the state it could not leave. The invariant {@code ValInitAdmitted}
 * checks that each run starts in an initial state of the spec.
 *
 * <p>Each run is also written as ITF JSON ({@code run-N.itf.json}).
 */
public final class TraceValidator {

    /** Verdict; {@code traceNo}/{@code traceIdx} (1-based) name the first state TLC could not continue from. */
    public record Outcome(boolean admitted, int traceNo, int traceIdx, String reason, TlcRunner.Result tlc,
                          Path module) {
        public String summary() {
            return admitted ? "admitted (" + tlc.summary() + ")"
                    : "NOT admitted: run " + traceNo + " state " + traceIdx + ": " + reason + " (" + tlc.summary() + ")";
        }
    }

    private final Path specModule;
    private final Path cfg;
    private final String nextOp;
    private final String initOp;
    private final Path outDir;
    private final TlcRunner tlc;
    /** Spec variables absent from the runs, with the TLA+ set of their initial values (see {@link #unchecked}). */
    private final Map<String, String> unchecked = new java.util.LinkedHashMap<>();

    /**
     * @param specModule the spec's .tla (every .tla beside it is copied next to the generated module)
     * @param cfg        the config whose CONSTANTS the runs used
     */
    public TraceValidator(Path specModule, Path cfg, String initOp, String nextOp, Path outDir) {
        this.specModule = specModule;
        this.cfg = cfg;
        this.initOp = initOp;
        this.nextOp = nextOp;
        this.outDir = outDir;
        this.tlc = new TlcRunner(outDir.resolve("tlc"));
    }

    /**
     * Validation over a subset of the spec's variables: the runs' states leave out the variables
     * given here (e.g. a variable the implementation does not track, or one the spec chooses
     * nondeterministically). {@code ValInit} draws each from its set of initial values (a TLA+
     * expression, e.g. {@code "{{}}"}); {@code ValStep} lets the spec's {@code Next} choose its
     * successor value freely, so a run is admitted iff some behaviour of the spec matches it on
     * the listed variables. Returns this validator.
     */
    public TraceValidator unchecked(String variable, String initialValues) {
        unchecked.put(variable, initialValues);
        return this;
    }

    /** Values whose TLA+ text is longer than this are defined once and named (see moduleText). */
    static final int SHARE_ABOVE_CHARS = 120;

    public Outcome validate(String tag, List<List<Map<String, TlaValue>>> runs) throws IOException, InterruptedException {
        if (runs.isEmpty() || runs.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("runs must be non-empty");
        }
        String spec = specModule.getFileName().toString().replace(".tla", "");
        String name = spec + "Validate";
        Path dir = outDir.resolve(tag);
        Files.createDirectories(dir);
        try (var s = Files.list(specModule.toAbsolutePath().getParent())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.getFileName().toString().endsWith(".tla")) {
                    Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        List<String> vars = new ArrayList<>(runs.get(0).get(0).keySet());
        TreeSet<TlaValue> models = new TreeSet<>(TlaValue.ORDER);
        for (List<Map<String, TlaValue>> run : runs) {
            for (Map<String, TlaValue> st : run) {
                if (!st.keySet().equals(runs.get(0).get(0).keySet())) {
                    throw new IllegalArgumentException("states must all have the variables " + vars + ": " + st.keySet());
                }
                for (TlaValue v : st.values()) {
                    collectModelValues(v, models);
                }
            }
        }
        // model values that are constants of the config (e.g. a NilValue = NilValue) are declared by the spec
        Map<String, TlaValue> cfgConstants = TlaParser.parseCfgConstants(cfg);
        models.removeIf(m -> cfgConstants.containsKey(((TlaValue.ModelValue) m).name()));
        for (String u : unchecked.keySet()) {
            if (vars.contains(u)) {
                throw new IllegalArgumentException("unchecked variable " + u + " is present in the runs");
            }
        }
        Path module = dir.resolve(name + ".tla");
        Files.writeString(module, moduleText(name, spec, vars, models, runs));
        Path vcfg = dir.resolve(name + ".cfg");
        Files.writeString(vcfg, cfgText(models));
        TlcRunner.Result r = tlc.check(module, vcfg);
        if (r.ok() && r.output().contains("Model checking completed. No error has been found.")) {
            return new Outcome(true, 0, 0, null, r, module);
        }
        if ("deadlock".equals(r.errorKind()) || "invariant".equals(r.errorKind())) {
            Map<String, TlaValue> last = r.errorTrace().isEmpty() ? Map.of() : r.errorTrace().get(r.errorTrace().size() - 1);
            int no = last.get("traceNo") instanceof TlaValue.Int i ? (int) i.value() : -1;
            int idx = last.get("traceIdx") instanceof TlaValue.Int i ? (int) i.value() : -1;
            String reason = "deadlock".equals(r.errorKind())
                    ? "the spec has no step to the run's next state (action " + actionOf(runs, no, idx + 1) + ")"
                    : "not an initial state of the spec (" + r.violation() + ")";
            return new Outcome(false, no, idx, reason, r, module);
        }
        throw new IllegalStateException("TLC failed on the validation module " + module + ": " + r.summary());
    }

    private static String actionOf(List<List<Map<String, TlaValue>>> runs, int no, int idx) {
        if (no < 1 || no > runs.size() || idx < 1 || idx > runs.get(no - 1).size()) {
            return "?";
        }
        Map<String, TlaValue> st = runs.get(no - 1).get(idx - 1);
        return st.containsKey("lastAction") ? st.get("lastAction").toTla() : st.toString();
    }

    private static void collectModelValues(TlaValue v, TreeSet<TlaValue> out) {
        if (v instanceof TlaValue.ModelValue m) {
            out.add(m);
        } else if (v instanceof TlaValue.Seq s) {
            s.elems().forEach(x -> collectModelValues(x, out));
        } else if (v instanceof TlaValue.SetV s) {
            s.elems().forEach(x -> collectModelValues(x, out));
        } else if (v instanceof TlaValue.Rec r) {
            r.fields().values().forEach(x -> collectModelValues(x, out));
        } else if (v instanceof TlaValue.Fn f) {
            f.map().forEach((k, x) -> {
                collectModelValues(k, out);
                collectModelValues(x, out);
            });
        }
    }

    private String moduleText(String name, String spec, List<String> vars, TreeSet<TlaValue> models,
                              List<List<Map<String, TlaValue>>> runs) {
        StringBuilder b = new StringBuilder();
        b.append("---- MODULE ").append(name).append(" ----\n");
        b.append("(* Generated by dev.bulwark.conformance.TraceValidator: does ").append(spec)
                .append(" admit these implementation runs? *)\n");
        b.append("EXTENDS ").append(spec).append(", Naturals, Sequences, TLC\n\n");
        if (!models.isEmpty()) {
            b.append("CONSTANTS ");
            boolean first = true;
            for (TlaValue m : models) {
                b.append(first ? "" : ", ").append(m.toTla());
                first = false;
            }
            b.append("\n\n");
        }
        b.append("VARIABLES traceNo, traceIdx\n\n");
        // A variable's value that is long is defined once (ValV<k> == value) and named in every state
        // that has it: runs repeat most values from state to state, and SANY's parsing time grows
        // with the module's text.
        Map<String, String> shared = new java.util.LinkedHashMap<>();
        for (List<Map<String, TlaValue>> run : runs) {
            for (Map<String, TlaValue> st : run) {
                for (String v : vars) {
                    String text = st.get(v).toTla();
                    if (text.length() > SHARE_ABOVE_CHARS && !shared.containsKey(text)) {
                        shared.put(text, "ValV" + (shared.size() + 1));
                    }
                }
            }
        }
        for (Map.Entry<String, String> e : shared.entrySet()) {
            b.append(e.getValue()).append(" == ").append(e.getKey()).append('\n');
        }
        if (!shared.isEmpty()) {
            b.append('\n');
        }
        b.append("ValTraces == <<\n");
        for (int t = 0; t < runs.size(); t++) {
            b.append("  \\* run ").append(t + 1).append('\n');
            b.append("  <<\n");
            List<Map<String, TlaValue>> run = runs.get(t);
            for (int i = 0; i < run.size(); i++) {
                StringBuilder rec = new StringBuilder("[");
                boolean first = true;
                for (String v : vars) {
                    String text = run.get(i).get(v).toTla();
                    rec.append(first ? "" : ", ").append(v).append(" |-> ").append(shared.getOrDefault(text, text));
                    first = false;
                }
                rec.append(']');
                b.append("    ").append(rec).append(i + 1 < run.size() ? ",\n" : "\n");
            }
            b.append("  >>").append(t + 1 < runs.size() ? ",\n" : "\n");
        }
        b.append(">>\n\n");
        b.append("ValInit ==\n    \\E t \\in 1..Len(ValTraces) :\n        /\\ traceNo = t\n        /\\ traceIdx = 1\n");
        for (String v : vars) {
            b.append("        /\\ ").append(v).append(" = ValTraces[t][1].").append(v).append('\n');
        }
        for (Map.Entry<String, String> u : unchecked.entrySet()) {
            b.append("        /\\ ").append(u.getKey()).append(" \\in ").append(u.getValue()).append('\n');
        }
        b.append("\nValStep ==\n    /\\ traceIdx < Len(ValTraces[traceNo])\n    /\\ ").append(nextOp).append('\n');
        for (String v : vars) {
            b.append("    /\\ ").append(v).append("' = ValTraces[traceNo][traceIdx + 1].").append(v).append('\n');
        }
        b.append("    /\\ traceIdx' = traceIdx + 1\n    /\\ UNCHANGED traceNo\n\n");
        b.append("ValDone ==\n    /\\ traceIdx = Len(ValTraces[traceNo])\n    /\\ UNCHANGED <<traceNo, traceIdx");
        for (String v : vars) {
            b.append(", ").append(v);
        }
        for (String u : unchecked.keySet()) {
            b.append(", ").append(u);
        }
        b.append(">>\n\nValNext == ValStep \\/ ValDone\n\n");
        b.append("ValInitAdmitted == traceIdx = 1 => ").append(initOp).append("\n\n");
        b.append("====\n");
        return b.toString();
    }

    private String cfgText(TreeSet<TlaValue> models) throws IOException {
        StringBuilder b = new StringBuilder("\\* Generated by dev.bulwark.conformance.TraceValidator\nCONSTANTS\n");
        for (Map.Entry<String, TlaValue> e : TlaParser.parseCfgConstants(cfg).entrySet()) {
            if (e.getValue() instanceof TlaValue.Str s && s.value().startsWith("<-")) {
                b.append("    ").append(e.getKey()).append(" <- ").append(s.value().substring(2)).append('\n');
            } else {
                b.append("    ").append(e.getKey()).append(" = ").append(e.getValue().toTla()).append('\n');
            }
        }
        for (TlaValue m : models) {
            b.append("    ").append(m.toTla()).append(" = ").append(m.toTla()).append('\n');
        }
        b.append("INIT ValInit\nNEXT ValNext\nINVARIANT ValInitAdmitted\nCHECK_DEADLOCK TRUE\n");
        return b.toString();
    }

    // ---------------------------------------------------------------- ITF

    /** Writes one run as an ITF trace (Apalache / Quint trace format). */
    public static void writeItf(Path file, String source, List<Map<String, TlaValue>> run) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder b = new StringBuilder("{\n  \"#meta\": {\"format\": \"ITF\", \"source\": ")
                .append(Json.quote(source)).append(", \"description\": \"implementation run\"},\n  \"vars\": [");
        List<String> vars = new ArrayList<>(run.get(0).keySet());
        for (int i = 0; i < vars.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(Json.quote(vars.get(i)));
        }
        b.append("],\n  \"states\": [\n");
        for (int i = 0; i < run.size(); i++) {
            b.append("    {\"#meta\": {\"index\": ").append(i).append('}');
            for (String v : vars) {
                b.append(", ").append(Json.quote(v)).append(": ").append(run.get(i).get(v).toItf());
            }
            b.append(i + 1 < run.size() ? "},\n" : "}\n");
        }
        b.append("  ]\n}\n");
        Files.writeString(file, b.toString());
    }
}
