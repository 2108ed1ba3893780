package dev.bulwark.conformance.consensus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.conformance.Conformance;
import dev.bulwark.conformance.ConformanceSuite;
import dev.bulwark.conformance.SpecAdapter;
import dev.bulwark.conformance.TlaValue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consensus conformance check is not vacuous: an adapter that answers a proposal in step
 * propose with a nil prevote (onTimeoutPropose instead of uponProposalInPropose, a plausible
 * implementation bug) must produce mismatches on the graph of spec/consensus/Graph.cfg.
 */
class ConsensusMutantTest {

    /** Delegates to ConsensusAdapter, except for the mutated action. */
    static final class Mutant implements SpecAdapter<ConsensusAdapter.Net> {
        private final ConsensusAdapter a;

        Mutant(ConsensusAdapter a) {
            this.a = a;
        }

        @Override
        public String specName() {
            return "consensus-mutant";
        }

        @Override
        public Path module() {
            return a.module();
        }

        @Override
        public List<String> actions() {
            return a.actions();
        }

        @Override
        public Set<String> uncheckedVariables() {
            return a.uncheckedVariables();
        }

        @Override
        public ConsensusAdapter.Net init() {
            return a.init();
        }

        @Override
        public ConsensusAdapter.Net init(Map<String, TlaValue> s) {
            return a.init(s);
        }

        @Override
        public ConsensusAdapter.Net fromSpec(Map<String, TlaValue> s) {
            return a.fromSpec(s);
        }

        @Override
        public Map<String, TlaValue> toSpec(ConsensusAdapter.Net n) {
            return a.toSpec(n);
        }

        @Override
        public ConsensusAdapter.Net copy(ConsensusAdapter.Net n) {
            return a.copy(n);
        }

        @Override
        public void apply(ConsensusAdapter.Net n, TlaValue.Rec act) {
            if (act.getStr("name").equals("UponProposalInPropose")) {
                String p = act.getStr("p");
                // the bug: the guard is checked, the effect is the timeout's
                if (!n.validator(p).canUponProposalInPropose(a.value(act.get("v")))) {
                    n.validator(p).uponProposalInPropose(a.value(act.get("v"))); // throws the refusal
                }
                n.validator(p).onTimeoutPropose();
                n.publish(p, n.validator(p).drainOutputs());
                return;
            }
            a.apply(n, act);
        }

        @Override
        public boolean isRejection(Throwable t) {
            return a.isRejection(t);
        }

        @Override
        public List<TlaValue.Rec> candidateActions(Map<String, TlaValue> s, Map<String, TlaValue> c) {
            return a.candidateActions(s, c);
        }
    }

    @Test
    void nilPrevoteBugIsCaught() throws Exception {
        Path module = ConsensusSpecFiles.module();
        Path dir = module.getParent();
        ConformanceSuite.Settings s = new ConformanceSuite.Settings(module, ConsensusSpecFiles.config("Graph.cfg"),
                null, null, ConsensusSpecFiles.OUT.resolve("consensus-mutant"), 0, 0, ConformanceSuite.seed(), false,
                0);
        Conformance<ConsensusAdapter.Net> c = new ConformanceSuite<ConsensusAdapter.Net>("consensus-mutant",
                ConsensusAdapter.ACTIONS, k -> new Mutant(new ConsensusAdapter(k, dir)), s).run();
        System.out.println("consensus mutant (nil prevote on a proposal): " + c.mismatches().size() + " mismatches; first:\n"
                + c.renderMismatches(1));
        assertTrue(c.mismatches().size() > 0, "the mutated adapter passed the graph check");
        assertTrue(c.mismatches().get(0).diff().stream().anyMatch(d -> d.startsWith("msgsPrevote")),
                () -> "the mismatch is not the prevote: " + c.renderMismatches(1));
    }
}
