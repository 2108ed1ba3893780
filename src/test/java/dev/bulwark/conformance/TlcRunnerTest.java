package dev.bulwark.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlcRunnerTest {

    static final Path TOY = TlcRunner.projectRoot().resolve("src/test/resources/conformance/toy");
    static final TlcRunner TLC = new TlcRunner(TlcRunner.projectRoot().resolve("target/conformance/tlc-runner-test"));

    @Test
    void readsCountsOfASuccessfulRun() throws Exception {
        TlcRunner.Result r = TLC.modelCheck(TOY.resolve("Toy.tla"), TOY.resolve("ToyMC.cfg"));
        assertTrue(r.ok(), r.summary());
        assertEquals(0, r.exitCode());
        assertEquals(107, r.distinct());
        assertEquals(739, r.generated());
    }

    @Test
    void readsAnInvariantViolationAndItsTrace() throws Exception {
        TlcRunner.Result r = TLC.check(TOY.resolve("Toy.tla"), TOY.resolve("ToyViolation.cfg"));
        assertFalse(r.ok());
        assertEquals(12, r.exitCode(), r.summary());
        assertEquals("invariant", r.errorKind());
        assertEquals("TotalBelowFour", r.violation());
        List<Map<String, TlaValue>> trace = r.errorTrace();
        assertTrue(trace.size() >= 3, "trace " + trace);
        assertEquals(TlaValue.of(0), trace.get(0).get("total"));
        assertTrue(((TlaValue.Int) trace.get(trace.size() - 1).get("total")).value() >= 4);
    }
}
