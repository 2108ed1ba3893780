package dev.bulwark.node;

import dev.bulwark.consensus.Certificate;
import dev.bulwark.consensus.CertificateChecker;
import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.ConsensusException;
import dev.bulwark.consensus.Decision;
import dev.bulwark.consensus.Evidence;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.MessageType;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.ProposerSelection;
import dev.bulwark.consensus.Step;
import dev.bulwark.consensus.TimeoutKind;
import dev.bulwark.consensus.TimerRequest;
import dev.bulwark.consensus.Validator;
import dev.bulwark.consensus.ValidatorSet;
import dev.bulwark.consensus.ValidatorState;
import dev.bulwark.consensus.Value;
import dev.bulwark.consensus.ValuePolicy;
import dev.bulwark.ledger.BlockResult;
import dev.bulwark.ledger.state.BlockCodec;
import dev.bulwark.ledger.state.DecodedBlock;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.StateException;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.net.ConsensusGateway;
import dev.bulwark.net.ConsensusRejectedException;
import dev.bulwark.net.ConsensusSigner;
import dev.bulwark.net.Ed25519;
import dev.bulwark.replica.BlockStore;
import dev.bulwark.replica.Replica;
import java.nio.ByteBuffer;
import java.security.PublicKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One validator node as a single-threaded, deterministic event handler (README of this package).
 * It owns the consensus {@link Validator} (behind a {@link ConsensusGateway}), the
 * {@link Replica} (ledger over the {@link BlockStore}), the {@link Mempool}, the proposal-block
 * cache and the catch-up logic, and reacts to events: {@link #onFrame}, {@link #onTimer},
 * {@link #onClientTx}, {@link #onPeerUp}. Its effects go only through {@link Transport},
 * {@link Timers}, {@link ConsensusWal}, {@link CommitStore} and the {@link BlockStore}; it reads
 * no clock but {@link Clock}, starts no thread, uses no randomness.
 *
 * <p><b>The WAL rule.</b> For every consensus step: the messages it outputs are signed, then the
 * received message that caused the step, every signed message and the validator's new state are
 * appended to the WAL, the WAL is synced, and only then are the frames handed to the transport.
 * A decided block is stored (block store and signed commit, both synced) before the WAL records
 * of the step that decided it. A node restarted from its block store and WAL therefore resumes
 * in the height, round and step it had reached and holds every message it ever let out; it signs
 * nothing conflicting ({@code Validator.fromState}).
 *
 * <p><b>Bounds</b> on what peers can fill (besides the gateway's and the core's own, see
 * {@link ConsensusGateway} and the consensus README): proposal blocks: at most
 * {@link #MAX_BLOCKS_PER_ROUND} per (height, round), for the current height (rounds up to
 * {@link #MAX_BLOCK_ROUNDS_AHEAD} beyond the current one) and the next (rounds 0 ..
 * MAX_BLOCK_ROUNDS_AHEAD), each at most {@code maxBlockBytes}, accepted only from the round's
 * proposer or when a verified proposal names it; proposals waiting for their block: at most
 * {@link #MAX_PENDING_PER_ROUND} per (height, round) within the gateway's window; signed
 * messages kept for gossip and certificates: the gateway's accepted messages of the window;
 * the mempool: its configured count and bytes; evidence: the last {@link #MAX_EVIDENCE_KEPT}
 * pairs; peer statuses: one per validator. Everything of a height is dropped when it is
 * committed.
 */
public final class NodeCore {
    public static final int MAX_BLOCKS_PER_ROUND = 2;
    public static final int MAX_BLOCK_ROUNDS_AHEAD = 4;
    public static final int MAX_PENDING_PER_ROUND = 2;
    /** Blocks sent in answer to one status frame (the receiver asks again when they are applied). */
    public static final int MAX_BLOCKS_PER_STATUS = 8;
    public static final int MAX_EVIDENCE_KEPT = 64;
    /**
     * Blocks a peer's statuses can make this node send per gossip period (4 windows of
     * {@link #MAX_BLOCKS_PER_STATUS}); a status beyond it is refused {@link Reason#RATE_LIMITED}.
     */
    public static final int MAX_BLOCKS_PER_PEER_PER_PERIOD = 4 * MAX_BLOCKS_PER_STATUS;
    /**
     * Gossiped transactions judged per peer per gossip period (decoded, checked, signatures
     * verified): a TX frame counts one, a TXS frame its entries; a frame that would go beyond it is
     * refused whole, {@link Reason#RATE_LIMITED}, before its entries are judged.
     */
    public static final int MAX_TXS_PER_PEER_PER_PERIOD = 2_048;
    /**
     * Snapshot manifests sent per peer per gossip period (each carries block h + 1 and its signed
     * commit); a request beyond it is refused {@link Reason#RATE_LIMITED}.
     */
    public static final int MAX_MANIFESTS_PER_PEER_PER_PERIOD = 1;
    /**
     * Snapshot chunks sent per peer per gossip period (8 MiB at the default 1 MiB chunks, half the
     * real transport's 16 MiB of unsent bytes per connection); a request beyond it is refused
     * {@link Reason#RATE_LIMITED}. A receiver paces itself to the same budget per peer.
     */
    public static final int MAX_CHUNKS_PER_PEER_PER_PERIOD = 8;
    /** Chunk requests a receiving node has outstanding at once (over all peers). */
    public static final int MAX_CHUNKS_IN_FLIGHT = 8;
    /** A chunk request unanswered for this many gossip periods is asked again (of another peer if there is one). */
    public static final int CHUNK_RETRY_PERIODS = 2;
    /** A state sync that received no chunk for this many gossip periods is abandoned (its memory freed). */
    public static final int SYNC_STALL_PERIODS = 20;
    /** A peer whose manifest led to a snapshot that failed the final check is not asked for one for this many periods. */
    public static final int BAD_MANIFEST_BACKOFF_PERIODS = 50;

    private final NodeConfig cfg;
    private final Clock clock;
    private final Timers timers;
    private final Transport transport;
    private final ConsensusWal wal;
    private final CommitStore commits;
    private final BlockStore store;
    private final int n;
    private final int self;
    private final long chainId;
    private final ValidatorSet vs;
    private final ProposerSelection proposers;
    private final ConsensusConfig ccfg;
    private final byte[][] keys;
    private final ConsensusSigner signer;
    private final Replica replica;
    private final Mempool mempool;
    private Validator val;
    private ConsensusGateway gateway;
    private final PublicKey[] jdkKeys;

    /** A proposal block held (valid for its height: decodes, fits the limits, signatures verify). */
    private static final class Held {
        final long h;
        final byte[] bytes;
        final DecodedBlock block;

        Held(long h, byte[] bytes, DecodedBlock block) {
            this.h = h;
            this.bytes = bytes;
            this.block = block;
        }
    }

    /** A signed consensus message (own or accepted) of a height not yet committed. */
    private static final class Signed {
        final Message m;
        final byte[] wire;

        Signed(Message m, byte[] wire) {
            this.m = m;
            this.wire = wire;
        }
    }

    private static final class TimerEntry {
        final TimerKind kind;
        final long h;
        final int r;

        TimerEntry(TimerKind kind, long h, int r) {
            this.kind = kind;
            this.h = h;
            this.r = r;
        }
    }

    /** The snapshot this node serves: its height, bytes, chunk digests, and block h + 1 with its signed commit. */
    private static final class Served {
        final long h;
        final byte[] bytes;
        final byte[][] digests;
        final byte[][] precommits;
        final byte[] nextBlock;
        final int chunkBytes;

        Served(long h, byte[] bytes, byte[][] digests, byte[][] precommits, byte[] nextBlock, int chunkBytes) {
            this.h = h;
            this.bytes = bytes;
            this.digests = digests;
            this.precommits = precommits;
            this.nextBlock = nextBlock;
            this.chunkBytes = chunkBytes;
        }
    }

    /**
     * The one snapshot download in progress: the manifest taken (checked: its declared length is
     * within the ledger's bound, its certificate certifies block h + 1), a buffer of that length,
     * which chunks arrived, and the outstanding requests (index -> peer asked, period asked).
     */
    private static final class SnapshotDownload {
        final int manifestPeer;
        final long h;
        final Frames.SnapshotManifest manifest;
        final byte[] buffer;
        final boolean[] have;
        /** The peer each chunk is asked of (-1: not outstanding) and the period it was asked in. */
        final int[] askedPeer;
        final long[] askedAt;
        /** The last peer asked for each chunk (so a retry goes to another one if there is one). */
        final int[] lastAsked;
        /** Peers that sent a chunk that is not the manifest's. */
        final boolean[] bad;
        int received;
        int inFlight;
        int cursor;
        int cursorPeer;
        int idlePeriods;

        SnapshotDownload(int manifestPeer, Frames.SnapshotManifest m, int validators) {
            this.manifestPeer = manifestPeer;
            this.h = m.h;
            this.manifest = m;
            this.buffer = new byte[(int) m.total];
            this.have = new boolean[m.count()];
            this.askedPeer = new int[m.count()];
            this.askedAt = new long[m.count()];
            this.lastAsked = new int[m.count()];
            Arrays.fill(askedPeer, -1);
            Arrays.fill(lastAsked, -1);
            this.bad = new boolean[validators];
            this.cursorPeer = manifestPeer - 1;
        }

        int count() {
            return have.length;
        }

        /** The next chunk neither received nor outstanding (-1: none). */
        int nextToAsk() {
            for (int k = 0; k < have.length; k++) {
                int i = (cursor + k) % have.length;
                if (!have[i] && askedPeer[i] < 0) {
                    cursor = i;
                    return i;
                }
            }
            return -1;
        }

        void ask(int i, int peer, long period) {
            askedPeer[i] = peer;
            askedAt[i] = period;
            lastAsked[i] = peer;
            inFlight++;
        }

        boolean asked(int peer) {
            for (int p : askedPeer) {
                if (p == peer) {
                    return true;
                }
            }
            return false;
        }

        /** Chunk i is outstanding no more (to be asked again). */
        void release(int i) {
            if (askedPeer[i] >= 0) {
                askedPeer[i] = -1;
                inFlight--;
            }
        }

        /** Every chunk asked of a peer is outstanding no more. */
        void releasePeer(int peer) {
            for (int i = 0; i < askedPeer.length; i++) {
                if (askedPeer[i] == peer) {
                    release(i);
                }
            }
        }

        /** Requests asked before period {@code before} are outstanding no more (asked again). */
        void expire(long before) {
            for (int i = 0; i < askedPeer.length; i++) {
                if (askedPeer[i] >= 0 && askedAt[i] < before) {
                    release(i);
                }
            }
        }

        void take(int i, byte[] bytes) {
            release(i);
            System.arraycopy(bytes, 0, buffer, i * manifest.chunkBytes, bytes.length);
            have[i] = true;
            received++;
            idlePeriods = 0;
        }

        boolean complete() {
            return received == have.length;
        }
    }

    private final Map<Value, Held> blocks = new HashMap<>();
    /** (h, r) slot -> proposal blocks accepted from peers for it. */
    private final Map<Long, Integer> blocksPerRound = new HashMap<>();
    /** (h, r) slot -> signed proposals (checked by the gateway) waiting for their block. */
    private final Map<Long, List<byte[]>> pending = new HashMap<>();
    private final TreeMap<Long, List<Signed>> signed = new TreeMap<>();
    private final Map<Long, TimerEntry> timerTable = new HashMap<>();
    private final EnumMap<Reason, Long> refusals = new EnumMap<>(Reason.class);
    private final ArrayDeque<Evidence> evidence = new ArrayDeque<>();
    private final long[] peerStored;
    private final long[] peerSnapshot;
    private final long[] peerOldest;
    /**
     * The largest snapshot this node sends or takes: its ledger's bound {@code Snapshot.maxBytes},
     * if within {@link Frames#MAX_SNAPSHOT_BYTES} (every configurable ledger is); else 0 (no state sync).
     */
    private final long snapshotLimit;
    /**
     * The one state sync in progress: the peer asked for a manifest (-1: none), the height, and
     * the gossip periods the manifest request has waited; once a manifest is taken, the download.
     */
    private int syncPeer = -1;
    private long syncHeight;
    private int syncAge;
    private SnapshotDownload download;
    /** Whether a manifest was requested in the current gossip period. */
    private boolean syncAskedThisPeriod;
    /** Gossip periods since start (the clock of the chunk retries and the bad-manifest backoff). */
    private long period;
    /** Per peer: the period before which it is not asked for a manifest (its last one failed the final check). */
    private final long[] manifestBackoffUntil;
    /** The snapshot this node serves, read once from the store (null: none read yet, or replaced). */
    private Served served;
    /** Per peer, in the current gossip period: blocks sent for its statuses, transaction frames judged. */
    private final int[] blocksSentToPeer;
    private final int[] txsFromPeer;
    /** Per peer, in the current gossip period: manifests and chunks sent to it, chunks asked of it. */
    private final int[] manifestsSentToPeer;
    private final int[] chunksSentToPeer;
    private final int[] chunksAskedOfPeer;
    /** The signed precommits of a certificate being applied by catch-up (else null). */
    private byte[][] catchupWires;
    private long catchupHeight;
    private boolean started;
    /** The last STATE record appended to the WAL (not appended again while unchanged). */
    private byte[] lastState;
    private long decidedAtMillis;
    /** App hashes after heights decided but not yet applied (dry runs, see appHashAfter); at most the heights of one step. */
    private final TreeMap<Long, byte[]> projected = new TreeMap<>();
    /** Told of every height this node commits (on the node's thread, after the block is applied); may be null. */
    private CommitListener commitListener;

    /**
     * A node from its durable state: the replica is loaded from the store's snapshot (or genesis)
     * and replays the stored blocks; the validator is restored at the height after the last
     * stored block from the WAL's records of that height (its last state, its own and received
     * messages, its proposal blocks), or starts that height at round 0 if the WAL has none.
     * Nothing is sent before {@link #start()}.
     */
    public NodeCore(NodeConfig cfg, byte[] seed, Clock clock, Timers timers, Transport transport, BlockStore store,
            CommitStore commits, ConsensusWal wal) {
        this.cfg = cfg;
        this.clock = clock;
        this.timers = timers;
        this.transport = transport;
        this.store = store;
        this.commits = commits;
        this.wal = wal;
        this.n = cfg.validatorCount();
        this.self = cfg.self;
        this.chainId = cfg.chainId;
        this.vs = new ValidatorSet(cfg.powers());
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        this.ccfg = new ConsensusConfig(cfg.powers(), order, ProposerSelection.MAX_HEIGHT, cfg.maxRound, new Policy());
        this.proposers = ccfg.proposers();
        this.keys = new byte[n][];
        this.jdkKeys = new PublicKey[n];
        for (int i = 0; i < n; i++) {
            keys[i] = cfg.validatorKey(i);
            jdkKeys[i] = Ed25519.publicKey(keys[i]);
        }
        this.signer = new ConsensusSigner(self, chainId, seed);
        if (!Arrays.equals(signer.publicKey(), keys[self])) {
            throw new IllegalArgumentException("the seed is not validator " + self + "'s key");
        }
        this.peerStored = new long[n];
        this.peerSnapshot = new long[n];
        this.peerOldest = new long[n];
        long limit = dev.bulwark.ledger.state.Snapshot.maxBytes(cfg.ledger);
        this.snapshotLimit = limit <= Frames.MAX_SNAPSHOT_BYTES ? limit : 0;
        this.blocksSentToPeer = new int[n];
        this.txsFromPeer = new int[n];
        this.manifestsSentToPeer = new int[n];
        this.chunksSentToPeer = new int[n];
        this.chunksAskedOfPeer = new int[n];
        this.manifestBackoffUntil = new long[n];
        this.replica = new Replica(cfg.ledger, vs, store);
        while (replica.height() < store.storedHeight()) {
            replica.applyNext();
        }
        this.mempool = new Mempool(chainId, cfg.mempoolMaxTxs, cfg.mempoolMaxBytes, cfg.mempoolMaxPerSigner, cfg.nonceWindow);
        this.val = restore();
        this.gateway = new ConsensusGateway(ccfg, jdkKeys, chainId, val, signer, true);
    }

    /**
     * The validator at the height h after the store's last block, from the WAL (restart). Its
     * decision window holds the certified decisions of the last {@code decisionWindow} stored
     * heights above the store's base (a store reset by state sync, or pruned, holds no decision
     * at or below its base, and the validator needs none: {@code ValidatorState} with a base);
     * its height, round, step, locks and messages are the WAL's records of heights h and above,
     * so it resumes where it stopped and signs nothing conflicting with what the WAL recorded.
     */
    private Validator restore() {
        long h = store.storedHeight() + 1;
        long base = Math.max(store.base() + 1, h - ccfg.decisionWindow());
        Value[] decisions = new Value[(int) (h - base)];
        for (long k = base; k < h; k++) {
            decisions[(int) (k - base)] = store.certificate(k).v();
        }
        ValidatorState state = new ValidatorState(base, h, 0, Step.PROPOSE, Value.NIL, -1, Value.NIL, -1, decisions);
        List<Message> msgs = new ArrayList<>();
        for (byte[] rec : wal.replay(h)) {
            WalRecord r = WalRecord.decode(rec);
            switch (r.kind) {
                case WalRecord.OWN:
                case WalRecord.RECV: {
                    Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(r.bytes, 0, ConsensusCodec.BODY_BYTES));
                    if (m.h() >= h) {
                        msgs.add(m);
                        addSigned(m, r.bytes);
                    }
                    break;
                }
                case WalRecord.BLOCK:
                    if (r.h >= h) {
                        blocks.put(BlockCodec.hash(r.bytes).consensusValue(), new Held(r.h, r.bytes, BlockCodec.decode(r.bytes)));
                    }
                    break;
                default:
                    if (r.h == h) {
                        state = new ValidatorState(base, h, r.r, r.step, r.lockedValue, r.lockedRound, r.validValue,
                                r.validRound, decisions);
                    } else if (r.h > h) {
                        throw new IllegalStateException("WAL state of height " + r.h + " above the store's next " + h);
                    }
                    break;
            }
        }
        return Validator.fromState(ccfg, self, state, msgs);
    }

    // ------------------------------------------------------------------------------------------
    // The application side of consensus

    private final class Policy implements ValuePolicy {
        /**
         * A held block of the current height whose header carries our app hash after h - 1 (the
         * replica applies each height at its decision, so it is at h - 1 when height h runs).
         */
        @Override
        public boolean valid(Value v) {
            Held b = blocks.get(v);
            return b != null && val != null && b.h == val.height() && certifiesOurState(b.block);
        }

        @Override
        public Value getValue(long h, int r) {
            return buildBlock(h, r);
        }
    }

    /** Whether a block's header carries our app hash after the height below it. */
    private boolean certifiesOurState(DecodedBlock d) {
        byte[] a = appHashAfter(d.block().height() - 1);
        return a != null && d.certifies(a);
    }

    /**
     * Our app hash after height k, or null if we cannot know it: the replica's when it is at k;
     * when k is the height the core decided in the step now running (the core starts the next
     * height, and asks for a proposal or judges one, inside the step that decides, before the
     * node has stored and applied the decision), the app hash of that decided block applied to a
     * copy of the ledger (once per height; the real apply follows in the same step and must give
     * the same hash, which commitDecided checks).
     */
    private byte[] appHashAfter(long k) {
        long applied = replica.height();
        if (applied == k) {
            return replica.appHash();
        }
        if (k < applied || val == null || val.height() <= k) {
            return null;
        }
        byte[] known = projected.get(k);
        if (known != null) {
            return known.clone();
        }
        // the decided heights applied + 1 .. k, on a copy, each on the state its header names
        dev.bulwark.ledger.Ledger dry = replica.ledger().copy();
        for (long j = applied + 1; j <= k; j++) {
            Held b = blocks.get(val.decision(j));
            if (b == null || !b.block.certifies(dry.appHash())) {
                return null;
            }
            dry.apply(b.block.block());
            projected.put(j, dry.appHash());
        }
        return projected.get(k).clone();
    }

    /** The proposer's block for (h, r): mempool transactions up to the limits, after those of decided blocks not yet applied. */
    private Value buildBlock(long h, int r) {
        Set<ByteBuffer> exclude = new HashSet<>();
        List<SignedTx> pendingTxs = new ArrayList<>();
        for (long k = replica.height() + 1; k < h; k++) {
            Held b = blocks.get(val.decision(k));
            if (b != null) {
                for (int i = 0; i < b.block.size(); i++) {
                    SignedTx s = b.block.signedTx(i);
                    pendingTxs.add(s);
                    exclude.add(ByteBuffer.wrap(Mempool.hash(TxCodec.encode(s))));
                }
            }
        }
        byte[] prevAppHash = appHashAfter(h - 1);
        if (prevAppHash == null) {
            throw new IllegalStateException("proposing height " + h + " with the ledger at " + replica.height());
        }
        List<SignedTx> txs = mempool.reap(replica.ledger(), cfg.maxBlockTxs, cfg.maxBlockBytes - BlockCodec.HEADER, exclude,
                pendingTxs);
        // the header carries our app hash after h - 1 (CometBFT's rule: block h + 1's certificate certifies it)
        byte[] bytes = BlockCodec.encode(chainId, h, prevAppHash, txs);
        Value v = BlockCodec.hash(bytes).consensusValue();
        if (!blocks.containsKey(v)) {
            blocks.put(v, new Held(h, bytes, BlockCodec.decode(bytes)));
            wal.append(h, WalRecord.block(h, r, bytes));
        }
        return v;
    }

    // ------------------------------------------------------------------------------------------
    // Events

    /** Resumes the validator (Input.Start), starts the gossip timer and announces the node's status. */
    public void start() {
        if (started) {
            throw new IllegalStateException("started twice");
        }
        started = true;
        handle(gateway.local(new Input.Start()), null, null);
        timerTable.put(timers.schedule(cfg.gossipPeriodMs, TimerKind.GOSSIP), new TimerEntry(TimerKind.GOSSIP, 0, 0));
        transport.broadcast(statusFrame());
        // re-send what we signed at this height (a crash may have come between the WAL sync and the send)
        gossip(true);
    }

    /** A peer connected: tell it where we are. */
    public void onPeerUp(int peer) {
        if (peer >= 0 && peer < n && peer != self) {
            transport.send(peer, statusFrame());
        }
    }

    /**
     * A peer disconnected: gossip resumes when it is back; a state sync whose manifest came from it
     * (or whose manifest it was asked for) is abandoned, its memory freed, and the chunks asked of
     * it are asked of another peer.
     */
    public void onPeerDown(int peer) {
        if (peer < 0 || peer >= n || peer == self) {
            return;
        }
        if (download != null && download.manifestPeer == peer || download == null && syncPeer == peer) {
            abandonSync();
        } else if (download != null) {
            download.releasePeer(peer);
            requestChunks();
        }
    }

    /**
     * A frame from an authenticated peer. Returns null if it was used, or the reason it was
     * refused; a refusal changes nothing but its counter.
     */
    public Reason onFrame(int peer, byte[] frame) {
        return onFrame(peer, frame, (boolean[]) null);
    }

    /**
     * {@link #onFrame(int, byte[])}; {@code txPreVerified}: the frame is a {@code TX} frame whose
     * transaction passed {@link Mempool#preVerify} in the shell.
     */
    public Reason onFrame(int peer, byte[] frame, boolean txPreVerified) {
        return onFrame(peer, frame, txPreVerified ? new boolean[] {true} : null);
    }

    /**
     * {@link #onFrame(int, byte[])}; {@code txsPreVerified} (null: none): entry i says that the
     * frame's i-th transaction (the one of a {@code TX} frame, the i-th of a {@code TXS} frame)
     * passed {@link Mempool#preVerify} in the shell (any thread), so its signatures are not
     * verified again on this thread. A TXS frame's refused entries are counted one by one; the
     * frame was used (null) if any entry was admitted, else the answer is the first entry's
     * refusal (and nothing changed but the counters).
     */
    public Reason onFrame(int peer, byte[] frame, boolean[] txsPreVerified) {
        try {
            if (peer < 0 || peer >= n || peer == self) {
                throw new NodeException(Reason.UNKNOWN_PEER, peer, n);
            }
            ByteBuffer b = Frames.open(frame, chainId);
            switch (frame[0]) {
                case Frames.CONSENSUS:
                    onConsensus(Frames.decodeConsensus(b));
                    break;
                case Frames.PROPOSAL_BLOCK:
                    onProposalBlock(peer, Frames.decodeProposalBlock(b));
                    break;
                case Frames.STATUS:
                    onStatus(peer, Frames.decodeStatus(b));
                    break;
                case Frames.BLOCK_RESPONSE:
                    onBlockResponse(peer, Frames.decodeBlockResponse(b, n));
                    break;
                case Frames.SNAPSHOT_REQUEST:
                    onSnapshotRequest(peer, Frames.decodeSnapshotRequest(b));
                    break;
                case Frames.SNAPSHOT_MANIFEST:
                    onSnapshotManifest(peer, Frames.decodeSnapshotManifest(b, n));
                    break;
                case Frames.CHUNK_REQUEST:
                    onChunkRequest(peer, Frames.decodeChunkRequest(b));
                    break;
                case Frames.CHUNK_RESPONSE:
                    onChunkResponse(peer, Frames.decodeChunkResponse(b));
                    break;
                case Frames.SNAPSHOT_GONE:
                    onSnapshotGone(peer, Frames.decodeSnapshotGone(b));
                    break;
                case Frames.TX:
                    if (txsFromPeer[peer] >= MAX_TXS_PER_PEER_PER_PERIOD) {
                        throw new NodeException(Reason.RATE_LIMITED, peer, MAX_TXS_PER_PEER_PER_PERIOD);
                    }
                    txsFromPeer[peer]++;
                    mempool.add(Frames.decodeTx(b), replica.ledger(), txsPreVerified != null && txsPreVerified.length == 1 && txsPreVerified[0]);
                    break;
                case Frames.TXS: {
                    int declared = b.remaining() >= 2 ? Math.max(1, b.getShort(b.position()) & 0xFFFF) : 1;
                    if (txsFromPeer[peer] + declared > MAX_TXS_PER_PEER_PER_PERIOD) {
                        throw new NodeException(Reason.RATE_LIMITED, peer, MAX_TXS_PER_PEER_PER_PERIOD);
                    }
                    List<byte[]> txs = Frames.decodeTxs(b);
                    txsFromPeer[peer] += txs.size();
                    boolean[] pre = txsPreVerified != null && txsPreVerified.length == txs.size() ? txsPreVerified : null;
                    return firstRefusal(mempool.addAll(txs, replica.ledger(), pre));
                }
                default:
                    throw new NodeException(Reason.MALFORMED, frame[0], 0); // Frames.open refuses unknown types first
            }
            return null;
        } catch (NodeException e) {
            refusals.merge(e.reason(), 1L, Long::sum);
            return e.reason();
        }
    }

    /**
     * Counts each refusal of an addAll answer. The frame was used (null) if any entry was
     * admitted; else (nothing changed but the counters) the first entry's refusal.
     */
    private Reason firstRefusal(List<Object> answers) {
        Reason first = null;
        boolean admitted = false;
        for (Object a : answers) {
            if (a instanceof NodeException) {
                Reason r = ((NodeException) a).reason();
                refusals.merge(r, 1L, Long::sum);
                first = first == null ? r : first;
            } else {
                admitted = true;
            }
        }
        return admitted ? null : first;
    }

    /**
     * Signed transactions from one client request: each admitted to the mempool or refused
     * (answer i: null if admitted, else the reason); the admitted ones are gossiped in TXS frames
     * of at most {@link Frames#MAX_TXS_PER_FRAME} (a TX frame when there is one).
     * {@code preVerified} (null: none) as in {@link #onClientTx(byte[], boolean)}, per entry.
     */
    public Reason[] onClientTxs(List<byte[]> signedTxs, boolean[] preVerified) {
        Reason[] out = new Reason[signedTxs.size()];
        List<Object> answers = mempool.addAll(signedTxs, replica.ledger(),
                preVerified != null && preVerified.length == signedTxs.size() ? preVerified : null);
        List<byte[]> admitted = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            Object a = answers.get(i);
            if (a instanceof NodeException) {
                out[i] = ((NodeException) a).reason();
                refusals.merge(out[i], 1L, Long::sum);
            } else {
                admitted.add(signedTxs.get(i));
            }
        }
        for (int from = 0; from < admitted.size(); from += Frames.MAX_TXS_PER_FRAME) {
            List<byte[]> part = admitted.subList(from, Math.min(admitted.size(), from + Frames.MAX_TXS_PER_FRAME));
            transport.broadcast(part.size() == 1 ? Frames.tx(chainId, part.get(0)) : Frames.txs(chainId, part));
        }
        return out;
    }

    /** A signed transaction from a client: admitted to the mempool and gossiped, or refused (null: admitted). */
    public Reason onClientTx(byte[] signedTx) {
        return onClientTx(signedTx, false);
    }

    /** {@link #onClientTx(byte[])}; {@code preVerified}: the shell's {@link Mempool#preVerify} held for these bytes. */
    public Reason onClientTx(byte[] signedTx, boolean preVerified) {
        try {
            mempool.add(signedTx, replica.ledger(), preVerified);
            transport.broadcast(Frames.tx(chainId, signedTx));
            return null;
        } catch (NodeException e) {
            refusals.merge(e.reason(), 1L, Long::sum);
            return e.reason();
        }
    }

    /** A timer fired. */
    public void onTimer(long id) {
        TimerEntry e = timerTable.remove(id);
        if (e == null) {
            return;
        }
        if (e.kind == TimerKind.GOSSIP) {
            syncAskedThisPeriod = false;
            period++;
            // a new period: every peer's budgets are whole again
            Arrays.fill(blocksSentToPeer, 0);
            Arrays.fill(txsFromPeer, 0);
            Arrays.fill(manifestsSentToPeer, 0);
            Arrays.fill(chunksSentToPeer, 0);
            Arrays.fill(chunksAskedOfPeer, 0);
            if (download != null) {
                if (!transport.connected(download.manifestPeer) || ++download.idlePeriods > SYNC_STALL_PERIODS) {
                    abandonSync(); // the manifest's peer is gone, or nothing arrived for too long
                } else {
                    download.expire(period - CHUNK_RETRY_PERIODS);
                    requestChunks();
                }
            } else if (syncPeer >= 0 && ++syncAge > 2) {
                syncPeer = -1; // unanswered for two periods: ask again (another peer may answer)
            }
            gossip(false);
            timerTable.put(timers.schedule(cfg.gossipPeriodMs, TimerKind.GOSSIP), e);
            return;
        }
        TimeoutKind k = e.kind == TimerKind.PROPOSE ? TimeoutKind.PROPOSE
                : e.kind == TimerKind.PREVOTE ? TimeoutKind.PREVOTE : TimeoutKind.PRECOMMIT;
        try {
            handle(gateway.local(new Input.Timeout(k, e.h, e.r)), null, null);
        } catch (ConsensusException x) {
            refusals.merge(Reason.CONSENSUS_REFUSED, 1L, Long::sum);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Frames

    private static NodeException refusal(ConsensusRejectedException e) {
        switch (e.reason()) {
            case MALFORMED:
                return new NodeException(Reason.MALFORMED, e.first(), e.second());
            case OVERSIZED:
                return new NodeException(Reason.OVERSIZE, e.first(), e.second());
            case BAD_SIGNATURE:
                return new NodeException(Reason.BAD_SIGNATURE, e.first(), e.second());
            case OLD_HEIGHT:
            case REPLAYED:
                return new NodeException(Reason.STALE, e.first(), e.second());
            default:
                return new NodeException(Reason.CONSENSUS_REFUSED, e.reason().ordinal(), e.first());
        }
    }

    private static long slot(long h, int r) {
        return h * (ProposerSelection.MAX_ROUND + 1L) + r;
    }

    private void onConsensus(byte[] wire) {
        Message m;
        try {
            m = gateway.check(wire);
        } catch (ConsensusRejectedException e) {
            throw refusal(e);
        }
        if (m.type() == MessageType.PROPOSAL && proposers.proposer(m.h(), m.r()) == m.src() && !holds(m.v(), m.h())) {
            // a proposal whose block has not arrived: keep it (bounded) until the block does
            List<byte[]> list = pending.computeIfAbsent(slot(m.h(), m.r()), k -> new ArrayList<>(MAX_PENDING_PER_ROUND));
            for (byte[] w : list) {
                if (Arrays.equals(w, wire)) {
                    throw new NodeException(Reason.STALE, m.h(), m.r());
                }
            }
            if (list.size() >= MAX_PENDING_PER_ROUND) {
                throw new NodeException(Reason.FULL, m.h(), m.r());
            }
            list.add(wire.clone());
            return;
        }
        accept(wire, m);
    }

    private boolean holds(Value v, long h) {
        Held b = blocks.get(v);
        return b != null && b.h == h;
    }

    /** Steps the validator with a checked message and executes the outputs. */
    private void accept(byte[] wire, Message m) {
        Outputs o;
        try {
            o = gateway.accept(wire);
        } catch (ConsensusRejectedException e) {
            throw refusal(e);
        } catch (ConsensusException e) {
            throw new NodeException(Reason.CONSENSUS_REFUSED, e.reason().ordinal(), m.h());
        }
        handle(o, wire, m);
    }

    private void onProposalBlock(int peer, Frames.ProposalBlock pb) {
        long h = val.height();
        if (pb.h < h) {
            throw new NodeException(Reason.STALE, pb.h, h);
        }
        long roundLimit = pb.h == h ? (long) val.round() + MAX_BLOCK_ROUNDS_AHEAD : MAX_BLOCK_ROUNDS_AHEAD;
        if (pb.h > h + 1 || pb.r > roundLimit || pb.r > cfg.maxRound) {
            throw new NodeException(Reason.CONSENSUS_REFUSED, pb.h, pb.r);
        }
        if (pb.block.length > cfg.maxBlockBytes) {
            throw new NodeException(Reason.OVERSIZE, pb.block.length, cfg.maxBlockBytes);
        }
        Value v = BlockCodec.hash(pb.block).consensusValue();
        if (blocks.containsKey(v)) {
            throw new NodeException(Reason.STALE, pb.h, pb.r);
        }
        long s = slot(pb.h, pb.r);
        boolean named = false;
        List<byte[]> waiting = pending.get(s);
        if (waiting != null) {
            for (byte[] w : waiting) {
                named |= ConsensusCodec.decodeBody(Arrays.copyOfRange(w, 0, ConsensusCodec.BODY_BYTES)).v().sameAs(v);
            }
        }
        if (!named && proposers.proposer(pb.h, pb.r) != peer) {
            throw new NodeException(Reason.NOT_PROPOSER, peer, proposers.proposer(pb.h, pb.r));
        }
        if (!named && blocksPerRound.getOrDefault(s, 0) >= MAX_BLOCKS_PER_ROUND) {
            throw new NodeException(Reason.FULL, pb.h, pb.r);
        }
        DecodedBlock d = checkBlock(pb.h, pb.block);
        if (pb.h == replica.height() + 1 && !d.certifies(replica.appHash())) {
            // a block of the height after our applied one whose header is not our app hash: never valid
            throw new NodeException(Reason.BAD_APP_HASH, pb.h, pb.r);
        }
        if (d.size() > 0) {
            // a transaction this node holds in its mempool passed the same check at admission: not verified twice
            List<SignedTx> txs = new ArrayList<>(d.size());
            for (int i = 0; i < d.size(); i++) {
                SignedTx st = d.signedTx(i);
                if (st.tx().type() == dev.bulwark.ledger.Transaction.GOV_PROPOSE
                        || !mempool.contains(Mempool.hash(TxCodec.encode(st)))) {
                    txs.add(st);
                }
            }
            for (boolean ok : TxSignatures.verifyBatch(txs, replica.ledger().config())) {
                if (!ok) {
                    throw new NodeException(Reason.BAD_SIGNATURE, pb.h, pb.r);
                }
            }
        }
        // accepted: held, logged (synced with the next step's records, which may depend on it)
        blocks.put(v, new Held(pb.h, pb.block, d));
        blocksPerRound.merge(s, 1, Integer::sum);
        wal.append(pb.h, WalRecord.block(pb.h, pb.r, pb.block));
        if (waiting != null) {
            for (Iterator<byte[]> it = waiting.iterator(); it.hasNext();) {
                byte[] w = it.next();
                Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(w, 0, ConsensusCodec.BODY_BYTES));
                if (m.v().sameAs(v)) {
                    it.remove();
                    try {
                        accept(w, m);
                    } catch (NodeException e) {
                        refusals.merge(e.reason(), 1L, Long::sum);
                    }
                }
            }
            if (waiting.isEmpty()) {
                pending.remove(s);
            }
        }
    }

    /** The structural checks of a block for height h: decodes, this chain, that height, within the limits. */
    private DecodedBlock checkBlock(long h, byte[] bytes) {
        DecodedBlock d;
        try {
            d = BlockCodec.decode(bytes);
        } catch (StateException | dev.bulwark.ledger.LedgerException e) {
            throw new NodeException(Reason.MALFORMED, h, bytes.length);
        }
        if (d.block().chainId() != chainId) {
            throw new NodeException(Reason.WRONG_CHAIN, d.block().chainId(), chainId);
        }
        if (d.block().height() != h || d.size() > cfg.maxBlockTxs) {
            throw new NodeException(Reason.BAD_BLOCK, d.block().height(), d.size());
        }
        return d;
    }

    private void onStatus(int peer, Frames.Status st) {
        long stored = store.storedHeight();
        int budget = MAX_BLOCKS_PER_PEER_PER_PERIOD - blocksSentToPeer[peer];
        if (st.storedHeight < stored && st.storedHeight + 1 > store.base() && budget <= 0) {
            // behind, but it has had its blocks for this period: it asks again in the next
            throw new NodeException(Reason.RATE_LIMITED, peer, MAX_BLOCKS_PER_PEER_PER_PERIOD);
        }
        peerStored[peer] = st.storedHeight;
        peerSnapshot[peer] = st.snapshotHeight;
        peerOldest[peer] = st.oldestServed;
        maybeRequestSnapshot(peer, st);
        if (st.storedHeight >= stored || st.storedHeight + 1 <= store.base()) {
            // nothing to send, or the peer is below our base: it needs a snapshot (it asks for it)
            return;
        }
        long last = Math.min(stored, st.storedHeight + Math.min(MAX_BLOCKS_PER_STATUS, budget));
        for (long h = st.storedHeight + 1; h <= last; h++) {
            byte[] c = commits.get(h);
            if (c == null) {
                continue;
            }
            blocksSentToPeer[peer]++;
            transport.send(peer, Frames.blockResponse(chainId, h, Frames.decodeCommit(c), store.block(h)));
        }
    }

    // ------------------------------------------------------------------------------------------
    // State sync

    /**
     * Asks a peer for its snapshot's manifest when we cannot catch up by blocks: its snapshot is
     * above our stored height and the oldest block it serves is above the one we need next. One
     * state sync at a time, at most one manifest request per gossip period, none of a peer whose
     * last manifest failed the final check (for {@link #BAD_MANIFEST_BACKOFF_PERIODS}).
     */
    private void maybeRequestSnapshot(int peer, Frames.Status st) {
        long stored = store.storedHeight();
        if (st.snapshotHeight <= stored || st.oldestServed <= stored + 1 || st.snapshotHeight >= st.storedHeight) {
            return;
        }
        requestManifest(peer, st.snapshotHeight);
    }

    private void requestManifest(int peer, long h) {
        if (snapshotLimit == 0 || syncPeer >= 0 || download != null || syncAskedThisPeriod
                || period < manifestBackoffUntil[peer]) {
            return;
        }
        syncPeer = peer;
        syncHeight = h;
        syncAge = 0;
        syncAskedThisPeriod = true;
        transport.send(peer, Frames.snapshotRequest(chainId, h));
    }

    /**
     * The snapshot this node serves, if it is of height h: the store's latest snapshot with block
     * h + 1 and its signed commit, read once per snapshot height and kept (one snapshot, at most
     * the ledger's bound) so that chunks are served from it while the store moves on; null when h
     * is not the store's snapshot height (replaced by a newer one, or never held) or block h + 1
     * is not held. The copy is dropped when the store's snapshot is replaced.
     */
    private Served served(long h) {
        long snapH = store.snapshotHeight();
        if (served != null && served.h != snapH) {
            served = null; // replaced by a newer snapshot (or reset by a state sync)
        }
        if (snapshotLimit == 0 || h != snapH || h + 1 > store.storedHeight() || h + 1 <= store.base()) {
            return null;
        }
        if (served == null) {
            byte[] c = commits.get(h + 1);
            byte[] snap = store.snapshot();
            if (c == null || snap == null || snap.length == 0 || snap.length > snapshotLimit) {
                return null;
            }
            served = new Served(h, snap, Frames.chunkDigests(snap, cfg.snapshotChunkBytes), Frames.decodeCommit(c),
                    store.block(h + 1), cfg.snapshotChunkBytes);
        }
        return served;
    }

    /** The height of the snapshot this node advertises and serves (0: none). */
    private long servedHeight() {
        return snapshotLimit > 0 && store.snapshotHeight() < store.storedHeight() ? store.snapshotHeight() : 0;
    }

    /**
     * A manifest request: answered with our snapshot's manifest if h is its height, else with
     * SNAPSHOT_GONE (h is not served; the height served now), so the asker can start over.
     * At most {@link #MAX_MANIFESTS_PER_PEER_PER_PERIOD} answers per peer per period.
     */
    private void onSnapshotRequest(int peer, long h) {
        if (snapshotLimit == 0) {
            throw new NodeException(Reason.STALE, h, 0);
        }
        if (manifestsSentToPeer[peer] >= MAX_MANIFESTS_PER_PEER_PER_PERIOD) {
            throw new NodeException(Reason.RATE_LIMITED, peer, MAX_MANIFESTS_PER_PEER_PER_PERIOD);
        }
        manifestsSentToPeer[peer]++;
        Served s = served(h);
        if (s == null) {
            transport.send(peer, Frames.snapshotGone(chainId, h, servedHeight() == h ? 0 : servedHeight()));
            return;
        }
        transport.send(peer, Frames.snapshotManifest(chainId, h, s.bytes.length, s.chunkBytes, s.digests, s.precommits,
                s.nextBlock));
    }

    /**
     * A chunk request: chunk i of our snapshot of height h, if that is the snapshot we serve (else
     * SNAPSHOT_GONE); an index beyond its chunks is refused (BAD_CHUNK). At most
     * {@link #MAX_CHUNKS_PER_PEER_PER_PERIOD} answers per peer per period (RATE_LIMITED).
     */
    private void onChunkRequest(int peer, Frames.Chunk req) {
        if (snapshotLimit == 0) {
            throw new NodeException(Reason.STALE, req.h, 0);
        }
        if (chunksSentToPeer[peer] >= MAX_CHUNKS_PER_PEER_PER_PERIOD) {
            throw new NodeException(Reason.RATE_LIMITED, peer, MAX_CHUNKS_PER_PEER_PER_PERIOD);
        }
        Served s = served(req.h);
        if (s != null && req.index >= s.digests.length) {
            throw new NodeException(Reason.BAD_CHUNK, req.index, s.digests.length);
        }
        chunksSentToPeer[peer]++;
        if (s == null) {
            transport.send(peer, Frames.snapshotGone(chainId, req.h, servedHeight() == req.h ? 0 : servedHeight()));
            return;
        }
        int from = req.index * s.chunkBytes;
        transport.send(peer, Frames.chunkResponse(chainId, req.h, req.index, s.bytes, from,
                Math.min(s.bytes.length, from + s.chunkBytes)));
    }

    /**
     * A manifest from the peer we asked: the height asked (STALE), the declared length within our
     * ledger's snapshot bound and block h + 1 within maxBlockBytes (OVERSIZE: nothing allocated),
     * the certificate of block h + 1 (BAD_CERTIFICATE), the block's structure (MALFORMED,
     * WRONG_CHAIN, BAD_BLOCK) and the join's guard (BAD_CERTIFICATE, STALE) checked before the
     * download starts; each refusal changes nothing. Taken: a buffer of the declared length (at
     * most the bound) and the first chunk requests. The manifest is not signed: its digests only
     * let bad chunks be dropped on arrival; the snapshot is authenticated at the end, by its app
     * hash against block h + 1's certified header (completeStateSync).
     */
    private void onSnapshotManifest(int peer, Frames.SnapshotManifest m) {
        if (syncPeer != peer || download != null) {
            throw new NodeException(Reason.UNSOLICITED, peer, syncPeer);
        }
        if (m.h != syncHeight || m.h <= store.storedHeight()) {
            throw new NodeException(Reason.STALE, m.h, syncHeight);
        }
        if (m.total > snapshotLimit) {
            throw new NodeException(Reason.OVERSIZE, m.total, snapshotLimit);
        }
        if (m.nextBlock.length > cfg.maxBlockBytes) {
            throw new NodeException(Reason.OVERSIZE, m.nextBlock.length, cfg.maxBlockBytes);
        }
        Certificate cert = checkSyncCertificate(m.h, m.precommits, m.nextBlock);
        checkBlock(m.h + 1, m.nextBlock);
        dev.bulwark.consensus.Reason why = val.joinAtRefusal(cert);
        if (why == dev.bulwark.consensus.Reason.ALREADY_DECIDED) {
            throw new NodeException(Reason.STALE, cert.h(), val.height());
        }
        if (why != null) {
            throw new NodeException(Reason.BAD_CERTIFICATE, cert.h(), why.ordinal());
        }
        download = new SnapshotDownload(peer, m, n);
        requestChunks();
    }

    /**
     * Asks for chunks not yet received or asked, up to {@link #MAX_CHUNKS_IN_FLIGHT} outstanding,
     * of the peers that serve the manifest's snapshot (the manifest's peer and every peer whose
     * status names that snapshot height) in turn, each within its budget of
     * {@link #MAX_CHUNKS_PER_PEER_PER_PERIOD} per period; a peer that sent a bad chunk is asked
     * only when no other is left.
     */
    private void requestChunks() {
        SnapshotDownload d = download;
        while (d != null && d.inFlight < MAX_CHUNKS_IN_FLIGHT) {
            int i = d.nextToAsk();
            if (i < 0) {
                return;
            }
            int p = choosePeer(d, i);
            if (p < 0) {
                return; // every peer's budget is spent for this period: the gossip tick asks again
            }
            d.ask(i, p, period);
            chunksAskedOfPeer[p]++;
            transport.send(p, Frames.chunkRequest(chainId, d.h, i));
        }
    }

    /** The next peer to ask for chunk i: one serving the snapshot, within budget, preferring good peers, not the last one asked for i. */
    private int choosePeer(SnapshotDownload d, int i) {
        int fallback = -1;
        for (int k = 1; k <= n; k++) {
            int p = (d.cursorPeer + k) % n;
            boolean serves = p == d.manifestPeer || peerSnapshot[p] == d.h;
            if (p == self || !serves || chunksAskedOfPeer[p] >= MAX_CHUNKS_PER_PEER_PER_PERIOD) {
                continue;
            }
            if (d.bad[p] || p == d.lastAsked[i]) {
                if (fallback < 0 || d.bad[fallback] && !d.bad[p]) {
                    fallback = p;
                }
                continue;
            }
            d.cursorPeer = p;
            return p;
        }
        return fallback;
    }

    /**
     * A chunk of the snapshot being downloaded: only from the peer it was asked of, for the
     * manifest's height and an index asked and not yet received (else UNSOLICITED); its length
     * and SHA-256 must be the manifest's (else BAD_CHUNK: the peer is marked bad for this sync
     * and the chunk is asked again, of another peer if there is one -- the one effect of this
     * refusal). The last chunk completes the sync (completeStateSync); a snapshot that fails the
     * final checks there ends the sync (its memory freed), and the refusal is that check's.
     */
    private void onChunkResponse(int peer, Frames.Chunk c) {
        SnapshotDownload d = download;
        if (d == null || c.h != d.h || c.index >= d.count() || d.askedPeer[c.index] != peer) {
            throw new NodeException(Reason.UNSOLICITED, peer, c.index);
        }
        if (c.bytes.length != d.manifest.chunkLength(c.index)
                || !java.security.MessageDigest.isEqual(Frames.chunkDigest(c.bytes, 0, c.bytes.length),
                        d.manifest.digests[c.index])) {
            d.bad[peer] = true;
            d.release(c.index);
            requestChunks();
            throw new NodeException(Reason.BAD_CHUNK, peer, c.index);
        }
        d.take(c.index, c.bytes);
        if (!d.complete()) {
            requestChunks();
            return;
        }
        byte[] snapshot = d.buffer;
        int from = d.manifestPeer;
        abandonSync(); // the download's state goes; the snapshot is checked and restored below, or dropped
        try {
            completeStateSync(from, d.h, snapshot, d.manifest.precommits, d.manifest.nextBlock);
        } catch (NodeException e) {
            if (e.reason() == Reason.BAD_SNAPSHOT) {
                manifestBackoffUntil[from] = period + BAD_MANIFEST_BACKOFF_PERIODS;
            }
            throw e;
        }
    }

    /**
     * SNAPSHOT_GONE from a peer: the snapshot of height h is not served (any more). From the peer
     * whose manifest we use or asked for: the sync is abandoned (memory freed) and, if the peer
     * serves a newer snapshot above our stored height, its manifest is asked at once (within the
     * one-request-per-period budget; else the next status does it). From a peer we asked chunks
     * of: it serves that snapshot no more, its chunks are asked of others. Otherwise UNSOLICITED.
     */
    private void onSnapshotGone(int peer, long[] g) {
        long h = g[0];
        long now = g[1];
        boolean manifestPeer = download != null ? download.manifestPeer == peer && download.h == h
                : syncPeer == peer && syncHeight == h;
        boolean chunkPeer = download != null && download.h == h && download.asked(peer);
        if (!manifestPeer && !chunkPeer) {
            throw new NodeException(Reason.UNSOLICITED, peer, h);
        }
        peerSnapshot[peer] = now;
        if (manifestPeer) {
            abandonSync();
            if (now > store.storedHeight()) {
                requestManifest(peer, now);
            }
        } else {
            download.releasePeer(peer);
            requestChunks();
        }
    }

    /** Ends the state sync in progress (manifest request or download): its memory is freed. */
    private void abandonSync() {
        syncPeer = -1;
        download = null;
    }

    /** A certificate of block h + 1 for a state sync (a signature or layout fault in it is BAD_CERTIFICATE). */
    private Certificate checkSyncCertificate(long h, byte[][] precommits, byte[] nextBlock) {
        try {
            return checkCommit(h + 1, precommits, nextBlock);
        } catch (NodeException e) {
            throw e.reason() == Reason.BAD_SIGNATURE || e.reason() == Reason.MALFORMED
                    ? new NodeException(Reason.BAD_CERTIFICATE, h + 1, e.reason().ordinal()) : e;
        }
    }

    /**
     * A reassembled snapshot of height h with block h + 1 and its signed precommits (from the
     * manifest of peer {@code peer}): the checks of a state sync, unchanged from the single-frame
     * protocol: the snapshot within the bound (OVERSIZE), the certificate is checked against the
     * validator set and must certify block h + 1's hash (BAD_CERTIFICATE), the block's structure
     * (MALFORMED, WRONG_CHAIN, BAD_BLOCK), the join
     * (below), then the replica restores the snapshot iff its app hash is the one block h + 1's
     * header carries (BAD_SNAPSHOT) and resets the store to it. Every refusal changes nothing.
     *
     * <p>Accepted: block h + 1 is stored with its signed commit and applied (its header carries
     * the snapshot's app hash, which the replica checked), so the store's last height h + 1 has a
     * certificate, and the validator joins consensus at h + 2 at once: the spec's
     * {@code JoinAt(p, h + 1, r, v)} with that certificate ({@link Validator#joinAt}, which is
     * {@link Validator#atBase} with the guard that the certificate's height is not below the
     * validator's own), its decision window empty and based at h + 2, started (timers, gossip)
     * if the node is. Every own message the WAL holds for heights h + 2 and above is passed to
     * it: one there does not fit the joined state and refuses the join (SIGNED_ABOVE), so a
     * validator never joins at a height where it may have signed. Blocks h + 2 onwards come by
     * ordinary catch-up, decided through the joined validator.
     */
    private void completeStateSync(int peer, long h, byte[] snapshot, byte[][] precommits, byte[] nextBlock) {
        if (h <= store.storedHeight()) {
            throw new NodeException(Reason.STALE, h, store.storedHeight());
        }
        if (snapshot.length > snapshotLimit) {
            throw new NodeException(Reason.OVERSIZE, snapshot.length, snapshotLimit);
        }
        if (nextBlock.length > cfg.maxBlockBytes) {
            throw new NodeException(Reason.OVERSIZE, nextBlock.length, cfg.maxBlockBytes);
        }
        Certificate cert = checkSyncCertificate(h, precommits, nextBlock);
        DecodedBlock next = checkBlock(h + 1, nextBlock);
        // the validator that joins at h + 2, built before anything changes (a refusal leaves the node as it was)
        long b = h + 2;
        List<byte[]> walWires = new ArrayList<>();
        List<Message> walMsgs = new ArrayList<>();
        for (byte[] rec : wal.replay(b)) {
            WalRecord r = WalRecord.decode(rec);
            if (r.kind == WalRecord.OWN) {
                Message m = ConsensusCodec.decodeBody(Arrays.copyOfRange(r.bytes, 0, ConsensusCodec.BODY_BYTES));
                if (m.h() >= b) {
                    walMsgs.add(m);
                    walWires.add(r.bytes);
                }
            }
        }
        Validator joined = joinAt(cert, walMsgs); // walMsgs: our own messages at h + 2 and above
        try {
            replica.stateSync(h, snapshot, nextBlock, cert);
        } catch (dev.bulwark.replica.ReplicaException e) {
            throw new NodeException(e.reason() == dev.bulwark.replica.Reason.BAD_SNAPSHOT ? Reason.BAD_SNAPSHOT
                    : Reason.BAD_CERTIFICATE, h, e.reason().ordinal());
        }
        // block h + 1: its signed commit, then the block (a crash between the reset and here
        // restarts at h + 1 with an empty decision window, and block h + 1 comes by catch-up)
        BlockResult res = storeAndApply(h + 1, precommits, nextBlock, cert);
        // the WAL's records below the join height are of heights now certified (truncated only
        // after the store holds them, so a crash before this point restarts below them)
        committed(h + 1, next, res, b);
        adopt(joined, walMsgs, walWires);
        transport.send(peer, statusFrame()); // ask for block h + 2 onwards
    }

    /**
     * The spec's JoinAt with a checked certificate of the store's last height: the validator
     * {@link Validator#joinAt} builds (= {@link Validator#atBase} with the guard that the
     * certificate is not below this validator's height), or the node's refusal. The guard's
     * reasons ({@link Validator#joinAtRefusal}, which includes {@link Validator#atBaseRefusal}):
     * {@code INVALID_CERTIFICATE} (not a quorum of the set, or a round beyond maxRound) and
     * {@code HEIGHT_OUT_OF_RANGE} (a height beyond the core's bound) are BAD_CERTIFICATE,
     * {@code ALREADY_DECIDED} (a certificate below our height) is STALE; {@code INVALID_CONFIG}
     * and {@code UNKNOWN_VALIDATOR} (our own configuration) are a bug. With the guard met, a
     * refusal of the own messages (fromState's: one at or above the join height does not fit the
     * joined state: we may have signed there) is SIGNED_ABOVE.
     */
    private Validator joinAt(Certificate cert, List<Message> ownAbove) {
        dev.bulwark.consensus.Reason why = val.joinAtRefusal(cert);
        if (why != null) {
            switch (why) {
                case INVALID_CERTIFICATE:
                case HEIGHT_OUT_OF_RANGE:
                    throw new NodeException(Reason.BAD_CERTIFICATE, cert.h(), why.ordinal());
                case ALREADY_DECIDED:
                    throw new NodeException(Reason.STALE, cert.h(), val.height());
                default:
                    throw new IllegalStateException("the consensus core refused to join at " + (cert.h() + 1) + ": " + why);
            }
        }
        try {
            return val.joinAt(cert, ownAbove.toArray(new Message[0]));
        } catch (ConsensusException e) {
            throw new NodeException(Reason.SIGNED_ABOVE, cert.h() + 1, e.reason().ordinal());
        }
    }

    /**
     * Replaces the validator by one that joined at a base height: the old one's timers, held
     * messages, pending proposals and gateway are dropped (their heights are certified now), its
     * own messages of the join height and above (from the WAL) are held again, and the new validator is
     * started if the node is (Start at its height: propose or wait, timers requested).
     */
    private void adopt(Validator joined, List<Message> walMsgs, List<byte[]> walWires) {
        for (Iterator<Map.Entry<Long, TimerEntry>> it = timerTable.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, TimerEntry> e = it.next();
            if (e.getValue().kind != TimerKind.GOSSIP) {
                timers.cancel(e.getKey());
                it.remove();
            }
        }
        long b = joined.height();
        blocks.values().removeIf(x -> x.h < b);
        blocksPerRound.keySet().removeIf(s -> s < slot(b, 0));
        pending.clear();
        signed.clear();
        projected.clear();
        for (int i = 0; i < walMsgs.size(); i++) {
            addSigned(walMsgs.get(i), walWires.get(i));
        }
        val = joined;
        gateway = new ConsensusGateway(ccfg, jdkKeys, chainId, val, signer, true);
        lastState = null;
        if (started) {
            handle(gateway.local(new Input.Start()), null, null);
        }
    }

    /** A signed commit of block h: one value, one round, distinct validators, a quorum, the block's hash, every signature. */
    private Certificate checkCommit(long h, byte[][] precommits, byte[] block) {
        Certificate cert = checkPrecommits(h, precommits);
        if (!BlockCodec.hash(block).consensusValue().sameAs(cert.v())) {
            throw new NodeException(Reason.BAD_CERTIFICATE, h, -1);
        }
        return cert;
    }

    /** Signed precommits of height h: one value, one round, distinct validators, a quorum, every signature. */
    private Certificate checkPrecommits(long h, byte[][] precommits) {
        Message[] msgs = new Message[precommits.length];
        boolean[] seen = new boolean[n];
        byte[][] ks = new byte[msgs.length][];
        byte[][] signing = new byte[msgs.length][];
        byte[][] sigs = new byte[msgs.length][];
        for (int i = 0; i < msgs.length; i++) {
            byte[] body = Arrays.copyOfRange(precommits[i], 0, ConsensusCodec.BODY_BYTES);
            Message m;
            try {
                m = ConsensusCodec.decodeBody(body);
                signing[i] = ConsensusCodec.signingBytes(chainId, body);
            } catch (ConsensusRejectedException e) {
                throw new NodeException(Reason.MALFORMED, h, i);
            }
            if (m.type() != MessageType.PRECOMMIT || m.h() != h || m.v().isNil() || m.src() < 0 || m.src() >= n
                    || seen[m.src()] || (i > 0 && (m.r() != msgs[0].r() || !m.v().sameAs(msgs[0].v())))) {
                throw new NodeException(Reason.BAD_CERTIFICATE, h, i);
            }
            seen[m.src()] = true;
            msgs[i] = m;
            ks[i] = keys[m.src()];
            sigs[i] = Arrays.copyOfRange(precommits[i], ConsensusCodec.BODY_BYTES, ConsensusCodec.WIRE_BYTES);
        }
        Certificate cert = new Certificate(h, msgs[0].r(), msgs[0].v(), msgs);
        if (!CertificateChecker.isValid(vs, cert)) {
            throw new NodeException(Reason.BAD_CERTIFICATE, h, msgs.length);
        }
        for (boolean ok : Ed25519.verifyBatch(ks, signing, sigs)) {
            if (!ok) {
                throw new NodeException(Reason.BAD_SIGNATURE, h, 0);
            }
        }
        return cert;
    }

    private void onBlockResponse(int peer, Frames.BlockResponse br) {
        long next = store.storedHeight() + 1;
        if (br.h != next || val.height() != next) {
            throw new NodeException(Reason.STALE, br.h, next);
        }
        if (br.block.length > cfg.maxBlockBytes) {
            throw new NodeException(Reason.OVERSIZE, br.block.length, cfg.maxBlockBytes);
        }
        Message[] msgs = new Message[br.precommits.length];
        boolean[] seen = new boolean[n];
        byte[][] ks = new byte[msgs.length][];
        byte[][] signing = new byte[msgs.length][];
        byte[][] sigs = new byte[msgs.length][];
        for (int i = 0; i < msgs.length; i++) {
            byte[] body = Arrays.copyOfRange(br.precommits[i], 0, ConsensusCodec.BODY_BYTES);
            Message m;
            try {
                m = ConsensusCodec.decodeBody(body);
                signing[i] = ConsensusCodec.signingBytes(chainId, body);
            } catch (ConsensusRejectedException e) {
                throw new NodeException(Reason.MALFORMED, br.h, i);
            }
            if (m.type() != MessageType.PRECOMMIT || m.h() != br.h || m.v().isNil() || m.src() < 0 || m.src() >= n
                    || seen[m.src()] || (i > 0 && (m.r() != msgs[0].r() || !m.v().sameAs(msgs[0].v())))) {
                throw new NodeException(Reason.BAD_CERTIFICATE, br.h, i);
            }
            seen[m.src()] = true;
            msgs[i] = m;
            ks[i] = keys[m.src()];
            sigs[i] = Arrays.copyOfRange(br.precommits[i], ConsensusCodec.BODY_BYTES, ConsensusCodec.WIRE_BYTES);
        }
        Certificate cert = new Certificate(br.h, msgs[0].r(), msgs[0].v(), msgs);
        if (!CertificateChecker.isValid(vs, cert)) {
            throw new NodeException(Reason.BAD_CERTIFICATE, br.h, msgs.length);
        }
        if (!BlockCodec.hash(br.block).consensusValue().sameAs(cert.v())) {
            throw new NodeException(Reason.BAD_CERTIFICATE, br.h, -1);
        }
        DecodedBlock d = checkBlock(br.h, br.block);
        if (!certifiesOurState(d)) {
            // certified, but not on our state: our state or more than a third of the power is wrong; refuse
            throw new NodeException(Reason.BAD_APP_HASH, br.h, -1);
        }
        for (boolean ok : Ed25519.verifyBatch(ks, signing, sigs)) {
            if (!ok) {
                throw new NodeException(Reason.BAD_SIGNATURE, br.h, 0);
            }
        }
        // certified: decide it through the core (Catchup), which stores and applies it
        Value v = cert.v();
        boolean had = blocks.containsKey(v);
        if (!had) {
            blocks.put(v, new Held(br.h, br.block, d));
        }
        Outputs o;
        try {
            o = gateway.local(new Input.Commit(cert));
        } catch (ConsensusException e) {
            if (!had) {
                blocks.remove(v);
            }
            throw new NodeException(Reason.BAD_CERTIFICATE, br.h, e.reason().ordinal());
        }
        catchupWires = br.precommits;
        catchupHeight = br.h;
        try {
            handle(o, null, null);
        } finally {
            catchupWires = null;
        }
        if (br.h % MAX_BLOCKS_PER_STATUS == 0) {
            transport.send(peer, statusFrame()); // ask for the next window (once per window, not once per block)
        }
    }

    // ------------------------------------------------------------------------------------------
    // Executing the core's outputs: sign, store decisions, WAL + sync, then send

    private void handle(Outputs o, byte[] acceptedWire, Message accepted) {
        if (accepted != null) {
            addSigned(accepted, acceptedWire);
        }
        List<byte[]> frames = new ArrayList<>();
        List<Signed> own = new ArrayList<>();
        for (Message m : o.broadcasts()) {
            byte[] wire;
            try {
                wire = gateway.sign(m);
            } catch (ConsensusRejectedException e) {
                throw new IllegalStateException("the core asked to sign a message it cannot encode: " + m, e);
            }
            own.add(new Signed(m, wire));
            addSigned(m, wire);
            if (m.type() == MessageType.PROPOSAL) {
                Held b = blocks.get(m.v());
                if (b == null) {
                    throw new IllegalStateException("proposal of a block not held: " + m);
                }
                frames.add(Frames.proposalBlock(chainId, m.h(), m.r(), b.bytes));
            }
            frames.add(Frames.consensus(chainId, wire));
        }
        for (Decision d : o.decisions()) {
            commitDecided(d);
        }
        if (accepted != null) {
            wal.append(accepted.h(), WalRecord.message(WalRecord.RECV, acceptedWire));
        }
        for (Signed w : own) {
            wal.append(w.m.h(), WalRecord.message(WalRecord.OWN, w.wire));
        }
        ValidatorState st = val.state();
        byte[] rec = WalRecord.state(st.height(), st.round(), st.step(), st.lockedRound(), st.lockedValue(), st.validRound(),
                st.validValue());
        boolean changed = !Arrays.equals(rec, lastState);
        if (changed) {
            wal.append(st.height(), rec);
            lastState = rec;
        }
        // a step that signed something or moved the state is made durable before anything is sent;
        // the records of a step that did neither (a received vote that fired no rule) ride along
        // with the next sync: nothing was let out that depends on them
        if (changed || !own.isEmpty() || !o.decisions().isEmpty()) {
            wal.sync();
        }
        // only now may the signatures leave the process
        for (byte[] f : frames) {
            transport.broadcast(f);
        }
        for (TimerRequest t : o.timers()) {
            schedule(t);
        }
        for (Evidence e : o.evidence()) {
            if (evidence.size() >= MAX_EVIDENCE_KEPT) {
                evidence.removeFirst();
            }
            evidence.addLast(e);
        }
    }

    private void schedule(TimerRequest t) {
        TimerKind k = t.kind() == TimeoutKind.PROPOSE ? TimerKind.PROPOSE
                : t.kind() == TimeoutKind.PREVOTE ? TimerKind.PREVOTE : TimerKind.PRECOMMIT;
        // timers of earlier rounds and heights are useless now: cancel them (at most 3 consensus timers are live)
        for (Iterator<Map.Entry<Long, TimerEntry>> it = timerTable.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Long, TimerEntry> e = it.next();
            TimerEntry x = e.getValue();
            if (x.kind != TimerKind.GOSSIP && (x.h < t.h() || (x.h == t.h() && x.r < t.r()) || (x.h == t.h() && x.r == t.r()
                    && x.kind == k))) {
                timers.cancel(e.getKey());
                it.remove();
            }
        }
        timerTable.put(timers.schedule(cfg.timeouts.delayMs(k, t.r()), k), new TimerEntry(k, t.h(), t.r()));
    }

    private void addSigned(Message m, byte[] wire) {
        List<Signed> list = signed.computeIfAbsent(m.h(), k -> new ArrayList<>());
        for (Signed s : list) {
            if (Arrays.equals(s.wire, wire)) {
                return;
            }
        }
        list.add(new Signed(m, wire.clone()));
    }

    /** A decided height: block and signed commit stored (synced), block applied, mempool evicted, height's buffers dropped. */
    private void commitDecided(Decision d) {
        long h = d.h();
        if (h <= store.storedHeight()) {
            return;
        }
        Held b = blocks.get(d.v());
        if (b == null) {
            throw new IllegalStateException("decided a block not held at height " + h);
        }
        // the certificate applied by catch-up, or (for a height decided by votes, possibly in the
        // same step right after it) the signed precommits held
        byte[][] wires = catchupWires != null && catchupHeight == h ? catchupWires : precommitsFor(h, d.r(), d.v());
        Message[] ms = new Message[wires.length];
        for (int i = 0; i < wires.length; i++) {
            ms[i] = ConsensusCodec.decodeBody(Arrays.copyOfRange(wires[i], 0, ConsensusCodec.BODY_BYTES));
        }
        Certificate cert = new Certificate(h, d.r(), d.v(), ms);
        if (!CertificateChecker.isValid(vs, cert)) {
            throw new IllegalStateException("decided height " + h + " without a quorum of signed precommits held");
        }
        BlockResult res = storeAndApply(h, wires, b.bytes, cert);
        byte[] dry = projected.remove(h);
        if (dry != null && !Arrays.equals(dry, res.appHash())) {
            throw new IllegalStateException("height " + h + ": the dry run's app hash differs from the applied one");
        }
        projected.headMap(h + 1).clear();
        committed(h, b.block, res, h + 1);
        // drop the committed height's buffers
        blocks.values().removeIf(x -> x.h <= h);
        blocksPerRound.keySet().removeIf(s -> s < slot(h + 1, 0));
        pending.keySet().removeIf(s -> s < slot(h + 1, 0));
        signed.headMap(h + 1).clear();
    }

    /** Stores block h with its signed commit (wires) and certificate, and applies it. */
    private BlockResult storeAndApply(long h, byte[][] wires, byte[] blockBytes, Certificate cert) {
        commits.put(h, Frames.encodeCommit(wires));
        replica.commitBlock(blockBytes, cert);
        return replica.applyNext();
    }

    /**
     * After block h is stored and applied: its transactions (and those it invalidated) leave the
     * mempool, a snapshot and pruning where due, the replica acknowledges the height, the WAL
     * drops its records below walBelow, and the commit listener is told.
     */
    private void committed(long h, DecodedBlock block, BlockResult res, long walBelow) {
        Set<ByteBuffer> hashes = new HashSet<>();
        for (int i = 0; i < block.size(); i++) {
            hashes.add(ByteBuffer.wrap(Mempool.hash(TxCodec.encode(block.signedTx(i)))));
        }
        mempool.evict(hashes, replica.ledger());
        snapshotAndPrune(res.height());
        replica.ack();
        wal.truncateBelow(walBelow);
        decidedAtMillis = clock.nowMillis();
        if (commitListener != null) {
            commitListener.committed(h, block, res);
        }
    }

    /** A snapshot every snapshotEvery heights; then the blocks below it beyond the retain window are pruned. */
    private void snapshotAndPrune(long h) {
        if (cfg.snapshotEvery > 0 && h % cfg.snapshotEvery == 0 && h > store.snapshotHeight()) {
            replica.snapshot();
            served = null; // the snapshot served until now is replaced: its requests are answered SNAPSHOT_GONE
            long to = store.snapshotHeight() - cfg.retainBlocks;
            if (cfg.retainBlocks >= 0 && to > store.base()) {
                replica.prune(to);
            }
        }
    }

    /** The signed precommits for (h, r, v) held (own and received), one per validator. */
    private byte[][] precommitsFor(long h, int r, Value v) {
        List<byte[]> out = new ArrayList<>();
        boolean[] seen = new boolean[n];
        for (Signed s : signed.getOrDefault(h, List.of())) {
            if (s.m.type() == MessageType.PRECOMMIT && s.m.r() == r && s.m.v().sameAs(v) && !seen[s.m.src()]) {
                seen[s.m.src()] = true;
                out.add(s.wire);
            }
        }
        return out.toArray(new byte[0][]);
    }

    // ------------------------------------------------------------------------------------------
    // Gossip

    private byte[] statusFrame() {
        long stored = store.storedHeight();
        return Frames.status(chainId, Math.max(val.height(), stored + 1), val.round(), stored, servedHeight(),
                store.base() + 1);
    }

    /**
     * The periodic re-broadcast that survives loss: our status, and every signed message of the
     * current height we hold (ours and the ones we accepted), each proposal with its block (ours:
     * block first; relayed: proposal first, so that a receiver that is not waiting for it can tell
     * the block is the one a verified proposal names). Unless forced (at start), only once the
     * height has lasted a gossip period.
     */
    private void gossip(boolean force) {
        transport.broadcast(statusFrame());
        if (!force && clock.nowMillis() - decidedAtMillis < cfg.gossipPeriodMs) {
            // the height began less than one gossip period ago: its messages went out when they were
            // made; re-sending them (each proposal with its block, to every peer) would double the
            // traffic of a cluster that decides a height per period or faster, for nothing
            return;
        }
        List<Signed> list = signed.get(val.height());
        if (list == null) {
            return;
        }
        for (Signed s : list) {
            Held b = s.m.type() == MessageType.PROPOSAL ? blocks.get(s.m.v()) : null;
            if (b != null && s.m.src() == self) {
                // our own proposal: the block first (we are the round's proposer, peers take it)
                transport.broadcast(Frames.proposalBlock(chainId, s.m.h(), s.m.r(), b.bytes));
            }
            transport.broadcast(Frames.consensus(chainId, s.wire));
            if (b != null && s.m.src() != self) {
                // a relayed proposal: the proposal first, so the block is taken as the one it names
                transport.broadcast(Frames.proposalBlock(chainId, s.m.h(), s.m.r(), b.bytes));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Queries (tests, metrics)

    public long height() {
        return val.height();
    }

    public int round() {
        return val.round();
    }

    public Step step() {
        return val.step();
    }

    public long storedHeight() {
        return store.storedHeight();
    }

    /** The app hash of the applied state (height storedHeight()). */
    public byte[] appHash() {
        return replica.ledger().appHash();
    }

    public Replica replica() {
        return replica;
    }

    public int mempoolSize() {
        return mempool.size();
    }

    public boolean mempoolHas(byte[] txHash) {
        return mempool.contains(txHash);
    }

    /** Refusals by reason since this node started. */
    public Map<Reason, Long> refusals() {
        return new EnumMap<>(refusals);
    }

    public int validatorCount() {
        return n;
    }

    public List<Evidence> evidence() {
        return new ArrayList<>(evidence);
    }

    public int heldBlocks() {
        return blocks.size();
    }

    public int pendingProposals() {
        int c = 0;
        for (List<byte[]> l : pending.values()) {
            c += l.size();
        }
        return c;
    }

    public int signedMessages() {
        int c = 0;
        for (List<Signed> l : signed.values()) {
            c += l.size();
        }
        return c;
    }

    /** The bytes held for the state sync in progress (0: none): its buffer, the manifest's declared length. */
    public long syncBufferBytes() {
        return download == null ? 0 : download.buffer.length;
    }

    /** The chunks received of the state sync in progress, and its chunk count (null: no download). */
    public int[] syncProgress() {
        return download == null ? null : new int[] {download.received, download.count()};
    }

    /** Whether the validator has been started (it runs its rounds: timers, proposals, votes). */
    public boolean validatorStarted() {
        return val.isStarted();
    }

    /** The validator's state (a copy). */
    public ValidatorState validatorState() {
        return val.state();
    }

    /**
     * Everything an inbound frame could change, as one string (tests compare it before and after
     * a refused frame): height, round, step, locks, stored height, app hash, mempool, held and
     * pending blocks and proposals, signed messages, the gateway's replay set, live timers. (Like
     * the refusal counters, the per-peer work budgets are left out: every frame judged counts.)
     */
    public String fingerprint() {
        return val.state() + "|sync=" + syncPeer + "@" + syncHeight + "|download=" + (download == null ? "none"
                : download.h + ":" + download.received + "/" + download.count() + " in flight " + download.inFlight)
                + "|stored="
                + store.storedHeight() + "|base=" + store.base() + "|snap=" + store.snapshotHeight() + "|app=" + Arrays.toString(replica.ledger().appHash())
                + "|mempool=" + mempool.size() + "/" + mempool.bytes() + "|blocks=" + blocks.size() + "|perRound="
                + blocksPerRound + "|pending=" + pendingProposals() + "|signed=" + signedMessages() + "|replay="
                + gateway.rememberedCount() + "|timers=" + timerTable.size() + "|evidence=" + evidence.size();
    }

    /** When the last height was decided (by this node's clock). */
    /** What a client API learns of each committed height: its block and the ledger's results. */
    public interface CommitListener {
        /** Called on the node's thread once per committed height, after the block is applied; must not block. */
        void committed(long height, dev.bulwark.ledger.state.DecodedBlock block, BlockResult result);
    }

    /** Sets (or clears, with null) the listener told of every committed height. */
    public void setCommitListener(CommitListener l) {
        this.commitListener = l;
    }

    public long decidedAtMillis() {
        return decidedAtMillis;
    }
}
