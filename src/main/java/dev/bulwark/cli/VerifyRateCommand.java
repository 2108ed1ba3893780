package dev.bulwark.cli;

import dev.bulwark.net.Ed25519;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark verify-rate --seconds N}: single-thread Ed25519 verifications per second through
 * the facade the nodes use ({@link Ed25519#verify}, Bouncy Castle's RFC 8032 code) on distinct
 * signed deposit-sized messages, after a one-second warm-up. {@code make bench-cluster} uses it
 * for the signature bound (cores x this rate / nodes). A measurement tool, not a test.
 */
@Command(name = "verify-rate", description = "Measures single-thread Ed25519 verifications per second (Bouncy Castle).")
public final class VerifyRateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public Integer call() throws Exception {
        int n = 256;
        byte[][] keys = new byte[n][];
        byte[][] msgs = new byte[n][];
        byte[][] sigs = new byte[n][];
        for (int i = 0; i < n; i++) {
            byte[] seed = new byte[Ed25519.SEED_BYTES];
            seed[0] = (byte) i;
            seed[1] = (byte) (i >> 8);
            KeyPair kp = Ed25519.keyPair(seed);
            keys[i] = Ed25519.rawOf(kp.getPublic());
            msgs[i] = ("bulwark verify-rate deposit " + i + " ........................................").getBytes(StandardCharsets.US_ASCII);
            sigs[i] = Ed25519.signer(seed).sign(msgs[i]);
        }
        run(keys, msgs, sigs, 1.0);
        double rate = run(keys, msgs, sigs, seconds);
        spec.commandLine().getOut().println(String.format(java.util.Locale.ROOT, "verify-rate: %.0f Ed25519 verifications/s on one thread", rate));
        return 0;
    }

    private static double run(byte[][] keys, byte[][] msgs, byte[][] sigs, double secs) {
        long start = System.nanoTime();
        long end = start + (long) (secs * 1e9);
        long count = 0;
        int ok = 0;
        long now;
        do {
            for (int i = 0; i < keys.length; i++) {
                if (Ed25519.verify(keys[i], msgs[i], sigs[i])) {
                    ok++;
                }
            }
            count += keys.length;
            now = System.nanoTime();
        } while (now < end);
        if (ok != count) {
            throw new IllegalStateException("verify-rate: " + (count - ok) + " signatures did not verify");
        }
        return count / ((now - start) / 1e9);
    }
}
