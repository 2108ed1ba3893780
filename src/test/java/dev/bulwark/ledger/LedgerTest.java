package dev.bulwark.ledger;

import static dev.bulwark.ledger.Fixtures.CHAIN;
import static dev.bulwark.ledger.Fixtures.account;
import static dev.bulwark.ledger.Fixtures.block;
import static dev.bulwark.ledger.Fixtures.deposit;
import static dev.bulwark.ledger.Fixtures.liquidate;
import static dev.bulwark.ledger.Fixtures.report;
import static dev.bulwark.ledger.Fixtures.reporter;
import static dev.bulwark.ledger.Fixtures.stateWithoutResults;
import static dev.bulwark.ledger.Fixtures.trade;
import static dev.bulwark.ledger.Fixtures.withdraw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bulwark.ledger.state.Snapshot;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.oracle.Oracle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The ledger core by hand: genesis, every result code, account creation and its bound, the end
 * of block (oracle close, halt, backstop liquidation, deleveraging, with the numbers worked out
 * below), and every bad input at the transaction and at the block level -- rejected with its
 * typed reason, nothing changed.
 *
 * <p>Market (the spec's MC constants): prices 7..12, 20% initial / 10% maintenance margin, 5%
 * fee, MaxCollateral 40, MaxLots 2; accounts 0, 1 and the backstop 2; one reporter; a price is
 * usable for 3 rounds.
 */
class LedgerTest {
    static final AccountKey A0 = account(0);
    static final AccountKey A1 = account(1);
    static final AccountKey A2 = account(2);
    static final AccountKey P0 = reporter(0);
    static final AccountKey FRESH = account(99);

    static Ledger genesis() {
        return new Ledger(Fixtures.mcConfig(3, 1, 5));
    }

    /** Funded (5, 10, 20) and running at price 10. */
    static Ledger running() {
        Ledger l = genesis();
        BlockResult r = l.apply(block(l, deposit(A0, 1, 5), deposit(A1, 1, 10), deposit(A2, 1, 20), report(P0, 1, 10)));
        assertEquals(4, r.size());
        assertFalse(l.halted());
        return l;
    }

    /** Applies t alone in a fresh block of a copy and returns (copy, its result). */
    static TxResult single(Ledger l, Transaction t) {
        l.beginBlock();
        return l.applyTx(t);
    }

    /**
     * t is rejected with code c and changes nothing: at the transaction level (the state but the
     * results is unchanged) and at the block level (a block holding t ends exactly where the
     * block without it does, but for t's result).
     */
    static void rejected(Supplier<Ledger> make, Transaction t, TxCode c) {
        Ledger l = make.get();
        byte[] before = stateWithoutResults(l);
        TxResult r = single(l, t);
        assertEquals(c, r.code(), t.toString());
        assertArrayEquals(before, stateWithoutResults(l), "a rejected transaction changed the state: " + t);
        Ledger with = make.get();
        Ledger without = make.get();
        BlockResult rw = with.apply(block(with, t));
        without.apply(block(without));
        assertEquals(c, rw.result(0).code());
        assertArrayEquals(stateWithoutResults(without), stateWithoutResults(with), "the block changed more: " + t);
    }

    @Test
    void genesisIsHaltedWithTheGenesisAccounts() {
        Ledger l = genesis();
        assertEquals(0, l.height());
        assertEquals(3, l.accounts());
        assertTrue(l.halted());
        assertEquals(2, l.backstop());
        for (int a = 0; a < 3; a++) {
            assertEquals(0, l.nonce(a));
            assertEquals(0, l.collateral(a));
            assertEquals(a, l.accountId(account(a)));
        }
        assertEquals(-1, l.accountId(FRESH));
        assertEquals(0, l.reporterIndex(P0));
        assertEquals(0, l.resultCount());
        assertArrayEquals(genesis().appHash(), l.appHash(), "genesis app hash is a function of the config");
    }

    @Test
    void executedTransactionsAdvanceNonces() {
        Ledger l = running();
        assertEquals(1, l.nonce(0));
        assertEquals(1, l.reporterNonce(0));
        TxResult r = single(l, deposit(A0, 2, 3));
        assertEquals(TxCode.APPLIED, r.code());
        assertEquals(8, l.collateral(0));
        assertEquals(2, l.nonce(0));
        // a trade advances both signers' nonces
        assertEquals(TxCode.APPLIED, l.applyTx(trade(A0, 3, A1, 2, 1, 10)).code());
        assertEquals(3, l.nonce(0));
        assertEquals(2, l.nonce(1));
        assertEquals(1, l.position(0));
        assertEquals(-1, l.position(1));
    }

    @Test
    void refusedTransactionsConsumeTheirNonceAndChangeNothingElse() {
        // a trade that breaks initial margin: 2 lots at 10 need 4 of equity, account 0 keeps 1
        Ledger l = running();
        l.beginBlock();
        assertEquals(TxCode.APPLIED, l.applyTx(withdraw(A0, 2, 4)).code());   // balance 1
        long[] before = {l.collateral(0), l.collateral(1), l.position(0), l.position(1)};
        TxResult r = l.applyTx(trade(A0, 3, A1, 2, 2, 10));
        assertEquals(TxCode.REFUSED, r.code());
        assertEquals(dev.bulwark.margin.Reason.INSUFFICIENT_MARGIN, r.marginReason());
        assertEquals(3, l.nonce(0));
        assertEquals(2, l.nonce(1));
        assertArrayEquals(before, new long[] {l.collateral(0), l.collateral(1), l.position(0), l.position(1)});
        // the refused trade can never apply later: its nonces are used
        assertEquals(TxCode.BAD_NONCE, l.applyTx(trade(A0, 3, A1, 2, 2, 10)).code());
    }

    @Test
    void aTradeBreakingMarginChangesNothingButItsNoncesInABlock() {
        // account 0 keeps 1 of its 5: buying 2 lots at 10 would need initial margin 4 (equity stays 1)
        Supplier<Ledger> poor = () -> {
            Ledger l = running();
            l.apply(block(l, withdraw(A0, 2, 4)));   // balance 1
            return l;
        };
        Ledger with = poor.get();
        Ledger without = poor.get();
        BlockResult r = with.apply(block(with, trade(A0, 3, A1, 2, 2, 10)));
        without.apply(block(without));
        assertEquals(TxCode.REFUSED, r.result(0).code());
        assertEquals(dev.bulwark.margin.Reason.INSUFFICIENT_MARGIN, r.result(0).marginReason());
        for (int a = 0; a < 3; a++) {
            assertEquals(without.collateral(a), with.collateral(a));
            assertEquals(without.position(a), with.position(a));
        }
        assertEquals(without.insurance(), with.insurance());
        assertEquals(without.nonce(0) + 1, with.nonce(0));   // the nonce rule: executed, settled once
        assertEquals(without.nonce(1) + 1, with.nonce(1));
        assertEquals(without.nonce(2), with.nonce(2));
    }

    @Test
    void withdrawalWhileHaltedIsRefusedByTheMarginRule() {
        Ledger l = genesis();
        l.beginBlock();
        assertEquals(TxCode.APPLIED, l.applyTx(deposit(A0, 1, 5)).code());
        TxResult r = l.applyTx(withdraw(A0, 2, 1));
        assertEquals(TxCode.REFUSED, r.code());
        assertEquals(dev.bulwark.margin.Reason.MARKET_HALTED, r.marginReason());
        assertEquals(2, l.nonce(0));
        assertEquals(5, l.collateral(0));
    }

    @Test
    void replayedAndOutOfOrderNoncesAreRejected() {
        rejected(LedgerTest::running, deposit(A0, 1, 5), TxCode.BAD_NONCE);       // replay of block 1's
        rejected(LedgerTest::running, deposit(A0, 3, 5), TxCode.BAD_NONCE);       // gap
        rejected(LedgerTest::running, deposit(A0, Long.MAX_VALUE - 1, 5), TxCode.BAD_NONCE);
        rejected(LedgerTest::running, trade(A0, 2, A1, 1, 1, 10), TxCode.BAD_NONCE);  // seller's replayed
        rejected(LedgerTest::running, trade(A0, 1, A1, 2, 1, 10), TxCode.BAD_NONCE);  // buyer's replayed
        rejected(LedgerTest::running, report(P0, 1, 11), TxCode.BAD_NONCE);
        rejected(LedgerTest::running, liquidate(A1, 5, A0, 1, 10), TxCode.BAD_NONCE);
        rejected(LedgerTest::running, withdraw(A2, 1, 1), TxCode.BAD_NONCE);
        // a replay inside one block: the second copy is rejected
        Ledger l = running();
        BlockResult r = l.apply(block(l, deposit(A0, 2, 1), deposit(A0, 2, 1)));
        assertEquals(TxCode.APPLIED, r.result(0).code());
        assertEquals(TxCode.BAD_NONCE, r.result(1).code());
        assertEquals(6, l.collateral(0));
    }

    @Test
    void wrongChainIsRejected() {
        rejected(LedgerTest::running, new Deposit(CHAIN + 1, A0, 2, 5), TxCode.WRONG_CHAIN);
        rejected(LedgerTest::running, new Trade(CHAIN + 1, A0, 2, A1, 2, 1, 10), TxCode.WRONG_CHAIN);
        rejected(LedgerTest::running, new Report(-CHAIN, P0, 2, 10), TxCode.WRONG_CHAIN);
        // a fresh key's deposit on another chain creates nothing
        rejected(LedgerTest::running, new Deposit(0, FRESH, 1, 5), TxCode.WRONG_CHAIN);
    }

    @Test
    void unknownSignersAreRejected() {
        rejected(LedgerTest::running, withdraw(FRESH, 1, 1), TxCode.UNKNOWN_SIGNER);
        rejected(LedgerTest::running, trade(FRESH, 1, A1, 2, 1, 10), TxCode.UNKNOWN_SIGNER);
        rejected(LedgerTest::running, trade(A0, 2, FRESH, 1, 1, 10), TxCode.UNKNOWN_SIGNER);
        rejected(LedgerTest::running, trade(A0, 2, A0, 3, 1, 10), TxCode.UNKNOWN_SIGNER);   // seller = buyer
        rejected(LedgerTest::running, report(A0, 2, 10), TxCode.UNKNOWN_SIGNER);            // not a reporter
        rejected(LedgerTest::running, deposit(P0, 1, 5), TxCode.UNKNOWN_SIGNER);            // a reporter's key
        rejected(LedgerTest::running, liquidate(FRESH, 1, A0, 1, 10), TxCode.UNKNOWN_SIGNER);
        rejected(LedgerTest::running, liquidate(P0, 2, A0, 1, 10), TxCode.UNKNOWN_SIGNER);
    }

    @Test
    void malformedTransactionsAreRejected() {
        rejected(LedgerTest::running, deposit(A0, 2, 0), TxCode.MALFORMED);
        rejected(LedgerTest::running, deposit(A0, 2, -5), TxCode.MALFORMED);
        rejected(LedgerTest::running, deposit(A0, 2, Transaction.MAX_AMOUNT + 1), TxCode.MALFORMED);
        rejected(LedgerTest::running, withdraw(A0, 0, 1), TxCode.MALFORMED);
        rejected(LedgerTest::running, withdraw(A0, -1, 1), TxCode.MALFORMED);
        rejected(LedgerTest::running, trade(A0, 2, A1, 2, 0, 10), TxCode.MALFORMED);
        rejected(LedgerTest::running, trade(A0, 2, A1, 2, 1, 0), TxCode.MALFORMED);
        rejected(LedgerTest::running, trade(A0, 2, A1, 0, 1, 10), TxCode.MALFORMED);
        rejected(LedgerTest::running, trade(A0, 2, A1, 2, Transaction.MAX_LOTS + 1, 10), TxCode.MALFORMED);
        rejected(LedgerTest::running, report(P0, 2, Transaction.MAX_PRICE + 1), TxCode.MALFORMED);
        rejected(LedgerTest::running, report(P0, 2, -10), TxCode.MALFORMED);
        rejected(LedgerTest::running, liquidate(A1, 2, A0, -1, 10), TxCode.MALFORMED);
        rejected(LedgerTest::running, new Deposit(CHAIN, A0, Long.MAX_VALUE, 5), TxCode.MALFORMED);
        // and a fresh key's malformed deposit creates nothing
        rejected(LedgerTest::running, deposit(FRESH, 1, 0), TxCode.MALFORMED);
        assertThrows(LedgerException.class, () -> new Deposit(CHAIN, null, 1, 1));
        assertThrows(LedgerException.class, () -> new Trade(CHAIN, A0, 1, null, 1, 1, 1));
        assertThrows(LedgerException.class, () -> new Liquidate(CHAIN, A0, 1, null, 1, 1));
        assertThrows(LedgerException.class, () -> AccountKey.of(new byte[31]));
    }

    @Test
    void aFirstDepositCreatesTheAccount() {
        Ledger l = running();
        BlockResult r = l.apply(block(l, deposit(FRESH, 1, 5)));   // net deposits 35 + 5 = MaxNetDeposits
        assertEquals(TxCode.APPLIED, r.result(0).code(), r.toString());
        assertEquals(4, l.accounts());
        assertEquals(3, l.accountId(FRESH));
        assertEquals(5, l.collateral(3));
        assertEquals(1, l.nonce(3));
        assertEquals(FRESH, l.accountKey(3));
        // the new account trades like any other
        r = l.apply(block(l, trade(FRESH, 2, A1, 2, 1, 10)));
        assertEquals(TxCode.APPLIED, r.result(0).code(), r.toString());
        assertEquals(1, l.position(3));
    }

    @Test
    void aFreshKeyMustStartAtNonceOne() {
        rejected(LedgerTest::running, deposit(FRESH, 2, 7), TxCode.BAD_NONCE);
        Ledger l = running();
        single(l, deposit(FRESH, 2, 7));
        assertEquals(3, l.accounts());
    }

    @Test
    void aRefusedFirstDepositStillCreatesTheEmptyAccount() {
        // an admissible deposit consumes the nonce even when the margin rule refuses it: 41 > MaxCollateral
        Ledger l = running();
        TxResult r = single(l, deposit(FRESH, 1, 41));
        assertEquals(TxCode.REFUSED, r.code());
        assertEquals(dev.bulwark.margin.Reason.LIMIT_EXCEEDED, r.marginReason());
        assertEquals(4, l.accounts());
        assertEquals(0, l.collateral(3));
        assertEquals(1, l.nonce(3));
        assertEquals(TxCode.BAD_NONCE, l.applyTx(deposit(FRESH, 1, 41)).code());
    }

    @Test
    void accountsAreBoundedByMaxAccounts() {
        Supplier<Ledger> full = () -> {
            Ledger l = running();
            l.apply(block(l, deposit(account(10), 1, 1), deposit(account(11), 1, 1)));
            assertEquals(5, l.accounts());
            return l;
        };
        rejected(full, deposit(FRESH, 1, 1), TxCode.ACCOUNT_LIMIT);
        // existing accounts still deposit
        Ledger l = full.get();
        assertEquals(TxCode.APPLIED, single(l, deposit(account(10), 2, 1)).code());
    }

    @Test
    void accountCreationGrowsTheEngineBeyondItsFirstCapacity() {
        LedgerConfig cfg = Fixtures.bigConfig(2, 1, 1000);
        Ledger l = new Ledger(cfg);
        Transaction[] txs = new Transaction[100];
        for (int i = 0; i < txs.length; i++) {
            txs[i] = deposit(account(1000 + i), 1, 1 + i);
        }
        BlockResult r = l.apply(block(l, txs));
        for (int i = 0; i < txs.length; i++) {
            assertEquals(TxCode.APPLIED, r.result(i).code());
            assertEquals(1 + i, l.collateral(2 + i));
        }
        assertEquals(102, l.accounts());
        assertEquals(5050, l.netDeposits());
        // the snapshot restores the grown ledger exactly
        Ledger back = Snapshot.decode(cfg, Snapshot.encode(l));
        assertArrayEquals(l.appHash(), back.appHash());
    }

    @Test
    void reportsEquivocationsAndRefusals() {
        Ledger l = running();
        l.beginBlock();
        assertEquals(TxCode.APPLIED, l.applyTx(report(P0, 2, 11)).code());
        assertEquals(11, l.oracleReport(0));
        assertEquals(TxCode.APPLIED, l.applyTx(report(P0, 3, 12)).code());   // a second, different one
        assertEquals(Oracle.EQUIVOCATED, l.oracleReport(0));
        assertTrue(l.evidenced(0));
        TxResult r = l.applyTx(report(P0, 4, 10));
        assertEquals(TxCode.REFUSED, r.code());
        assertEquals(dev.bulwark.oracle.Reason.ALREADY_EQUIVOCATED, r.oracleReason());
        assertEquals(4, l.reporterNonce(0));
        // a price the oracle's range does not hold: refused by the oracle rule (nonce consumed)
        Ledger m = running();
        TxResult q = single(m, report(P0, 2, 13));
        assertEquals(TxCode.REFUSED, q.code());
        assertEquals(dev.bulwark.oracle.Reason.PRICE_OUT_OF_RANGE, q.oracleReason());
        assertEquals(2, m.reporterNonce(0));
    }

    @Test
    void liquidatingAnUnknownAccountIsRefusedByTheMarginRule() {
        Ledger l = running();
        TxResult r = single(l, liquidate(A1, 2, FRESH, 1, 10));
        assertEquals(TxCode.REFUSED, r.code());
        assertEquals(dev.bulwark.margin.Reason.UNKNOWN_ACCOUNT, r.marginReason());
        assertEquals(2, l.nonce(1));
        assertEquals(3, l.accounts());
    }

    @Test
    void theRoundClosesAtTheEndOfEveryBlockAndAStalePriceHalts() {
        Ledger l = genesis();
        assertTrue(l.halted());
        l.apply(block(l, report(P0, 1, 11)));
        assertFalse(l.halted());
        assertEquals(11, l.price());
        assertEquals(1, l.oracleRound());
        // no more reports: the price accepted in round 0 is usable in rounds 0..2, stale in round 3
        l.apply(block(l));
        assertFalse(l.halted());
        assertEquals(2, l.oracleRound());
        l.apply(block(l));
        assertTrue(l.halted());
        assertEquals(3, l.height());
        // the next aggregate lifts the halt at the reported price
        l.apply(block(l, report(P0, 2, 9)));
        assertFalse(l.halted());
        assertEquals(9, l.price());
    }

    @Test
    void theBackstopTakesOverALiquidatableAccountAtTheEndOfTheBlock() {
        Ledger l = running();
        // account 0 buys 2 lots at 10 (balance 5 - 20 = -15), the oracle moves to 8:
        // equity -15 + 16 = 1 < maintenance ceil(16 * 10%) = 2, the fund covers nothing needed.
        BlockResult r = l.apply(block(l, trade(A0, 2, A1, 2, 2, 10), report(P0, 2, 8)));
        assertEquals(TxCode.APPLIED, r.result(0).code());
        assertEquals(1, r.backstopLiquidations());
        assertEquals(0, r.deleverages());
        // the backstop (balance 20) takes both lots at 8: it pays 16; account 0 gets 16 and pays
        // the fee min(ceil(16 * 5%), equity 1) = 1 to the fund
        assertEquals(0, l.position(0));
        assertEquals(0, l.collateral(0));
        assertEquals(2, l.position(2));
        assertEquals(4, l.collateral(2));
        assertEquals(1, l.insurance());
        assertEquals(l.netDeposits(), l.collateral(0) + l.collateral(1) + l.collateral(2) + l.insurance());
    }

    @Test
    void aBankruptAccountTheFundCannotCoverIsDeleveraged() {
        Ledger l = running();
        // at 7: equity -15 + 14 = -1, the fund is empty: deleveraged against account 1, the most
        // profitable short (equity 30 - 14 = 16; the backstop is flat): 2 lots carry the whole
        // balance -15.  The liquidation in the block came too early (at 10 account 0 was healthy).
        BlockResult r = l.apply(block(l, trade(A0, 2, A1, 2, 2, 10), report(P0, 2, 7), liquidate(A1, 3, A0, 2, 7)));
        assertEquals(TxCode.APPLIED, r.result(0).code());
        assertEquals(TxCode.REFUSED, r.result(2).code());
        assertEquals(dev.bulwark.margin.Reason.NOT_LIQUIDATABLE, r.result(2).marginReason());
        assertEquals(1, r.deleverages());
        assertEquals(0, r.backstopLiquidations());
        assertEquals(0, l.position(0));
        assertEquals(0, l.collateral(0));
        assertEquals(0, l.position(1));
        assertEquals(15, l.collateral(1));
        assertEquals(20, l.collateral(2));
        assertEquals(0, l.insurance());
        assertEquals(35, l.netDeposits());
    }

    @Test
    void theLiquidationStepsRefuseUnknownAccounts() {
        Ledger l = running();
        for (int a : new int[] {-1, 3, Integer.MAX_VALUE}) {
            LedgerException e = assertThrows(LedgerException.class, () -> l.deleverageStep(a));
            assertEquals(Reason.UNKNOWN_ACCOUNT, e.reason());
            e = assertThrows(LedgerException.class, () -> l.backstopStep(a));
            assertEquals(Reason.UNKNOWN_ACCOUNT, e.reason());
            assertThrows(LedgerException.class, () -> l.collateral(a));
        }
        assertFalse(l.deleverageStep(0));
        assertFalse(l.backstopStep(0));
        assertEquals(-1, l.deleverageTarget(0));
        assertEquals(0, l.backstopLots(0));
    }

    /** A refused block: typed reason, and the state (results and app hash included) unchanged. */
    static void refusedBlock(Ledger l, Block b, Reason reason) {
        byte[] before = Fixtures.state(l);
        byte[] hash = l.appHash();
        LedgerException e = assertThrows(LedgerException.class, () -> l.apply(b));
        assertEquals(reason, e.reason());
        assertArrayEquals(before, Fixtures.state(l));
        assertArrayEquals(hash, l.appHash());
        assertFalse(l.validBlock(b));
    }

    @Test
    void malformedAndOversizedBlocksAreRefusedAsAWhole() {
        Ledger l = running();
        l.apply(block(l, deposit(A0, 2, 1)));   // results [APPLIED] must survive the refusals
        refusedBlock(l, null, Reason.MALFORMED_BLOCK);
        refusedBlock(l, new Block(CHAIN, l.height() + 1, null), Reason.MALFORMED_BLOCK);
        refusedBlock(l, new Block(CHAIN, l.height() + 1, new Transaction[] {deposit(A0, 3, 1), null}),
                Reason.MALFORMED_BLOCK);
        refusedBlock(l, new Block(CHAIN + 1, l.height() + 1, new Transaction[] {deposit(A0, 3, 1)}), Reason.WRONG_CHAIN);
        refusedBlock(l, new Block(CHAIN, l.height(), new Transaction[] {deposit(A0, 3, 1)}), Reason.BAD_HEIGHT);
        refusedBlock(l, new Block(CHAIN, l.height() + 2, new Transaction[0]), Reason.BAD_HEIGHT);
        Transaction[] many = new Transaction[Block.MAX_TXS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = deposit(A0, 3 + i, 1);
        }
        refusedBlock(l, new Block(CHAIN, l.height() + 1, many), Reason.OVERSIZED_BLOCK);
        assertEquals(1, l.resultCount());
        // exactly MAX_TXS is a block
        Transaction[] max = java.util.Arrays.copyOf(many, Block.MAX_TXS);
        BlockResult r = l.apply(new Block(CHAIN, l.height() + 1, max));
        assertEquals(Block.MAX_TXS, r.size());
    }

    @Test
    void applyTxRefusesNullAndAFullBlock() {
        Ledger l = running();
        l.beginBlock();
        LedgerException e = assertThrows(LedgerException.class, () -> l.applyTx(null));
        assertEquals(Reason.MALFORMED, e.reason());
        assertEquals(0, l.resultCount());
        for (int i = 0; i < Block.MAX_TXS; i++) {
            l.applyTx(deposit(A0, 1, 1));   // BAD_NONCE each: nothing but the result
        }
        byte[] before = Fixtures.state(l);
        e = assertThrows(LedgerException.class, () -> l.applyTx(deposit(A0, 2, 1)));
        assertEquals(Reason.BLOCK_FULL, e.reason());
        assertArrayEquals(before, Fixtures.state(l));
    }

    @Test
    void theAppHashIsAFunctionOfTheState() {
        Ledger a = running();
        Ledger b = running();
        BlockResult ra = a.apply(block(a, deposit(A0, 2, 1)));
        BlockResult rb = b.apply(block(b, deposit(A0, 2, 1)));
        assertArrayEquals(ra.appHash(), rb.appHash());
        assertArrayEquals(ra.appHash(), a.appHash());
        Ledger c = running();
        BlockResult rc = c.apply(block(c, deposit(A0, 2, 2)));
        assertFalse(java.util.Arrays.equals(ra.appHash(), rc.appHash()));
        // the results are part of the state: the same effect with another code gives another hash
        Ledger d = running();
        BlockResult rd = d.apply(block(d, deposit(A0, 2, 1), deposit(A0, 2, 1)));
        assertEquals(TxCode.BAD_NONCE, rd.result(1).code());
        assertFalse(java.util.Arrays.equals(ra.appHash(), rd.appHash()));
    }

    @Test
    void invalidConfigurationsAreRefused() {
        MarginParams m = Fixtures.mcConfig(3, 1, 5).margin();
        var o = Fixtures.oracleParams(1, 7, 12, 3, 1_000_000);
        AccountKey[] g = {A0, A1, A2};
        AccountKey[] r = {P0};
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, null, 10, o, g, 2, r, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, g, 2, r, 2));          // more genesis than max
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, g, 2, r, (1 << 20) + 1));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, new AccountKey[0], 0, r, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, g, 3, r, 5));          // backstop not genesis
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, g, 2, new AccountKey[] {P0, reporter(1)}, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, new AccountKey[] {A0, A0, A2}, 2, r, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, o, g, 2, new AccountKey[] {A1}, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 10, Fixtures.oracleParams(1, 6, 12, 3, 9), g, 2, r, 5));
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, m, 13, o, g, 2, r, 5));
        MarginParams slow = new MarginParams(2, 2, 40, 40, 7, 12, 4, 2000, 1000, 500, 1000, 1);   // step 4 < 12 - 7
        assertInvalidConfig(() -> new LedgerConfig(CHAIN, slow, 10, o, g, 2, r, 5));
        assertInvalidConfig(() -> new Ledger(null));
    }

    static void assertInvalidConfig(org.junit.jupiter.api.function.Executable e) {
        LedgerException x = assertThrows(LedgerException.class, e);
        assertEquals(Reason.INVALID_CONFIG, x.reason());
    }

    @Test
    void fromStateRefusesStatesThatAreNotLedgerStates() {
        Ledger l = running();
        LedgerConfig cfg = l.config();   // the oracle must be built with the config's own params
        Oracle o = l.oracle();
        AccountKey[] keys = {A0, A1, A2};
        long[] coll = {5, 10, 20};
        long[] pos = {0, 0, 0};
        long[] nonce = {1, 1, 1};
        long[] rn = {1};
        TxResult[] res = {};
        Ledger ok = Ledger.fromState(cfg, keys, coll, pos, nonce, 10, 0, 35, false, o, rn, 1, res);
        assertEquals(35, ok.netDeposits());
        assertInvalidState(() -> Ledger.fromState(cfg, keys, new long[] {5, 10, 21}, pos, nonce, 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, new long[] {1, 0, 0}, nonce, 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, new AccountKey[] {A1, A0, A2}, coll, pos, nonce, 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, new AccountKey[] {A0, A1, A2, A0}, new long[4], new long[4], new long[4], 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, new AccountKey[] {A0, A1, A2, P0}, new long[4], new long[4], new long[4], 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, new long[] {-1, 1, 1}, 10, 0, 35, false, o, rn, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, nonce, 11, 0, 35, false, o, rn, 1, res)); // price not the oracle's
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, nonce, 10, 0, 35, false, o, new long[] {1, 1}, 1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, nonce, 10, 0, 35, false, o, rn, -1, res));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, nonce, 10, 0, 35, false, o, rn, 1, new TxResult[] {null}));
        assertInvalidState(() -> Ledger.fromState(cfg, keys, coll, pos, nonce, 10, 0, 35, false, null, rn, 1, res));
    }

    static void assertInvalidState(org.junit.jupiter.api.function.Executable e) {
        LedgerException x = assertThrows(LedgerException.class, e);
        assertEquals(Reason.INVALID_STATE, x.reason());
    }

    @Test
    void resultsEncodeAndDecode() {
        for (TxCode c : TxCode.values()) {
            if (c == TxCode.REFUSED) {
                continue;
            }
            TxResult r = TxResult.fromInt(c.ordinal());
            assertEquals(c, r.code());
            assertEquals(c.ordinal(), r.toInt());
        }
        for (dev.bulwark.margin.Reason m : dev.bulwark.margin.Reason.values()) {
            TxResult r = TxResult.refused(m);
            assertEquals(r, TxResult.fromInt(r.toInt()));
        }
        for (dev.bulwark.oracle.Reason m : dev.bulwark.oracle.Reason.values()) {
            TxResult r = TxResult.refused(m);
            assertEquals(r, TxResult.fromInt(r.toInt()));
        }
        assertNull(TxResult.fromInt(TxCode.REFUSED.ordinal()));        // a refusal without a reason
        assertNull(TxResult.fromInt(TxCode.APPLIED.ordinal() | 1 << 8));
        assertNull(TxResult.fromInt(200));
        assertNull(TxResult.fromInt(1 << 20));
    }
}
