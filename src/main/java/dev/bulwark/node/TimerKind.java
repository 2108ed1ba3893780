package dev.bulwark.node;

/** What a timer is for: a consensus timeout (propose, prevote, precommit of a height and round) or the gossip period. */
public enum TimerKind {
    PROPOSE,
    PREVOTE,
    PRECOMMIT,
    GOSSIP
}
