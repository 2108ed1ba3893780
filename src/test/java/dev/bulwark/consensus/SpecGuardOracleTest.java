package dev.bulwark.consensus;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

/**
 * Differential test of the guards: an independent, set-based transcription of the enabling
 * conditions of spec/consensus/Tendermint.tla (Senders(...) of message sets, as in the spec),
 * evaluated over the messages a validator has received, against the validator's canXxx
 * queries (incremental tallies in VoteKeeper). Checked for every action instance of small
 * domains, at every delivery of random schedules with a Byzantine validator, before the
 * driver fires the rules the delivery enables.
 */
class SpecGuardOracleTest {
    static final long[] VALUES = {0, 1, 2, TestValues.id(Fixtures.INVALID)};

    /** The spec's guards over a set of messages M received by p. */
    static final class Oracle {
        final ConsensusConfig c;
        final int p;
        final ValidatorState s;
        final List<Message> m;

        Oracle(ConsensusConfig c, int p, ValidatorState s, List<Message> received) {
            this.c = c;
            this.p = p;
            this.s = s;
            this.m = received;
        }

        boolean active() {
            return s.height() <= c.maxHeight();
        }

        long h() {
            return s.height();
        }

        int r() {
            return s.round();
        }

        boolean quorum(Set<Integer> senders) {
            return 3 * power(senders) > 2 * c.validators().totalPower();
        }

        boolean oneThird(Set<Integer> senders) {
            return 3 * power(senders) > c.validators().totalPower();
        }

        long power(Set<Integer> senders) {
            long t = 0;
            for (int q : senders) {
                t += c.validators().power(q);
            }
            return t;
        }

        Set<Integer> senders(MessageType t, long h, int r, Long v) {
            Set<Integer> out = new HashSet<>();
            for (Message x : m) {
                if ((t == null || x.type() == t) && x.h() == h && x.r() == r && (v == null || TestValues.id(x.v()) == v)) {
                    out.add(x.src());
                }
            }
            return out;
        }

        boolean proposal(int r, long v, Integer vr) {
            int prop = c.proposers().proposer(h(), r);
            for (Message x : m) {
                if (x.type() == MessageType.PROPOSAL && x.src() == prop && x.h() == h() && x.r() == r
                        && TestValues.id(x.v()) == v && (vr == null || x.vr() == vr)) {
                    return true;
                }
            }
            return false;
        }

        boolean valid(long v) {
            return c.policy().valid(TestValues.v(v));
        }

        boolean insertProposal(long v) {
            boolean proposed = m.stream().anyMatch(x -> x.type() == MessageType.PROPOSAL && x.src() == p
                    && x.h() == h() && x.r() == r());
            return active() && p == c.proposers().proposer(h(), r()) && s.step() == Step.PROPOSE && !proposed
                    && (!s.validValue().isNil() ? v == TestValues.id(s.validValue()) : valid(v));
        }

        boolean uponProposalInPropose(long v) {
            return active() && s.step() == Step.PROPOSE && proposal(r(), v, -1);
        }

        boolean uponProposalInProposeAndPrevote(long v, int vr) {
            return active() && s.step() == Step.PROPOSE && vr >= 0 && vr < r() && proposal(r(), v, vr)
                    && quorum(senders(MessageType.PREVOTE, h(), vr, v));
        }

        boolean uponProposalInPrevoteOrCommitAndPrevote(long v, int vr) {
            return active() && s.step() != Step.PROPOSE && s.validRound() < r() && proposal(r(), v, vr) && valid(v)
                    && quorum(senders(MessageType.PREVOTE, h(), r(), v));
        }

        boolean uponQuorumOfPrevotesNil() {
            return active() && s.step() == Step.PREVOTE && quorum(senders(MessageType.PREVOTE, h(), r(), -1L));
        }

        boolean uponProposalInPrecommitNoDecision(long v, int r) {
            return active() && s.decision(h()).isNil() && r >= 0 && r <= c.maxRound() && proposal(r, v, null)
                    && quorum(senders(MessageType.PRECOMMIT, h(), r, v)) && valid(v);
        }

        boolean onRoundCatchup(int r) {
            return active() && r >= 0 && r <= c.maxRound() && r > r() && oneThird(senders(null, h(), r, null));
        }

        boolean onTimeoutPropose() {
            return active() && s.step() == Step.PROPOSE;
        }

        boolean onTimeoutPrevote() {
            return active() && s.step() == Step.PREVOTE && quorum(senders(MessageType.PREVOTE, h(), r(), null));
        }

        boolean onTimeoutPrecommit() {
            return active() && r() < c.maxRound() && quorum(senders(MessageType.PRECOMMIT, h(), r(), null));
        }

        boolean catchup(int r, long v) {
            return active() && valid(v) && quorum(senders(MessageType.PRECOMMIT, h(), r, v));
        }
    }

    static int compare(Validator val, Oracle o) {
        ConsensusConfig c = o.c;
        int enabled = 0;
        for (long v : VALUES) {
            Value x = TestValues.v(v);
            enabled += same(o.insertProposal(v), val.canInsertProposal(x), "InsertProposal", v, 0, val);
            enabled += same(o.uponProposalInPropose(v), val.canUponProposalInPropose(x), "UponProposalInPropose", v, 0, val);
            for (int vr = -1; vr < c.maxRound(); vr++) {
                enabled += same(o.uponProposalInProposeAndPrevote(v, vr), val.canUponProposalInProposeAndPrevote(x, vr),
                        "UponProposalInProposeAndPrevote", v, vr, val);
                enabled += same(o.uponProposalInPrevoteOrCommitAndPrevote(v, vr),
                        val.canUponProposalInPrevoteOrCommitAndPrevote(x, vr), "UponProposalInPrevoteOrCommitAndPrevote", v, vr, val);
            }
            for (int r = 0; r <= c.maxRound(); r++) {
                enabled += same(o.uponProposalInPrecommitNoDecision(v, r), val.canUponProposalInPrecommitNoDecision(x, r),
                        "UponProposalInPrecommitNoDecision", v, r, val);
                Certificate cert = val.certificateFor(r, x);
                enabled += same(o.catchup(r, v), cert != null && val.canCatchup(cert), "Catchup", v, r, val);
            }
        }
        for (int r = 0; r <= c.maxRound(); r++) {
            enabled += same(o.onRoundCatchup(r), val.canOnRoundCatchup(r), "OnRoundCatchup", 0, r, val);
        }
        enabled += same(o.uponQuorumOfPrevotesNil(), val.canUponQuorumOfPrevotesNil(), "UponQuorumOfPrevotesNil", 0, 0, val);
        enabled += same(o.onTimeoutPropose(), val.canOnTimeoutPropose(), "OnTimeoutPropose", 0, 0, val);
        enabled += same(o.onTimeoutPrevote(), val.canOnTimeoutPrevote(), "OnTimeoutPrevote", 0, 0, val);
        enabled += same(o.onTimeoutPrecommit(), val.canOnTimeoutPrecommit(), "OnTimeoutPrecommit", 0, 0, val);
        return enabled;
    }

    static int same(boolean spec, boolean java, String action, long v, int x, Validator val) {
        assertEquals(spec, java, action + "(v=" + v + ", " + x + ") of validator " + val.self() + " in " + val.state());
        return spec ? 1 : 0;
    }

    @Property(tries = 60)
    void guardsAgreeWithTheSpecsSetBasedGuards(@ForAll long seed) {
        Random rnd = new Random(seed);
        ConsensusConfig c = Fixtures.four(2, 3);
        int byz = rnd.nextInt(4);
        SimNetwork net = new SimNetwork(c, Set.of(byz));
        List<Integer> groupA = new ArrayList<>(net.correct().subList(0, 2));
        Map<Integer, List<Message>> received = new HashMap<>();
        for (int p : net.correct()) {
            received.put(p, new ArrayList<>());
        }
        net.start();
        long checks = 0;
        long enabled = 0;
        for (int step = 0; step < 1_500 && !net.allDone(); step++) {
            // own broadcasts count as received (the validator records them)
            for (Message sent : net.allSent) {
                if (received.containsKey(sent.src()) && !received.get(sent.src()).contains(sent)) {
                    received.get(sent.src()).add(sent);
                }
            }
            int choice = rnd.nextInt(100);
            if (choice < 20) {
                ConsensusPropertiesTest.byzantineStep(net, rnd, groupA);
            } else if (choice < 85 && !net.inFlight.isEmpty()) {
                SimNetwork.Envelope e = net.inFlight.remove(rnd.nextInt(net.inFlight.size()));
                if (net.byzantine.contains(e.m().src()) && net.relayed.add(e.m())) {
                    for (int j : net.correct()) {
                        if (j != e.dest()) {
                            net.inFlight.add(new SimNetwork.Envelope(j, e.m()));
                        }
                    }
                }
                Validator val = net.validators[e.dest()];
                val.recordMessage(e.m());
                received.get(e.dest()).add(e.m());
                enabled += compare(val, new Oracle(c, e.dest(), val.state(), received.get(e.dest())));
                checks++;
                val.fireAll();
                net.handle(e.dest(), val.drainOutputs());
            } else if (!net.timers.isEmpty()) {
                net.fire(rnd.nextInt(net.timers.size()));
            }
        }
        assertTrue(checks > 0);
        Statistics.label("some guard enabled").collect(enabled > 0);
        Statistics.label("some guard enabled").coverage(cov -> cov.check(true).percentage(p -> p > 50));
    }
}
