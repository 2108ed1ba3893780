package dev.bulwark.conformance.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.RandomRunValidation;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TraceValidator;
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

    static final RandomRunValidation<OracleAdapter.World> V = new RandomRunValidation<>("oracle", "oracle", "Oracle",
            OracleAdapter.DIR.resolve("Oracle.tla"), OracleAdapter.DIR.resolve("Trace.cfg"), OracleAdapter::new);

    @Test
    void oracleRunsAreAdmittedByTheSpec() throws Exception {
        TraceValidator.Outcome o = V.validateAll();
        assertTrue(o.admitted(), o.summary());
        Map<String, Long> covered = new TreeMap<>(V.stats().acceptedByAction);
        for (String act : OracleAdapter.ACTIONS) {
            assertTrue(covered.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + covered);
        }
    }

    /** The first state of any run after an Aggregate with rel[r1] > 0: that reliability lowered by one. */
    @Test
    void corruptedReliabilityIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
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
                    Map<String, TlaValue> s = new LinkedHashMap<>(st);
                    s.put("rel", new TlaValue.Fn(m));
                    TraceValidator.Outcome o = V.validator().validate("corrupt-rel", RandomRunValidation.withState(rs, t, i, s));
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
        List<List<Map<String, TlaValue>>> rs = V.runs();
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
                    TraceValidator.Outcome o = V.validator().validate("corrupt-evidence", bad);
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
