package dev.bulwark.conformance.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.TlcRunner;
import dev.bulwark.margin.MarginEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -> implementation conformance of the margin engine (GUIDE section 3.1), regenerated
 * every run: 50 TLC simulation traces of Trace.cfg (depth 60, seed bulwark.seed), the
 * regression traces, every edge of the full MC.cfg state graph, and at every graph node every
 * disabled action instance of Next's domains (must be rejected with MarginException, state
 * unchanged). Writes target/conformance/margin.json and summary.json.
 */
class MarginConformanceTest {

    static final Path ROOT = TlcRunner.projectRoot();
    static final Path OUT = ROOT.resolve("target/conformance");

    @Test
    void marginEngineConformsToMarginTla() throws Exception {
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(MarginAdapter.DIR.resolve("Margin.tla"),
                MarginAdapter.DIR.resolve("MC.cfg"), MarginAdapter.DIR.resolve("Trace.cfg"),
                ROOT.resolve("src/test/resources/conformance/margin/regression"), OUT.resolve("margin"),
                Integer.getInteger("bulwark.conformance.traces", 50),
                Integer.getInteger("bulwark.conformance.depth", 60), ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.conformance.disabledNodes", -1));
        Conformance<MarginEngine> c = new ConformanceSuite<>("margin", MarginAdapter.ACTIONS, MarginAdapter::new, s)
                .run();
        c.report(OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "actions never exercised by a trace or a graph edge");
    }
}
