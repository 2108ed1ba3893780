package dev.bulwark.net;

import dev.bulwark.margin.MarginEngine;
import dev.bulwark.oracle.Oracle;

/**
 * Feeds the oracle's usable price to a margin engine (shell; not part of the verified core).
 *
 * <p>The oracle's deviation guard bounds a single round's move by MaxJump, but a confirmed move
 * (held one round, confirmed the next) may be of any size, while {@code MarginEngine.setPrice}
 * refuses a step above the engine's MaxPriceStep.  So the feed walks the engine's price to the
 * oracle's in steps of at most MaxPriceStep (each step is an ordinary SetPrice action).  Without
 * a usable price it reports {@link Outcome#STALE}: the caller must halt the market (the margin
 * spec's Halt) and must not trade on the engine's old price.
 */
public final class OraclePriceFeed {
    /** What a push did. */
    public enum Outcome { UNCHANGED, UPDATED, STALE }

    private final Oracle oracle;
    private final MarginEngine engine;

    /** The oracle's price range must lie within the engine's (else a usable price could be unusable there). */
    public OraclePriceFeed(Oracle oracle, MarginEngine engine) {
        if (oracle == null || engine == null
                || oracle.params().minPrice < engine.params().minPrice
                || oracle.params().maxPrice > engine.params().maxPrice) {
            throw new IllegalArgumentException("oracle price range must lie within the margin engine's");
        }
        this.oracle = oracle;
        this.engine = engine;
    }

    /** Moves the engine's price to the oracle's usable price, in steps of at most MaxPriceStep. */
    public Outcome push() {
        long target = oracle.usablePrice();
        if (target == Oracle.NO_PRICE) {
            return Outcome.STALE;
        }
        if (target == engine.price()) {
            return Outcome.UNCHANGED;
        }
        long maxStep = engine.params().maxPriceStep;
        while (engine.price() != target) {
            long cur = engine.price();
            long step = Math.min(Math.abs(target - cur), maxStep);
            engine.setPrice(target > cur ? cur + step : cur - step);
        }
        return Outcome.UPDATED;
    }

    /** Number of SetPrice steps a push to {@code target} takes from the engine's current price. */
    public long stepsTo(long target) {
        long maxStep = engine.params().maxPriceStep;
        long dist = Math.abs(target - engine.price());
        return (dist + maxStep - 1) / maxStep;
    }
}
