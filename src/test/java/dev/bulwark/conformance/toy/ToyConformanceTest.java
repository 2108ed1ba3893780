package dev.bulwark.conformance.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.TlcRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness's own test, on a toy bank spec: a correct implementation conforms, and each
 * seeded bug produces a mismatch report.
 */
class ToyConformanceTest {

    static final Path OUT = TlcRunner.projectRoot().resolve("target/conformance");

    private static Conformance<ToyBank> run(ToyBank.Bug bug, String tag) throws Exception {
        ToyAdapter probe = new ToyAdapter(Map.of("Accounts", dev.bulwark.conformance.TlaParser.parseValue("{a1}"),
                "Amounts", dev.bulwark.conformance.TlaParser.parseValue("{1}"), "Cap",
                dev.bulwark.conformance.TlaValue.of(1)), bug);
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(ToyAdapter.DIR.resolve("Toy.tla"),
                ToyAdapter.DIR.resolve("ToyMC.cfg"), ToyAdapter.DIR.resolve("ToyTrace.cfg"),
                ToyAdapter.DIR.resolve("regression"), OUT.resolve(tag), 20, 30, ConformanceSuite.seed(), true, -1);
        return new ConformanceSuite<>("toy", probe.actions(), c -> new ToyAdapter(c, bug), s).run();
    }

    @Test
    void correctImplementationConforms() throws Exception {
        Conformance<ToyBank> c = run(ToyBank.Bug.NONE, "toy");
        System.out.println(c.oneLine());
        c.report(OUT);
        assertTrue(c.mismatches().isEmpty(), () -> c.renderMismatches(10));
        assertEquals(List.of(), c.uncovered());
        Map<String, Object> f = c.figures();
        assertEquals(20L, f.get("traces"));
        assertEquals(f.get("graphEdges"), f.get("graphEdgesTested"));
        assertTrue((Long) f.get("disabledInstancesChecked") > 0);
        assertTrue((Long) f.get("regressionTraces") >= 1, "the toy regression trace is replayed");
        assertTrue(Files.readString(OUT.resolve("summary.json")).contains("\"toy\""));
    }

    @Test
    void seededGuardBugIsCaughtByTheDisabledCheck() throws Exception {
        Conformance<ToyBank> c = run(ToyBank.Bug.TRANSFER_IGNORES_CAP, "toy-bug-guard");
        String report = c.renderMismatches(5);
        System.out.println("toy bug TRANSFER_IGNORES_CAP: " + c.mismatches().size() + " mismatches, first:\n"
                + report.lines().limit(8).reduce("", (a, b) -> a + b + "\n"));
        assertFalse(c.mismatches().isEmpty());
        assertTrue(report.contains("implementation accepted an action the spec disables"), report);
        assertTrue(report.contains("name |-> \"Transfer\""), report);
        assertTrue(report.matches("(?s).*bal\\[a\\d\\]: expected \\d+, actual \\d+.*"), report);
    }

    @Test
    void seededEffectBugIsCaughtByReplayAndGraph() throws Exception {
        Conformance<ToyBank> c = run(ToyBank.Bug.WITHDRAW_KEEPS_TOTAL, "toy-bug-effect");
        String report = c.renderMismatches(1000);
        assertTrue(report.contains("MISMATCH traces/t_0_"), "a simulation trace finds it");
        assertTrue(report.contains("MISMATCH graph edge "), "a graph edge finds it");
        assertTrue(report.contains("state after the action differs"), report);
        assertTrue(report.contains("total: expected "), report);
        assertTrue(report.contains("name |-> \"Withdraw\""), report);
    }
}
