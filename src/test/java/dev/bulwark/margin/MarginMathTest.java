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
}
