package dev.bulwark.consensus;

/** The three message types of Algorithm 1 (spec: "PROPOSAL", "PREVOTE", "PRECOMMIT"). */
public enum MessageType {
    PROPOSAL,
    PREVOTE,
    PRECOMMIT
}
