package dev.bulwark.margin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The blocked two-pass scan against the per-account query, on states spanning several blocks and
 * a partial last block, with accounts placed at, just below and just above their maintenance
 * requirement (where the scan's rounding matters), at the extremes of the bounds, and with output
 * buffers that are too short, exact and larger than needed.
 */
class MarginScanTest {
    private static final MarginParams WIDE = new MarginParams(1_000L, MarginEngine.MAX_LOTS,
            MarginEngine.MAX_COLLATERAL, MarginEngine.MAX_NET_DEPOSITS, 1L, MarginEngine.MAX_PRICE,
            MarginEngine.MAX_PRICE, 1_000L, 500L, 100L, 500L, 1L);

    @Property(tries = 300)
    void scanAgreesWithTheQueryOnEveryAccount(
            @ForAll @IntRange(min = 1, max = 400) int pairs,
            @ForAll @LongRange(min = 1, max = MarginEngine.MAX_PRICE) long px,
            @ForAll @IntRange(min = -3, max = 3) int capacitySlack,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 2 * pairs - (rnd.nextBoolean() ? 1 : 0);   // odd counts leave a flat last account
        long[] coll = new long[n];
        long[] pos = new long[n];
        for (int k = 0; k + 1 < n; k += 2) {
            long lots = rnd.nextInt(4) == 0 ? MarginEngine.MAX_LOTS : 1 + rnd.nextLong(1_000);
            pos[k] = rnd.nextBoolean() ? lots : -lots;
            pos[k + 1] = -pos[k];
        }
        long sum = 0;
        for (int k = 0; k < n; k++) {
            coll[k] = collateralNearRequirement(rnd, pos[k], px);
            sum += coll[k];
        }
        long insurance = sum < 0 ? -sum : 0;
        MarginEngine e = MarginEngine.fromState(WIDE, coll, pos, px, insurance, sum + insurance);

        int[] expected = expected(e);
        int capacity = Math.max(0, expected.length + capacitySlack);
        int[] out = new int[capacity];
        Arrays.fill(out, -7);
        int count = e.scanLiquidatableInto(out);
        assertEquals(expected.length, count);
        int written = Math.min(count, capacity);
        assertArrayEquals(Arrays.copyOf(expected, written), Arrays.copyOf(out, written));
        for (int j = count; j < capacity; j++) {
            // past the count the buffer holds at most scan scratch indices, never a wrong answer
            // that a caller would read: the contract covers out[0 .. count) only
            assertTrue(out[j] == -7 || (0 <= out[j] && out[j] < n), "out[" + j + "] = " + out[j]);
        }
        assertArrayEquals(expected, e.scanLiquidatable());
        // after a price move the scan reuses its workspace and still agrees
        long moved = Math.max(1, px - 1 - rnd.nextLong(Math.max(1, px / 10)));
        if (moved != px) {
            e.setPrice(moved);
        }
        assertArrayEquals(expected(e), e.scanLiquidatable());
    }

    /** Collateral that puts an account within a few units of its requirement, or anywhere. */
    private static long collateralNearRequirement(SplittableRandom rnd, long p, long px) {
        long c;
        switch (rnd.nextInt(4)) {
            case 0:
                c = rnd.nextLong(-MarginEngine.MAX_COLLATERAL, MarginEngine.MAX_COLLATERAL + 1);
                break;
            case 1:
                c = rnd.nextBoolean() ? MarginEngine.MAX_COLLATERAL : -MarginEngine.MAX_COLLATERAL;
                break;
            default:
                c = MarginMath.requirement(p, px, WIDE.mmBps) - p * px + rnd.nextLong(-2, 3);
        }
        return Math.max(-MarginEngine.MAX_COLLATERAL, Math.min(MarginEngine.MAX_COLLATERAL, c));
    }

    private static int[] expected(MarginEngine e) {
        return IntStream.range(0, e.accounts()).filter(e::liquidatable).toArray();
    }
}
