package dev.bulwark.node.real;

import dev.bulwark.node.Frames;
import dev.bulwark.node.Mempool;
import dev.bulwark.node.Transport;
import dev.bulwark.net.Ed25519;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The node-to-node {@link Transport} over TCP with Netty. Every frame on the wire is a 4-byte
 * big-endian length and that many bytes; a length above {@link Frames#MAX_FRAME_BYTES} (before
 * the handshake: above {@link Handshake#MAX_HANDSHAKE_FRAME}) closes the connection before any
 * of it is buffered, and is counted. The first frames each way are the signed {@link Handshake};
 * only then are frames handed, with the peer's authenticated validator index, to the
 * {@link EventLoop}'s bounded queue (the Netty I/O thread never calls the node core).
 *
 * <p>Connections: validator i dials every validator j > i and accepts the others' connections;
 * a dialed connection that fails or closes is re-dialed after a backoff that starts at
 * {@link #BACKOFF_MIN_MS} and doubles up to {@link #BACKOFF_MAX_MS} (reset by a completed
 * handshake). A newly authenticated connection of a peer replaces an older one.
 *
 * <p>Bounds: at most {@link #MAX_PENDING} connections waiting for their handshake (more are
 * closed at once), each for at most {@link #HANDSHAKE_TIMEOUT_MS}; each connection's outbound
 * buffer stops taking frames above {@link #WRITE_HIGH_WATER} bytes (frames sent then are dropped
 * and counted; gossip re-sends them); inbound: the frame being read (at most the maximum frame)
 * and the event loop's bounded queue. Refusals and drops are counted per {@link TransportReason}.
 */
public final class NettyTransport implements Transport, AutoCloseable {
    public static final int MAX_PENDING = 16;
    public static final long HANDSHAKE_TIMEOUT_MS = 5_000;
    public static final long BACKOFF_MIN_MS = 50;
    public static final long BACKOFF_MAX_MS = 2_000;
    public static final int WRITE_HIGH_WATER = 16 << 20;

    private final long chainId;
    private final int self;
    private final byte[][] keys;
    private final Ed25519.Signer signer;
    private final EventLoop loop;
    private final InetSocketAddress[] addresses;
    private final EventLoopGroup group;
    private final AtomicReferenceArray<Channel> peers;
    private final AtomicLongArray backoff;
    private final AtomicLongArray counters = new AtomicLongArray(TransportReason.values().length);
    private final AtomicInteger pending = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Channel server;
    private volatile boolean closed;
    private volatile boolean cutOff;

    /**
     * Binds {@code addresses[self]} and starts dialing the validators above {@code self}.
     * {@code keys} are the validator set's raw public keys; {@code seed} is this validator's key.
     */
    public NettyTransport(long chainId, int self, byte[][] keys, byte[] seed, InetSocketAddress[] addresses, EventLoop loop) {
        this.chainId = chainId;
        this.self = self;
        this.keys = keys.clone();
        this.signer = Ed25519.signer(seed);
        this.loop = loop;
        this.addresses = addresses.clone();
        this.peers = new AtomicReferenceArray<>(keys.length);
        this.backoff = new AtomicLongArray(keys.length);
        this.group = new NioEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "bulwark-net-" + self);
            t.setDaemon(true);
            return t;
        });
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(WRITE_HIGH_WATER / 2, WRITE_HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Connection(-1));
                    }
                });
        try {
            this.server = sb.bind(addresses[self]).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        for (int j = self + 1; j < keys.length; j++) {
            backoff.set(j, BACKOFF_MIN_MS);
            dial(j);
        }
    }

    /** The address the server is bound to. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    private void dial(int j) {
        if (closed) {
            return;
        }
        if (cutOff) {
            redial(j);
            return;
        }
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(WRITE_HIGH_WATER / 2, WRITE_HIGH_WATER))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Connection(j));
                    }
                })
                .connect(addresses[j]).addListener(f -> {
                    if (!f.isSuccess()) {
                        redial(j);
                    }
                });
    }

    private void redial(int j) {
        if (closed) {
            return;
        }
        long d = backoff.get(j);
        backoff.set(j, Math.min(BACKOFF_MAX_MS, d * 2));
        try {
            group.schedule(() -> dial(j), d, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down
        }
    }

    private void count(TransportReason r) {
        counters.incrementAndGet(r.ordinal());
    }

    /** The count of each refusal and drop so far. */
    public Map<TransportReason, Long> counters() {
        Map<TransportReason, Long> m = new EnumMap<>(TransportReason.class);
        for (TransportReason r : TransportReason.values()) {
            m.put(r, counters.get(r.ordinal()));
        }
        return m;
    }

    public long counter(TransportReason r) {
        return counters.get(r.ordinal());
    }

    @Override
    public void send(int peer, byte[] frame) {
        if (peer < 0 || peer >= keys.length || peer == self || frame.length > Frames.MAX_FRAME_BYTES) {
            return;
        }
        Channel ch = peers.get(peer);
        if (ch == null || !ch.isActive() || cutOff) {
            return;
        }
        if (!ch.isWritable()) {
            count(TransportReason.OUTBOUND_FULL);
            return;
        }
        write(ch, frame);
    }

    private static final io.netty.util.AttributeKey<java.util.concurrent.atomic.AtomicBoolean> FLUSH_SCHEDULED =
            io.netty.util.AttributeKey.valueOf("bulwark.flushScheduled");

    /**
     * Queues a frame on the connection. Off the I/O thread (the node's event thread), the write runs
     * as a task on the channel's I/O thread and one flush is scheduled behind the writes queued so
     * far: the frames the core sends in one burst (a proposal block and its proposal to every peer,
     * a transaction to every peer) leave in one system call per connection instead of one each.
     */
    private static void write(Channel ch, byte[] frame) {
        ByteBuf b = ch.alloc().buffer(4 + frame.length);
        b.writeInt(frame.length).writeBytes(frame);
        io.netty.channel.EventLoop io = ch.eventLoop();
        if (io.inEventLoop()) {
            ch.writeAndFlush(b, ch.voidPromise());
            return;
        }
        try {
            io.execute(() -> writeOnLoop(ch, io, b));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            b.release(); // the transport is closing
        }
    }

    private static void writeOnLoop(Channel ch, io.netty.channel.EventLoop io, ByteBuf b) {
        ch.write(b, ch.voidPromise());
        java.util.concurrent.atomic.AtomicBoolean scheduled = ch.attr(FLUSH_SCHEDULED).get();
        if (scheduled == null) {
            scheduled = new java.util.concurrent.atomic.AtomicBoolean();
            ch.attr(FLUSH_SCHEDULED).set(scheduled);
        }
        if (!scheduled.get()) {
            // behind every write queued so far; the writes queued after it schedule the next flush
            scheduled.set(true);
            java.util.concurrent.atomic.AtomicBoolean s = scheduled;
            io.execute(() -> {
                s.set(false);
                ch.flush();
            });
        }
    }

    @Override
    public void broadcast(byte[] frame) {
        for (int j = 0; j < keys.length; j++) {
            if (j != self) {
                send(j, frame);
            }
        }
    }

    @Override
    public boolean connected(int peer) {
        Channel ch = peer >= 0 && peer < keys.length ? peers.get(peer) : null;
        return ch != null && ch.isActive();
    }

    /**
     * A fault hook (tests, the cluster's fault drills): while cut off, the node drops every
     * connection, accepts none and dials none, as if its network cable were pulled; on heal it
     * dials again (at its next backoff tick) and accepts again. A connection whose handshake was
     * under way at the cut is closed when its handshake completes or its next frame arrives, so no
     * frame reaches the node and none leaves it while it is cut off.
     */
    public void setCutOff(boolean on) {
        cutOff = on;
        if (on) {
            dropConnections();
        }
    }

    /** Drops every connection now (a fault hook for tests: peers see a disconnect; dialers re-dial). */
    public void dropConnections() {
        for (int j = 0; j < keys.length; j++) {
            Channel ch = peers.get(j);
            if (ch != null) {
                ch.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.close().syncUninterruptibly();
        for (int j = 0; j < keys.length; j++) {
            Channel ch = peers.get(j);
            if (ch != null) {
                ch.close().syncUninterruptibly();
            }
        }
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).syncUninterruptibly();
    }

    /** One TCP connection: length-prefixed frames, the handshake, then frames to the event loop. */
    /** The window of the I/O thread's budget of transaction pre-verifications per connection (a gossip period of NodeConfig.local). */
    static final long PREVERIFY_WINDOW_NANOS = 100_000_000L;

    private final class Connection extends ByteToMessageDecoder {
        /** The index we dialed, or -1 for an accepted connection. */
        private final int dialed;
        private final byte[] nonce = new byte[32];
        private Handshake.Hello hello;
        private int peer = -1;
        /** Transaction frames pre-verified in the current window (see onFrame). */
        private long txWindowStartNanos = System.nanoTime();
        private int txInWindow;
        private boolean isPending;
        private ScheduledFuture<?> timeout;

        Connection(int dialed) {
            this.dialed = dialed;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (closed || cutOff) {
                ctx.close();
                return;
            }
            if (pending.incrementAndGet() > MAX_PENDING) {
                pending.decrementAndGet();
                count(TransportReason.TOO_MANY_PENDING);
                ctx.close();
                return;
            }
            isPending = true;
            random.nextBytes(nonce);
            write(ctx.channel(), Handshake.hello(chainId, self, signer.publicKey(), nonce));
            timeout = ctx.executor().schedule(() -> {
                if (peer < 0) {
                    count(TransportReason.HANDSHAKE_TIMEOUT);
                    ctx.close();
                }
            }, HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            super.channelActive(ctx);
        }

        private void donePending() {
            if (isPending) {
                isPending = false;
                pending.decrementAndGet();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            donePending();
            if (timeout != null) {
                timeout.cancel(false);
            }
            if (peer >= 0 && peers.compareAndSet(peer, ctx.channel(), null)) {
                loop.offerPeer(peer, false);
            }
            if (dialed >= 0) {
                redial(dialed);
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= 4 && ctx.channel().isActive()) {
                int len = in.getInt(in.readerIndex());
                int max = peer >= 0 ? Frames.MAX_FRAME_BYTES : Handshake.MAX_HANDSHAKE_FRAME;
                if (len < 1 || len > max) {
                    count(len < 1 ? TransportReason.HANDSHAKE_MALFORMED : TransportReason.OVERSIZE);
                    in.skipBytes(in.readableBytes());
                    ctx.close();
                    return;
                }
                if (in.readableBytes() < 4 + len) {
                    return;
                }
                in.skipBytes(4);
                byte[] f = new byte[len];
                in.readBytes(f);
                onFrame(ctx, f);
            }
        }

        /**
         * Mempool.preVerify on a TX frame's transaction or each of a TXS frame's, within this
         * connection's budget of transactions per window (null: none checked, e.g. a malformed
         * frame, which the core refuses).
         */
        private boolean[] preVerify(byte[] f) {
            if (f[0] == Frames.TX) {
                if (txInWindow++ >= dev.bulwark.node.NodeCore.MAX_TXS_PER_PEER_PER_PERIOD) {
                    return null;
                }
                return new boolean[] {Mempool.preVerify(java.util.Arrays.copyOfRange(f, Frames.HEADER_BYTES, f.length))};
            }
            java.util.List<byte[]> txs;
            try {
                txs = Frames.decodeTxs(java.nio.ByteBuffer.wrap(f, Frames.HEADER_BYTES, f.length - Frames.HEADER_BYTES));
            } catch (dev.bulwark.node.NodeException e) {
                return null;
            }
            if (txInWindow + txs.size() > dev.bulwark.node.NodeCore.MAX_TXS_PER_PEER_PER_PERIOD) {
                txInWindow = dev.bulwark.node.NodeCore.MAX_TXS_PER_PEER_PER_PERIOD;
                return null;
            }
            txInWindow += txs.size();
            boolean[] ok = new boolean[txs.size()];
            for (int i = 0; i < ok.length; i++) {
                ok[i] = Mempool.preVerify(txs.get(i));
            }
            return ok;
        }

        private void onFrame(ChannelHandlerContext ctx, byte[] f) {
            if (cutOff) {
                // a connection that outlived the cut (dropConnections closes registered connections
                // only: this one's handshake was under way, or it registered while dropConnections
                // ran): no frame passes, and the connection is closed
                ctx.close();
                return;
            }
            if (peer >= 0) {
                // a transaction's signatures are checked here, on the I/O thread, not on the event thread
                // (at most the core's per-peer budget of transactions per 100 ms: beyond it the core
                // refuses them as RATE_LIMITED unverified, and so this thread does not verify them either)
                boolean[] verified = null;
                if (f.length > Frames.HEADER_BYTES && (f[0] == Frames.TX || f[0] == Frames.TXS)) {
                    long now = System.nanoTime();
                    if (now - txWindowStartNanos > PREVERIFY_WINDOW_NANOS) {
                        txWindowStartNanos = now;
                        txInWindow = 0;
                    }
                    verified = preVerify(f);
                }
                if (!loop.offerFrame(peer, f, verified)) {
                    count(TransportReason.INBOUND_QUEUE_FULL);
                }
                return;
            }
            try {
                if (hello == null) {
                    hello = Handshake.checkHello(f, chainId, self, keys, dialed);
                    write(ctx.channel(), Handshake.auth(chainId, dialed >= 0, self, signer, nonce, hello));
                } else {
                    Handshake.checkAuth(f, chainId, dialed >= 0, self, nonce, hello, keys);
                    peer = hello.index;
                    donePending();
                    if (timeout != null) {
                        timeout.cancel(false);
                    }
                    if (dialed >= 0) {
                        backoff.set(dialed, BACKOFF_MIN_MS);
                    }
                    Channel old = peers.getAndSet(peer, ctx.channel());
                    if (old != null && old != ctx.channel()) {
                        old.close();
                    }
                    loop.offerPeer(peer, true);
                }
            } catch (Handshake.Failure e) {
                count(e.reason);
                ctx.close();
            }
        }
    }
}
