package dev.bulwark.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The ledger's conformance check is not vacuous: with a seeded bug -- the replicas apply each
 * decided block's transactions in reverse order, the bug of spec/ledger/vacuity's
 * StateMachineSafety mutant -- replaying ten simulation traces of spec/ledger/Trace.cfg reports
 * mismatches, at Apply steps only.
 */
class LedgerMutantTest {

    @Test
    void replicasApplyingBlocksInAnotherOrderAreCaught() throws Exception {
        Path module = LedgerSpecFiles.module();
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, null,
                LedgerSpecFiles.SPEC.resolve("Trace.cfg"), null, LedgerSpecFiles.OUT.resolve("ledger-mutant"), 10, 60,
                ConformanceSuite.seed(), false, 0);
        Conformance<LedgerAdapter.Net> c = new ConformanceSuite<LedgerAdapter.Net>("ledger-mutant",
                LedgerAdapter.ACTIONS, k -> new LedgerAdapter(k, module, true), s).run();
        System.out.println("ledger mutant (blocks applied in reverse order): " + c.mismatches().size()
                + " mismatches; first:\n" + c.renderMismatches(1));
        assertFalse(c.mismatches().isEmpty(), "the reversed-order bug went unnoticed");
        assertTrue(c.mismatches().stream().allMatch(m -> m.action() != null
                && m.action().toTla().contains("\"Apply\"")), "every mismatch is at an Apply edge");
    }
}
