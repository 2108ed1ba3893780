package dev.bulwark.governance;

import static dev.bulwark.governance.Fixtures.executed;
import static dev.bulwark.governance.Fixtures.gov;
import static dev.bulwark.governance.Fixtures.p;
import static dev.bulwark.governance.Fixtures.queued;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The effect of every action and every kind of proposal, on the Fixtures configuration. */
class GovernanceTest {

    private static Reason refusal(Runnable r) {
        return assertThrows(GovernanceException.class, r::run).reason();
    }

    @Test
    void initialState() {
        Governance g = gov();
        assertArrayEquals(new int[] {0, 1, 2}, g.owners());
        assertEquals(2, g.threshold());
        assertEquals(0, g.nonce());
        assertEquals(0, g.height());
        assertEquals(1000, g.fund());
        for (int s = 0; s < g.keys(); s++) {
            assertNull(g.proposalOf(s));
            assertEquals(-1, g.waited(s));
        }
    }

    @Test
    void proposeCarriesTheProposersApproval() {
        Governance g = gov();
        g.propose(1, p(new ThresholdChange(3), 0));
        assertTrue(g.hasApproved(1, 1));
        assertEquals(1, g.approvalCount(1));
        assertEquals(1, g.slotOf(p(new ThresholdChange(3), 0)));
        assertEquals(-1, g.slotOf(p(new ThresholdChange(3), 1)));
    }

    @Test
    void quorumQueueTimelockExecute() {
        Governance g = gov();
        g.propose(0, p(new ThresholdChange(3), 0));
        assertEquals(Reason.NO_QUORUM, refusal(() -> g.queue(0)));
        g.approve(2, 0);
        assertEquals(Reason.NOT_QUEUED, refusal(() -> g.execute(0)));
        g.queue(0);
        assertEquals(0, g.queuedAt(0));
        assertEquals(0, g.waited(0));
        assertEquals(Reason.TIMELOCK, refusal(() -> g.execute(0)));
        g.endBlock();
        assertEquals(1, g.waited(0));
        assertEquals(Reason.TIMELOCK, refusal(() -> g.execute(0)));
        g.endBlock();
        assertEquals(2, g.waited(0));
        g.endBlock();
        assertEquals(2, g.waited(0), "waited is capped at Delay");
        g.execute(0);
        assertEquals(3, g.threshold());
        assertEquals(1, g.nonce());
        assertNull(g.proposalOf(0));
        assertFalse(g.hasApproved(0, 0));
    }

    @Test
    void executionRetiresEveryProposalOfItsNonceButNotLaterOnes() {
        Governance g = gov();
        g.propose(0, p(new ThresholdChange(3), 0));
        g.propose(1, p(new ThresholdChange(1), 0));
        g.propose(2, p(new FundWithdrawal(5), 1));
        g.approve(1, 0);
        g.approve(0, 2);
        g.queue(0);
        g.queue(2);
        g.endBlock();
        g.endBlock();
        g.execute(0);
        assertNull(g.proposalOf(1), "the competing proposal for nonce 0 is dropped");
        assertEquals(p(new FundWithdrawal(5), 1), g.proposalOf(2));
        assertEquals(Reason.NO_QUORUM, refusal(() -> g.execute(2)), "threshold is 3 now");
        g.approve(1, 2);
        g.execute(2);
        assertEquals(995, g.fund());
        assertEquals(2, g.nonce());
    }

    @Test
    void cancelConsumesTheNonceAtOnce() {
        Governance g = gov();
        queued(g, 0, new FundWithdrawal(5), 1);
        g.propose(1, p(new Cancellation(), 0));
        assertEquals(Reason.IS_CANCELLATION, refusal(() -> g.queue(1)));
        assertEquals(Reason.NO_QUORUM, refusal(() -> g.cancel(1)));
        g.approve(2, 1);
        g.cancel(1);
        assertEquals(1, g.nonce());
        assertNull(g.proposalOf(0), "the queued withdrawal was vetoed");
        assertNull(g.proposalOf(1));
        assertEquals(1000, g.fund());
    }

    @Test
    void retractFreesTheProposersSlot() {
        Governance g = gov();
        // every owner's slot holds a proposal for a later nonce; nobody could propose for nonce 0
        g.propose(0, p(new FundWithdrawal(1), 1));
        g.propose(1, p(new FundWithdrawal(2), 1));
        g.propose(2, p(new FundWithdrawal(3), 2));
        g.approve(1, 0);
        g.queue(0);
        assertEquals(Reason.SLOT_TAKEN, refusal(() -> g.propose(2, p(new Cancellation(), 0))));
        g.retract(0);
        assertNull(g.proposalOf(0));
        assertFalse(g.hasApproved(0, 1));
        assertEquals(Governance.NOT_QUEUED, g.queuedAt(0));
        g.propose(0, p(new Cancellation(), 0));
        g.approve(1, 0);
        g.cancel(0);
        assertEquals(1, g.nonce());
    }

    @Test
    void parametersTakeEffectAtTheBlockEnd() {
        Governance g = gov();
        executed(g, 0, new ParamsChange(3000, 1500, 200), 1);
        assertEquals(2000, g.imBps());
        assertTrue(g.hasPendingParams());
        g.endBlock();
        assertEquals(3000, g.imBps());
        assertEquals(1500, g.mmBps());
        assertEquals(200, g.feeBps());
        assertFalse(g.hasPendingParams());
    }

    @Test
    void withdrawalOnlyFromTheSurplusRecheckedAtExecution() {
        Governance g = gov();
        assertEquals(Reason.BELOW_FLOOR, refusal(() -> g.propose(0, p(new FundWithdrawal(901), 0))));
        queued(g, 0, new FundWithdrawal(900), 1);
        g.endBlock();
        g.endBlock();
        g.fundFlow(-1); // the margin engine covers a deficit: the surplus is 899 now
        assertEquals(Reason.BELOW_FLOOR, refusal(() -> g.execute(0)));
        g.fundFlow(1);
        g.execute(0);
        assertEquals(100, g.fund());
        g.fundFlow(-100); // the engine may take the fund below the floor; governance may not
        assertEquals(0, g.fund());
    }

    @Test
    void stakeChangesKeepAReporter() {
        Governance g = gov();
        executed(g, 0, new StakeChange(1, 0), 1);
        executed(g, 0, new StakeChange(2, 0), 1);
        assertEquals(Reason.NO_REPORTER_LEFT, refusal(() -> g.propose(0, p(new StakeChange(0, 0), 2))));
        executed(g, 0, new StakeChange(0, 500), 1);
        assertArrayEquals(new long[] {500, 0, 0}, g.stakes());
    }

    @Test
    void ownerManagement() {
        Governance g = gov();
        executed(g, 0, new OwnerAddition(5, 3), 1);
        assertArrayEquals(new int[] {0, 1, 2, 5}, g.owners());
        assertEquals(3, g.threshold());
        executed(g, 5, new OwnerSwap(2, 6), 0, 1);
        assertArrayEquals(new int[] {0, 1, 5, 6}, g.owners());
        executed(g, 6, new OwnerRemoval(0, 2), 1, 5);
        assertArrayEquals(new int[] {1, 5, 6}, g.owners());
        assertEquals(2, g.threshold());
        assertEquals(Reason.THRESHOLD_OUT_OF_RANGE, refusal(() -> g.propose(1, p(new ThresholdChange(4), 3))));
        assertEquals(Reason.THRESHOLD_OUT_OF_RANGE, refusal(() -> g.propose(1, p(new OwnerRemoval(5, 3), 3))));
        assertEquals(Reason.OWNER_EXISTS, refusal(() -> g.propose(1, p(new OwnerAddition(6, 2), 3))));
        assertEquals(Reason.OWNER_MISSING, refusal(() -> g.propose(1, p(new OwnerSwap(0, 3), 3))));
    }

    @Test
    void aRemovedOwnersApprovalsAreVoidEvenAfterReaddition() {
        Governance g = gov();
        // owner 2 approves a proposal for nonce 2; owner 2 is removed at nonce 0, added back at nonce 1
        g.propose(1, p(new ThresholdChange(1), 2));
        g.approve(2, 1);
        assertEquals(2, g.approvalCount(1));
        executed(g, 0, new OwnerRemoval(2, 2), 1);
        assertFalse(g.hasApproved(1, 2));
        assertEquals(1, g.approvalCount(1));
        assertEquals(Reason.NOT_AN_OWNER, refusal(() -> g.approve(2, 1)));
        executed(g, 0, new OwnerAddition(2, 2), 1);
        assertTrue(g.isOwner(2));
        assertFalse(g.hasApproved(1, 2), "no approval of key 2 survives its removal");
        assertEquals(1, g.approvalCount(1));
        g.approve(2, 1); // a fresh approval counts
        assertEquals(2, g.approvalCount(1));
    }

    @Test
    void swappedOutOwnersApprovalsAndProposalAreDropped() {
        Governance g = gov();
        g.propose(2, p(new FundWithdrawal(1), 1));
        g.propose(1, p(new FundWithdrawal(2), 1));
        g.approve(2, 1);
        executed(g, 0, new OwnerSwap(2, 3), 1);
        assertNull(g.proposalOf(2), "the leaving owner's proposal is dropped");
        assertFalse(g.hasApproved(1, 2));
        assertTrue(g.isOwner(3));
        assertEquals(1, g.approvalCount(1));
    }

    @Test
    void fromStateRoundTrip() {
        Governance g = gov();
        queued(g, 0, new FundWithdrawal(5), 1);
        g.propose(2, p(new Cancellation(), 1));
        g.endBlock();
        boolean[] owners = new boolean[8];
        for (int k : g.owners()) {
            owners[k] = true;
        }
        Proposal[] ps = new Proposal[8];
        boolean[][] ap = new boolean[8][8];
        long[] q = new long[8];
        for (int s = 0; s < 8; s++) {
            ps[s] = g.proposalOf(s);
            q[s] = g.queuedAt(s);
            for (int k = 0; k < 8; k++) {
                ap[s][k] = g.hasApproved(s, k);
            }
        }
        Governance h = Governance.fromState(g.params(), g.height(), owners, g.threshold(), g.nonce(), ps, ap, q,
                g.imBps(), g.mmBps(), g.feeBps(), false, 0, 0, 0, g.fund(), g.stakes());
        assertEquals(Fixtures.snapshot(g), Fixtures.snapshot(h));
        assertEquals(Fixtures.snapshot(g), Fixtures.snapshot(g.copy()));
        // an approval by a non-owner is not a state governance can be in
        ap[0][5] = true;
        assertEquals(Reason.INVALID_STATE, refusal(() -> Governance.fromState(g.params(), g.height(), owners,
                g.threshold(), g.nonce(), ps, ap, q, g.imBps(), g.mmBps(), g.feeBps(), false, 0, 0, 0, g.fund(),
                g.stakes())));
    }
}
