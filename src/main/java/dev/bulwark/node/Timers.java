package dev.bulwark.node;

/**
 * One-shot timers. A timer that fires comes back to the node core as
 * {@link NodeCore#onTimer(long)} with the id {@link #schedule} returned, on the core's single
 * event thread (never concurrently with another event).
 */
public interface Timers {
    /** Schedules a timer {@code delayMs} from now; returns its id (unique per node incarnation). */
    long schedule(long delayMs, TimerKind kind);

    /** Cancels a timer (no effect if it already fired or is unknown). */
    void cancel(long id);
}
