package dev.bulwark.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -&gt; implementation conformance of the application's functions, one Java method at a time:
 * every edge of the full state graph of the test module LedgerAppSteps.tla with the constants of
 * proofs/ledger/Refinement.cfg (one replica applying any three of the model's blocks, step by
 * step: each transaction, the two halves of the round's close, each deleveraging and backstop
 * step of the liquidation pass) is replayed against a Java Ledger loaded in the edge's source
 * state, and at every node every step the spec disables must be refused. Writes
 * target/conformance/ledger-app.json and summary.json.
 */
class LedgerAppConformanceTest {

    @Test
    void ledgerMethodsConformToLedgerAppFunctions() throws Exception {
        Path module = LedgerSpecFiles.appModule();
        Path cfg = LedgerSpecFiles.appConfig();
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, cfg, null, null,
                LedgerSpecFiles.OUT.resolve("ledger-app"), 0, 0, ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.conformance.disabledNodes", -1));
        Conformance<LedgerAppAdapter.World> c = new ConformanceSuite<LedgerAppAdapter.World>("ledger-app",
                LedgerAppAdapter.ACTIONS, k -> new LedgerAppAdapter(k, module), s).run();
        c.report(LedgerSpecFiles.OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "steps never exercised by a graph edge");
    }

    /**
     * The same over proofs/ledger/RefinementGov.cfg's constants: the governance step blocks
     * (every kind of governance transaction applied and refused, a rate change at a block end
     * with the liquidation it causes, a stake change, a withdrawal of the surplus, a
     * cancellation); the graph has no deleveraging, so only the other steps must be covered.
     */
    @Test
    void governanceTransactionsConformToLedgerAppFunctions() throws Exception {
        Path module = LedgerSpecFiles.appModule();
        Path cfg = LedgerSpecFiles.appConfig("RefinementGov.cfg");
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, cfg, null, null,
                LedgerSpecFiles.OUT.resolve("ledger-app-gov"), 0, 0, ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.conformance.disabledNodes", -1));
        Conformance<LedgerAppAdapter.World> c = new ConformanceSuite<LedgerAppAdapter.World>("ledger-app-gov",
                LedgerAppAdapter.ACTIONS, k -> new LedgerAppAdapter(k, module), s).run();
        c.report(LedgerSpecFiles.OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of("DeleverageStepOne"), c.uncovered(), "steps never exercised by a graph edge");
    }
}
