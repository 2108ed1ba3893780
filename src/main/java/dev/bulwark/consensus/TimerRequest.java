package dev.bulwark.consensus;

/**
 * "schedule OnTimeoutX(h, r)": the shell delivers {@code Input.Timeout(kind, h, r)} after a delay
 * of its choosing (the paper's timeoutX(r), growing with r). The core never reads a clock.
 */
public record TimerRequest(TimeoutKind kind, long h, int r) {
}
