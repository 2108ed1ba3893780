package dev.bulwark.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.Governance;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.OracleParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Governance through the ledger beyond the spec's bounds: 24 governance keys (16 owners,
 * threshold 9), a market with trades and price moves, long random histories (150 blocks of up to
 * 12 transactions, governance and market mixed, valid and invalid: any key, duplicate and foreign
 * approvals, stale and future nonces, out-of-bound payloads).  After every transaction:
 * a refused or rejected one changed nothing but the signer's nonce (rejected: not even that);
 * the rates never change inside a block; a governance step never takes the fund below its floor.
 * After every block: governance's invariants (1 <= threshold <= owners, approvals only by owners,
 * rates and stakes in bounds, some reporter staked), the oracle's stakes are governance's,
 * conservation and a fund never negative.  At the end: the snapshot restores the same app hash,
 * and a second ledger fed the same blocks agrees (determinism).
 */
class GovernanceLedgerProperties {
    static final int KEYS = 24;
    static final int OWNERS = 16;
    static final int THRESHOLD = 9;
    static final int ACCOUNTS = 8;
    static final int REPORTERS = 4;
    static final long FLOOR = 50;

    static LedgerConfig config() {
        MarginParams m = new MarginParams(1_000, 100_000, 1_000_000_000L, 1_000_000_000_000L, 900, 1_100, 200,
                1_000, 500, 100, 500, 5);
        OracleParams o = Fixtures.oracleParams(REPORTERS, 900, 1_100, 3, 1_000_000, 5, 100);
        return Fixtures.govConfig(m, 1_000, o, ACCOUNTS, 64, KEYS, OWNERS, THRESHOLD, FLOOR, 500, 5000, 100, 5000, 0,
                1000, 1000);
    }

    static final class Run {
        final SplittableRandom rnd;
        final Ledger l;
        final long[] govNext = new long[KEYS];
        final long[] accNext = new long[ACCOUNTS];
        final long[] repNext = new long[REPORTERS];
        final List<Block> blocks = new ArrayList<>();
        int applied;
        int refused;
        int executed;

        Run(long seed) {
            rnd = new SplittableRandom(seed);
            l = new Ledger(config());
            Arrays.fill(govNext, 1);
            Arrays.fill(accNext, 1);
            Arrays.fill(repNext, 1);
        }

        long price() {
            return 950 + rnd.nextInt(100);
        }

        long govNonce(int k) {
            int r = rnd.nextInt(20);
            return r == 0 ? Math.max(1, govNext[k] - 1) : r == 1 ? govNext[k] + 1 : govNext[k];
        }

        Payload payload() {
            switch (rnd.nextInt(9)) {
                case 0:
                case 1: {
                    long im = 400 + rnd.nextInt(4_800);
                    return new ParamsChange(im, 50 + rnd.nextInt((int) im), rnd.nextInt(1_200));
                }
                case 2:
                    return new FundWithdrawal(1 + rnd.nextInt(200));
                case 3:
                    return new StakeChange(rnd.nextInt(REPORTERS + 1), rnd.nextInt(1_200));
                case 4:
                    return new ThresholdChange(rnd.nextInt(KEYS + 2));
                case 5:
                    return new OwnerAddition(rnd.nextInt(KEYS), 1 + rnd.nextInt(KEYS));
                case 6:
                    return new OwnerRemoval(rnd.nextInt(KEYS), 1 + rnd.nextInt(KEYS));
                case 7:
                    return new OwnerSwap(rnd.nextInt(KEYS), rnd.nextInt(KEYS));
                default:
                    return new Cancellation();
            }
        }

        /** An owner with an empty slot and the distinct approvals of threshold - 1 other owners. */
        Transaction honestProposal(Governance g) {
            int[] owners = g.owners();
            int k = owners[rnd.nextInt(owners.length)];
            if (g.proposalOf(k) != null) {
                return new GovAction(Transaction.GOV_RETRACT, Fixtures.CHAIN, Fixtures.govKey(k), govNext[k], 0);
            }
            List<Integer> others = new ArrayList<>();
            for (int o : owners) {
                if (o != k) {
                    others.add(o);
                }
            }
            java.util.Collections.shuffle(others, new java.util.Random(rnd.nextLong()));
            int a = Math.min(others.size(), g.threshold() - 1 + rnd.nextInt(2));
            AccountKey[] approvers = new AccountKey[a];
            for (int i = 0; i < a; i++) {
                approvers[i] = Fixtures.govKey(others.get(i));
            }
            Proposal p = new Proposal(payload(), Fixtures.CHAIN, g.nonce() + (rnd.nextInt(4) == 0 ? 1 : 0));
            return new GovPropose(Fixtures.CHAIN, Fixtures.govKey(k), govNext[k], p, approvers);
        }

        Transaction govTx() {
            Governance g = l.governance();
            int k = rnd.nextInt(KEYS);
            AccountKey key = Fixtures.govKey(k);
            int slot = rnd.nextInt(KEYS);
            // prefer open slots, queued ones first
            for (int tries = 0; tries < 2 * KEYS && (g.proposalOf(slot) == null || g.queuedAt(slot) < 0); tries++) {
                slot = rnd.nextInt(KEYS);
            }
            if (rnd.nextInt(3) == 0) {
                return honestProposal(g);
            }
            switch (rnd.nextInt(8)) {
                case 0:
                case 1: {
                    long gnonce = g.nonce() + rnd.nextInt(3) - (rnd.nextInt(10) == 0 ? 1 : 0);
                    Proposal p = new Proposal(payload(), rnd.nextInt(30) == 0 ? Fixtures.CHAIN + 1 : Fixtures.CHAIN,
                            Math.max(0, gnonce));
                    int a = rnd.nextInt(THRESHOLD + 3);
                    AccountKey[] approvers = new AccountKey[a];
                    for (int i = 0; i < a; i++) {
                        approvers[i] = Fixtures.govKey(rnd.nextInt(KEYS));
                    }
                    return new GovPropose(Fixtures.CHAIN, key, govNonce(k), p, approvers);
                }
                case 2:
                    return new GovAction(Transaction.GOV_APPROVE, Fixtures.CHAIN, key, govNonce(k), slot);
                case 3:
                    return new GovAction(Transaction.GOV_RETRACT, Fixtures.CHAIN, key, govNonce(k), 0);
                case 4:
                    return new GovAction(Transaction.GOV_QUEUE, Fixtures.CHAIN, key, govNonce(k), slot);
                case 5:
                    return new GovAction(Transaction.GOV_EXECUTE, Fixtures.CHAIN, key, govNonce(k), slot);
                case 6:
                    return new GovAction(Transaction.GOV_EXECUTE, Fixtures.CHAIN, key, govNext[k], slot);
                default:
                    return new GovAction(Transaction.GOV_CANCEL, Fixtures.CHAIN, key, govNonce(k), slot);
            }
        }

        Transaction marketTx() {
            int a = rnd.nextInt(ACCOUNTS);
            switch (rnd.nextInt(4)) {
                case 0:
                    return new Deposit(Fixtures.CHAIN, Fixtures.account(a), accNext[a], 1_000 + rnd.nextInt(100_000));
                case 1: {
                    int r = rnd.nextInt(REPORTERS);
                    return new Report(Fixtures.CHAIN, Fixtures.reporter(r), repNext[r], price());
                }
                default: {
                    int s = (a + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                    return new Trade(Fixtures.CHAIN, Fixtures.account(a), accNext[a], Fixtures.account(s), accNext[s],
                            1 + rnd.nextInt(50), l.price() == 0 ? 1_000 : l.price());
                }
            }
        }

        void noteNonces(Transaction t, TxResult r) {
            if (!r.code().executed()) {
                return;
            }
            if (t.isGovernance()) {
                govNext[l.config().governanceKeyIndex(t.signer())] = t.nonce() + 1;
            } else if (t instanceof Report) {
                repNext[l.config().reporterIndex(t.signer())] = t.nonce() + 1;
            } else {
                accNext[l.accountId(t.signer())] = t.nonce() + 1;
                if (t instanceof Trade) {
                    accNext[l.accountId(((Trade) t).seller())] = ((Trade) t).sellerNonce() + 1;
                }
            }
        }

        void block() {
            int n = rnd.nextInt(13);
            List<Transaction> txs = new ArrayList<>();
            l.beginBlock();
            Governance g0 = l.governance();
            for (int i = 0; i < n; i++) {
                Transaction t = rnd.nextInt(3) == 0 ? marketTx() : govTx();
                String before = GovernanceLedgerTest.view(l);
                long insurance = l.insurance();
                TxResult r = l.applyTx(t);
                txs.add(t);
                noteNonces(t, r);
                if (r.code() == TxCode.APPLIED) {
                    applied++;
                    if (t.type() == Transaction.GOV_EXECUTE) {
                        executed++;
                    }
                } else if (t.isGovernance()) {
                    refused++;
                    assertEquals(before, GovernanceLedgerTest.view(l), () -> "not applied, yet changed: " + t + " " + r);
                }
                Governance g = l.governance();
                assertEquals(g0.imBps(), g.imBps(), "a rate changed inside a block");
                assertEquals(g0.mmBps(), g.mmBps());
                assertEquals(g0.feeBps(), g.feeBps());
                if (t.isGovernance() && l.insurance() < insurance) {
                    assertTrue(l.insurance() >= FLOOR, "governance took the fund below its floor");
                }
            }
            l.endBlock();
            blocks.add(new Block(Fixtures.CHAIN, l.height(), txs.toArray(new Transaction[0])));
            invariants();
        }

        void invariants() {
            Governance g = l.governance();
            assertTrue(1 <= g.threshold() && g.threshold() <= g.ownerCount(), "threshold");
            boolean staked = false;
            for (int s = 0; s < KEYS; s++) {
                for (int k = 0; k < KEYS; k++) {
                    assertTrue(!g.hasApproved(s, k) || g.isOwner(k), "an approval by a non-owner");
                }
            }
            assertTrue(g.params().paramsInBounds(g.imBps(), g.mmBps(), g.feeBps()));
            long[] oracleStakes = l.oracle().params().stakes();
            for (int r = 0; r < REPORTERS; r++) {
                assertEquals(g.stakeOf(r), oracleStakes[r], "the oracle's stake is governance's");
                staked |= g.stakeOf(r) > 0;
            }
            assertTrue(staked);
            long sum = l.insurance();
            for (int a = 0; a < l.accounts(); a++) {
                sum += l.collateral(a);
            }
            assertEquals(l.netDeposits(), sum, "conservation");
            assertTrue(l.insurance() >= 0);
            assertEquals(l.insurance(), g.fund(), "governance's fund is the insurance");
        }
    }

    @Property(tries = 12)
    void longHistoriesKeepEveryInvariant(@ForAll long seed) {
        Run run = new Run(seed);
        for (int b = 0; b < 150; b++) {
            run.block();
        }
        assertTrue(run.applied > 0 && run.refused > 0);
        Ledger back = Snapshot.decode(run.l.config(), Snapshot.encode(run.l));
        assertArrayEquals(run.l.appHash(), back.appHash());
        Ledger again = new Ledger(config());
        for (Block b : run.blocks) {
            again.apply(b);
        }
        assertArrayEquals(run.l.appHash(), again.appHash(), "another ledger fed the same blocks");
    }

    /** The histories do reach executions (so the properties are not only about refusals). */
    @Property(tries = 1)
    void historiesExecuteProposals(@ForAll long seed) {
        int executed = 0;
        int applied = 0;
        int refused = 0;
        long nonces = 0;
        for (int i = 0; i < 5; i++) {
            Run run = new Run(seed + i);
            for (int b = 0; b < 150; b++) {
                run.block();
            }
            executed += run.executed;
            applied += run.applied;
            refused += run.refused;
            nonces += run.l.governance().nonce();
        }
        System.out.println("governance histories: 750 blocks, " + applied + " transactions applied, " + refused
                + " governance transactions refused or rejected, " + executed + " executions, " + nonces
                + " governance nonces consumed");
        assertTrue(executed > 0, "no proposal executed in 750 random blocks");
    }
}
