package dev.bulwark.bench;

import dev.bulwark.consensus.ConsensusConfig;
import dev.bulwark.consensus.Input;
import dev.bulwark.consensus.Message;
import dev.bulwark.consensus.Outputs;
import dev.bulwark.consensus.Validator;
import dev.bulwark.consensus.TestValues;
import dev.bulwark.consensus.Value;
import dev.bulwark.consensus.ValuePolicy;
import dev.bulwark.net.ConsensusCodec;
import dev.bulwark.net.ConsensusGateway;
import dev.bulwark.net.ConsensusSigner;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Consensus throughput on one thread.
 *
 * <p>Per message (one op = one inbound message: a proposal or a vote; four validators, one
 * validator under test receiving the traffic of {@link #HEIGHTS} heights, each decided in round 0):
 * <ul>
 *   <li>{@link #stateMachine}: {@link Validator#receive} only (the verified core's work);</li>
 *   <li>{@link #gatewayNoVerify}: the shell without crypto (decode, bounds, replay set) plus the core;</li>
 *   <li>{@link #gatewayEd25519}: the full path, Ed25519 verification included;</li>
 *   <li>{@link #ed25519VerifyOnly}: the signature checks alone, the baseline.</li>
 * </ul>
 * Target: stateMachine's time per message at most a tenth of ed25519VerifyOnly's, measured in
 * the same run (ratio = ed25519VerifyOnly throughput / stateMachine throughput &lt;= 0.1).
 *
 * <p>{@link #heightsDecidedFourValidators}: one op = one height decided by all four validators
 * with instant in-memory delivery (no signatures).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConsensusBenchmark {
    static final int N = 4;
    static final int SELF = 1;
    static final int HEIGHTS = 256;
    static final long CHAIN = 1;
    /**
     * Messages fed to the validator under test: per height 3 prevotes and 2 precommits, and the
     * proposal unless the validator under test proposes (64 of the 256 heights): 1,472. Checked
     * against {@link #messagesFor} in setup.
     */
    static final int MESSAGES = 1_472;

    /** Every block digest is valid; getValue(h, r) is the digest of test block 1000 * h + r. */
    static final ValuePolicy POLICY = new ValuePolicy() {
        @Override
        public boolean valid(Value v) {
            return v != null && !v.isNil();
        }

        @Override
        public Value getValue(long h, int r) {
            return TestValues.v(1_000 * h + r);
        }
    };

    private ConsensusConfig config;
    private PublicKey[] publicKeys;
    private Message[] messages;
    private byte[][] wires;
    private byte[][] rawKeys;

    static int messagesFor(int heights) {
        int c = 0;
        for (long h = 1; h <= heights; h++) {
            c += ((h - 1) % N == SELF ? 0 : 1) + (N - 1) + 2;
        }
        return c;
    }

    @Setup
    public void setup() throws Exception {
        config = ConsensusConfig.equalPower(N, HEIGHTS, 4, POLICY);
        SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
        seeded.setSeed(3);
        KeyPair[] keys = new KeyPair[N];
        publicKeys = new PublicKey[N];
        ConsensusSigner[] signers = new ConsensusSigner[N];
        for (int i = 0; i < N; i++) {
            keys[i] = ConsensusSigner.generate(seeded);
            publicKeys[i] = keys[i].getPublic();
            signers[i] = new ConsensusSigner(i, CHAIN, keys[i].getPrivate());
        }
        List<Message> ms = new ArrayList<>();
        for (long h = 1; h <= HEIGHTS; h++) {
            int proposer = config.proposers().proposer(h, 0);
            Value v = POLICY.getValue(h, 0);
            if (proposer != SELF) {
                ms.add(Message.proposal(proposer, h, 0, v, -1));
            }
            for (int i = 0; i < N; i++) {
                if (i != SELF) {
                    ms.add(Message.prevote(i, h, 0, v));
                }
            }
            // two precommits of others with its own make the quorum; a third would arrive after
            // the decision (the gateway refuses it as OLD_HEIGHT before any crypto)
            int added = 0;
            for (int i = 0; i < N && added < 2; i++) {
                if (i != SELF) {
                    ms.add(Message.precommit(i, h, 0, v));
                    added++;
                }
            }
        }
        messages = ms.toArray(new Message[0]);
        if (messages.length != MESSAGES || messagesFor(HEIGHTS) != MESSAGES) {
            throw new IllegalStateException("message count");
        }
        wires = new byte[messages.length][];
        for (int k = 0; k < messages.length; k++) {
            wires[k] = signers[messages[k].src()].sign(messages[k]);
        }
        rawKeys = new byte[publicKeys.length][];
        for (int i = 0; i < publicKeys.length; i++) {
            rawKeys[i] = dev.bulwark.net.Ed25519.rawOf(publicKeys[i]);
        }
        // sanity: the full path decides every height
        ConsensusGateway gw = new ConsensusGateway(config, publicKeys, CHAIN, new Validator(config, SELF), null);
        gw.local(new Input.Start());
        for (byte[] w : wires) {
            gw.accept(w);
        }
        if (!gw.validator().isDone()) {
            throw new IllegalStateException("the benchmark traffic does not decide every height");
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void stateMachine(Blackhole bh) {
        Validator v = new Validator(config, SELF);
        v.step(new Input.Start());
        for (Message m : messages) {
            bh.consume(v.receive(m));
        }
        if (!v.isDone()) {
            throw new IllegalStateException();
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void gatewayNoVerify(Blackhole bh) {
        ConsensusGateway gw = new ConsensusGateway(config, publicKeys, CHAIN, new Validator(config, SELF), null, false);
        gw.local(new Input.Start());
        for (byte[] w : wires) {
            bh.consume(gw.accept(w));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void gatewayEd25519(Blackhole bh) {
        ConsensusGateway gw = new ConsensusGateway(config, publicKeys, CHAIN, new Validator(config, SELF), null, true);
        gw.local(new Input.Start());
        for (byte[] w : wires) {
            bh.consume(gw.accept(w));
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void ed25519VerifyOnly(Blackhole bh) {
        for (int k = 0; k < wires.length; k++) {
            byte[] w = wires[k];
            byte[] body = Arrays.copyOfRange(w, 0, ConsensusCodec.BODY_BYTES);
            byte[] sig = Arrays.copyOfRange(w, ConsensusCodec.BODY_BYTES, ConsensusCodec.WIRE_BYTES);
            bh.consume(ConsensusSigner.verify(rawKeys[messages[k].src()], CHAIN, body, sig));
        }
    }

    @Benchmark
    @OperationsPerInvocation(HEIGHTS)
    public void heightsDecidedFourValidators(Blackhole bh) {
        Validator[] vs = new Validator[N];
        ArrayDeque<Object[]> q = new ArrayDeque<>();
        for (int i = 0; i < N; i++) {
            vs[i] = new Validator(config, i);
            enqueue(q, i, vs[i].step(new Input.Start()));
        }
        while (!q.isEmpty()) {
            Object[] e = q.poll();
            int dest = (Integer) e[0];
            enqueue(q, dest, vs[dest].receive((Message) e[1]));
        }
        for (Validator v : vs) {
            if (!v.isDone()) {
                throw new IllegalStateException("not every height decided");
            }
            bh.consume(v.decision(HEIGHTS));
        }
    }

    private static void enqueue(ArrayDeque<Object[]> q, int from, Outputs o) {
        for (Message m : o.broadcasts()) {
            for (int j = 0; j < N; j++) {
                if (j != from) {
                    q.add(new Object[] {j, m});
                }
            }
        }
    }
}
