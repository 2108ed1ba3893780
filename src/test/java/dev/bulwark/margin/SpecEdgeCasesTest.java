package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Hand-picked edge cases where the engine and the spec (SpecModel, the literal transliteration)
 * could plausibly disagree: floor division with negative numerators, fees capped by equity,
 * bankrupt liquidations, clipped liquidation bands, exact rounding boundaries.  Each case checks
 * the engine against the spec and against numbers computed by hand.  The last two tests replay
 * spec behaviours that break the spec's own FlatNoDeficit and TypeOK (netDeposits &gt;= 0).
 */
class SpecEdgeCasesTest {

    static final MarginParams P = MarginEngineTest.P;                // prices 50..200, IM 20%, MM 10%, fee 5%, dust 2
    /** spec/margin/Trace.cfg. */
    static final MarginParams TRACE = new MarginParams(2, 4, 200, 60, 5, 20, 3, 2000, 1000, 500, 1000, 2);
    final SpecModel spec = new SpecModel(P);

    static SpecModel.State st(long[] coll, long[] pos, long price, long insurance, long netDeposits) {
        return new SpecModel.State(coll, pos, price, insurance, netDeposits);
    }

    /** Runs one instance on the engine and the spec, asserts agreement, returns the engine's successor. */
    SpecModel.State agree(SpecModel.State s, SpecModel.State expected, SpecConformanceTest.Call call) {
        return SpecConformanceTest.check(P, s, expected, call, () -> "edge case");
    }

    @Test
    void deleverageWithNegativeCollateralAndOddDivision() {
        SpecModel.State s = st(new long[] {-301, 400, 200}, new long[] {3, -2, -1}, 95, 0, 299);
        SpecModel.State t = agree(s, spec.deleverage(s, 0, 1), e -> e.deleverage(0, 1));
        // (-301 * 2) \div 3 = -201 in TLA+ (floor); Java's -602 / 3 = -200 would be wrong
        assertEquals(-100, t.coll()[0]);
        assertEquals(199, t.coll()[1]);
        assertEquals(-201, MarginMath.floorDiv(-602, 3));
        assertEquals(-4, MarginMath.floorDiv(-7, 2));
        assertEquals(-3, MarginMath.floorDiv(-6, 2));
        assertEquals(3, MarginMath.floorDiv(7, 2));
        assertEquals(Math.floorDiv(-4_000_000_000_000_000_000L + 1, 999_999L),
            MarginMath.floorDiv(-4_000_000_000_000_000_000L + 1, 999_999L));
    }

    @Test
    void deleverageOfABankruptShortRoundsTheDeltaDown() {
        // a0 short 3 with coll 301 at 101: equity -2; a1 long 2 (richest), a2 long 1.
        SpecModel.State s = st(new long[] {301, -100, -50}, new long[] {-3, 2, 1}, 101, 1, 152);
        assertEquals(-2, spec.equity(s, 0).longValueExact());
        SpecModel.State t = agree(s, spec.deleverage(s, 0, 1), e -> e.deleverage(0, 1));
        // q = 2, delta = (301 * 2) \div 3 = 200
        assertEquals(101, t.coll()[0]);
        assertEquals(100, t.coll()[1]);
        assertEquals(-1, t.pos()[0]);
        assertEquals(0, t.pos()[1]);
    }

    @Test
    void deleverageAgainstALargerPositionClosesTheAccountToExactlyZero() {
        SpecModel.State s = st(new long[] {-301, 800, 0}, new long[] {3, -5, 2}, 95, 0, 499);
        SpecModel.State t = agree(s, spec.deleverage(s, 0, 1), e -> e.deleverage(0, 1));
        assertEquals(0, t.coll()[0]);
        assertEquals(0, t.pos()[0]);
        assertEquals(499, t.coll()[1]);
        assertEquals(-2, t.pos()[1]);
    }

    @Test
    void liquidationFeeCappedByEquity() {
        SpecModel.State s = st(new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 85, 0, 2200);
        SpecModel.State t = agree(s, spec.liquidate(s, 0, 2, 10, 82), e -> e.liquidate(0, 2, 10, 82));
        // ea = -800 + 820 = 20 < BpsUp(820, 500) = 41: fee 20, a0 left with exactly 0
        assertEquals(0, t.coll()[0]);
        assertEquals(20, t.insurance());
        // at the bankruptcy price itself the fee is 0
        SpecModel.State z = agree(s, spec.liquidate(s, 0, 2, 10, 80), e -> e.liquidate(0, 2, 10, 80));
        assertEquals(0, z.insurance());
        assertEquals(0, z.coll()[0]);
    }

    @Test
    void bankruptLiquidationPaidByInsurance() {
        SpecModel.State s = st(new long[] {-1000, 1100, 500}, new long[] {10, -10, 0}, 95, 70, 670);
        SpecModel.State t = agree(s, spec.liquidate(s, 0, 2, 10, 95), e -> e.liquidate(0, 2, 10, 95));
        assertEquals(0, t.coll()[0]);
        assertEquals(20, t.insurance());           // 70 - 50
        assertEquals(-450, t.coll()[2]);
        // every other size or price is refused, by both
        for (long q = 1; q <= 11; q++) {
            for (long px = 90; px <= 100; px++) {
                final long fq = q;
                final long fpx = px;
                agree(s, spec.liquidate(s, 0, 2, q, px), e -> e.liquidate(0, 2, fq, fpx));
            }
        }
    }

    @Test
    void slackRoundsTowardsTheOracle() {
        // a0 long 10, equity 59 < MM 100: Slack = 59 \div 10 = 5, prices 95..100
        SpecModel.State s = st(new long[] {-941, 2000, 1000}, new long[] {10, -10, 0}, 100, 0, 2059);
        assertFalse(new SpecModel(P).inLiquidationPrices(s, 0, SpecModel.b(94)));
        for (long px = 90; px <= 101; px++) {
            final long fpx = px;
            SpecModel.State t = agree(s, spec.liquidate(s, 0, 2, 10, px), e -> e.liquidate(0, 2, 10, fpx));
            assertEquals(px >= 95 && px <= 100, t != null, "px " + px);
        }
    }

    @Test
    void liquidationBandClippedAtMinPrice() {
        // price 55, a0 long 2 with coll -100: equity 10 < MM 11
        SpecModel.State s = st(new long[] {-100, 200, 1000}, new long[] {2, -2, 0}, 55, 0, 1100);
        assertTrue(spec.liquidatable(s, 0));
        // Slack = 10 \div 2 = 5: Max(50, 55 - 5) = 50; then px = 49 is out, 50 is in
        assertNull(spec.liquidate(s, 0, 2, 2, 49));
        assertNotNull(agree(s, spec.liquidate(s, 0, 2, 2, 50), e -> e.liquidate(0, 2, 2, 50)));
        agree(s, spec.liquidate(s, 0, 2, 2, 49), e -> e.liquidate(0, 2, 2, 49));
    }

    @Test
    void liquidationBandClippedAtMaxPrice() {
        // price 195, a0 short 2 with coll 400: equity 10 < MM 39; Slack 5: Min(200, 200) = 200
        SpecModel.State s = st(new long[] {400, -300, 1000}, new long[] {-2, 2, 0}, 195, 0, 1100);
        assertNotNull(agree(s, spec.liquidate(s, 0, 2, 2, 200), e -> e.liquidate(0, 2, 2, 200)));
        agree(s, spec.liquidate(s, 0, 2, 2, 201), e -> e.liquidate(0, 2, 2, 201));
        // and with a slack beyond the range: equity 30, slack 15 -> clipped to 200
        SpecModel.State w = st(new long[] {420, -300, 1000}, new long[] {-2, 2, 0}, 195, 0, 1120);
        assertTrue(spec.liquidatable(w, 0));
        assertNull(spec.liquidate(w, 0, 2, 2, 201));
        agree(w, spec.liquidate(w, 0, 2, 2, 201), e -> e.liquidate(0, 2, 2, 201));
        agree(w, spec.liquidate(w, 0, 2, 2, 200), e -> e.liquidate(0, 2, 2, 200));
    }

    @Test
    void dustRuleOnPartialLiquidation() {
        SpecModel.State s = st(new long[] {-800, 2000, 1000}, new long[] {10, -10, 0}, 85, 0, 2200);
        for (long q = 1; q <= 11; q++) {
            final long fq = q;
            SpecModel.State t = agree(s, spec.liquidate(s, 0, 2, q, 85), e -> e.liquidate(0, 2, fq, 85));
            assertEquals(q <= 8 || q == 10, t != null, "q " + q);
        }
    }

    @Test
    void bandAndRequirementBoundaries() {
        MarginEngine e = new MarginEngine(P, 2, 100);
        e.deposit(0, 1000);
        e.deposit(1, 1000);
        assertTrue(e.canTrade(0, 1, 1, 110));   // 10 * 10000 == 1000 * 100
        assertFalse(e.canTrade(0, 1, 1, 111));
        assertTrue(e.canTrade(0, 1, 1, 90));
        assertFalse(e.canTrade(0, 1, 1, 89));
        // BpsUp: 1 lot at 100 -> IM ceil(20) = 20 exactly; 1 lot at 101 -> ceil(20.2) = 21
        assertEquals(20, MarginMath.bpsUp(100, 2000));
        assertEquals(21, MarginMath.bpsUp(101, 2000));
        assertEquals(0, MarginMath.bpsUp(0, 2000));
        assertEquals(1, MarginMath.bpsUp(1, 1));
        assertEquals(MarginMath.MAX_NOTIONAL, MarginMath.bpsUp(MarginMath.MAX_NOTIONAL, 10_000));
    }

    @Test
    void riskReducingTradeAgreesWithTheSpec() {
        // a0 long 10 with equity 150 at 100: between MM 100 and IM 200.
        SpecModel.State s = st(new long[] {-850, 2850}, new long[] {10, -10}, 100, 0, 2000);
        for (long q = 1; q <= 10; q++) {
            for (long px = 89; px <= 111; px++) {
                final long fq = q;
                final long fpx = px;
                agree(s, spec.trade(s, 1, 0, q, px), e -> e.trade(1, 0, fq, fpx));
                agree(s, spec.trade(s, 0, 1, q, px), e -> e.trade(0, 1, fq, fpx));
            }
        }
        assertNotNull(spec.trade(s, 1, 0, 2, 100));
        assertNull(spec.trade(s, 0, 1, 1, 100));         // increasing the position needs IM
    }

    /**
     * Finding, replayed (spec/margin/README.md): Deleverage lets a counterparty absorb its
     * pro-rata share of the deficit, which can exceed its equity; closed in full, it is left flat
     * with a negative balance, so "a flat account never carries a deficit" is not an invariant.
     * The state is the one before the last two steps of a TLC simulation of Trace.cfg
     * (seed 5): a3 is long 2 and bankrupt (equity -9), the fund is empty; a2 (equity 33) then
     * a1 (equity 2) take a lot each at a3's bankruptcy price.
     */
    @Test
    void deleverageCanLeaveCounterpartyFlatWithDeficit() {
        SpecModel m = new SpecModel(TRACE);
        SpecModel.State s = new SpecModel.State(new long[] {8, 39, -21, 34}, new long[] {-1, -1, 2, 0}, 6, 0, 60);
        s = step(m, s, m.deleverage(s, 2, 1), x -> x.deleverage(2, 1));
        assertEquals(28, s.coll()[1]);                                               // 39 + floor(-21 * 1 / 2)
        s = step(m, s, m.deleverage(s, 2, 0), x -> x.deleverage(2, 0));
        assertEquals(0, s.pos()[0]);
        assertEquals(-2, s.coll()[0]);                                               // flat with a deficit
        assertEquals(0, s.coll()[2]);
        assertEquals(0, s.pos()[2]);
    }

    /** Withdrawal gating: while a3 is bankrupt nobody withdraws, not even a flat, solvent a4. */
    @Test
    void withdrawalsAreGatedWhileAnAccountIsBankrupt() {
        SpecModel m = new SpecModel(TRACE);
        SpecModel.State s = new SpecModel.State(new long[] {8, 39, -21, 34}, new long[] {-1, -1, 2, 0}, 6, 0, 60);
        assertNull(m.withdraw(s, 3, 3));
        MarginEngine e = s.load(TRACE);
        MarginException ex = assertThrows(MarginException.class, () -> e.withdraw(3, 3));
        assertEquals(Reason.WITHDRAWALS_GATED, ex.reason());
        assertEquals(s.snapshot(), EngineSnapshot.of(e));
        // once a3 has been deleveraged, a4 may withdraw again
        SpecModel.State after = m.deleverage(m.deleverage(s, 2, 1), 2, 0);
        assertFalse(m.noBankruptAccount(after));                                     // a1 is left at -2
        SpecModel.State ok = new SpecModel.State(new long[] {10, 26, -10, 34}, new long[] {-1, 0, 1, 0}, 10, 0, 60);
        assertNotNull(m.withdraw(ok, 3, 3));
        MarginEngine e2 = ok.load(TRACE);
        e2.withdraw(3, 3);
        assertEquals(31, e2.collateral(3));
    }

    static SpecModel.State step(SpecModel m, SpecModel.State s, SpecModel.State expected, SpecConformanceTest.Call call) {
        assertNotNull(expected, "the spec must enable this step in " + s);
        return SpecConformanceTest.check(m.p, s, expected, call, () -> "replay");
    }
}
