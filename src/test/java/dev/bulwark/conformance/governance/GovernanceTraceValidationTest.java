package dev.bulwark.conformance.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.RandomRunValidation;
import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.conformance.TraceValidator;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Implementation -> spec (GUIDE section 3.2): seeded random runs of dev.bulwark.governance.Governance
 * ({@link GovernanceRuns}) with the constants of spec/governance/Trace.cfg -- random valid and
 * invalid calls: proposals of every kind with in- and out-of-bound payloads, for either chain and
 * for stale, current and future nonces; approvals by anyone; queueing, execution and
 * cancellation of any slot; block ends; fund flows -- are written as a TLA+ module extending
 * Governance, and TLC must admit every run.  ITF runs under target/conformance/governance/itf/,
 * figures in target/conformance/governance-validation.json (merged into summary.json).  Corrupted runs must be rejected at the
 * corrupted step, which shows the check is not vacuous.
 */
class GovernanceTraceValidationTest {

    static final Path CFG = GovernanceAdapter.DIR.resolve("Trace.cfg");
    static final Path OUT = TlcRunner.projectRoot().resolve("target/conformance/governance");
    static final int RUNS = Integer.getInteger("bulwark.governance.validation.runs", 20);
    static final int STEPS = Integer.getInteger("bulwark.governance.validation.steps", 80);

    private static List<List<Map<String, TlaValue>>> runs;
    private static final Map<String, Long> byAction = new TreeMap<>();
    private static long calls;
    private static long refused;

    private static synchronized List<List<Map<String, TlaValue>>> runs() throws Exception {
        if (runs == null) {
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(CFG);
            GovernanceAdapter a = new GovernanceAdapter(consts);
            SplittableRandom rng = new SplittableRandom(ConformanceSuite.seed());
            List<List<Map<String, TlaValue>>> rs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                GovernanceRuns gr = new GovernanceRuns(a, consts, rng.split());
                List<Map<String, TlaValue>> run = gr.run(STEPS);
                rs.add(run);
                gr.stepsByAction.forEach((k, v) -> byAction.merge(k, v, Long::sum));
                calls += gr.calls;
                refused += gr.refused;
                TraceValidator.writeItf(OUT.resolve("itf/run-" + (i + 1) + ".itf.json"), "Governance seed "
                        + ConformanceSuite.seed() + " run " + (i + 1), run);
            }
            runs = rs;
        }
        return runs;
    }

    private static TraceValidator validator() {
        return new TraceValidator(GovernanceAdapter.DIR.resolve("Governance.tla"), CFG, "Init", "Next",
                OUT.resolve("validate"));
    }

    @Test
    void governanceRunsAreAdmittedByTheSpec() throws Exception {
        long t0 = System.nanoTime();
        List<List<Map<String, TlaValue>>> rs = runs();
        TraceValidator.Outcome o = validator().validate("runs", rs);
        int steps = rs.stream().mapToInt(r -> r.size() - 1).sum();
        System.out.printf("governance trace validation: runs=%d steps=%d calls=%d refused=%d %s; %s; %.1fs%n",
                rs.size(), steps, calls, refused, byAction, o.summary(), (System.nanoTime() - t0) / 1e9);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", "implementation -> spec (TLC checks the spec admits each governance run)");
        figures.put("runs", rs.size());
        figures.put("steps", steps);
        figures.put("governanceCalls", calls);
        figures.put("refusedCalls", refused);
        figures.put("stepsByAction", new TreeMap<>(byAction));
        figures.put("admitted", o.admitted());
        figures.put("tlc", o.tlc().summary());
        figures.put("itf", "target/conformance/governance/itf/run-1.." + rs.size() + ".itf.json");
        Conformance.writeFigures(TlcRunner.projectRoot().resolve("target/conformance"), "governance-validation",
                figures);
        assertTrue(o.admitted(), o.summary());
        for (String act : GovernanceAdapter.ACTIONS) {
            assertTrue(byAction.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + byAction);
        }
    }

    /** The first Execute or Cancel of any run, with the nonce left where it was (a replayable nonce). */
    @Test
    void nonceNotAdvancedIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                String name = ((TlaValue.Rec) st.get("lastAction")).getStr("name");
                if (name.equals("Execute") || name.equals("Cancel")) {
                    Map<String, TlaValue> s = new LinkedHashMap<>(st);
                    s.put("nonce", rs.get(t).get(i - 1).get("nonce"));
                    // only the corrupted run is checked (the others were admitted above)
                    TraceValidator.Outcome o = validator().validate("corrupt-nonce",
                            RandomRunValidation.withState(List.of(rs.get(t)), 0, i, s));
                    System.out.println("governance trace validation, nonce not advanced by " + name + " at run "
                            + (t + 1) + " state " + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted an execution that did not consume its nonce");
                    assertEquals(1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no Execute or Cancel in the random runs");
    }

    /** The first Approve of any run, with a non-owner's approval added to the same proposal. */
    @Test
    void approvalByNonOwnerIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                TlaValue.Rec a = (TlaValue.Rec) st.get("lastAction");
                TlaValue.SetV owners = (TlaValue.SetV) st.get("owners");
                TlaValue outsider = null;
                for (String k : List.of("k1", "k2", "k3", "k4")) {
                    if (!owners.elems().contains(TlaValue.model(k))) {
                        outsider = TlaValue.model(k);
                    }
                }
                if (a.getStr("name").equals("Approve") && outsider != null) {
                    TlaValue.Fn appr = (TlaValue.Fn) st.get("approvals");
                    TlaValue slot = a.get("s");
                    List<TlaValue> set = new ArrayList<>(((TlaValue.SetV) appr.apply(slot)).elems());
                    set.add(outsider);
                    TreeMap<TlaValue, TlaValue> m = new TreeMap<>(TlaValue.ORDER);
                    m.putAll(appr.map());
                    m.put(slot, new TlaValue.SetV(set));
                    Map<String, TlaValue> s = new LinkedHashMap<>(st);
                    s.put("approvals", new TlaValue.Fn(m));
                    TraceValidator.Outcome o = validator().validate("corrupt-approval",
                            RandomRunValidation.withState(List.of(rs.get(t)), 0, i, s));
                    System.out.println("governance trace validation, approval by non-owner " + outsider.toTla()
                            + " at run " + (t + 1) + " state " + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted an approval by a non-owner");
                    assertEquals(1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no Approve while some key was not an owner");
    }
}
