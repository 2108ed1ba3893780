package dev.bulwark.consensus;

/** decision[p][h] := v, decided with the precommits of round r (or a certificate of round r). */
public record Decision(long h, int r, Value v) {
}
