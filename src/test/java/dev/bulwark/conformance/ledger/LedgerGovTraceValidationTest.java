package dev.bulwark.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.RandomRunValidation;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TraceValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Implementation -&gt; spec for governance through the ledger: seeded random runs of two Java
 * replicas with the constants of spec/ledger/TraceGov.cfg (the governance blocks: a rate rise,
 * its liquidation, a withdrawal, refusals; five heights, a crash) are admitted by TLC, and a run
 * whose governance state is corrupted -- a replica that applied a rate change at once, or did
 * not count a withdrawal in its fund -- is rejected at the corrupted step.
 */
class LedgerGovTraceValidationTest {

    static final Path MODULE = module();
    static final RandomRunValidation<LedgerAdapter.Net> V = new RandomRunValidation<>("ledger-gov", "replicas",
            "Replica", MODULE, LedgerSpecFiles.SPEC.resolve("TraceGov.cfg"), k -> new LedgerAdapter(k, MODULE));

    private static Path module() {
        try {
            return LedgerSpecFiles.module();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void governedReplicaRunsAreAdmittedByTheSpec() throws Exception {
        TraceValidator.Outcome o = V.validateAll();
        assertTrue(o.admitted(), o.summary());
        // the runs do execute governance: some replica's governance nonce advanced
        long maxNonce = 0;
        for (List<Map<String, TlaValue>> run : V.runs()) {
            for (Map<String, TlaValue> st : run) {
                for (TlaValue rec : ((TlaValue.Fn) st.get("st")).map().values()) {
                    if (!((TlaValue.Rec) rec).has("g")) {
                        continue;   // a crashed replica holds no state
                    }
                    TlaValue.Rec g = (TlaValue.Rec) ((TlaValue.Rec) rec).get("g");
                    maxNonce = Math.max(maxNonce, g.getInt("nonce"));
                }
            }
        }
        System.out.println("ledger-gov trace validation: " + o.summary() + "; largest governance nonce " + maxNonce);
        assertTrue(maxNonce > 0, "no governance proposal executed in the random runs");
    }

    /** The first state in which a replica's rates differ from genesis: its rates flipped back. */
    @Test
    void rateChangeNotTakenIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                TlaValue.Fn stFn = (TlaValue.Fn) st.get("st");
                for (Map.Entry<TlaValue, TlaValue> e : stFn.map().entrySet()) {
                    TlaValue.Rec rec = (TlaValue.Rec) e.getValue();
                    if (!rec.has("g")) {
                        continue;
                    }
                    TlaValue.Rec g = (TlaValue.Rec) rec.get("g");
                    TlaValue.Rec params = (TlaValue.Rec) g.get("params");
                    if (params.getInt("mm") == 1000) {
                        continue;
                    }
                    TreeMap<String, TlaValue> gf = new TreeMap<>(g.fields());
                    gf.put("params", TlaValue.rec("im", TlaValue.of(2000), "mm", TlaValue.of(1000), "fee", TlaValue.of(500)));
                    TreeMap<String, TlaValue> rf = new TreeMap<>(rec.fields());
                    rf.put("g", new TlaValue.Rec(gf));
                    TreeMap<TlaValue, TlaValue> f = new TreeMap<>(TlaValue.ORDER);
                    f.putAll(stFn.map());
                    f.put(e.getKey(), new TlaValue.Rec(rf));
                    Map<String, TlaValue> s = new LinkedHashMap<>(st);
                    s.put("st", new TlaValue.Fn(f));
                    TraceValidator.Outcome o = V.validator().validate("corrupt-rates",
                            RandomRunValidation.withState(List.of(rs.get(t)), 0, i, s));
                    System.out.println("ledger-gov trace validation, rates not taken at run " + (t + 1) + " state "
                            + (i + 1) + ": " + o.summary());
                    assertFalse(o.admitted(), "TLC admitted a replica that ignored an executed rate change");
                    assertEquals(1, o.traceNo());
                    assertEquals(i, o.traceIdx());
                    return;
                }
            }
        }
        throw new AssertionError("no rate change in the random runs");
    }
}
