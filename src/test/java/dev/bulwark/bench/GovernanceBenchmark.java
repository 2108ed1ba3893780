package dev.bulwark.bench;

import dev.bulwark.governance.Governance;
import dev.bulwark.governance.GovernanceParams;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.ThresholdChange;
import dev.bulwark.net.GovernanceCodec;
import dev.bulwark.net.GovernanceGateway;
import dev.bulwark.net.GovernanceKeys;
import dev.bulwark.net.GovernanceSigner;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
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

/**
 * Governance throughput on one thread: 32 owners (the hard cap), threshold 17, a timelock of one
 * block.  One op = one approval; one invocation carries {@link #NONCES} proposals through their
 * whole life (submission by one owner, 16 approvals, queue, block end, execution), from a copy of
 * the same starting state.
 * <ul>
 *   <li>{@link #gatewaySigned}: signed messages through {@link GovernanceGateway#submit} (split,
 *       registry lookup, Ed25519 verification, decode, the core's guard and effect);</li>
 *   <li>{@link #coreOnly}: the same calls on the core, no crypto and no decoding;</li>
 *   <li>{@link #ed25519VerifyOnly}: the signature checks alone (with the message split that
 *       finds the signed bytes), the baseline.</li>
 * </ul>
 * Target: the shell and the core together cost at most a tenth of the signature checks, measured
 * in the same run: gatewaySigned throughput &gt;= 0.9 x ed25519VerifyOnly throughput.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GovernanceBenchmark {
    static final int OWNERS = Governance.MAX_OWNERS;
    static final int THRESHOLD = 17;
    static final int NONCES = 32;
    static final int APPROVALS = NONCES * THRESHOLD;
    static final long CHAIN = 1;

    private Governance start;
    private GovernanceKeys keys;
    private byte[][] messages;
    private int[] signer;
    private Proposal[] proposals;
    private PublicKey[] publicKeys;
    private Signature verifier;

    @Setup
    public void setup() throws Exception {
        SecureRandom rnd = SecureRandom.getInstance("SHA1PRNG");
        rnd.setSeed(20261124L);
        List<GovernanceSigner> signers = new ArrayList<>();
        List<PublicKey> pub = new ArrayList<>();
        for (int i = 0; i < OWNERS; i++) {
            KeyPair kp = GovernanceSigner.generate(rnd);
            signers.add(new GovernanceSigner(kp));
            pub.add(kp.getPublic());
        }
        keys = new GovernanceKeys(pub);
        publicKeys = pub.toArray(new PublicKey[0]);
        GovernanceParams ps = new GovernanceParams(OWNERS, OWNERS, CHAIN, 1, 2, 1000, 5000, 500, 2500, 0, 1000, 0,
                1_000_000, 1, 100);
        int[] owners = new int[OWNERS];
        for (int i = 0; i < OWNERS; i++) {
            owners[i] = i;
        }
        start = new Governance(ps, owners, THRESHOLD, 2000, 1000, 500, 1000, new long[] {1});
        messages = new byte[APPROVALS][];
        signer = new int[APPROVALS];
        proposals = new Proposal[NONCES];
        int m = 0;
        for (int nonce = 0; nonce < NONCES; nonce++) {
            int proposer = nonce % OWNERS;
            proposals[nonce] = new Proposal(new ThresholdChange(THRESHOLD), CHAIN, nonce);
            for (int j = 0; j < THRESHOLD; j++) {
                int k = (proposer + j) % OWNERS;
                signer[m] = k;
                messages[m++] = signers.get(k).approve(proposals[nonce], keys);
            }
        }
        verifier = Signature.getInstance("Ed25519");
        // the benchmarks must work: run each once
        if (gatewaySigned() != NONCES || coreOnly() != NONCES || ed25519VerifyOnly() != APPROVALS) {
            throw new IllegalStateException("benchmark setup is wrong");
        }
    }

    @Benchmark
    @OperationsPerInvocation(APPROVALS)
    public long gatewaySigned() {
        Governance g = start.copy();
        GovernanceGateway gw = new GovernanceGateway(g, keys);
        int m = 0;
        for (int nonce = 0; nonce < NONCES; nonce++) {
            int slot = -1;
            for (int j = 0; j < THRESHOLD; j++) {
                slot = gw.submit(messages[m++]).slot;
            }
            finish(g, slot);
        }
        return g.nonce();
    }

    @Benchmark
    @OperationsPerInvocation(APPROVALS)
    public long coreOnly() {
        Governance g = start.copy();
        int m = 0;
        for (int nonce = 0; nonce < NONCES; nonce++) {
            int proposer = signer[m];
            g.propose(signer[m++], proposals[nonce]);
            for (int j = 1; j < THRESHOLD; j++) {
                g.approve(signer[m++], proposer);
            }
            finish(g, proposer);
        }
        return g.nonce();
    }

    @Benchmark
    @OperationsPerInvocation(APPROVALS)
    public int ed25519VerifyOnly() throws Exception {
        int ok = 0;
        for (int m = 0; m < APPROVALS; m++) {
            GovernanceCodec.Parts parts = GovernanceCodec.split(messages[m]);
            verifier.initVerify(publicKeys[signer[m]]);
            verifier.update(GovernanceCodec.signingBytes(parts.proposal));
            ok += verifier.verify(parts.signature) ? 1 : 0;
        }
        return ok;
    }

    private static void finish(Governance g, int slot) {
        g.queue(slot);
        g.endBlock();
        g.execute(slot);
    }
}
