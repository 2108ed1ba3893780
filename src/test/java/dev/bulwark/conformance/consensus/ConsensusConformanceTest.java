package dev.bulwark.conformance.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spec -> implementation conformance of the consensus validators (GUIDE section 3.1),
 * regenerated every run: TLC simulation traces of spec/consensus/Trace.cfg (MC.cfg while there
 * is none), the regression traces, every edge of the full state graph of the graph config
 * (spec/consensus/Graph.cfg, else the test resource Graph.cfg: two correct validators, one
 * faulty, about 34,000 states), and at the graph nodes every action instance of Next's domains
 * the spec disables (must be refused with ConsensusException, state unchanged). The spec's
 * {@code evidence} is left out of the comparison (Java does not track it). Writes
 * target/conformance/consensus.json and summary.json.
 */
class ConsensusConformanceTest {

    @Test
    void validatorsConformToTendermintTla() throws Exception {
        Path module = ConsensusSpecFiles.module();
        Path traceCfg = ConsensusSpecFiles.config("Trace.cfg");
        if (traceCfg == null) {
            traceCfg = ConsensusSpecFiles.SPEC.resolve("MC.cfg");
        }
        traceCfg = ConsensusSpecFiles.traceConfig(traceCfg);
        // the spec engineer's graph configs (silent faulty validator; consistent faulty voter with
        // evidence) and the test's own (two correct validators and a freely equivocating faulty one)
        Path graphCfg = ConsensusSpecFiles.config("Graph.cfg");
        List<Path> extra = new java.util.ArrayList<>();
        for (String name : List.of("GraphFaulty.cfg", "GraphByzantine.cfg")) {
            Path p = ConsensusSpecFiles.config(name);
            if (p != null) {
                extra.add(p);
            }
        }
        Path dir = module.getParent();
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, graphCfg, traceCfg,
                ConsensusSpecFiles.RES.resolve("regression"), ConsensusSpecFiles.OUT.resolve("consensus"),
                Integer.getInteger("bulwark.conformance.traces", 50),
                Integer.getInteger("bulwark.conformance.depth", 60), ConformanceSuite.seed(), true,
                Integer.getInteger("bulwark.consensus.disabledNodes",
                        Integer.getInteger("bulwark.conformance.disabledNodes", -1)), extra);
        Conformance<ConsensusAdapter.Net> c = new ConformanceSuite<ConsensusAdapter.Net>("consensus",
                ConsensusAdapter.ACTIONS, k -> new ConsensusAdapter(k, dir), s).run();
        c.figure("uncheckedVariables", List.copyOf(ConsensusAdapter.UNCHECKED));
        c.report(ConsensusSpecFiles.OUT);
        System.out.println(c.oneLine());
        assertTrue(c.mismatches().isEmpty(), () -> c.mismatches().size() + " mismatches:\n" + c.renderMismatches(20));
        assertEquals(List.of(), c.uncovered(), "actions never exercised by a trace or a graph edge");
    }
}
