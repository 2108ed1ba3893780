package dev.bulwark.conformance.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.RandomRunValidation;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TraceValidator;
import dev.bulwark.margin.MarginEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Implementation -> spec (GUIDE section 3.2): seeded random runs of MarginEngine with the
 * constants of spec/margin/Trace.cfg (random valid and invalid calls; accepted calls are the
 * steps) are written as a TLA+ module extending Margin, and TLC must admit every run. Corrupted
 * runs must be rejected, which shows the check is not vacuous.
 */
class MarginTraceValidationTest {

    static final RandomRunValidation<MarginEngine> V = new RandomRunValidation<>("margin", "engine", "MarginEngine",
            MarginAdapter.DIR.resolve("Margin.tla"), MarginAdapter.DIR.resolve("Trace.cfg"), MarginAdapter::new);

    @Test
    void engineRunsAreAdmittedByTheSpec() throws Exception {
        TraceValidator.Outcome o = V.validateAll();
        assertTrue(o.admitted(), o.summary());
        Map<String, Long> covered = new TreeMap<>(V.stats().acceptedByAction);
        for (String act : MarginAdapter.ACTIONS) {
            assertTrue(covered.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + covered);
        }
    }

    @Test
    void corruptedInsuranceIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
        int run = 2;
        int idx = 10; // 1-based state index
        Map<String, TlaValue> s = new LinkedHashMap<>(rs.get(run - 1).get(idx - 1));
        s.put("insurance", TlaValue.of(((TlaValue.Int) s.get("insurance")).value() + 1));
        TraceValidator.Outcome o = V.validator().validate("corrupt-insurance", RandomRunValidation.withState(rs, run - 1, idx - 1, s));
        System.out.println("margin trace validation, insurance + 1 at run 2 state 10: " + o.summary());
        assertFalse(o.admitted(), "TLC admitted a run with insurance + 1");
        assertEquals(run, o.traceNo());
        assertEquals(idx - 1, o.traceIdx());
    }

    @Test
    void swappedTradeSidesAreRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
        // the first Trade step of any run: swap buyer and seller in its action record
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                TlaValue.Rec a = (TlaValue.Rec) rs.get(t).get(i).get("lastAction");
                if (a.getStr("name").equals("Trade")) {
                    Map<String, TlaValue> f = new TreeMap<>(a.fields());
                    f.put("buyer", a.get("seller"));
                    f.put("seller", a.get("buyer"));
                    Map<String, TlaValue> s = new LinkedHashMap<>(rs.get(t).get(i));
                    s.put("lastAction", new TlaValue.Rec(new TreeMap<>(f)));
                    TraceValidator.Outcome o = V.validator().validate("corrupt-trade", RandomRunValidation.withState(rs, t, i, s));
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
