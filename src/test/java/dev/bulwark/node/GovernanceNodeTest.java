package dev.bulwark.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.governance.Governance;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.ledger.GovAction;
import dev.bulwark.ledger.GovPropose;
import dev.bulwark.ledger.Ledger;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.replica.MemoryBlockStore;
import dev.bulwark.replica.Replica;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Governance transactions through the nodes: a k-of-n proposal (the proposer's signature and an
 * owner's approval, verified by the mempool and by every validator judging the block with the
 * ledger's key registry), its execution after the timelock, and the rate change taking effect at
 * the end of the block that executes it, identically on every node.
 */
class GovernanceNodeTest {
    /** 3 owners, threshold 2. */
    static Cluster governed(long seed) {
        Cluster c = new Cluster(4, seed, 3, 2);
        c.bootAll();
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(2), 60_000));
        return c;
    }

    /** Owner {@code proposer}'s GovPropose of q (governance nonce govNonce), approved by {@code approver}. */
    static byte[] propose(Cluster c, int proposer, int approver, Payload q, long govNonce) {
        Proposal p = new Proposal(q, Cluster.CHAIN, govNonce);
        byte[] approval = TxSignatures.approve(p, c.ledger, c.owners[approver].getPrivate());
        GovPropose t = new GovPropose(Cluster.CHAIN, c.owner(proposer), c.nextOwnerNonce(proposer), p,
                new dev.bulwark.ledger.AccountKey[] {c.owner(approver)});
        return TxCodec.encode(TxSignatures.signPropose(t, c.owners[proposer].getPrivate(), approval));
    }

    static byte[] execute(Cluster c, int signer, int slot) {
        GovAction t = new GovAction(Transaction.GOV_EXECUTE, Cluster.CHAIN, c.owner(signer), c.nextOwnerNonce(signer), slot);
        return TxCodec.encode(TxSignatures.sign(t, c.owners[signer]));
    }

    static boolean everywhere(Cluster c, Predicate<Ledger> p) {
        for (int i = 0; i < c.n; i++) {
            if (!p.test(c.node(i).replica().ledger())) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(DecodedBlock b, int type) {
        for (int i = 0; i < b.size(); i++) {
            if (b.signedTx(i).tx().type() == type) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRateChangeProposedApprovedAndExecutedThroughTheNodesTakesEffectAtTheBlockBoundaryOnEveryNode() {
        Cluster c = governed(20261128L);
        assertEquals(500, c.node(0).replica().ledger().governance().mmBps());
        // owner 0 proposes im 2,000, mm 1,000, fee 200 bps with owner 1's approval: 2 of 3
        assertNull(c.node(1).onClientTx(propose(c, 0, 1, new ParamsChange(2_000, 1_000, 200), 0)));
        assertTrue(c.net.runUntil(() -> everywhere(c, l -> l.governance().queuedAt(0) >= 0), 60_000),
                "the proposal is queued on every node");
        assertTrue(everywhere(c, l -> l.governance().mmBps() == 500), "not before execution");
        // any governance key executes it after the timelock (one block end)
        assertNull(c.node(2).onClientTx(execute(c, 2, 0)));
        assertTrue(c.net.runUntil(() -> everywhere(c, l -> l.governance().mmBps() == 1_000), 60_000),
                "the new rates on every node");
        for (int i = 0; i < c.n; i++) {
            Governance g = c.node(i).replica().ledger().governance();
            assertEquals(2_000, g.imBps(), "node " + i);
            assertEquals(200, g.feeBps(), "node " + i);
            assertFalse(g.hasPendingParams());
        }
        long target = c.minStored() + 2;
        assertTrue(c.net.runUntil(() -> c.allStoredAtLeast(target), 60_000));
        c.checkAgreement();
        // the block boundary: replaying each node's chain, the rates change exactly after the block
        // holding the execution (before it: the old rates; from its end on: the new)
        for (int i = 0; i < c.n; i++) {
            Replica r = new Replica(c.ledger, new ValidatorSet(c.config.powers()), new MemoryBlockStore());
            long changedAt = -1;
            for (long h = 1; h <= c.stores[i].storedHeight() && changedAt < 0; h++) {
                byte[] b = c.stores[i].block(h);
                r.commitBlock(b, c.stores[i].certificate(h));
                r.applyNext();
                if (r.ledger().governance().mmBps() == 1_000) {
                    changedAt = h;
                    assertTrue(holds(BlockCodec.decode(b), Transaction.GOV_EXECUTE), "node " + i + ": height " + h
                            + " executes the proposal");
                } else {
                    assertEquals(500, r.ledger().governance().mmBps());
                }
            }
            assertTrue(changedAt > 0, "node " + i + ": the change is in the stored chain");
        }
        // owner 0's second transaction (ledger nonce 2 of its governance key): the mempool counts a
        // governance key's own nonce, so it is reaped and queued like the first
        assertNull(c.node(3).onClientTx(propose(c, 0, 2, new ParamsChange(1_000, 500, 100), 1)));
        assertTrue(c.net.runUntil(() -> everywhere(c, l -> l.govNonce(0) == 2 && l.governance().queuedAt(0) >= 0), 60_000),
                "a governance key's second transaction commits");
        c.checkNoEquivocation();
        System.out.println(c.summary("governance rate change"));
    }

    @Test
    void anOwnerManagementProposalNeedsTheRegistryAndPassesThroughTheNodes() {
        Cluster c = governed(11L);
        // OwnerRemoval names a key by registry index: its approval encoding carries the registry's key,
        // so it verifies only against the ledger's configuration
        assertNull(c.node(0).onClientTx(propose(c, 0, 1, new OwnerRemoval(2, 2), 0)));
        assertTrue(c.net.runUntil(() -> everywhere(c, l -> l.governance().queuedAt(0) >= 0), 60_000));
        assertNull(c.node(3).onClientTx(execute(c, 1, 0)));
        assertTrue(c.net.runUntil(() -> everywhere(c, l -> !l.governance().isOwner(2)), 60_000), "owner 2 removed everywhere");
        assertTrue(everywhere(c, l -> l.governance().ownerCount() == 2 && l.governance().threshold() == 2));
        c.checkAgreement();
    }

    @Test
    void aForgedApprovalIsRefusedAtAdmissionAndChangesNothing() {
        Cluster c = governed(5L);
        // owner 2 "approves" with a signature over another proposal (governance nonce 1, not 0)
        Proposal other = new Proposal(new ParamsChange(2_000, 1_000, 200), Cluster.CHAIN, 1);
        byte[] wrong = TxSignatures.approve(other, c.ledger, c.owners[2].getPrivate());
        Proposal p = new Proposal(new ParamsChange(2_000, 1_000, 200), Cluster.CHAIN, 0);
        GovPropose t = new GovPropose(Cluster.CHAIN, c.owner(0), 1, p, new dev.bulwark.ledger.AccountKey[] {c.owner(2)});
        byte[] forged = TxCodec.encode(TxSignatures.signPropose(t, c.owners[0].getPrivate(), wrong));
        String before = c.node(0).fingerprint();
        assertEquals(Reason.BAD_SIGNATURE, c.node(0).onClientTx(forged));
        assertEquals(Reason.BAD_SIGNATURE, c.node(0).onClientTx(forged, true), "pre-verified or not, a proposal is checked");
        assertEquals(before, c.node(0).fingerprint());
        assertEquals(2L, c.node(0).refusals().get(Reason.BAD_SIGNATURE));
    }
}
