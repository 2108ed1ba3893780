package dev.bulwark.oracle;

/**
 * One recorded equivocation: the spec's record {@code [rep |-> reporter, rnd |-> round]}.
 *
 * @param reporter the reporter index that sent two different reports
 * @param round    the round in which it did
 */
public record Evidence(int reporter, int round) {}
