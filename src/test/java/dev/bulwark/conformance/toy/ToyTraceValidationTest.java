package dev.bulwark.conformance.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.RandomRuns;
import dev.bulwark.conformance.TlaParser;
import dev.bulwark.conformance.TlaValue;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.conformance.TraceValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Trace validation (implementation -> spec) on the toy bank: good runs admitted, bad ones rejected. */
class ToyTraceValidationTest {

    static final Path OUT = TlcRunner.projectRoot().resolve("target/conformance/toy/validate");
    static final Path CFG = ToyAdapter.DIR.resolve("ToyTrace.cfg");

    private static List<List<Map<String, TlaValue>>> runs(ToyBank.Bug bug, int n) throws Exception {
        Map<String, TlaValue> consts = TlaParser.parseCfgConstants(CFG);
        ToyAdapter a = new ToyAdapter(consts, bug);
        SplittableRandom rng = new SplittableRandom(ConformanceSuite.seed());
        RandomRuns.Stats st = new RandomRuns.Stats();
        List<List<Map<String, TlaValue>>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            runs.add(RandomRuns.run(a, consts, rng, 25, 50, st));
        }
        return runs;
    }

    private static TraceValidator validator() {
        return new TraceValidator(ToyAdapter.DIR.resolve("Toy.tla"), CFG, "Init", "Next", OUT);
    }

    @Test
    void correctRunsAreAdmittedAndCorruptedOnesRejected() throws Exception {
        List<List<Map<String, TlaValue>>> runs = runs(ToyBank.Bug.NONE, 10);
        for (int i = 0; i < runs.size(); i++) {
            TraceValidator.writeItf(OUT.resolve("itf/run-" + (i + 1) + ".itf.json"), "toy", runs.get(i));
        }
        TraceValidator.Outcome ok = validator().validate("good", runs);
        System.out.println("toy trace validation, good runs: " + ok.summary());
        assertTrue(ok.admitted(), ok.summary());
        assertTrue(Files.readString(OUT.resolve("itf/run-1.itf.json")).contains("\"#bigint\""));

        // corrupt run 3 at state 5: total + 1
        List<List<Map<String, TlaValue>>> bad = new ArrayList<>(runs);
        List<Map<String, TlaValue>> r = new ArrayList<>(bad.get(2));
        Map<String, TlaValue> s = new LinkedHashMap<>(r.get(4));
        s.put("total", TlaValue.of(((TlaValue.Int) s.get("total")).value() + 1));
        r.set(4, s);
        bad.set(2, r);
        TraceValidator.Outcome no = validator().validate("corrupt", bad);
        System.out.println("toy trace validation, corrupted run: " + no.summary());
        assertFalse(no.admitted());
        assertEquals(3, no.traceNo());
        assertEquals(4, no.traceIdx());
    }

    @Test
    void runNotStartingInAnInitialStateIsRejected() throws Exception {
        List<List<Map<String, TlaValue>>> bad = new ArrayList<>(runs(ToyBank.Bug.NONE, 3));
        List<Map<String, TlaValue>> r = new ArrayList<>(bad.get(1));
        // shift the whole run: every step stays a spec step, but state 1 is not Init
        for (int i = 0; i < r.size(); i++) {
            Map<String, TlaValue> s = new LinkedHashMap<>(r.get(i));
            s.put("total", TlaValue.of(((TlaValue.Int) s.get("total")).value() + 7));
            r.set(i, s);
        }
        bad.set(1, r);
        TraceValidator.Outcome no = validator().validate("bad-init", bad);
        assertFalse(no.admitted(), no.summary());
        assertEquals(2, no.traceNo());
        assertEquals(1, no.traceIdx());
        assertTrue(no.reason().contains("not an initial state"), no.summary());
    }

    @Test
    void buggyImplementationIsRejected() throws Exception {
        TraceValidator.Outcome no = validator().validate("buggy", runs(ToyBank.Bug.WITHDRAW_KEEPS_TOTAL, 10));
        assertFalse(no.admitted(), no.summary());
    }
}
