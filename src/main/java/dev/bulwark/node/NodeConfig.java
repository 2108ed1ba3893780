package dev.bulwark.node;

import dev.bulwark.consensus.ProposerSelection;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.net.Ed25519;

/**
 * A node's configuration: the chain and validator set (raw 32-byte Ed25519 keys and powers), the
 * ledger's configuration, consensus timeouts, block and mempool limits, gossip period, snapshot
 * interval. Immutable; every bound is checked by the constructor (IllegalArgumentException).
 */
public final class NodeConfig {
    /** Consensus timeouts, CometBFT style: the timeout of round r is base + r * delta (saturating). */
    public static final class Timeouts {
        public final long proposeMs;
        public final long proposeDeltaMs;
        public final long prevoteMs;
        public final long prevoteDeltaMs;
        public final long precommitMs;
        public final long precommitDeltaMs;

        public Timeouts(long proposeMs, long proposeDeltaMs, long prevoteMs, long prevoteDeltaMs, long precommitMs,
                long precommitDeltaMs) {
            if (proposeMs < 1 || prevoteMs < 1 || precommitMs < 1 || proposeDeltaMs < 0 || prevoteDeltaMs < 0
                    || precommitDeltaMs < 0) {
                throw new IllegalArgumentException("timeouts must be positive, deltas non-negative");
            }
            this.proposeMs = proposeMs;
            this.proposeDeltaMs = proposeDeltaMs;
            this.prevoteMs = prevoteMs;
            this.prevoteDeltaMs = prevoteDeltaMs;
            this.precommitMs = precommitMs;
            this.precommitDeltaMs = precommitDeltaMs;
        }

        /** CometBFT's defaults: propose 3 s + 0.5 s per round, prevote and precommit 1 s + 0.5 s per round. */
        public static Timeouts cometDefaults() {
            return new Timeouts(3000, 500, 1000, 500, 1000, 500);
        }

        /** The delay of a timeout of the given kind in round r: base + r * delta, at most one hour. */
        public long delayMs(TimerKind kind, int r) {
            long base;
            long delta;
            switch (kind) {
                case PROPOSE:
                    base = proposeMs;
                    delta = proposeDeltaMs;
                    break;
                case PREVOTE:
                    base = prevoteMs;
                    delta = prevoteDeltaMs;
                    break;
                case PRECOMMIT:
                    base = precommitMs;
                    delta = precommitDeltaMs;
                    break;
                default:
                    throw new IllegalArgumentException("not a consensus timeout: " + kind);
            }
            long cap = 3_600_000L;
            long grow = r <= 0 ? 0 : delta > cap / r ? cap : delta * r;
            return Math.min(cap, Math.min(cap, base) + grow);
        }
    }

    public final long chainId;
    public final int self;
    private final byte[][] validatorKeys;
    private final long[] powers;
    public final LedgerConfig ledger;
    public final Timeouts timeouts;
    public final long gossipPeriodMs;
    /** Transactions per block (at most {@link dev.bulwark.ledger.Block#MAX_TXS}). */
    public final int maxBlockTxs;
    /** Encoded bytes per block (at most {@link BlockCodec#MAX_BLOCK_BYTES}). */
    public final int maxBlockBytes;
    public final int mempoolMaxTxs;
    public final long mempoolMaxBytes;
    /** Transactions per signer in the mempool. */
    public final int mempoolMaxPerSigner;
    /** A transaction's nonce may be at most this far above its signer's next nonce. */
    public final long nonceWindow;
    /** A ledger snapshot every this many heights (0: never). */
    public final long snapshotEvery;
    /** The consensus bound on rounds per height. */
    public final int maxRound;
    /**
     * Blocks kept below the latest snapshot: after each snapshot of height S the store prunes the
     * blocks (and their certificates; signed commits are kept) at or below S - retainBlocks.
     * -1 (the default): never prune.
     */
    public final long retainBlocks;
    /**
     * The chunk size of the snapshots this node serves ({@link Frames#SNAPSHOT_CHUNK_BYTES} = 1 MiB
     * by default; 1 .. {@link Frames#MAX_CHUNK_BYTES}). A chain-wide setting: a receiver fetches
     * chunks of one manifest from every peer that serves the same snapshot, so peers with another
     * chunk size serve chunks the manifest's digests refuse. Tests use small chunks so that their
     * small ledgers need several. The snapshot bound of the ledger must fit in
     * {@link Frames#MAX_SNAPSHOT_CHUNKS} chunks of this size.
     */
    public final int snapshotChunkBytes;

    public NodeConfig(long chainId, int self, byte[][] validatorKeys, long[] powers, LedgerConfig ledger, Timeouts timeouts,
            long gossipPeriodMs, int maxBlockTxs, int maxBlockBytes, int mempoolMaxTxs, long mempoolMaxBytes,
            int mempoolMaxPerSigner, long nonceWindow, long snapshotEvery, int maxRound) {
        this(chainId, self, validatorKeys, powers, ledger, timeouts, gossipPeriodMs, maxBlockTxs, maxBlockBytes, mempoolMaxTxs,
                mempoolMaxBytes, mempoolMaxPerSigner, nonceWindow, snapshotEvery, maxRound, -1, Frames.SNAPSHOT_CHUNK_BYTES);
    }

    private NodeConfig(long chainId, int self, byte[][] validatorKeys, long[] powers, LedgerConfig ledger, Timeouts timeouts,
            long gossipPeriodMs, int maxBlockTxs, int maxBlockBytes, int mempoolMaxTxs, long mempoolMaxBytes,
            int mempoolMaxPerSigner, long nonceWindow, long snapshotEvery, int maxRound, long retainBlocks,
            int snapshotChunkBytes) {
        if (retainBlocks < -1) {
            throw new IllegalArgumentException("retainBlocks must be -1 (never prune) or at least 0");
        }
        this.retainBlocks = retainBlocks;
        if (snapshotChunkBytes < 1 || snapshotChunkBytes > Frames.MAX_CHUNK_BYTES || (ledger != null
                && Frames.chunkCount(dev.bulwark.ledger.state.Snapshot.maxBytes(ledger), snapshotChunkBytes)
                        > Frames.MAX_SNAPSHOT_CHUNKS)) {
            throw new IllegalArgumentException("snapshotChunkBytes must be 1 .. " + Frames.MAX_CHUNK_BYTES
                    + " and the ledger's snapshot bound must fit in " + Frames.MAX_SNAPSHOT_CHUNKS + " chunks");
        }
        this.snapshotChunkBytes = snapshotChunkBytes;
        if (validatorKeys == null || powers == null || validatorKeys.length != powers.length || validatorKeys.length < 1
                || validatorKeys.length > ValidatorSet.MAX_VALIDATORS) {
            throw new IllegalArgumentException("one key and one power per validator");
        }
        for (byte[] k : validatorKeys) {
            if (k == null || k.length != Ed25519.PUBLIC_KEY_BYTES) {
                throw new IllegalArgumentException("validator keys are raw 32-byte Ed25519 keys");
            }
        }
        if (self < 0 || self >= validatorKeys.length || ledger == null || timeouts == null || ledger.chainId() != chainId) {
            throw new IllegalArgumentException("self must be a validator; the ledger config must name the chain");
        }
        if (gossipPeriodMs < 1 || maxBlockTxs < 0 || maxBlockTxs > dev.bulwark.ledger.Block.MAX_TXS || maxBlockBytes < 64
                || maxBlockBytes > BlockCodec.MAX_BLOCK_BYTES || mempoolMaxTxs < 1 || mempoolMaxBytes < 1
                || mempoolMaxPerSigner < 1 || nonceWindow < 0 || snapshotEvery < 0 || maxRound < 0
                || maxRound > ProposerSelection.MAX_ROUND) {
            throw new IllegalArgumentException("a limit is out of range");
        }
        this.chainId = chainId;
        this.self = self;
        this.validatorKeys = new byte[validatorKeys.length][];
        for (int i = 0; i < validatorKeys.length; i++) {
            this.validatorKeys[i] = validatorKeys[i].clone();
        }
        this.powers = powers.clone();
        this.ledger = ledger;
        this.timeouts = timeouts;
        this.gossipPeriodMs = gossipPeriodMs;
        this.maxBlockTxs = maxBlockTxs;
        this.maxBlockBytes = maxBlockBytes;
        this.mempoolMaxTxs = mempoolMaxTxs;
        this.mempoolMaxBytes = mempoolMaxBytes;
        this.mempoolMaxPerSigner = mempoolMaxPerSigner;
        this.nonceWindow = nonceWindow;
        this.snapshotEvery = snapshotEvery;
        this.maxRound = maxRound;
    }

    /** The same configuration for another validator index (a test cluster shares one config). */
    public NodeConfig forValidator(int index) {
        return new NodeConfig(chainId, index, validatorKeys, powers, ledger, timeouts, gossipPeriodMs, maxBlockTxs,
                maxBlockBytes, mempoolMaxTxs, mempoolMaxBytes, mempoolMaxPerSigner, nonceWindow, snapshotEvery, maxRound,
                retainBlocks, snapshotChunkBytes);
    }

    /** The same configuration with a block pruning window (see {@link #retainBlocks}; -1: never prune). */
    public NodeConfig withRetainBlocks(long retain) {
        return new NodeConfig(chainId, self, validatorKeys, powers, ledger, timeouts, gossipPeriodMs, maxBlockTxs,
                maxBlockBytes, mempoolMaxTxs, mempoolMaxBytes, mempoolMaxPerSigner, nonceWindow, snapshotEvery, maxRound,
                retain, snapshotChunkBytes);
    }

    /** The same configuration with another snapshot chunk size (see {@link #snapshotChunkBytes}). */
    public NodeConfig withSnapshotChunkBytes(int chunkBytes) {
        return new NodeConfig(chainId, self, validatorKeys, powers, ledger, timeouts, gossipPeriodMs, maxBlockTxs,
                maxBlockBytes, mempoolMaxTxs, mempoolMaxBytes, mempoolMaxPerSigner, nonceWindow, snapshotEvery, maxRound,
                retainBlocks, chunkBytes);
    }

    /**
     * A configuration for a loopback or simulated cluster: short timeouts (propose 200 ms + 100 ms
     * per round, prevote and precommit 100 ms + 50 ms), gossip every 100 ms, blocks of at most 500
     * transactions and 256 KiB, a mempool of 10,000 transactions and 4 MiB (64 per signer, nonce
     * window 64), a snapshot every 10 heights, rounds up to 1,000.
     */
    public static NodeConfig local(long chainId, int self, byte[][] validatorKeys, LedgerConfig ledger) {
        long[] p = new long[validatorKeys.length];
        java.util.Arrays.fill(p, 1);
        return new NodeConfig(chainId, self, validatorKeys, p, ledger, new Timeouts(200, 100, 100, 50, 100, 50), 100, 500,
                256 * 1024, 10_000, 4L << 20, 64, 64, 10, 1000);
    }

    public int validatorCount() {
        return validatorKeys.length;
    }

    /** Validator i's raw public key (a copy). */
    public byte[] validatorKey(int i) {
        return validatorKeys[i].clone();
    }

    public long[] powers() {
        return powers.clone();
    }
}
