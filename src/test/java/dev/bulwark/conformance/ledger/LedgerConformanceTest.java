package dev.bulwark.conformance.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -&gt; implementation conformance of the replicated ledger (GUIDE section 3.1), regenerated
 * every run: TLC simulation traces of spec/ledger/Trace.cfg (two replicas, three heights, every
 * model block, one crash) replayed against Java replicas, and every edge of the full state graph
 * of spec/ledger/Graph.cfg (two replicas, one height, the four model blocks, one crash: the
 * two-height graph, 61,133 states, is too large a dot file for CI, and StateSync, which needs
 * block h + 1 decided above a snapshot of height h >= 1, has no edge in it: the traces cover it),
 * each from its source state loaded into Java; at the graph's nodes (all, or a seeded sample of
 * {@code bulwark.ledger.disabledNodes} nodes) every action instance the spec disables must be
 * refused with ReplicaException (or, for consensus and the crash budget, the adapter's
 * environment refusal), state unchanged.  Every variable is compared, the replicas' whole
 * application state (LedgerApp's record) included.  Writes target/conformance/ledger.json and
 * summary.json.
 */
class LedgerConformanceTest {

    @Test
    void replicasConformToLedgerTla() throws Exception {
        Path module = LedgerSpecFiles.module();
        Path traceCfg = LedgerSpecFiles.SPEC.resolve("Trace.cfg");
        Path graphCfg = LedgerSpecFiles.SPEC.resolve("Graph.cfg");
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, graphCfg, traceCfg,
                LedgerSpecFiles.ROOT.resolve("src/test/resources/conformance/ledger/regression"),
                LedgerSpecFiles.OUT.resolve("ledger"),
                Integer.getInteger("bulwark.conformance.traces", 50),
                Integer.getInteger("bulwark.conformance.depth", 60), ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.ledger.disabledNodes",
                        Integer.getInteger("bulwark.conformance.disabledNodes", -1)));
        LedgerAdapter.APP_EVENTS.clear();
        Conformance<LedgerAdapter.Net> c = new ConformanceSuite<LedgerAdapter.Net>("ledger", LedgerAdapter.ACTIONS,
                k -> new LedgerAdapter(k, module), s).run();
        java.util.Map<String, Long> events = new java.util.TreeMap<>();
        LedgerAdapter.APP_EVENTS.forEach((k, v) -> events.put(k, v.sum()));
        c.figure("applicationEvents", events);
        c.report(LedgerSpecFiles.OUT);
        System.out.println(c.oneLine());
        System.out.println("ledger application events over the replayed and graph-tested blocks: " + events);
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "actions never exercised by a trace or a graph edge");
        // the application's paths: every result code of the model (it has no unknown signer; the
        // unit tests cover that one), a backstop liquidation and a deleveraging at the end of a block
        for (String e : List.of("code Applied", "code Refused", "code WrongChain", "code BadNonce",
                "backstop liquidations", "deleverage steps")) {
            assertTrue(events.getOrDefault(e, 0L) > 0, "never exercised: " + e + " " + events);
        }
    }
}
