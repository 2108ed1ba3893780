package dev.bulwark.node.real;

import dev.bulwark.node.NodeConfig;
import dev.bulwark.node.NodeCore;
import dev.bulwark.node.Reason;
import dev.bulwark.node.store.RocksNodeStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A validator node on real parts: its {@link NodeCore} on one {@link EventLoop} thread (the
 * clock and timers), a {@link NettyTransport} (TCP, signed handshake) and a
 * {@link RocksNodeStore} in a data directory (block store, commit store and WAL). Built from the
 * directory's durable state: a restarted node resumes where its disk says it was (WAL rule,
 * NodeCore) and catches up from its peers.
 */
public final class RealNode implements AutoCloseable {
    private final EventLoop loop;
    private final RocksNodeStore store;
    private NettyTransport transport;
    private NodeCore core;
    private final int self;

    /**
     * Opens the store in {@code dataDir}, binds {@code addresses[cfg.self]}, dials the validators
     * above this one, builds the core and starts it (all of it on the event thread, so no event
     * reaches a half-built node).
     */
    public RealNode(NodeConfig cfg, byte[] seed, Path dataDir, InetSocketAddress[] addresses) {
        this.self = cfg.self;
        this.loop = new EventLoop("bulwark-node-" + cfg.self);
        RocksNodeStore s;
        try {
            s = RocksNodeStore.open(dataDir);
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
        this.store = s;
        byte[][] keys = new byte[cfg.validatorCount()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = cfg.validatorKey(i);
        }
        try {
            loop.call(() -> {
                transport = new NettyTransport(cfg.chainId, cfg.self, keys, seed, addresses, loop);
                core = new NodeCore(cfg, seed, loop, loop, transport, store, store, store);
                loop.attach(core);
                core.start();
                return null;
            }, 60_000);
        } catch (TimeoutException | RuntimeException e) {
            close();
            throw new IllegalStateException("node " + cfg.self + " did not start", e);
        }
    }

    /**
     * The node of a home directory written by {@code bulwark testnet init} ({@link Testnet}):
     * genesis.properties, node.properties (index), validator.key; the store in home/data.
     */
    /**
     * The node of a home written by {@code bulwark testnet init}: genesis.properties,
     * node.properties ({@code index}; optional {@code retainBlocks}: blocks kept below each
     * snapshot, the rest pruned, -1 or absent: never prune) and validator.key.
     */
    public static RealNode fromHome(Path home) throws java.io.IOException {
        Testnet net = Testnet.readGenesis(home.resolve("genesis.properties"));
        java.util.Properties p = new java.util.Properties();
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(home.resolve("node.properties"))) {
            p.load(r);
        }
        int index;
        try {
            index = Integer.parseInt(p.getProperty("index", "").trim());
        } catch (NumberFormatException e) {
            throw new java.io.IOException(home.resolve("node.properties") + ": no index", e);
        }
        if (index < 0 || index >= net.validatorKeys.length) {
            throw new java.io.IOException(home.resolve("node.properties") + ": index " + index + " is not a validator");
        }
        byte[] seed = Testnet.readSeed(home.resolve("validator.key"));
        if (!java.util.Arrays.equals(dev.bulwark.net.Ed25519.signer(seed).publicKey(), net.validatorKeys[index])) {
            throw new java.io.IOException(home.resolve("validator.key") + " is not validator " + index + "'s key in the genesis");
        }
        dev.bulwark.node.NodeConfig cfg = net.nodeConfig(index);
        String retain = p.getProperty("retainBlocks");
        if (retain != null) {
            long r;
            try {
                r = Long.parseLong(retain.trim());
            } catch (NumberFormatException e) {
                r = -2;
            }
            if (r < -1) {
                throw new java.io.IOException(home.resolve("node.properties") + ": retainBlocks is -1 (never prune) or a "
                        + "number of blocks >= 0, not '" + retain.trim() + "'");
            }
            cfg = cfg.withRetainBlocks(r);
        }
        return new RealNode(cfg, seed, home.resolve("data"), net.addresses);
    }

    public int index() {
        return self;
    }

    /** Reads the core on its event thread (waits at most 10 s). */
    public <T> T query(Function<NodeCore, T> q) {
        try {
            return loop.call(() -> q.apply(core), 10_000);
        } catch (TimeoutException e) {
            throw new IllegalStateException("node " + self + " did not answer", e);
        }
    }

    /** Submits a signed transaction; completes with null when admitted to the mempool, else the refusal. */
    public CompletableFuture<Reason> submit(byte[] signedTx) {
        // the signature check runs here, on the caller's thread (HTTP handler, load driver), not on the event thread
        return loop.offerTx(signedTx, dev.bulwark.node.Mempool.preVerify(signedTx));
    }

    /**
     * Several client transactions in one event ({@code NodeCore.onClientTxs}: admitted ones
     * gossiped in TXS frames); the answer per transaction (null: admitted). Signatures checked
     * here, on the caller's thread.
     */
    public CompletableFuture<Reason[]> submitAll(java.util.List<byte[]> signedTxs) {
        boolean[] pre = new boolean[signedTxs.size()];
        for (int i = 0; i < pre.length; i++) {
            pre[i] = dev.bulwark.node.Mempool.preVerify(signedTxs.get(i));
        }
        return loop.offerTxs(signedTxs, pre);
    }

    /** Transactions in the stored blocks from+1 .. to (read on the event thread). */
    public long txsInBlocks(long from, long to) {
        return query(c -> {
            long n = 0;
            for (long h = Math.max(from + 1, store.base() + 1); h <= Math.min(to, store.storedHeight()); h++) {
                n += dev.bulwark.ledger.state.BlockCodec.decode(store.block(h)).size();
            }
            return n;
        });
    }

    public NettyTransport transport() {
        return transport;
    }

    public EventLoop loop() {
        return loop;
    }

    /** The node's store (use it only on the event thread, through {@link #query}). */
    public RocksNodeStore store() {
        return store;
    }

    /**
     * Stops the node: the transport first (no more input), then the event thread (after the event
     * it is running), then the database. What was durable stays; nothing else is needed to restart.
     */
    @Override
    public void close() {
        if (transport != null) {
            transport.close();
        }
        try {
            loop.call(() -> null, 10_000);
        } catch (TimeoutException | RuntimeException e) {
            // stuck or already stopped: stop it anyway
        }
        loop.close();
        store.close();
    }
}
