package dev.bulwark.node.memory;

import dev.bulwark.node.Clock;
import dev.bulwark.node.Frames;
import dev.bulwark.node.NodeCore;
import dev.bulwark.node.TimerKind;
import dev.bulwark.node.Timers;
import dev.bulwark.node.Transport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * A virtual clock, a timer queue and an in-memory transport for n node cores, in one
 * deterministic event loop: every frame and timer is an event at a virtual time, run in order of
 * (time, sequence number); a frame takes {@code minLatencyMs} plus a seeded jitter; frames may be
 * dropped (a seeded rate) or cut by a partition (an isolated node neither sends nor receives).
 * The same seed and the same calls give the same run. No threads, no sleeps: time jumps to the
 * next event.
 *
 * <p>A node "crashes" with {@link #crash(int)}: its core is discarded, its timers and the frames
 * in flight to it are dropped (a new incarnation starts with fresh connections). A test hook
 * ({@link #beforeSend}) runs before every frame a node hands to the transport and may throw
 * {@link InjectedCrash} to crash the node at exactly that point.
 *
 * <p>A test harness, not a bounded component: it keeps every consensus frame each node sent
 * ({@link #sentConsensus}) for the equivocation checks, so its memory grows with the run.
 */
public final class SimNetwork {
    /** Thrown by a test hook to crash a node in the middle of an event. */
    public static final class InjectedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InjectedCrash() {
            super("injected crash");
        }
    }

    /** Called before node {@code from} sends a frame to {@code to} (-1: broadcast). */
    public interface SendHook {
        void beforeSend(int from, int to, byte[] frame);
    }

    private static final class Event implements Comparable<Event> {
        final long time;
        final long seq;
        final int target;
        final int epoch;
        final int from;
        final byte[] frame;
        final long timerId;

        Event(long time, long seq, int target, int epoch, int from, byte[] frame, long timerId) {
            this.time = time;
            this.seq = seq;
            this.target = target;
            this.epoch = epoch;
            this.from = from;
            this.frame = frame;
            this.timerId = timerId;
        }

        @Override
        public int compareTo(Event o) {
            return time != o.time ? Long.compare(time, o.time) : Long.compare(seq, o.seq);
        }
    }

    private final int n;
    private final SplittableRandom rnd;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    private final NodeCore[] nodes;
    private final int[] epoch;
    private final boolean[] isolated;
    private final Set<Long> liveTimers = new HashSet<>();
    private final List<List<byte[]>> sentLog = new ArrayList<>();
    private final long minLatencyMs;
    private final int jitterMs;
    private double dropRate;
    private long now;
    private long seq;
    private long timerSeq;
    private long delivered;
    private long dropped;
    private SendHook beforeSend;
    private final List<Integer> crashes = new ArrayList<>();

    public SimNetwork(int n, long seed, long minLatencyMs, int jitterMs) {
        this.n = n;
        this.rnd = new SplittableRandom(seed);
        this.nodes = new NodeCore[n];
        this.epoch = new int[n];
        this.isolated = new boolean[n];
        this.minLatencyMs = minLatencyMs;
        this.jitterMs = jitterMs;
        for (int i = 0; i < n; i++) {
            sentLog.add(new ArrayList<>());
        }
    }

    /** The clock, timers and transport of node i (valid across its incarnations). */
    public Endpoint endpoint(int i) {
        return new Endpoint(i);
    }

    /** Installs node i's core (a new incarnation after a crash); call its start() afterwards. */
    public void attach(int i, NodeCore core) {
        nodes[i] = core;
    }

    public NodeCore node(int i) {
        return nodes[i];
    }

    /** Node i crashes: its core is discarded, its pending timers and inbound frames dropped. */
    public void crash(int i) {
        nodes[i] = null;
        epoch[i]++;
        crashes.add(i);
    }

    /** The nodes crashed by an {@link InjectedCrash}, in order. */
    public List<Integer> crashes() {
        return crashes;
    }

    public void isolate(int i, boolean on) {
        isolated[i] = on;
    }

    public void dropRate(double p) {
        this.dropRate = p;
    }

    public void beforeSend(SendHook hook) {
        this.beforeSend = hook;
    }

    public long now() {
        return now;
    }

    /** Events (frames and timers) waiting in the queue. */
    public int queued() {
        return queue.size();
    }

    public long delivered() {
        return delivered;
    }

    public long dropped() {
        return dropped;
    }

    /** Every CONSENSUS frame node i handed to the transport, over all its incarnations (the payload: wire bytes). */
    public List<byte[]> sentConsensus(int i) {
        return sentLog.get(i);
    }

    /** Runs events until virtual time t (inclusive). */
    public void runUntil(long t) {
        while (!queue.isEmpty() && queue.peek().time <= t) {
            step();
        }
        now = Math.max(now, t);
    }

    /** Runs events until cond holds (checked after every event) or virtual time maxTime; returns cond. */
    public boolean runUntil(BooleanSupplier cond, long maxTime) {
        while (!cond.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().time > maxTime) {
                now = Math.max(now, maxTime);
                return cond.getAsBoolean();
            }
            step();
        }
        return true;
    }

    private void step() {
        Event e = queue.poll();
        now = e.time;
        NodeCore core = nodes[e.target];
        if (core == null || e.epoch != epoch[e.target]) {
            if (e.frame != null) {
                dropped++;
            }
            return;
        }
        try {
            if (e.frame != null) {
                delivered++;
                core.onFrame(e.from, e.frame);
            } else if (liveTimers.remove(e.timerId)) {
                core.onTimer(e.timerId);
            }
        } catch (InjectedCrash c) {
            crash(e.target);
        }
    }

    private void enqueueFrame(int from, int to, byte[] frame) {
        if (frame.length > Frames.MAX_FRAME_BYTES) {
            throw new IllegalArgumentException("frame above the maximum: " + frame.length);
        }
        if (isolated[from] || isolated[to] || (dropRate > 0 && rnd.nextDouble() < dropRate)) {
            dropped++;
            return;
        }
        long t = now + minLatencyMs + (jitterMs > 0 ? rnd.nextInt(jitterMs + 1) : 0);
        queue.add(new Event(t, seq++, to, epoch[to], from, frame, 0));
    }

    /** Node i's view of the simulated world. */
    public final class Endpoint implements Clock, Timers, Transport {
        private final int self;

        Endpoint(int self) {
            this.self = self;
        }

        @Override
        public long nowMillis() {
            return now;
        }

        @Override
        public long schedule(long delayMs, TimerKind kind) {
            long id = ++timerSeq;
            liveTimers.add(id);
            queue.add(new Event(now + Math.max(0, delayMs), seq++, self, epoch[self], -1, null, id));
            return id;
        }

        @Override
        public void cancel(long id) {
            liveTimers.remove(id);
        }

        @Override
        public void send(int peer, byte[] frame) {
            if (peer == self || peer < 0 || peer >= n) {
                return;
            }
            if (beforeSend != null) {
                beforeSend.beforeSend(self, peer, frame);
            }
            log(frame);
            enqueueFrame(self, peer, frame.clone());
        }

        @Override
        public void broadcast(byte[] frame) {
            if (beforeSend != null) {
                beforeSend.beforeSend(self, -1, frame);
            }
            log(frame);
            for (int p = 0; p < n; p++) {
                if (p != self) {
                    enqueueFrame(self, p, frame.clone());
                }
            }
        }

        private void log(byte[] frame) {
            if (frame.length > 0 && frame[0] == Frames.CONSENSUS) {
                sentLog.get(self).add(java.util.Arrays.copyOfRange(frame, 9, frame.length));
            }
        }

        @Override
        public boolean connected(int peer) {
            return peer >= 0 && peer < n && peer != self && !isolated[self] && !isolated[peer] && nodes[peer] != null;
        }
    }
}
