package dev.bulwark.consensus;

/** The three timeouts of Algorithm 1 (lines 21, 35, 48 schedule them; 57, 61, 65 handle them). */
public enum TimeoutKind {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
}
