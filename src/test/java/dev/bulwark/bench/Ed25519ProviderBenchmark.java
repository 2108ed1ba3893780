package dev.bulwark.bench;

import dev.bulwark.net.Ed25519;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.util.SplittableRandom;
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
 * Ed25519 verification, one thread, with the JDK's provider ({@code Signature.getInstance("Ed25519")})
 * and with Bouncy Castle through the shell's facade ({@link Ed25519#verify(byte[], byte[], byte[])}),
 * side by side in one run over the same 64 keys, 120-byte messages (the size of a signed
 * consensus body) and signatures (the same bytes: RFC 8032 signatures are deterministic).
 *
 * <p>Reported: verifications per second of each, and the ratio Bouncy Castle / JDK
 * ({@code make bench BENCH=Ed25519ProviderBenchmark} prints it). Both paths verify every item
 * (setup checks that each verifies, under both providers).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519ProviderBenchmark {
    static final int ITEMS = 64;

    private PublicKey[] jdkKeys;
    private byte[][] rawKeys;
    private byte[][] msgs;
    private byte[][] sigs;
    private Signature jdk;

    @Setup
    public void setup() throws Exception {
        SplittableRandom rnd = new SplittableRandom(14);
        jdkKeys = new PublicKey[ITEMS];
        rawKeys = new byte[ITEMS][];
        msgs = new byte[ITEMS][];
        sigs = new byte[ITEMS][];
        jdk = Signature.getInstance("Ed25519");
        for (int i = 0; i < ITEMS; i++) {
            byte[] seed = new byte[32];
            rnd.nextBytes(seed);
            KeyPair kp = Ed25519.keyPair(seed);
            jdkKeys[i] = kp.getPublic();
            rawKeys[i] = Ed25519.rawOf(kp.getPublic());
            msgs[i] = new byte[120];
            rnd.nextBytes(msgs[i]);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(kp.getPrivate());
            s.update(msgs[i]);
            sigs[i] = s.sign();
            if (!java.util.Arrays.equals(sigs[i], Ed25519.signer(seed).sign(msgs[i]))) {
                throw new IllegalStateException("the providers sign differently");
            }
            if (!jdkVerify(i) || !Ed25519.verify(rawKeys[i], msgs[i], sigs[i])) {
                throw new IllegalStateException("a signature does not verify");
            }
        }
    }

    private boolean jdkVerify(int i) throws Exception {
        jdk.initVerify(jdkKeys[i]);
        jdk.update(msgs[i]);
        return jdk.verify(sigs[i]);
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void verifyJdk(Blackhole bh) throws Exception {
        for (int i = 0; i < ITEMS; i++) {
            bh.consume(jdkVerify(i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public void verifyBouncyCastle(Blackhole bh) {
        for (int i = 0; i < ITEMS; i++) {
            bh.consume(Ed25519.verify(rawKeys[i], msgs[i], sigs[i]));
        }
    }
}
