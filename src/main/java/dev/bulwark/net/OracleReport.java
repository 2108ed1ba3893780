package dev.bulwark.net;

/**
 * The signed content of a price report: the chain and the price feed it is for, the reporter,
 * the round and the price.  Naming the chain and the feed in the signed bytes keeps a report for
 * one feed (or chain) from verifying on another that shares reporter keys.
 *
 * @param chainId    the chain the report is for
 * @param feedId     the price feed (market) the report is for
 * @param reporter   the reporter's index (0..n-1, the order of the oracle's stake vector)
 * @param round      the oracle round the report is for
 * @param priceTicks the reported price, ticks
 */
public record OracleReport(long chainId, long feedId, int reporter, int round, long priceTicks) {}
