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
 * Implementation -&gt; spec (GUIDE section 3.2): seeded random runs of two Java replicas and the
 * decided log with the constants of spec/ledger/Trace.cfg (random valid and invalid calls --
 * decisions, commits, fetches, applies, snapshots, acks, crashes, restarts, state syncs; accepted
 * calls are the steps; every state holds both replicas' whole application state) are written as
 * a TLA+ module extending LedgerMC, and TLC must admit every run. A corrupted run must be
 * rejected at the corrupted step, which shows the check is not vacuous (each corrupted run is
 * checked alone, so TLC names it run 1).
 */
class LedgerTraceValidationTest {

    static final Path MODULE = module();
    static final RandomRunValidation<LedgerAdapter.Net> V = new RandomRunValidation<>("ledger", "replicas", "Replica",
            MODULE, LedgerSpecFiles.SPEC.resolve("Trace.cfg"), k -> new LedgerAdapter(k, MODULE),
            // StateSync needs a peer's snapshot above the replica's store with the next block decided: rarer, so 2x the runs
            2 * RandomRunValidation.RUNS);

    private static Path module() {
        try {
            return LedgerSpecFiles.module();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void replicaRunsAreAdmittedByTheSpec() throws Exception {
        TraceValidator.Outcome o = V.validateAll();
        assertTrue(o.admitted(), o.summary());
        Map<String, Long> covered = new TreeMap<>(V.stats().acceptedByAction);
        for (String act : LedgerAdapter.ACTIONS) {
            assertTrue(covered.getOrDefault(act, 0L) > 0, "the random runs never performed " + act + ": " + covered);
        }
    }

    /** The first state after an Apply: replica r's result codes of the block, first code changed. */
    @Test
    void corruptedResultCodeIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                TlaValue.Rec a = (TlaValue.Rec) st.get("lastAction");
                if (!a.getStr("name").equals("Apply")) {
                    continue;
                }
                TlaValue r = a.get("r");
                TlaValue.Rec rec = (TlaValue.Rec) ((TlaValue.Fn) st.get("st")).apply(r);
                List<TlaValue> codes = ((TlaValue.Seq) rec.get("codes")).elems();
                if (codes.isEmpty()) {
                    continue;
                }
                List<TlaValue> bad = new java.util.ArrayList<>(codes);
                bad.set(0, TlaValue.str(((TlaValue.Str) codes.get(0)).value().equals("Applied") ? "Refused" : "Applied"));
                TreeMap<String, TlaValue> f = new TreeMap<>(rec.fields());
                f.put("codes", new TlaValue.Seq(bad));
                TreeMap<TlaValue, TlaValue> stFn = new TreeMap<>(TlaValue.ORDER);
                stFn.putAll(((TlaValue.Fn) st.get("st")).map());
                stFn.put(r, new TlaValue.Rec(f));
                Map<String, TlaValue> s = new LinkedHashMap<>(st);
                s.put("st", new TlaValue.Fn(stFn));
                TraceValidator.Outcome o = V.validator().validate("corrupt-code",
                        RandomRunValidation.withState(List.of(rs.get(t)), 0, i, s));
                System.out.println("ledger trace validation, first result code flipped at run " + (t + 1) + " state "
                        + (i + 1) + ": " + o.summary());
                assertFalse(o.admitted(), "TLC admitted a run with a wrong result code");
                assertEquals(1, o.traceNo());
                assertEquals(i, o.traceIdx());
                return;
            }
        }
        throw new AssertionError("no Apply of a non-empty block in the random runs");
    }

    /** A restart that resumes at the store's height instead of the snapshot's (the spec's ReplicaIsPrefix mutant). */
    @Test
    void restartAtTheWrongHeightIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = V.runs();
        for (int t = 0; t < rs.size(); t++) {
            for (int i = 1; i < rs.get(t).size(); i++) {
                Map<String, TlaValue> st = rs.get(t).get(i);
                TlaValue.Rec a = (TlaValue.Rec) st.get("lastAction");
                if (!a.getStr("name").equals("Restart")) {
                    continue;
                }
                TlaValue r = a.get("r");
                long stored = ((TlaValue.Int) ((TlaValue.Fn) st.get("stored")).apply(r)).value();
                long ht = ((TlaValue.Int) ((TlaValue.Fn) st.get("ht")).apply(r)).value();
                if (stored == ht) {
                    continue;
                }
                TreeMap<TlaValue, TlaValue> htFn = new TreeMap<>(TlaValue.ORDER);
                htFn.putAll(((TlaValue.Fn) st.get("ht")).map());
                htFn.put(r, TlaValue.of(stored));
                Map<String, TlaValue> s = new LinkedHashMap<>(st);
                s.put("ht", new TlaValue.Fn(htFn));
                TraceValidator.Outcome o = V.validator().validate("corrupt-restart",
                        RandomRunValidation.withState(List.of(rs.get(t)), 0, i, s));
                System.out.println("ledger trace validation, restart at the stored height at run " + (t + 1)
                        + " state " + (i + 1) + ": " + o.summary());
                assertFalse(o.admitted(), "TLC admitted a restart that skips the replay");
                assertEquals(1, o.traceNo());
                assertEquals(i, o.traceIdx());
                return;
            }
        }
        throw new AssertionError("no Restart below the stored height in the random runs");
    }
}
