package dev.bulwark.node;

/** The node's only source of time (a real clock in the process, a virtual one in the simulator). */
public interface Clock {
    /** Milliseconds on a monotonic time line (the origin is the implementation's). */
    long nowMillis();
}
