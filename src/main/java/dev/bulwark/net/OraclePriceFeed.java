package dev.bulwark.net;

import dev.bulwark.margin.MarginEngine;
import dev.bulwark.oracle.Oracle;

/**
 * Feeds the oracle's usable price to a margin engine (shell; not part of the verified core), as
 * {@code spec/oracle/OracleMargin.tla} models it: every usable aggregate becomes one
 * {@code SetPrice} of exactly that price, and without a usable price the market is halted (the
 * margin spec's {@code Halt}: no withdrawals, trades, liquidations or deleveraging) until the
 * next usable aggregate lifts the halt.
 *
 * <p>A confirmed aggregate (held one round by the deviation guard, confirmed the next), and the
 * first aggregate after a halt, may be any distance from the engine's price, while
 * {@code MarginEngine.setPrice} refuses a step above the engine's MaxPriceStep.  So the feed
 * requires, at construction, that the engine's MaxPriceStep covers the oracle's whole price range
 * (the composed spec's {@code AggregateNeverBlocked}); the engine's price is then always the
 * oracle's usable price or the market is halted ({@code EnginePriceUsable}).
 */
public final class OraclePriceFeed {
    /** What a push did. */
    public enum Outcome { UNCHANGED, UPDATED, STALE }

    private final Oracle oracle;
    private final MarginEngine engine;

    /**
     * The oracle's price range must lie within the engine's, and the engine's MaxPriceStep must
     * cover it (else a usable price could be refused by the engine).
     */
    public OraclePriceFeed(Oracle oracle, MarginEngine engine) {
        if (oracle == null || engine == null
                || oracle.params().minPrice < engine.params().minPrice
                || oracle.params().maxPrice > engine.params().maxPrice
                || engine.params().maxPriceStep < oracle.params().maxPrice - oracle.params().minPrice) {
            throw new IllegalArgumentException(
                    "the oracle's price range must lie within the margin engine's, and the engine's"
                    + " MaxPriceStep must cover it");
        }
        this.oracle = oracle;
        this.engine = engine;
    }

    /**
     * Gives the engine the oracle's usable price (one SetPrice, which also lifts a halt), or halts
     * the market when the oracle has no usable price.
     */
    public Outcome push() {
        long target = oracle.usablePrice();
        if (target == Oracle.NO_PRICE) {
            if (engine.canHalt()) {
                engine.halt();
            }
            return Outcome.STALE;
        }
        if (target == engine.price() && !engine.isHalted()) {
            return Outcome.UNCHANGED;
        }
        engine.setPrice(target);
        return Outcome.UPDATED;
    }
}
