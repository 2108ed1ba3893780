package dev.bulwark.conformance.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.TlcRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -> implementation conformance of the price oracle (GUIDE section 3.1), regenerated
 * every run: 50 TLC simulation traces of Trace.cfg (depth 60, seed bulwark.seed), the
 * regression traces, every edge of the full MC.cfg state graph, and at every graph node every
 * disabled action instance of Next's domains (must be rejected with OracleException or, for
 * the environment's constraints, the adapter's EnvironmentRefusal; state unchanged).
 * Writes target/conformance/oracle.json and summary.json.
 */
class OracleConformanceTest {

    static final Path ROOT = TlcRunner.projectRoot();
    static final Path OUT = ROOT.resolve("target/conformance");

    @Test
    void oracleConformsToOracleTla() throws Exception {
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(OracleAdapter.DIR.resolve("Oracle.tla"),
                OracleAdapter.DIR.resolve("MC.cfg"), OracleAdapter.DIR.resolve("Trace.cfg"),
                ROOT.resolve("src/test/resources/conformance/oracle/regression"), OUT.resolve("oracle"),
                Integer.getInteger("bulwark.conformance.traces", 50),
                Integer.getInteger("bulwark.conformance.depth", 60), ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.conformance.disabledNodes", -1));
        Conformance<OracleAdapter.World> c = new ConformanceSuite<>("oracle", OracleAdapter.ACTIONS, OracleAdapter::new, s)
                .run();
        c.report(OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "actions never exercised by a trace or a graph edge");
    }
}
