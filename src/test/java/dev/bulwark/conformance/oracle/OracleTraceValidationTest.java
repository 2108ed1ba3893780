package dev.bulwark.conformance.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.RandomRuns;
import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.conformance.TraceValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Implementation -> spec (GUIDE section 3.2): seeded random runs of the Oracle with the
 * constants of spec/oracle/Trace.cfg (random valid and invalid calls; the adapter plays the
 * environment: honest reporters within Tol of its true price, bounded true-price moves) are
 * written as a TLA+ module extending Oracle, and TLC must admit every run. Corrupted runs must be
 * rejected, which shows the check is not vacuous.
 */
class OracleTraceValidationTest {

    static final Path ROOT = TlcRunner.projectRoot();
    static final Path OUT = ROOT.resolve("target/conformance/oracle");
    static final Path CFG = OracleAdapter.DIR.resolve("Trace.cfg");
    static final int RUNS = Integer.getInteger("bulwark.validation.runs", 20);
    static final int STEPS = Integer.getInteger("bulwark.validation.steps", 60);

    private static final List<List<Map<String, TlaValue>>> runs = new ArrayList<>();
    private static RandomRuns.Stats stats;

    private static synchronized List<List<Map<String, TlaValue>>> runs() throws Exception {
        if (runs.isEmpty()) {
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(CFG);
            OracleAdapter a = new OracleAdapter(consts);
            SplittableRandom rng = new SplittableRandom(ConformanceSuite.seed());
            stats = new RandomRuns.Stats();
            for (int i = 0; i < RUNS; i++) {
                List<Map<String, TlaValue>> run = RandomRuns.run(a, consts, rng, STEPS, 5000, stats);
                runs.add(run);
                TraceValidator.writeItf(OUT.resolve("itf/run-" + (i + 1) + ".itf.json"), "Oracle seed "
                        + ConformanceSuite.seed() + " run " + (i + 1), run);
            }
        }
        return runs;
    }

    private static TraceValidator validator() {
        return new TraceValidator(OracleAdapter.DIR.resolve("Oracle.tla"), CFG, "Init", "Next",
                OUT.resolve("validate"));
    }

    @Test
    void oracleRunsAreAdmittedByTheSpec() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        long t0 = System.nanoTime();
        TraceValidator.Outcome o = validator().validate("runs", rs);
        int steps = rs.stream().mapToInt(r -> r.size() - 1).sum();
        System.out.printf("oracle trace validation: runs=%d steps=%d %s; %s; %.1fs%n", rs.size(), steps, stats,
                o.summary(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", "implementation -> spec (TLC checks the spec admits each oracle run)");
        figures.put("runs", rs.size());
        figures.put("steps", steps);
        figures.put("oracleCalls", stats.calls);
        figures.put("refusedCalls", stats.rejected);
        figures.put("stepsByAction", new TreeMap<>(stats.acceptedByAction));
        figures.put("admitted", o.admitted());
        figures.put("tlc", o.tlc().summary());
        figures.put("itf", "target/conformance/oracle/itf/run-1.." + rs.size() + ".itf.json");
        Conformance.writeFigures(ROOT.resolve("target/conformance"), "oracle-validation", figures);
        assertTrue(o.admitted(), o.summary());
        Map<String, Long> covered = new TreeMap<>(stats.acceptedByAction);
        for (String act : OracleAdapter.ACTIONS) {
            assertTrue(covered.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + covered);
        }
    }

    /** The first state of any run after an Aggregate with rel[r1] > 0: that reliability lowered by one. */
    @Test
    void corruptedReliabilityIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        TlaValue r1 = TlaValue.model("r1");
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                TlaValue.Rec a = (TlaValue.Rec) st.get("lastAction");
                TlaValue.Fn rel = (TlaValue.Fn) st.get("rel");
                long v = ((TlaValue.Int) rel.apply(r1)).value();
                if (a.getStr("name").equals("Aggregate") && v > 0) {
                    TreeMap<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
                    m.putAll(rel.map());
                    m.put(r1, TlaValue.of(v - 1));
                    List<List<Map<String, TlaValue>>> bad = new ArrayList<>(rs);
                    List<Map<String, TlaValue>> r = new ArrayList<>(rs.get(t));
                    Map<String, TlaValue> s = new LinkedHashMap<>(st);
                    s.put("rel", new TlaValue.Fn(m));
                    r.set(i, s);
                    bad.set(t, r);
                    TraceValidator.Outcome o = validator().validate("corrupt-rel", bad);
                    System.out.println("oracle trace validation, rel[r1] - 1 after an Aggregate at run " + (t + 1)
                            + " state " + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted a run with a wrong reliability");
                    assertEquals(t + 1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no Aggregate step with rel[r1] > 0 in the random runs");
    }

    @Test
    void equivocationWithoutEvidenceIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        // the first state of any run whose evidence just grew: drop the new evidence
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                TlaValue.SetV before = (TlaValue.SetV) rs.get(t).get(i - 1).get("evidence");
                TlaValue.SetV after = (TlaValue.SetV) rs.get(t).get(i).get("evidence");
                if (after.elems().size() > before.elems().size()) {
                    List<List<Map<String, TlaValue>>> bad = new ArrayList<>(rs);
                    List<Map<String, TlaValue>> r = new ArrayList<>(rs.get(t));
                    for (int j = i; j < r.size(); j++) {
                        // from here on, the run pretends the equivocation left no evidence
                        Map<String, TlaValue> s = new LinkedHashMap<>(r.get(j));
                        List<TlaValue> ev = new ArrayList<>(((TlaValue.SetV) s.get("evidence")).elems());
                        ev.removeAll(after.elems());
                        ev.addAll(before.elems());
                        s.put("evidence", new TlaValue.SetV(ev));
                        r.set(j, s);
                    }
                    bad.set(t, r);
                    TraceValidator.Outcome o = validator().validate("corrupt-evidence", bad);
                    System.out.println("oracle trace validation, evidence dropped at run " + (t + 1) + " state "
                            + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted an equivocation without evidence");
                    assertEquals(t + 1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no equivocation in the random runs");
    }
}
