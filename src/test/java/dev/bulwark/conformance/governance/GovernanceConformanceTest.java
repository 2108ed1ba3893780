package dev.bulwark.conformance.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.governance.Governance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -> implementation conformance of governance (GUIDE section 3.1), regenerated every run: 50
 * TLC simulation traces of Trace.cfg (depth 60, seed bulwark.seed; every kind of proposal), the
 * regression traces, every edge of the full Graph.cfg state graph (MC.cfg's graph, lastAction
 * included, is too large to test edge by edge), and at a seeded sample of graph nodes (all of
 * them with -Dbulwark.governance.disabledNodes=-1) every disabled action instance of Next's
 * domains (must be rejected with GovernanceException, state unchanged).
 * Writes target/conformance/governance.json and summary.json.
 */
class GovernanceConformanceTest {

    static final Path ROOT = TlcRunner.projectRoot();
    static final Path OUT = ROOT.resolve("target/conformance");
    /**
     * Nodes (seeded sample) at which every disabled instance is checked, by default: 20,000 of the
     * graph's 84,177 (about 3.5 million refusals; all of them, 14.6 million, take about two minutes
     * more -- run with -Dbulwark.governance.disabledNodes=-1).  Every edge is tested regardless.
     */
    static final int DISABLED_NODES = 20_000;

    @Test
    void governanceConformsToGovernanceTla() throws Exception {
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(GovernanceAdapter.DIR.resolve("Governance.tla"),
                GovernanceAdapter.DIR.resolve("Graph.cfg"), GovernanceAdapter.DIR.resolve("Trace.cfg"),
                ROOT.resolve("src/test/resources/conformance/governance/regression"), OUT.resolve("governance"),
                Integer.getInteger("bulwark.conformance.traces", 50),
                Integer.getInteger("bulwark.conformance.depth", 60), ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.governance.disabledNodes",
                        Integer.getInteger("bulwark.conformance.disabledNodes", DISABLED_NODES)));
        Conformance<Governance> c = new ConformanceSuite<>("governance", GovernanceAdapter.ACTIONS,
                GovernanceAdapter::new, s).run();
        c.report(OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "actions never exercised by a trace or a graph edge");
    }
}
