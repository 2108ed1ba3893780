package dev.bulwark.conformance.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TraceValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Implementation -> spec for consensus: seeded random runs of the Java validators (in-memory
 * network, random delivery order, timers, commit certificates; half the runs with a Byzantine
 * validator sending equivocating proposals and votes) are written as TLA+ traces of abstract
 * states (one per rule firing) and TLC checks that Tendermint.tla admits each of them. The
 * spec's {@code evidence} is not in the runs: validation is over the other variables
 * ({@link TraceValidator#unchecked}), the spec choosing evidence freely. Corrupted runs (a
 * decision without a commit quorum, a prevote whose value is swapped) must be rejected at the
 * corrupted step. Writes ITF runs and target/conformance/consensus-validation.json.
 */
class ConsensusTraceValidationTest {

    static final Path OUT = ConsensusSpecFiles.OUT.resolve("consensus");
    static final Path CFG = ConsensusSpecFiles.RES.resolve("Validate.cfg");
    static final int RUNS = Integer.getInteger("bulwark.consensus.validation.runs", 24);
    static final int EVENTS = Integer.getInteger("bulwark.consensus.validation.events", 150);

    private static final List<List<Map<String, TlaValue>>> runs = new ArrayList<>();
    private static final Map<String, Long> byAction = new TreeMap<>();
    private static long byzantineSent;
    private static int byzantineRuns;

    private static synchronized List<List<Map<String, TlaValue>>> runs() throws Exception {
        if (runs.isEmpty()) {
            Path module = ConsensusSpecFiles.module();
            Map<String, TlaValue> consts = TlaParser.parseCfgConstants(CFG);
            SplittableRandom rng = new SplittableRandom(ConformanceSuite.seed());
            for (int i = 0; i < RUNS; i++) {
                boolean byz = i % 2 == 0;
                ConsensusAdapter a = new ConsensusAdapter(consts, module.getParent(), i);
                JavaRuns jr = new JavaRuns(a, rng.split(), byz);
                List<Map<String, TlaValue>> run = jr.run(EVENTS);
                runs.add(run);
                jr.stepsByAction.forEach((k, v) -> byAction.merge(k, v, Long::sum));
                byzantineSent += jr.byzantineSent;
                byzantineRuns += byz ? 1 : 0;
                TraceValidator.writeItf(OUT.resolve("itf/run-" + (i + 1) + ".itf.json"), "Validator seed "
                        + ConformanceSuite.seed() + " run " + (i + 1) + (byz ? " (Byzantine f1)" : ""), run);
            }
        }
        return runs;
    }

    private static TraceValidator validator() throws Exception {
        return new TraceValidator(ConsensusSpecFiles.module(), CFG, "Init", "Next", OUT.resolve("validate"))
                .unchecked("evidence", "{{}}");
    }

    @Test
    void javaRunsAreAdmittedByTheSpec() throws Exception {
        long t0 = System.nanoTime();
        List<List<Map<String, TlaValue>>> rs = runs();
        double gen = (System.nanoTime() - t0) / 1e9;
        TraceValidator.Outcome o = validator().validate("runs", rs);
        int steps = rs.stream().mapToInt(r -> r.size() - 1).sum();
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("consensus trace validation: runs=%d (Byzantine %d, %d faulty messages sent) steps=%d %s; %s;"
                + " %.1fs%n", rs.size(), byzantineRuns, byzantineSent, steps, byAction, o.summary(), secs);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("direction", "implementation -> spec (TLC checks the spec admits each run of the Java validators)");
        figures.put("config", "src/test/resources/conformance/consensus/Validate.cfg");
        figures.put("runs", rs.size());
        figures.put("byzantineRuns", byzantineRuns);
        figures.put("byzantineMessagesSent", byzantineSent);
        figures.put("steps", steps);
        figures.put("stepsByAction", new TreeMap<>(byAction));
        figures.put("uncheckedVariables", List.of("evidence"));
        figures.put("admitted", o.admitted());
        figures.put("tlc", o.tlc().summary());
        figures.put("secondsRunGeneration", Math.round(gen * 100) / 100.0);
        figures.put("secondsTotal", Math.round(secs * 100) / 100.0);
        figures.put("itf", "target/conformance/consensus/itf/run-1.." + rs.size() + ".itf.json");
        Conformance.writeFigures(ConsensusSpecFiles.OUT, "consensus-validation", figures);
        assertTrue(o.admitted(), o.summary());
        assertTrue(byzantineSent > 0, "no Byzantine message was sent");
        for (String act : List.of("InsertProposal", "UponProposalInPropose", "UponProposalInPrevoteOrCommitAndPrevote",
                "UponProposalInPrecommitNoDecision", "OnTimeoutPropose", "OnTimeoutPrevote", "OnTimeoutPrecommit",
                "OnRoundCatchup")) {
            assertTrue(byAction.getOrDefault(act, 0L) > 0, "the runs never fired " + act + ": " + byAction);
        }
    }

    @Test
    void decisionWithoutQuorumIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        int run = 1;
        int idx = 2; // 1-based: after state 2 (no correct precommit yet), validator c2 "decides" v1
        List<Map<String, TlaValue>> r = new ArrayList<>(rs.get(run - 1).subList(0, idx));
        Map<String, TlaValue> s = new LinkedHashMap<>(r.get(idx - 1));
        String p = "c2";
        TlaValue v1 = TlaValue.model("v1");
        TlaValue nil = TlaValue.model("NilValue");
        s.put("decision", put(s.get("decision"), p, new TlaValue.Seq(List.of(v1, nil))));
        s.put("height", put(s.get("height"), p, TlaValue.of(2)));
        s.put("round", put(s.get("round"), p, TlaValue.of(0)));
        s.put("step", put(s.get("step"), p, TlaValue.str("propose")));
        s.put("lockedValue", put(s.get("lockedValue"), p, nil));
        s.put("lockedRound", put(s.get("lockedRound"), p, TlaValue.of(-1)));
        s.put("validValue", put(s.get("validValue"), p, nil));
        s.put("validRound", put(s.get("validRound"), p, TlaValue.of(-1)));
        s.put("lastAction", TlaValue.rec("name", TlaValue.str("UponProposalInPrecommitNoDecision"), "p",
                TlaValue.str(p), "v", v1, "r", TlaValue.of(0)));
        r.add(s);
        List<List<Map<String, TlaValue>>> bad = new ArrayList<>(rs);
        bad.set(run - 1, r);
        TraceValidator.Outcome o = validator().validate("corrupt-decision", bad);
        System.out.println("consensus trace validation, c2 decides v1 without a quorum at run 1 state 3: " + o.summary());
        assertFalse(o.admitted(), "TLC admitted a decision without a commit quorum");
        assertEquals(run, o.traceNo());
        assertEquals(idx, o.traceIdx());
    }

    @Test
    void swappedPrevoteIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> rs = runs();
        // the first step of any run that broadcasts a correct prevote: swap its value (nil <-> v1)
        for (int t = 0; t < rs.size(); t++) {
            List<Map<String, TlaValue>> run = rs.get(t);
            for (int i = 1; i < run.size(); i++) {
                TreeSet<TlaValue> added = new TreeSet<>(((TlaValue.SetV) run.get(i).get("msgsPrevote")).elems());
                added.removeAll(((TlaValue.SetV) run.get(i - 1).get("msgsPrevote")).elems());
                if (added.isEmpty()) {
                    continue;
                }
                TlaValue.Rec m = (TlaValue.Rec) added.first();
                TlaValue nil = TlaValue.model("NilValue");
                Map<String, TlaValue> f = new TreeMap<>(m.fields());
                f.put("v", m.get("v").equals(nil) ? TlaValue.model("v1") : nil);
                TlaValue.Rec swapped = new TlaValue.Rec(new TreeMap<>(f));
                List<Map<String, TlaValue>> r = new ArrayList<>();
                for (int k = 0; k < run.size(); k++) {
                    Map<String, TlaValue> s = new LinkedHashMap<>(run.get(k));
                    if (k >= i) {
                        TreeSet<TlaValue> pv = new TreeSet<>(((TlaValue.SetV) s.get("msgsPrevote")).elems());
                        pv.remove(m);
                        pv.add(swapped);
                        s.put("msgsPrevote", new TlaValue.SetV(pv));
                    }
                    r.add(s);
                }
                List<List<Map<String, TlaValue>>> bad = new ArrayList<>(rs);
                bad.set(t, r);
                TraceValidator.Outcome o = validator().validate("corrupt-prevote", bad);
                System.out.println("consensus trace validation, prevote " + m.toTla() + " swapped at run " + (t + 1)
                        + " state " + (i + 1) + ": " + o.summary());
                assertFalse(o.admitted(), "TLC admitted a swapped prevote");
                assertEquals(t + 1, o.traceNo());
                assertEquals(i, o.traceIdx());
                return;
            }
        }
        throw new AssertionError("no prevote in the runs");
    }

    /** f with f[p] = x, for a function over Corr printed as a record. */
    private static TlaValue put(TlaValue f, String p, TlaValue x) {
        TlaValue.Rec r = (TlaValue.Rec) f;
        TreeMap<String, TlaValue> m = new TreeMap<>(r.fields());
        m.put(p, x);
        return new TlaValue.Rec(m);
    }
}
