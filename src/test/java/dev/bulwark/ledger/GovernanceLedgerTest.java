package dev.bulwark.ledger;

import static dev.bulwark.ledger.Fixtures.CHAIN;
import static dev.bulwark.ledger.Fixtures.account;
import static dev.bulwark.ledger.Fixtures.block;
import static dev.bulwark.ledger.Fixtures.deposit;
import static dev.bulwark.ledger.Fixtures.gov;
import static dev.bulwark.ledger.Fixtures.govConfig;
import static dev.bulwark.ledger.Fixtures.govKey;
import static dev.bulwark.ledger.Fixtures.propose;
import static dev.bulwark.ledger.Fixtures.report;
import static dev.bulwark.ledger.Fixtures.reporter;
import static dev.bulwark.ledger.Fixtures.trade;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.Reason;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import dev.bulwark.ledger.state.GovernanceState;
import dev.bulwark.ledger.state.Snapshot;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Governance through the ledger (LedgerApp's Gov* transactions): the MCGov story (a rate rise
 * executed after the timelock, applied at the block end, where it makes a leveraged account
 * liquidatable and the backstop takes it over; a withdrawal of the fund's surplus; a stake
 * change reaching the oracle), and every bad input a typed result with the state unchanged
 * (but the signer's nonce for an executed, refused transaction).
 */
class GovernanceLedgerTest {
    static final AccountKey K0 = govKey(0);
    static final AccountKey K1 = govKey(1);
    static final AccountKey K2 = govKey(2);   // a governance key that is no owner

    Ledger l;
    long[] gn;   // next governance-key nonces (index = key)

    @BeforeEach
    void market() {
        l = new Ledger(govConfig(3, 1, 3, 2, 2));
        gn = new long[] {1, 1, 1};
        // fund the accounts, first price 10; account 0 buys 2 lots from account 1 at 10 (equity 5, mm req 2)
        apply(deposit(account(0), 1, 5), deposit(account(1), 1, 10), deposit(account(2), 1, 20), report(reporter(0), 1, 10));
        apply(trade(account(0), 2, account(1), 2, 2, 10), report(reporter(0), 2, 10));
        assertEquals(2, l.position(0));
        assertFalse(l.liquidatable(0));
    }

    BlockResult apply(Transaction... txs) {
        return l.apply(block(l, txs));
    }

    long n(AccountKey k) {
        int i = k == K0 ? 0 : k == K1 ? 1 : 2;
        return gn[i]++;
    }

    /** Everything but the governance keys' nonces and the block's results. */
    static String view(Ledger x) {
        Ledger c = x.copy();
        c.beginBlock();
        byte[] g = GovernanceState.encode(c);
        StringBuilder b = new StringBuilder();
        b.append(Arrays.toString(Arrays.copyOfRange(g, 8 * c.governanceKeyCount(), g.length)));
        for (int a = 0; a < c.accounts(); a++) {
            b.append('|').append(c.collateral(a)).append(',').append(c.position(a)).append(',').append(c.nonce(a));
        }
        b.append('|').append(c.insurance()).append(',').append(c.netDeposits()).append(',').append(c.price())
                .append(',').append(c.halted()).append(',').append(c.oracleRound()).append(',').append(c.oraclePrice())
                .append(',').append(c.height()).append(',').append(Arrays.toString(c.oracle().params().stakes()));
        return b.toString();
    }

    /** One transaction alone in a block; returns its result. */
    TxResult one(Transaction t) {
        return apply(t).result(0);
    }

    /**
     * t is executed and refused with reason r: governance, engine and oracle unchanged, the
     * signer's nonce advanced; checked inside the block (before its end moves anything).
     */
    void refused(Transaction t, Reason r) {
        int k = l.config().governanceKeyIndex(t.signer());
        long nonceBefore = l.govNonce(k);
        String before = view(l);
        l.beginBlock();
        TxResult res = l.applyTx(t);
        assertEquals(TxCode.REFUSED, res.code(), t.toString());
        assertEquals(r, res.govReason(), t.toString());
        assertEquals(before, view(l), "refused " + t + " changed the state");
        assertEquals(nonceBefore + 1, l.govNonce(k));
        l.endBlock();
    }

    /** t is rejected with code c: nothing at all changes but the results. */
    void rejected(Transaction t, TxCode c) {
        byte[] before = Fixtures.stateWithoutResults(l);
        l.beginBlock();
        assertEquals(c, l.applyTx(t).code(), t.toString());
        assertArrayEquals(before, Fixtures.stateWithoutResults(l));
        l.endBlock();
    }

    @Test
    void rateRiseExecutesAfterTimelockAtBlockEndAndTheBackstopTakesOver() {
        TxResult r = one(propose(K0, n(K0), new ParamsChange(3000, 3000, 1000), 0, K1));
        assertEquals(TxCode.APPLIED, r.code());
        assertTrue(l.governance().queuedAt(0) >= 0, "queued with its quorum");
        // the next block: the timelock (one block end) has passed
        l.beginBlock();
        assertEquals(TxCode.APPLIED, l.applyTx(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0)).code());
        assertEquals(1000, l.governance().mmBps(), "pending until the block end");
        assertTrue(l.governance().hasPendingParams());
        assertFalse(l.liquidatable(0));
        long netBefore = l.netDeposits();
        l.endBlock();
        assertEquals(3000, l.governance().mmBps());
        assertFalse(l.governance().hasPendingParams());
        assertEquals(0, l.position(0), "liquidated by the backstop at the new rate, at this block end");
        assertEquals(2, l.position(2));
        assertEquals(2, l.insurance(), "the fee at the new rate (10%) of 20 quote units");
        assertEquals(netBefore, l.netDeposits());
        assertEquals(l.netDeposits(), l.collateral(0) + l.collateral(1) + l.collateral(2) + l.insurance());
    }

    @Test
    void surplusWithdrawalLeavesTheLedgerAndBelowFloorIsRefused() {
        rateRiseExecutesAfterTimelockAtBlockEndAndTheBackstopTakesOver();
        assertEquals(2, l.insurance());
        // the floor is 1: 2 would go below it, at submission
        refused(propose(K0, n(K0), new FundWithdrawal(2), 1, K1), Reason.BELOW_FLOOR);
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new FundWithdrawal(1), 1, K1)).code());
        long net = l.netDeposits();
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0)).code());
        assertEquals(1, l.insurance());
        assertEquals(net - 1, l.netDeposits());
        assertEquals(l.netDeposits(), l.collateral(0) + l.collateral(1) + l.collateral(2) + l.insurance());
        // the surplus is gone: another withdrawal of 1 would leave 0 < floor
        refused(propose(K0, n(K0), new FundWithdrawal(1), 2, K1), Reason.BELOW_FLOOR);
    }

    @Test
    void stakeChangeReachesTheOracle() {
        assertEquals(TxCode.APPLIED, one(propose(K1, n(K1), new StakeChange(0, 2), 0, K0)).code());
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_EXECUTE, K2, n(K2), 1)).code());
        assertEquals(2, l.oracle().params().stake(0));
        assertEquals(2, l.governance().stakeOf(0));
        // the oracle keeps working with the new stake
        assertEquals(TxCode.APPLIED, one(report(reporter(0), 3, 10)).code());
        // stake 0 would take the reporter out of the oracle: the ledger refuses it
        refused(propose(K1, n(K1), new StakeChange(0, 0), 1, K0), Reason.STAKE_OUT_OF_RANGE);
    }

    @Test
    void cancellationByQuorumConsumesTheNonce() {
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new ParamsChange(3000, 3000, 1000), 0, K1)).code());
        assertEquals(TxCode.APPLIED, one(propose(K1, n(K1), new Cancellation(), 0, K0)).code());
        assertEquals(1, l.governance().nonce(), "carried out at once");
        assertNull(l.governance().proposalOf(0), "the vetoed change is dropped");
        refused(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0), Reason.NO_PROPOSAL);
        assertEquals(1000, l.governance().mmBps());
    }

    @Test
    void approveQueueRetract() {
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new ThresholdChange(1), 0)).code());
        refused(gov(Transaction.GOV_QUEUE, K2, n(K2), 0), Reason.NO_QUORUM);
        refused(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0), Reason.NO_QUORUM);
        refused(gov(Transaction.GOV_APPROVE, K2, n(K2), 0), Reason.NOT_AN_OWNER);
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_APPROVE, K1, n(K1), 0)).code());
        assertTrue(l.governance().queuedAt(0) >= 0);
        refused(gov(Transaction.GOV_APPROVE, K1, n(K1), 0), Reason.DUPLICATE_APPROVAL);
        refused(gov(Transaction.GOV_QUEUE, K2, n(K2), 0), Reason.ALREADY_QUEUED);
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_RETRACT, K0, n(K0), 0)).code());
        assertNull(l.governance().proposalOf(0));
        refused(gov(Transaction.GOV_RETRACT, K0, n(K0), 0), Reason.NO_PROPOSAL);
    }

    @Test
    void removedOwnerCannotProposeAndItsApprovalsAreVoid() {
        // key 1's approval stands on key 0's threshold change ...
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new ThresholdChange(2), 1, K1)).code());
        // ... and key 1 is removed (threshold 1) by the owners
        assertEquals(TxCode.APPLIED, one(propose(K1, n(K1), new OwnerRemoval(1, 1), 0, K0)).code());
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_EXECUTE, K2, n(K2), 1)).code());
        assertFalse(l.governance().isOwner(1));
        assertFalse(l.governance().hasApproved(0, 1), "a removed owner's approval is void");
        refused(propose(K1, n(K1), new ThresholdChange(1), 1), Reason.NOT_AN_OWNER);
        refused(gov(Transaction.GOV_APPROVE, K1, n(K1), 0), Reason.NOT_AN_OWNER);
    }

    @Test
    void badApprovalsAreRefused() {
        refused(propose(K0, n(K0), new ThresholdChange(1), 0, K1, K1), Reason.DUPLICATE_APPROVAL);
        refused(propose(K0, n(K0), new ThresholdChange(1), 0, K0), Reason.DUPLICATE_APPROVAL);
        refused(propose(K0, n(K0), new ThresholdChange(1), 0, K2), Reason.NOT_AN_OWNER);
        refused(propose(K0, n(K0), new ThresholdChange(1), 0, account(0)), Reason.UNKNOWN_KEY);
        refused(propose(K2, n(K2), new ThresholdChange(1), 0, K0), Reason.NOT_AN_OWNER);
    }

    @Test
    void badProposalsAreRefused() {
        refused(propose(K0, n(K0), new ParamsChange(9000, 3000, 0), 0, K1), Reason.PARAMS_OUT_OF_BOUNDS);
        refused(propose(K0, n(K0), new ParamsChange(2000, 3000, 0), 0, K1), Reason.PARAMS_OUT_OF_BOUNDS);
        refused(propose(K0, n(K0), new ThresholdChange(0), 0, K1), Reason.THRESHOLD_OUT_OF_RANGE);
        refused(propose(K0, n(K0), new ThresholdChange(3), 0, K1), Reason.THRESHOLD_OUT_OF_RANGE);
        refused(propose(K0, n(K0), new FundWithdrawal(1), 0, K1), Reason.BELOW_FLOOR);
        refused(new GovPropose(CHAIN, K0, n(K0), new Proposal(new ThresholdChange(1), CHAIN + 1, 0),
                new AccountKey[] {K1}), Reason.WRONG_CHAIN);
        refused(propose(K0, n(K0), new ThresholdChange(1), 2, K1), Reason.FUTURE_NONCE);
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new Cancellation(), 0, K1)).code());
        refused(propose(K0, n(K0), new ThresholdChange(1), 0, K1), Reason.STALE_NONCE);
        refused(propose(K0, n(K0), new StakeChange(5, 1), 1, K1), Reason.UNKNOWN_REPORTER);
    }

    @Test
    void timelockIsRespected() {
        l.beginBlock();
        assertEquals(TxCode.APPLIED, l.applyTx(propose(K0, n(K0), new ThresholdChange(1), 0, K1)).code());
        TxResult early = l.applyTx(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0));
        assertEquals(Reason.TIMELOCK, early.govReason());
        l.endBlock();
        assertEquals(TxCode.APPLIED, one(gov(Transaction.GOV_EXECUTE, K2, n(K2), 0)).code());
        assertEquals(1, l.governance().threshold());
    }

    @Test
    void inadmissibleGovernanceTransactionsChangeNothing() {
        rejected(new GovPropose(CHAIN + 1, K0, gn[0], new Proposal(new ThresholdChange(1), CHAIN, 0),
                new AccountKey[0]), TxCode.WRONG_CHAIN);
        rejected(propose(K0, gn[0] + 1, new ThresholdChange(1), 0), TxCode.BAD_NONCE);   // future
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new ThresholdChange(1), 0)).code());
        rejected(propose(K0, gn[0] - 1, new ThresholdChange(1), 0), TxCode.BAD_NONCE);   // replay
        rejected(propose(account(0), 5, new ThresholdChange(1), 0), TxCode.UNKNOWN_SIGNER);
        rejected(gov(Transaction.GOV_EXECUTE, reporter(0), 1, 0), TxCode.UNKNOWN_SIGNER);
        rejected(gov(Transaction.GOV_EXECUTE, K2, gn[2], -1), TxCode.MALFORMED);
        rejected(gov(Transaction.GOV_RETRACT, K0, gn[0], 3), TxCode.MALFORMED);
        AccountKey[] many = new AccountKey[GovPropose.MAX_APPROVERS + 1];
        Arrays.fill(many, K1);
        rejected(propose(K1, gn[1], new ThresholdChange(1), 0, many), TxCode.MALFORMED);
    }

    @Test
    void aLedgerWithoutGovernanceKnowsNoGovernanceKey() {
        Ledger plain = new Ledger(Fixtures.mcConfig(3, 1, 8));
        plain.beginBlock();
        assertEquals(TxCode.UNKNOWN_SIGNER, plain.applyTx(propose(K0, 1, new ThresholdChange(1), 0)).code());
        assertNull(plain.governance());
    }

    @Test
    void governanceIsInTheSnapshotAndTheAppHash() {
        byte[] h0 = l.appHash();
        assertEquals(TxCode.APPLIED, one(propose(K0, n(K0), new ParamsChange(3000, 3000, 1000), 0, K1)).code());
        assertEquals(TxCode.APPLIED, one(propose(K1, n(K1), new ThresholdChange(1), 1)).code());
        byte[] h1 = l.appHash();
        assertNotEquals(Arrays.toString(h0), Arrays.toString(h1));
        Ledger back = Snapshot.decode(l.config(), Snapshot.encode(l));
        assertArrayEquals(l.appHash(), back.appHash());
        assertEquals(view(l), view(back));
        assertEquals(l.govNonce(0), back.govNonce(0));
        // the restored ledger goes on exactly as the original
        Transaction exec = gov(Transaction.GOV_EXECUTE, K2, n(K2), 0);
        l.apply(block(l, exec));
        back.apply(block(back, exec));
        assertArrayEquals(l.appHash(), back.appHash());
        assertEquals(3000, back.governance().mmBps());
        // a tampered governance byte is refused or gives another hash, never the same state silently
        byte[] snap = Snapshot.encode(l);
        byte[] trusted = l.appHash();
        for (int i = snap.length - 40; i < snap.length - 4; i++) {
            byte[] t = snap.clone();
            t[i] ^= 1;
            try {
                Ledger x = Snapshot.decodeTrusted(l.config(), t, trusted);
                assertEquals(view(l), view(x), "accepted a tampered snapshot with another state");
            } catch (dev.bulwark.ledger.state.StateException expected) {
                // refused: malformed, invalid or hash mismatch
            }
        }
    }

    @Test
    void configRefusesBadGovernance() {
        dev.bulwark.margin.MarginParams m = new dev.bulwark.margin.MarginParams(2, 2, 40, 40, 7, 12, 5, 2000, 1000,
                500, 1000, 1);
        dev.bulwark.oracle.OracleParams o = Fixtures.oracleParams(1, 7, 12, 5, 1_000_000);
        // genesis rates outside the bounds
        LedgerException e = assertThrows(LedgerException.class, () -> Fixtures.govConfig(m, 10, o, 3, 8, 3, 2, 2, 1,
                3000, 5000, 500, 5000, 0, 1000, 2));
        assertEquals(dev.bulwark.ledger.Reason.INVALID_CONFIG, e.reason());
        // a maximal maintenance rate whose requirement (2 lots at 12, 100 %: 24) exceeds the balance bound 20
        dev.bulwark.margin.MarginParams small = new dev.bulwark.margin.MarginParams(2, 2, 20, 40, 7, 12, 5, 2000,
                1000, 500, 1000, 1);
        e = assertThrows(LedgerException.class, () -> Fixtures.govConfig(small, 10, o, 3, 8, 3, 2, 2, 1, 1000, 10000,
                500, 10000, 0, 1000, 2));
        assertEquals(dev.bulwark.ledger.Reason.INVALID_CONFIG, e.reason());
        Fixtures.govConfig(small, 10, o, 3, 8, 3, 2, 2, 1, 1000, 5000, 500, 5000, 0, 1000, 2);   // 12 <= 20: accepted
        // threshold above the owners
        e = assertThrows(LedgerException.class, () -> Fixtures.govConfig(m, 10, o, 3, 8, 3, 2, 3, 1, 1000, 5000, 500,
                5000, 0, 1000, 2));
        assertEquals(dev.bulwark.ledger.Reason.INVALID_CONFIG, e.reason());
    }

    @Test
    void payloadKindsRoundTripThroughTheTransactionCodec() {
        Payload[] qs = {new ParamsChange(3000, 2000, 10), new FundWithdrawal(7), new StakeChange(0, 2),
                new dev.bulwark.governance.OwnerAddition(2, 2), new OwnerRemoval(1, 1),
                new dev.bulwark.governance.OwnerSwap(1, 2), new ThresholdChange(2), new Cancellation()};
        for (Payload q : qs) {
            GovPropose t = propose(K0, 3, q, 4, K1);
            dev.bulwark.ledger.state.SignedTx s = new dev.bulwark.ledger.state.SignedTx(t, new byte[64], new byte[64]);
            byte[] enc = dev.bulwark.ledger.state.TxCodec.encode(s);
            assertEquals(t, dev.bulwark.ledger.state.TxCodec.decode(enc).tx(), q.toString());
            assertArrayEquals(enc, dev.bulwark.ledger.state.TxCodec.encode(dev.bulwark.ledger.state.TxCodec.decode(enc)));
        }
    }
}
