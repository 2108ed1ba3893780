package dev.bulwark.conformance.margin;

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
 * Implementation -> spec (GUIDE section 3.2): seeded random runs of MarginEngine with the
 * constants of spec/margin/Trace.cfg (random valid and invalid calls; accepted calls are the
 * steps) are written as a TLA+ module extending Margin, and TLC must admit every run. Corrupted
 * runs must be rejected, which shows the check is not vacuous.
 */
class MarginTraceValidationTest {

    static final Path ROOT = TlcRunner.projectRoot();
    static final Path OUT = ROOT.resolve("target/conformance/margin");
    static final Path CFG = MarginAdapter.DIR.resolve("Trace.cfg");
    static final int RUNS = Integer.getInteger("bulwark.validation.runs", 20);
    static final int STEPS = Integer.getInteger("bulwark.validation.steps", 60);

    private static final List<List<Map<String, TlaValue>>> runs = new ArrayList<>();
    private static RandomRuns.Stats stats;

    private static synchronized List<List<Map<String, TlaValue>>> runs() throws Exception {
        if (runs.isEmpty()) {
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(CFG);
            MarginAdapter a = new MarginAdapter(consts);
            SplittableRandom rng = new SplittableRandom(ConformanceSuite.seed());
            stats = new RandomRuns.Stats();
            for (int i = 0; i < RUNS; i++) {
                List<Map<String, TlaValue>> run = RandomRuns.run(a, consts, rng, STEPS, 5000, stats);
                runs.add(run);
                TraceValidator.writeItf(OUT.resolve("itf/run-" + (i + 1) + ".itf.json"), "MarginEngine seed "
                        + ConformanceSuite.seed() + " run " + (i + 1), run);
            }
        }
        return runs;
    }

    private static TraceValidator validator() {
        return new TraceValidator(MarginAdapter.DIR.resolve("Margin.tla"), CFG, "Init", "Next",
                OUT.resolve("validate"));
    }

    @Test
    void engineRunsAreAdmittedByTheSpec() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        long t0 = System.nanoTime();
        TraceValidator.Outcome o = validator().validate("runs", rs);
        int steps = rs.stream().mapToInt(r -> r.size() - 1).sum();
        System.out.printf("margin trace validation: runs=%d steps=%d %s; %s; %.1fs%n", rs.size(), steps, stats,
                o.summary(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", "implementation -> spec (TLC checks the spec admits each engine run)");
        figures.put("runs", rs.size());
        figures.put("steps", steps);
        figures.put("engineCalls", stats.calls);
        figures.put("refusedCalls", stats.rejected);
        figures.put("stepsByAction", new TreeMap<>(stats.acceptedByAction));
        figures.put("admitted", o.admitted());
        figures.put("tlc", o.tlc().summary());
        figures.put("itf", "target/conformance/margin/itf/run-1.." + rs.size() + ".itf.json");
        Conformance.writeFigures(ROOT.resolve("target/conformance"), "margin-validation", figures);
        assertTrue(o.admitted(), o.summary());
        Map<String, Long> covered = new TreeMap<>(stats.acceptedByAction);
        for (String act : MarginAdapter.ACTIONS) {
            assertTrue(covered.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + covered);
        }
    }

    @Test
    void corruptedInsuranceIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> bad = new ArrayList<>(runs());
        int run = 2;
        int idx = 10; // 1-based state index
        List<Map<String, TlaValue>> r = new ArrayList<>(bad.get(run - 1));
        Map<String, TlaValue> s = new LinkedHashMap<>(r.get(idx - 1));
        s.put("insurance", TlaValue.of(((TlaValue.Int) s.get("insurance")).value() + 1));
        r.set(idx - 1, s);
        bad.set(run - 1, r);
        TraceValidator.Outcome o = validator().validate("corrupt-insurance", bad);
        System.out.println("margin trace validation, insurance + 1 at run 2 state 10: " + o.summary());
        assertFalse(o.admitted(), "TLC admitted a run with insurance + 1");
        assertEquals(run, o.traceNo());
        assertEquals(idx - 1, o.traceIdx());
    }

    @Test
    void swappedTradeSidesAreRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        // the first Trade step of any run: swap buyer and seller in its action record
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                TlaValue.Rec a = (TlaValue.Rec) rs.get(t).get(i).get("lastAction");
                if (a.getStr("name").equals("Trade")) {
                    Map<String, TlaValue> f = new TreeMap<>(a.fields());
                    f.put("buyer", a.get("seller"));
                    f.put("seller", a.get("buyer"));
                    List<List<Map<String, TlaValue>>> bad = new ArrayList<>(rs);
                    List<Map<String, TlaValue>> r = new ArrayList<>(rs.get(t));
                    Map<String, TlaValue> s = new LinkedHashMap<>(r.get(i));
                    s.put("lastAction", new TlaValue.Rec(new TreeMap<>(f)));
                    r.set(i, s);
                    bad.set(t, r);
                    TraceValidator.Outcome o = validator().validate("corrupt-trade", bad);
                    System.out.println("margin trace validation, swapped trade sides at run " + (t + 1) + " state "
                            + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted a trade with swapped sides");
                    assertEquals(t + 1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no Trade step in the random runs");
    }
}
