package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The scan's division-free test agrees with Equity &lt; MmReq over the whole bounded range. */
class MarginMathTest {
    @Property(tries = 20_000)
    void belowRequirementIsTheCeilingComparison(
            @ForAll @LongRange(min = -MarginMath.MAX_EQUITY, max = MarginMath.MAX_EQUITY) long e,
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @LongRange(min = 0, max = MarginEngine.BPS) long bps) {
        int expected = e < MarginMath.requirement(p, px, bps) ? 1 : 0;
        assertEquals(expected, MarginMath.belowRequirement(e, p, px, bps));
        // the boundary itself: exactly at the requirement is not below it, one less is
        long req = MarginMath.requirement(p, px, bps);
        assertEquals(0, MarginMath.belowRequirement(req, p, px, bps));
        assertEquals(1, MarginMath.belowRequirement(req - 1, p, px, bps));
    }

    @Property(tries = 20_000)
    void liquidatableFlagIsTheCeilingComparison(
            @ForAll @LongRange(min = -MarginEngine.MAX_COLLATERAL, max = MarginEngine.MAX_COLLATERAL) long c,
            @ForAll @LongRange(min = -MarginEngine.MAX_LOTS, max = MarginEngine.MAX_LOTS) long p,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @LongRange(min = 0, max = MarginEngine.BPS) long bps) {
        long kLong = MarginMath.scanFactorLong(px, bps);
        long kFlip = kLong ^ MarginMath.scanFactorShort(px, bps);
        long expected = c + p * px < MarginMath.requirement(p, px, bps) ? 1 : 0;
        assertEquals(expected, MarginMath.liquidatableFlag(c, p, kLong, kFlip));
        // the contracts: the flag is the factor comparison on its own parameters, and the lemma
        // ties that comparison to the requirement
        long k = p < 0 ? (kLong ^ kFlip) : kLong;
        assertEquals(c * MarginEngine.BPS < p * k ? 1 : 0, MarginMath.liquidatableFlag(c, p, kLong, kFlip));
        assertEquals(MarginMath.scanFactorShort(px, bps), kLong ^ kFlip);
        assertEquals(expected == 1, MarginMath.belowRequirementByFactor(c, p, px, bps));
        long atRequirement = MarginMath.requirement(p, px, bps) - p * px;   // equity exactly at the requirement
        if (Math.abs(atRequirement) < MarginEngine.MAX_COLLATERAL) {
            assertEquals(0, MarginMath.liquidatableFlag(atRequirement, p, kLong, kFlip));
            assertEquals(1, MarginMath.liquidatableFlag(atRequirement - 1, p, kLong, kFlip));
        }
    }

    @Example
    void liquidatableFlagAtTheExtremes() {
        long[] lots = {-MarginEngine.MAX_LOTS, -1, 0, 1, MarginEngine.MAX_LOTS};
        long[] colls = {-MarginEngine.MAX_COLLATERAL, -1, 0, 1, MarginEngine.MAX_COLLATERAL};
        long[] prices = {0, 1, MarginEngine.MAX_PRICE};
        long[] rates = {0, 1, 500, MarginEngine.BPS};
        for (long p : lots) {
            for (long c : colls) {
                for (long px : prices) {
                    for (long bps : rates) {
                        long kLong = MarginMath.scanFactorLong(px, bps);
                        long kFlip = kLong ^ MarginMath.scanFactorShort(px, bps);
                        long expected = c + p * px < MarginMath.requirement(p, px, bps) ? 1 : 0;
                        assertEquals(expected, MarginMath.liquidatableFlag(c, p, kLong, kFlip),
                            "c=" + c + " p=" + p + " px=" + px + " bps=" + bps);
                    }
                }
            }
        }
    }

    /** ClosedDeficit's share: ceil(d * q / n), at most d, exactly d for the whole position. */
    @Property(tries = 20_000)
    void shareUpIsTheCeilingShare(
            @ForAll @LongRange(min = 0, max = MarginMath.MAX_EQUITY) long d,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_LOTS) long n,
            @ForAll @LongRange(min = 0, max = MarginEngine.MAX_LOTS) long q0) {
        long q = q0 % (n + 1);
        long share = MarginMath.shareUp(d, q, n);
        java.math.BigInteger[] qr = java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(q))
            .divideAndRemainder(java.math.BigInteger.valueOf(n));
        long expected = qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
        assertEquals(expected, share);
        assertEquals(true, 0 <= share && share <= d);
        assertEquals(d, MarginMath.shareUp(d, n, n));
        // the rest keeps at most its share: share + floor(d * (n - q) / n) == d
        assertEquals(d, share + java.math.BigInteger.valueOf(d).multiply(java.math.BigInteger.valueOf(n - q))
            .divide(java.math.BigInteger.valueOf(n)).longValueExact());
    }

    @Example
    void shareUpExamples() {
        assertEquals(4, MarginMath.shareUp(350, 1, 90));      // the regression: ceil(350 / 90)
        assertEquals(20, MarginMath.shareUp(50, 4, 10));
        assertEquals(0, MarginMath.shareUp(0, 3, 7));
        assertEquals(0, MarginMath.shareUp(9, 0, 7));
    }
}
