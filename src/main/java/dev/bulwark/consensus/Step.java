package dev.bulwark.consensus;

/** step[p] of the spec: "propose", "prevote", "precommit". */
public enum Step {
    PROPOSE,
    PREVOTE,
    PRECOMMIT
}
