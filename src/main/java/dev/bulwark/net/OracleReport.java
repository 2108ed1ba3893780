package dev.bulwark.net;

/**
 * The signed content of a price report: reporter index, round, price in ticks.
 *
 * @param reporter   the reporter's index (0..n-1, the order of the oracle's stake vector)
 * @param round      the oracle round the report is for
 * @param priceTicks the reported price, ticks
 */
public record OracleReport(int reporter, int round, long priceTicks) {}
