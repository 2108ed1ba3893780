package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Each action's happy path with hand-computed numbers, and one test per refusal: the Reason and
 * an exactly unchanged state.
 *
 * <p>Parameters (P): MaxTradeLots 10, MaxLots 20, MaxCollateral 10,000, MaxNetDeposits 5,000,
 * prices 50..200, MaxPriceStep 20, IM 20%, MM 10%, fee 5%, band 10%, DustLots 2.
 */
class MarginEngineTest {

    static final MarginParams P = new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20,
            2_000, 1_000, 500, 1_000, 2);

    static MarginEngine engine(int accounts) {
        return new MarginEngine(P, accounts, 100);
    }

    /** Runs a call that must be refused; checks the Reason and that nothing changed. */
    static MarginException assertRefused(MarginEngine e, Reason reason, Executable call) {
        EngineSnapshot before = EngineSnapshot.of(e);
        MarginException ex = assertThrows(MarginException.class, call);
        assertEquals(reason, ex.reason(), ex.getMessage());
        assertEquals(before, EngineSnapshot.of(e), "state changed by a refused call");
        return ex;
    }

    static void assertState(MarginEngine e, long[] coll, long[] pos, long price, long insurance, long netDeposits) {
        assertEquals(new EngineSnapshot(coll, pos, price, insurance, netDeposits, false), EngineSnapshot.of(e));
    }

    /** a0 long 10 at 100 with 200 deposited (exactly at initial margin), a1 short with 1000, a2 flat with 1000. */
    static MarginEngine longAtMargin() {
        MarginEngine e = engine(3);
        e.deposit(0, 200);
        e.deposit(1, 1000);
        e.deposit(2, 1000);
        e.trade(0, 1, 10, 100);
        assertState(e, new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2200);
        return e;
    }

    // ---------------------------------------------------------------- construction

    @Test
    void initIsAllZero() {
        MarginEngine e = engine(3);
        assertState(e, new long[3], new long[3], 100, 0, 0);
        assertEquals(3, e.accounts());
        assertEquals(P, e.params());
        assertArrayEquals(new int[0], e.scanLiquidatable());
    }

    @Test
    void constructorRejectsBadArguments() {
        assertEquals(Reason.INVALID_STATE, assertThrows(MarginException.class, () -> new MarginEngine(P, 0, 100)).reason());
        assertEquals(Reason.INVALID_STATE,
            assertThrows(MarginException.class, () -> new MarginEngine(P, MarginEngine.MAX_ACCOUNTS + 1, 100)).reason());
        assertEquals(Reason.PRICE_OUT_OF_RANGE, assertThrows(MarginException.class, () -> new MarginEngine(P, 2, 49)).reason());
        assertEquals(Reason.PRICE_OUT_OF_RANGE, assertThrows(MarginException.class, () -> new MarginEngine(P, 2, 201)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class, () -> new MarginEngine(null, 2, 100)).reason());
    }

    @Test
    void paramsAreValidated() {
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,
            () -> new MarginParams(0, 20, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.LIMIT_EXCEEDED, assertThrows(MarginException.class,
            () -> new MarginParams(10, MarginEngine.MAX_LOTS + 1, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.LIMIT_EXCEEDED, assertThrows(MarginException.class,
            () -> new MarginParams(10, 20, MarginEngine.MAX_COLLATERAL + 1, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.LIMIT_EXCEEDED, assertThrows(MarginException.class,
            () -> new MarginParams(10, 20, 10_000, MarginEngine.MAX_NET_DEPOSITS + 1, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.LIMIT_EXCEEDED, assertThrows(MarginException.class,
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, MarginEngine.MAX_PRICE + 1, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // MinPrice > MaxPrice
            () -> new MarginParams(10, 20, 10_000, 5_000, 201, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // MmBps > ImBps
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 1_000, 2_000, 500, 1_000, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // MmBps = 0
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 1_000, 0, 500, 1_000, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // FeeBps > BPS
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 10_001, 1_000, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // BandBps < 0
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 500, -1, 2)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // DustLots = 0
            () -> new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 0)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,      // MM of 20 lots at 200 = 400 > MaxCollateral 399
            () -> new MarginParams(10, 20, 399, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2)).reason());
        MarginParams d = MarginParams.defaults();
        assertTrue(MarginParams.valid(d.maxTradeLots, d.maxLots, d.maxCollateral, d.maxNetDeposits, d.minPrice,
            d.maxPrice, d.maxPriceStep, d.imBps, d.mmBps, d.feeBps, d.bandBps, d.dustLots));
        assertFalse(MarginParams.valid(10, 20, 10_000, 5_000, 50, 200, 20, 1_000, 2_000, 500, 1_000, 2));
    }

    @Test
    void fromStateLoadsAndCopies() {
        long[] coll = {-800, 2000, 1000};
        long[] pos = {10, -10, 0};
        MarginEngine e = MarginEngine.fromState(P, coll, pos, 100, 0, 2200);
        coll[0] = 0;
        pos[0] = 0;
        assertState(e, new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2200);
        assertTrue(MarginEngine.validState(P, new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2200));
    }

    @Test
    void rebuiltKeepsTheAccountsInFreshLongerArraysWithNewRatesOrFund() {
        MarginEngine e = longAtMargin();
        MarginEngine grown = e.rebuilt(P, 8, 0, 2200);
        assertEquals(new EngineSnapshot(new long[] {-800, 2000, 1000, 0, 0, 0, 0, 0}, new long[] {10, -10, 0, 0, 0, 0, 0, 0},
            100, 0, 2200, false), EngineSnapshot.of(grown));
        grown.deposit(3, 50); // fresh arrays: the old engine does not see the new one's stores
        assertState(e, new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2200);
        MarginParams rates = new MarginParams(10, 20, 10_000, 5_000, 50, 200, 20, 3_000, 1_500, 100, 1_000, 2);
        MarginEngine r = e.rebuilt(rates, 3, 0, 2200);
        assertEquals(rates, r.params());
        assertEquals(EngineSnapshot.of(e), EngineSnapshot.of(r));
        r.deposit(2, 10); // the same length, fresh arrays all the same
        assertState(e, new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2200);
        e.halt();
        MarginEngine f = e.rebuilt(P, 3, 0, 2200);
        assertTrue(f.isHalted());
    }

    @Test
    void rebuiltRefusesWhatWouldBreakTheBoundsOrConservation() {
        MarginEngine e = longAtMargin();
        Reason s = Reason.INVALID_STATE;
        assertRefused(e, s, () -> e.rebuilt(null, 3, 0, 2200));
        assertRefused(e, s, () -> e.rebuilt(P, 2, 0, 2200));                          // shorter than the accounts
        assertRefused(e, s, () -> e.rebuilt(P, MarginEngine.MAX_ACCOUNTS + 1, 0, 2200));
        assertRefused(e, s, () -> e.rebuilt(new MarginParams(10, 19, 10_000, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2),
            3, 0, 2200));                                                              // another MaxLots
        assertRefused(e, s, () -> e.rebuilt(new MarginParams(10, 20, 9_999, 5_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2),
            3, 0, 2200));                                                              // another MaxCollateral
        assertRefused(e, s, () -> e.rebuilt(new MarginParams(10, 20, 10_000, 5_000, 101, 200, 20, 2_000, 1_000, 500, 1_000, 2),
            3, 0, 2200));                                                              // the price outside the band
        assertRefused(e, s, () -> e.rebuilt(new MarginParams(10, 20, 10_000, 2_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2),
            3, 0, 2200));                                                              // net deposits above the cap
        assertRefused(e, s, () -> e.rebuilt(P, 3, -1, 2199));                         // insurance < 0
        assertRefused(e, s, () -> e.rebuilt(P, 3, 1, 2200));                          // Conservation
        assertRefused(e, s, () -> e.rebuilt(P, 3, Long.MAX_VALUE, 2200));             // no overflow in the check
    }

    @Test
    void fromStateRejectsStatesOutsideBoundsOrInvariants() {
        Reason s = Reason.INVALID_STATE;
        assertEquals(s, assertThrows(MarginException.class, () -> MarginEngine.fromState(P, null, new long[1], 100, 0, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class, () -> MarginEngine.fromState(P, new long[0], new long[0], 100, 0, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class, () -> MarginEngine.fromState(P, new long[2], new long[3], 100, 0, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // |coll| > MaxCollateral
            () -> MarginEngine.fromState(P, new long[] {10_001, -10_001}, new long[2], 100, 0, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // |pos| > MaxLots
            () -> MarginEngine.fromState(P, new long[2], new long[] {21, -21}, 100, 0, 0)).reason());
        assertEquals(Reason.PRICE_OUT_OF_RANGE, assertThrows(MarginException.class,
            () -> MarginEngine.fromState(P, new long[2], new long[2], 201, 0, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // insurance < 0
            () -> MarginEngine.fromState(P, new long[] {5, 0}, new long[2], 100, -5, 0)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // netDeposits > MaxNetDeposits
            () -> MarginEngine.fromState(P, new long[] {5_001, 0}, new long[2], 100, 0, 5_001)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // Conservation
            () -> MarginEngine.fromState(P, new long[] {5, 0}, new long[2], 100, 1, 5)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // OpenInterestBalanced
            () -> MarginEngine.fromState(P, new long[] {5, 0}, new long[] {1, 0}, 100, 0, 5)).reason());
        assertEquals(s, assertThrows(MarginException.class,          // huge insurance: no overflow in the check
            () -> MarginEngine.fromState(P, new long[] {10_000, 0}, new long[2], 100, Long.MAX_VALUE, 5_000)).reason());
        assertEquals(Reason.INVALID_PARAMS, assertThrows(MarginException.class,
            () -> MarginEngine.fromState(null, new long[2], new long[2], 100, 0, 0)).reason());
        assertFalse(MarginEngine.validState(P, new long[] {5, 0}, new long[2], 100, 1, 5));
    }

    // ---------------------------------------------------------------- happy paths

    @Test
    void depositCreditsAccountAndNetDeposits() {
        MarginEngine e = engine(2);
        assertTrue(e.canDeposit(1, 1000));
        e.deposit(1, 1000);
        e.deposit(1, 234);
        assertState(e, new long[] {0, 1234}, new long[2], 100, 0, 1234);
    }

    @Test
    void depositUpToTheLimitsExactly() {
        MarginEngine e = engine(2);
        e.deposit(0, 5_000);                         // netDeposits + x <= MaxNetDeposits, with equality
        assertState(e, new long[] {5_000, 0}, new long[2], 100, 0, 5_000);
    }

    @Test
    void withdrawDebitsAccountAndNetDeposits() {
        MarginEngine e = engine(2);
        e.deposit(0, 1000);
        assertTrue(e.canWithdraw(0, 1000));
        e.withdraw(0, 400);
        assertState(e, new long[] {600, 0}, new long[2], 100, 0, 600);
        e.withdraw(0, 600);                          // a flat account may withdraw everything
        assertState(e, new long[] {0, 0}, new long[2], 100, 0, 0);
    }

    @Test
    void withdrawDownToInitialMarginExactly() {
        MarginEngine e = engine(2);
        e.deposit(0, 1000);
        e.deposit(1, 1000);
        e.trade(0, 1, 10, 100);                      // a0: coll 0, pos 10, equity 1000, IM 200
        assertEquals(200, e.initialRequirement(0));
        assertEquals(100, e.maintenanceRequirement(0));
        assertFalse(e.canWithdraw(0, 801));
        e.withdraw(0, 800);                          // equity 200 = IM
        assertState(e, new long[] {-800, 2000}, new long[] {10, -10}, 100, 0, 1200);
        assertEquals(200, e.equity(0));
    }

    @Test
    void tradeMovesValueAndLots() {
        MarginEngine e = engine(2);
        e.deposit(0, 1000);
        e.deposit(1, 1000);
        assertTrue(e.canTrade(0, 1, 5, 110));        // band edge: |110 - 100| * 10000 = 1000 * 100
        e.trade(0, 1, 5, 105);
        // buyer pays 5 * 105 = 525, seller receives it
        assertState(e, new long[] {475, 1525}, new long[] {5, -5}, 100, 0, 2000);
        assertEquals(975, e.equity(0));
        assertEquals(1025, e.equity(1));
        assertEquals(100, e.initialRequirement(0));  // ceil(500 * 2000 / 10000)
        assertEquals(50, e.maintenanceRequirement(1));
    }

    @Test
    void riskReducingTradeBelowInitialMarginIsAccepted() {
        // a0 long 10 with equity 150 at price 100: above MM (100), below IM (200).
        MarginEngine e = MarginEngine.fromState(P, new long[] {-850, 2850}, new long[] {10, -10}, 100, 0, 2000);
        assertFalse(e.liquidatable(0));
        // a0 sells 2 at 100: stays long, smaller; surplus over MM 150-100=50 -> (-650+800)-80 = 70: accepted.
        e.trade(1, 0, 2, 100);
        assertState(e, new long[] {-650, 2650}, new long[] {8, -8}, 100, 0, 2000);
        // selling 2 at 95 loses 10 of surplus: 140 - 60 = 80 >= 70 -> still accepted (equity 140 >= ...)
        assertTrue(e.canTrade(1, 0, 2, 95));
    }

    @Test
    void setPriceMovesTheOracle() {
        MarginEngine e = engine(1);
        assertTrue(e.canSetPrice(120));
        e.setPrice(120);
        e.setPrice(100);
        e.setPrice(80);
        assertState(e, new long[1], new long[1], 80, 0, 0);
    }

    @Test
    void partialLiquidationWithFee() {
        MarginEngine e = longAtMargin();
        e.setPrice(85);                              // a0 equity -800 + 850 = 50 < MM ceil(85) = 85
        assertTrue(e.liquidatable(0));
        assertArrayEquals(new int[] {0}, e.scanLiquidatable());
        // Slack = 50 \div 10 = 5: prices 80..85; sizes 1..8 or 10 (DustLots 2)
        assertTrue(e.canLiquidate(0, 2, 4, 80));
        assertFalse(e.canLiquidate(0, 2, 4, 79));
        assertFalse(e.canLiquidate(0, 2, 9, 85));
        e.liquidate(0, 2, 4, 82);
        // fill 4 * 82 = 328; ca = -472, pa = 6, ea = -472 + 510 = 38; fee = min(ceil(16.4) = 17, 38) = 17
        assertState(e, new long[] {-489, 2000, 672}, new long[] {6, -10, 4}, 85, 17, 2200);
    }

    @Test
    void liquidationFeeCappedByEquity() {
        MarginEngine e = longAtMargin();
        e.setPrice(85);
        // full close at 82: fill 820, ca = 20, pa = 0, ea = 20; fee = min(ceil(41) = 41, 20) = 20
        e.liquidate(0, 2, 10, 82);
        assertState(e, new long[] {0, 2000, 180}, new long[] {0, -10, 10}, 85, 20, 2200);
    }

    @Test
    void shortLiquidationPricesLieAboveTheOracle() {
        // a1 short 10 with coll 1060 at price 100: equity 60 < MM 100. Slack = 6: prices 100..106.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-400, 1060, 1000}, new long[] {10, -10, 0}, 100, 0, 1660);
        assertTrue(e.liquidatable(1));
        assertFalse(e.canLiquidate(1, 2, 10, 99));
        assertFalse(e.canLiquidate(1, 2, 10, 107));
        e.liquidate(1, 2, 10, 106);
        // s = -1: fill -1060; ca = 0, pa = 0, ea = 0, fee = min(53, 0) = 0
        assertState(e, new long[] {-400, 0, 2060}, new long[] {10, 0, -10}, 100, 0, 1660);
    }

    @Test
    void bankruptLiquidationPaidByInsurance() {
        // a0 long 10, coll -1000 at 95: equity -50; the fund holds exactly 50.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 50, 650);
        assertTrue(e.canLiquidate(0, 2, 10, 95));
        e.liquidate(0, 2, 10, 95);
        // ca = -50, pa = 0, ea = -50: fee 0, cover 50 -> a0 ends at 0, fund at 0
        assertState(e, new long[] {0, 1100, -450}, new long[] {0, -10, 10}, 95, 0, 650);
    }

    @Test
    void bankruptAccountIsLiquidatedInPartsTheFundPayingEachPartsShare() {
        // a0 long 10, coll -1000 at 95: equity -50; the fund holds exactly 50.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 50, 650);
        e.liquidate(0, 2, 4, 95);
        // cover = ceil(50 * 4 / 10) = 20: -980; fill +380: ca = -600 = -1000 - floor(-1000 * 4 / 10),
        // pa = 6, ea = -600 + 570 = -30 (the remaining lots keep their share of the deficit): fee 0
        assertState(e, new long[] {-600, 1100, 120}, new long[] {6, -10, 4}, 95, 30, 650);
        assertTrue(e.liquidatable(0));
        assertRefused(e, Reason.WITHDRAWALS_GATED, () -> e.withdraw(1, 1));   // still bankrupt
        e.liquidate(0, 2, 6, 95);                            // cover 30, the rest of the deficit
        assertState(e, new long[] {0, 1100, -450}, new long[] {0, -10, 10}, 95, 0, 650);
    }

    /**
     * Regression (found by adversarial testing): under the earlier rule the fund paid a bankrupt
     * account's whole deficit whatever part was closed, so a bankrupt short closed in part kept
     * (|pos| - q) * price: 89 * 115 = 10,235 here, above MaxCollateral (10,000), a state that
     * fromState refuses.  Now the fund pays the closed lot's share, ceil(350 * 1 / 90) = 4, and
     * the account keeps 10,000 - floor(10,000 * 1 / 90) = 9,889.
     */
    @Test
    void bankruptShortClosedInPartStaysWithinMaxCollateral() {
        var p = new MarginParams(100, 100, 10_000, 1_000_000, 1, 1000, 1000, 1000, 1000, 10_000, 10_000, 1);
        var e = new MarginEngine(p, 6, 100);
        e.deposit(0, 1000); e.deposit(1, 2000); e.deposit(2, 1000); e.deposit(3, 1000); e.deposit(4, 1000);
        e.trade(1, 0, 90, 100);  e.trade(2, 3, 90, 100);
        e.setPrice(98);  e.liquidate(2, 3, 90, 98);
        e.setPrice(115);
        assertEquals(-350, e.equity(0));                     // bankrupt short, coll 10,000 = MaxCollateral
        assertEquals(820, e.insurance());                    // a2's liquidation fee covers it
        e.liquidate(0, 4, 1, 115);
        assertEquals(9_889, e.collateral(0));
        assertEquals(-89, e.position(0));
        assertEquals(-346, e.equity(0));                     // the remaining 89 lots keep their share
        assertEquals(816, e.insurance());
        assertEquals(1_115, e.collateral(4));
        EngineSnapshot s = EngineSnapshot.of(e);
        MarginEngine.fromState(p, s.collateral(), s.position(), s.price(), s.insurance(), s.netDeposits(), s.halted());
        e.liquidate(0, 1, 89, 115);                          // the rest (a1 reduces its long): the fund pays 346
        assertEquals(0, e.collateral(0));
        assertEquals(0, e.position(0));
        assertEquals(470, e.insurance());
    }

    /**
     * Deleverage passes over an opposite account that cannot take the step within MaxCollateral:
     * a1 is the most profitable long but would end at 9,900 + 475 = 10,375 &gt; 10,000, so a2, the
     * next, takes it.
     */
    @Test
    void deleveragePassesOverACounterpartyThatWouldExceedMaxCollateral() {
        MarginParams wide = new MarginParams(10, 20, 10_000, 100_000, 50, 200, 20, 2_000, 1_000, 500, 1_000, 2);
        // a0 short 10, coll 950 at 100: equity -50, fund empty.  a1 long 5 (equity 10,400), a2 long 5 (equity 100).
        MarginEngine e = MarginEngine.fromState(wide, new long[] {950, 9_900, -400}, new long[] {-10, 5, 5}, 100, 0, 10_450);
        assertFalse(e.canDeleverage(0, 1));
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.deleverage(0, 1));
        assertTrue(e.canDeleverage(0, 2));
        e.deleverage(0, 2);
        // q = 5, delta = floor(950 * 5 / 10) = 475
        assertEquals(new EngineSnapshot(new long[] {475, 9_900, 75}, new long[] {-5, 5, 0}, 100, 0, 10_450, false),
            EngineSnapshot.of(e));
        // a1 is now the only opposite account and still cannot take the rest: deleveraging waits.
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.deleverage(0, 1));
    }

    @Test
    void withdrawalRefusedWhileAnotherAccountIsBankrupt() {
        // a0 bankrupt (equity -50); a2 is flat with 500 but may not withdraw until a0 is dealt with.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 50, 650);
        assertRefused(e, Reason.WITHDRAWALS_GATED, () -> e.withdraw(2, 1));
        e.liquidate(0, 2, 10, 95);
        e.withdraw(2, 1);
        assertEquals(-451, e.collateral(2));
    }

    // ---------------------------------------------------------------- halted market

    @Test
    void haltedMarketRefusesEverythingValuedAgainstTheStalePrice() {
        MarginEngine e = longAtMargin();
        e.setPrice(85);                              // a0 liquidatable (see partialLiquidationWithFee)
        assertTrue(e.canLiquidate(0, 2, 4, 82));
        e.halt();
        assertTrue(e.isHalted());
        assertFalse(e.canLiquidate(0, 2, 4, 82));
        assertRefused(e, Reason.MARKET_HALTED, () -> e.liquidate(0, 2, 4, 82));
        assertRefused(e, Reason.MARKET_HALTED, () -> e.withdraw(2, 1));
        assertRefused(e, Reason.MARKET_HALTED, () -> e.trade(2, 1, 1, 85));
        assertRefused(e, Reason.MARKET_HALTED, () -> e.halt());
        // deposits only add collateral: allowed while halted
        e.deposit(2, 10);
        assertEquals(1010, e.collateral(2));
        assertTrue(e.isHalted());
    }

    @Test
    void haltedMarketRefusesDeleverage() {
        // a0 long 3, coll -301 at 95: equity -16, fund empty: deleverage against a1 is enabled.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 400, 200}, new long[] {3, -2, -1}, 95, 0, 299);
        assertTrue(e.canDeleverage(0, 1));
        e.halt();
        assertRefused(e, Reason.MARKET_HALTED, () -> e.deleverage(0, 1));
    }

    @Test
    void aFreshPriceLiftsTheHaltEvenWhenUnchanged() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.PRICE_UNCHANGED, () -> e.setPrice(100));
        e.halt();
        assertTrue(e.canSetPrice(100));
        assertFalse(e.canSetPrice(121));             // the step bound still applies
        e.setPrice(100);
        assertFalse(e.isHalted());
        e.withdraw(2, 1);
        assertEquals(999, e.collateral(2));
        MarginEngine h = MarginEngine.fromState(P, new long[] {0}, new long[] {0}, 100, 0, 0, true);
        assertTrue(h.isHalted());
    }

    @Test
    void deleverageUsesFloorDivision() {
        // a0 long 3, coll -301 at 95: equity -16, fund empty.  a1 short 2 (equity 210), a2 short 1 (105).
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 400, 200}, new long[] {3, -2, -1}, 95, 0, 299);
        assertFalse(e.canDeleverage(0, 2));
        assertTrue(e.canDeleverage(0, 1));
        e.deleverage(0, 1);
        // q = min(3, 2) = 2; delta = (-301 * 2) \div 3 = -201 (floor; Java's / would give -200)
        assertState(e, new long[] {-100, 199, 200}, new long[] {1, 0, -1}, 95, 0, 299);
        e.deleverage(0, 2);
        // q = 1; delta = -100: a0 flat with exactly 0
        assertState(e, new long[] {0, 199, 100}, new long[] {0, 0, 0}, 95, 0, 299);
    }

    @Test
    void deleverageRequiresTheStrictlyRichestOpposite() {
        // a1 and a2 short 1 each, equities 205 and 206: only a2 qualifies, by one quote unit.
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 300, 301}, new long[] {2, -1, -1}, 95, 0, 300);
        assertRefused(e, Reason.NOT_MOST_PROFITABLE, () -> e.deleverage(0, 1));
        assertTrue(e.canDeleverage(0, 2));
    }

    @Test
    void deleverageTiesAllowEitherCounterparty() {
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 300, 300}, new long[] {2, -1, -1}, 95, 0, 299);
        assertTrue(e.canDeleverage(0, 1));
        assertTrue(e.canDeleverage(0, 2));
    }

    @Test
    void scanFindsAllLiquidatableAscending() {
        MarginEngine e = MarginEngine.fromState(P,
            new long[] {-950, 1100, -960, 1000, -500, 1310}, new long[] {10, -10, 10, 0, 5, -15}, 100, 0, 1000);
        // equities 50, 100, 40, 1000, 0, -190; MM 100, 100, 100, 0, 50, 150
        assertArrayEquals(new int[] {0, 2, 4, 5}, e.scanLiquidatable());
        int[] out = new int[2];
        assertEquals(4, e.scanLiquidatableInto(out));
        assertArrayEquals(new int[] {0, 2}, out);
        int[] big = new int[10];
        assertEquals(4, e.scanLiquidatableInto(big));
        assertArrayEquals(new int[] {0, 2, 4, 5, 0, 0, 0, 0, 0, 0}, big);
    }

    @Test
    void scanBeyondTheInternalBuffer() {
        int n = 1000;
        long[] coll = new long[n];
        long[] pos = new long[n];
        for (int k = 0; k < n; k += 2) {
            coll[k] = -990;      // long 10, equity 10 < MM 100
            pos[k] = 10;
            coll[k + 1] = 1000;  // short 10, equity 0 < MM 100
            pos[k + 1] = -10;
        }
        MarginEngine e = MarginEngine.fromState(P, coll, pos, 100, 0, 5_000);
        int[] all = e.scanLiquidatable();
        assertEquals(n, all.length);
        for (int k = 0; k < n; k++) {
            assertEquals(k, all[k]);
        }
    }

    // ---------------------------------------------------------------- refusals named in the issue

    @Test
    void unknownAccount() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.deposit(-1, 10));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.deposit(3, 10));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.withdraw(3, 10));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.trade(0, 3, 1, 100));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.trade(Integer.MIN_VALUE, 1, 1, 100));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.liquidate(3, 1, 1, 100));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.liquidate(0, -1, 1, 100));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.deleverage(0, Integer.MAX_VALUE));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.deleverage(7, 0));
        MarginException ex = assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.equity(5));
        assertEquals(5, ex.first());
        assertEquals(3, ex.second());
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.collateral(-1));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.position(3));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.liquidatable(3));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.initialRequirement(3));
        assertRefused(e, Reason.UNKNOWN_ACCOUNT, () -> e.maintenanceRequirement(3));
        assertFalse(e.canDeposit(3, 10));
        assertFalse(e.canTrade(0, 3, 1, 100));
        assertFalse(e.canDeleverage(-1, 0));
    }

    @Test
    void nonPositiveAmount() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.deposit(0, 0));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.deposit(0, -5));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.deposit(0, Long.MIN_VALUE));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.withdraw(1, 0));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.withdraw(1, -1));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.trade(2, 1, 0, 100));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.trade(2, 1, 1, 0));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.trade(2, 1, -1, 100));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.setPrice(0));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.setPrice(-100));
        e.setPrice(85);
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.liquidate(0, 2, 0, 85));
        assertRefused(e, Reason.NON_POSITIVE_AMOUNT, () -> e.liquidate(0, 2, 1, -85));
    }

    @Test
    void overflowingAmount() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.deposit(2, Long.MAX_VALUE));
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.deposit(2, 9_001));          // coll + x > MaxCollateral
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.deposit(2, 2_801));          // netDeposits + x > MaxNetDeposits
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.withdraw(2, Long.MAX_VALUE));
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.withdraw(2, 11_001));        // |coll - x| > MaxCollateral
        assertRefused(e, Reason.TRADE_TOO_LARGE, () -> e.trade(2, 1, Long.MAX_VALUE, 100));
        assertRefused(e, Reason.PRICE_OUT_OF_RANGE, () -> e.trade(2, 1, 1, Long.MAX_VALUE));
        assertRefused(e, Reason.PRICE_OUT_OF_RANGE, () -> e.setPrice(Long.MAX_VALUE));
        e.setPrice(85);
        assertRefused(e, Reason.BAD_LIQUIDATION_SIZE, () -> e.liquidate(0, 2, Long.MAX_VALUE, 85));
        assertRefused(e, Reason.BAD_LIQUIDATION_PRICE, () -> e.liquidate(0, 2, 1, Long.MAX_VALUE));
    }

    @Test
    void withdrawalBeyondFreeCollateral() {
        MarginEngine e = longAtMargin();                 // a0 exactly at IM: nothing free
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.withdraw(0, 1));
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.withdraw(1, 801));   // a1: equity 1000, IM 200
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.withdraw(2, 1001));  // flat: balance would go negative
        e.withdraw(1, 800);
        assertEquals(200, e.equity(1));
    }

    @Test
    void tradeBreakingInitialMargin() {
        MarginEngine e = engine(2);
        e.deposit(0, 199);
        e.deposit(1, 1000);
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.trade(0, 1, 10, 100));   // 199 < IM 200
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.trade(1, 0, 10, 100));   // as seller too
        assertRefused(e, Reason.INSUFFICIENT_MARGIN, () -> e.trade(0, 1, 10, 101));   // paying above the oracle
    }

    @Test
    void priceOutsideBand() {
        MarginEngine e = engine(2);
        e.deposit(0, 1000);
        e.deposit(1, 1000);
        assertRefused(e, Reason.PRICE_OUT_OF_BAND, () -> e.trade(0, 1, 1, 111));
        assertRefused(e, Reason.PRICE_OUT_OF_BAND, () -> e.trade(0, 1, 1, 89));
        assertRefused(e, Reason.PRICE_OUT_OF_RANGE, () -> e.trade(0, 1, 1, 201));
        assertRefused(e, Reason.PRICE_OUT_OF_RANGE, () -> e.trade(0, 1, 1, 49));
    }

    @Test
    void liquidatingAHealthyAccount() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.NOT_LIQUIDATABLE, () -> e.liquidate(0, 2, 10, 100));   // equity 200 >= MM 100
        assertRefused(e, Reason.NOT_LIQUIDATABLE, () -> e.liquidate(2, 1, 1, 100));    // flat, balance >= 0
    }

    @Test
    void deleveragingWhileTheFundCovers() {
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 400, 200}, new long[] {3, -2, -1}, 95, 16, 315);
        // equity -16, fund 16: InsuranceCovers
        assertRefused(e, Reason.INSURANCE_COVERS, () -> e.deleverage(0, 1));
        assertTrue(e.canLiquidate(0, 2, 3, 95));
    }

    // ---------------------------------------------------------------- every other refusal

    @Test
    void selfTradeAndSelfLiquidation() {
        MarginEngine e = longAtMargin();
        assertRefused(e, Reason.SELF_TRADE, () -> e.trade(1, 1, 1, 100));
        e.setPrice(85);
        assertRefused(e, Reason.SELF_TRADE, () -> e.liquidate(0, 0, 10, 85));
    }

    @Test
    void tradeTooLarge() {
        MarginEngine e = engine(2);
        e.deposit(0, 5_000);
        assertRefused(e, Reason.TRADE_TOO_LARGE, () -> e.trade(0, 1, 11, 100));
    }

    @Test
    void tradeBeyondMaxLots() {
        MarginEngine e = engine(2);
        e.deposit(0, 2_500);
        e.deposit(1, 2_500);
        e.trade(0, 1, 10, 100);
        e.trade(0, 1, 10, 100);
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.trade(0, 1, 1, 100));       // pos 21 > MaxLots
    }

    @Test
    void tradeBeyondMaxCollateral() {
        // a0 short 10 with coll 9,950: selling one more lot at 100 would lift it to 10,050 > MaxCollateral
        MarginEngine e = MarginEngine.fromState(P, new long[] {9_950, -5_000, 0}, new long[] {-10, 10, 0}, 100, 0, 4_950);
        assertRefused(e, Reason.LIMIT_EXCEEDED, () -> e.trade(2, 0, 1, 100));
    }

    @Test
    void setPriceRefusals() {
        MarginEngine e = engine(1);
        assertRefused(e, Reason.PRICE_UNCHANGED, () -> e.setPrice(100));
        assertRefused(e, Reason.PRICE_STEP_TOO_LARGE, () -> e.setPrice(121));
        assertRefused(e, Reason.PRICE_STEP_TOO_LARGE, () -> e.setPrice(79));
        MarginEngine top = new MarginEngine(P, 1, 195);
        assertRefused(top, Reason.PRICE_OUT_OF_RANGE, () -> top.setPrice(201));
        MarginEngine bottom = new MarginEngine(P, 1, 55);
        assertRefused(bottom, Reason.PRICE_OUT_OF_RANGE, () -> bottom.setPrice(49));
    }

    @Test
    void liquidationSizeAndPriceRefusals() {
        MarginEngine e = longAtMargin();
        e.setPrice(85);                                                             // slack 5: prices 80..85
        assertRefused(e, Reason.BAD_LIQUIDATION_SIZE, () -> e.liquidate(0, 2, 9, 85));   // leaves 1 < DustLots
        assertRefused(e, Reason.BAD_LIQUIDATION_SIZE, () -> e.liquidate(0, 2, 11, 85));  // more than the position
        assertRefused(e, Reason.BAD_LIQUIDATION_PRICE, () -> e.liquidate(0, 2, 10, 79)); // beyond the bankruptcy price
        assertRefused(e, Reason.BAD_LIQUIDATION_PRICE, () -> e.liquidate(0, 2, 10, 86)); // above the oracle
    }

    @Test
    void bankruptLiquidationRefusals() {
        MarginEngine e = MarginEngine.fromState(P, new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 50, 650);
        assertRefused(e, Reason.BAD_LIQUIDATION_PRICE, () -> e.liquidate(0, 2, 10, 94)); // only at the oracle
        assertRefused(e, Reason.BAD_LIQUIDATION_PRICE, () -> e.liquidate(0, 2, 5, 94));
        MarginEngine poor = MarginEngine.fromState(P, new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 49, 649);
        assertRefused(poor, Reason.INSURANCE_SHORTFALL, () -> poor.liquidate(0, 2, 10, 95));
    }

    @Test
    void liquidatorLimits() {
        // a2 already long 20: taking over a long breaks MaxLots.
        MarginEngine full = MarginEngine.fromState(P, new long[] {-800, 4000, -1000, 2000}, new long[] {10, -20, 20, -10},
            85, 0, 4200);
        assertRefused(full, Reason.LIMIT_EXCEEDED, () -> full.liquidate(0, 2, 10, 85));
        // a2 with no money: taking the position at the oracle price fails initial margin.
        MarginEngine poor = MarginEngine.fromState(P, new long[] {-800, 2000, 0}, new long[] {10, -10, 0}, 85, 0, 1200);
        assertRefused(poor, Reason.INSUFFICIENT_MARGIN, () -> poor.liquidate(0, 2, 10, 85));
    }

    @Test
    void flatAccountCannotBeLiquidatedOrDeleveraged() {
        // A flat account with a deficit (reachable through Deleverage, see SpecEdgeCasesTest).
        MarginEngine e = MarginEngine.fromState(P, new long[] {-4, 10}, new long[] {0, 0}, 100, 0, 6);
        assertTrue(e.liquidatable(0));
        assertRefused(e, Reason.FLAT_ACCOUNT, () -> e.liquidate(0, 1, 1, 100));
        assertRefused(e, Reason.FLAT_ACCOUNT, () -> e.deleverage(0, 1));
    }

    @Test
    void deleverageRefusals() {
        MarginEngine e = MarginEngine.fromState(P, new long[] {-301, 400, 200, -100}, new long[] {3, -2, -1, 0}, 95, 0, 199);
        assertRefused(e, Reason.NOT_MOST_PROFITABLE, () -> e.deleverage(0, 2));
        assertRefused(e, Reason.NOT_OPPOSITE_SIDE, () -> e.deleverage(0, 0));
        assertRefused(e, Reason.NOT_OPPOSITE_SIDE, () -> e.deleverage(0, 3));   // flat
        assertRefused(e, Reason.NOT_BANKRUPT, () -> e.deleverage(1, 0));
        MarginEngine same = MarginEngine.fromState(P, new long[] {-301, -100, 700}, new long[] {2, 1, -3}, 95, 0, 299);
        assertRefused(same, Reason.NOT_OPPOSITE_SIDE, () -> same.deleverage(0, 1));   // same side
        // c's balance after taking delta would cross -MaxCollateral
        MarginEngine bound = MarginEngine.fromState(P, new long[] {-9_999, -2, 10_000}, new long[] {20, -20, 0}, 200, 1, 0);
        assertRefused(bound, Reason.LIMIT_EXCEEDED, () -> bound.deleverage(0, 1));
    }

    @Test
    void exceptionCarriesItsNumbers() {
        MarginException ex = new MarginException(Reason.LIMIT_EXCEEDED, 7, -3);
        assertEquals(Reason.LIMIT_EXCEEDED, ex.reason());
        assertEquals(7, ex.first());
        assertEquals(-3, ex.second());
        assertEquals("LIMIT_EXCEEDED (7, -3)", ex.getMessage());
    }
}
