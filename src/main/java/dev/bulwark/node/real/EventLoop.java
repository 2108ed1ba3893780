package dev.bulwark.node.real;

import dev.bulwark.node.Clock;
import dev.bulwark.node.NodeCore;
import dev.bulwark.node.Reason;
import dev.bulwark.node.TimerKind;
import dev.bulwark.node.Timers;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The node's single event thread: a one-thread {@link ScheduledExecutorService} that runs every
 * call into the {@link NodeCore}, fires its timers and serves as its {@link Clock} (the JVM's
 * monotonic {@code System.nanoTime}, in ms) and {@link Timers}.
 *
 * <p>Network threads never call the core: they {@link #offer} events into a <b>bounded</b> queue
 * of at most {@link #MAX_QUEUED_EVENTS} events and {@link #MAX_QUEUED_BYTES} frame bytes
 * (whichever is reached first); an event that does not fit is dropped and counted
 * ({@link #dropped()}): the node's gossip re-sends what matters. The queue is drained by the event
 * thread in one task at a time (at most one drain task is pending in the executor), so the
 * executor's own queue holds at most that task and the live timers (3 consensus timers and the
 * gossip timer, see NodeCore).
 */
public final class EventLoop implements Clock, Timers, AutoCloseable {
    public static final int MAX_QUEUED_EVENTS = 4096;
    public static final long MAX_QUEUED_BYTES = 64L << 20;

    private final ScheduledExecutorService exec;
    private final Thread thread;
    private final ArrayBlockingQueue<Object[]> inbound = new ArrayBlockingQueue<>(MAX_QUEUED_EVENTS);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean drainPending = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();
    private final Map<Long, ScheduledFuture<?>> live = new HashMap<>();
    private final long origin = System.nanoTime();
    private long nextTimer = 1;
    private volatile NodeCore core;

    public EventLoop(String name) {
        Thread[] t = new Thread[1];
        this.exec = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            t[0] = th;
            return th;
        });
        // make the thread exist now, so that onLoop() can be checked
        try {
            exec.submit(() -> { }).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
        this.thread = t[0];
    }

    /** The core the queued events go to (set on the event thread once it is built). */
    public void attach(NodeCore c) {
        this.core = c;
    }

    public boolean onLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nowMillis() {
        return (System.nanoTime() - origin) / 1_000_000L;
    }

    @Override
    public long schedule(long delayMs, TimerKind kind) {
        long id = nextTimer++;
        ScheduledFuture<?> f = exec.schedule(() -> {
            if (live.remove(id) != null && core != null) {
                core.onTimer(id);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
        live.put(id, f);
        return id;
    }

    @Override
    public void cancel(long id) {
        ScheduledFuture<?> f = live.remove(id);
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Runs a task on the event thread and waits for its result (at most the timeout). */
    public <T> T call(Callable<T> task, long timeoutMs) throws TimeoutException {
        try {
            return exec.submit(task).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A frame from an authenticated peer (network thread): queued, or dropped and counted. */
    public boolean offerFrame(int peer, byte[] frame) {
        return offerFrame(peer, frame, false);
    }

    /** {@link #offerFrame(int, byte[])}; {@code txPreVerified}: a TX frame whose transaction passed {@code Mempool.preVerify}. */
    public boolean offerFrame(int peer, byte[] frame, boolean txPreVerified) {
        return offerFrame(peer, frame, txPreVerified ? new boolean[] {true} : null);
    }

    /**
     * {@link #offerFrame(int, byte[])}; {@code txsPreVerified} (null: none): entry i, the TX or
     * TXS frame's i-th transaction passed {@code Mempool.preVerify}.
     */
    public boolean offerFrame(int peer, byte[] frame, boolean[] txsPreVerified) {
        return offer(new Object[] {peer, frame, txsPreVerified}, frame.length);
    }

    /** A peer came up or went down (network thread). */
    public boolean offerPeer(int peer, boolean up) {
        return offer(new Object[] {peer, up}, 0);
    }

    /** A client transaction (any thread): the future completes on the event thread with the core's answer (null: admitted). */
    public CompletableFuture<Reason> offerTx(byte[] tx) {
        return offerTx(tx, false);
    }

    /** {@link #offerTx(byte[])}; {@code preVerified}: the transaction passed {@code Mempool.preVerify} on the caller's thread. */
    public CompletableFuture<Reason> offerTx(byte[] tx, boolean preVerified) {
        CompletableFuture<Reason> f = new CompletableFuture<>();
        if (!offer(new Object[] {tx, (Consumer<Reason>) f::complete, preVerified}, tx.length)) {
            f.complete(Reason.FULL);
        }
        return f;
    }

    /**
     * Client transactions of one request, delivered to the core as one event
     * ({@code NodeCore.onClientTxs}); the future completes on the event thread with the answer per
     * transaction (null: admitted), or every entry FULL if the queue has no room.
     * {@code preVerified} (null: none) as in {@link #offerTx(byte[], boolean)}, per entry.
     */
    public CompletableFuture<Reason[]> offerTxs(java.util.List<byte[]> txs, boolean[] preVerified) {
        CompletableFuture<Reason[]> f = new CompletableFuture<>();
        long bytes = 0;
        for (byte[] t : txs) {
            bytes += t.length;
        }
        if (bytes > Integer.MAX_VALUE || !offer(new Object[] {txs, (Consumer<Reason[]>) f::complete, preVerified}, (int) bytes)) {
            Reason[] full = new Reason[txs.size()];
            java.util.Arrays.fill(full, Reason.FULL);
            f.complete(full);
        }
        return f;
    }

    private boolean offer(Object[] ev, int bytes) {
        if (queuedBytes.addAndGet(bytes) > MAX_QUEUED_BYTES || !inbound.offer(ev)) {
            queuedBytes.addAndGet(-bytes);
            dropped.incrementAndGet();
            return false;
        }
        if (drainPending.compareAndSet(false, true)) {
            try {
                exec.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainPending.set(false); // shutting down
            }
        }
        return true;
    }

    /** At most this many events per drain task, so that timers interleave with a busy network. */
    static final int DRAIN_BATCH = 256;

    private void drain() {
        drainPending.set(false);
        NodeCore c = core;
        Object[] ev;
        for (int k = 0; k < DRAIN_BATCH && (ev = inbound.poll()) != null; k++) {
            try {
                deliver(c, ev);
            } catch (RuntimeException e) {
                // a bug, not a peer's input (the core refuses bad input with a reason): say so, keep running
                System.err.println(Thread.currentThread().getName() + ": event failed: " + e);
                e.printStackTrace();
            }
        }
        if (!inbound.isEmpty() && drainPending.compareAndSet(false, true)) {
            try {
                exec.execute(this::drain);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                drainPending.set(false);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void deliver(NodeCore c, Object[] ev) {
        if (ev[0] instanceof java.util.List) {
            java.util.List<byte[]> txs = (java.util.List<byte[]>) ev[0];
            long bytes = 0;
            for (byte[] t : txs) {
                bytes += t.length;
            }
            queuedBytes.addAndGet(-bytes);
            Reason[] r;
            if (c == null) {
                r = new Reason[txs.size()];
                java.util.Arrays.fill(r, Reason.FULL);
            } else {
                r = c.onClientTxs(txs, (boolean[]) ev[2]);
            }
            ((Consumer<Reason[]>) ev[1]).accept(r);
        } else if (ev[0] instanceof byte[]) {
            byte[] tx = (byte[]) ev[0];
            queuedBytes.addAndGet(-tx.length);
            ((Consumer<Reason>) ev[1]).accept(c == null ? Reason.FULL : c.onClientTx(tx, (Boolean) ev[2]));
        } else if (ev[1] instanceof byte[]) {
            byte[] f = (byte[]) ev[1];
            queuedBytes.addAndGet(-f.length);
            if (c != null) {
                c.onFrame((Integer) ev[0], f, (boolean[]) ev[2]);
            }
        } else if (c != null) {
            if ((Boolean) ev[1]) {
                c.onPeerUp((Integer) ev[0]);
            } else {
                c.onPeerDown((Integer) ev[0]);
            }
        }
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    public ScheduledExecutorService executor() {
        return exec;
    }

    /** Stops the thread (pending events and timers are dropped) and waits for it. */
    @Override
    public void close() {
        exec.shutdownNow();
        try {
            exec.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
