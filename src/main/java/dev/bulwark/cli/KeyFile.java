package dev.bulwark.cli;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.state.TxSignatures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;

/**
 * An Ed25519 key file:
 * <pre>
 *   # bulwark Ed25519 key -- keep this file private
 *   public=&lt;32-byte raw public key, hex&gt;
 *   private=&lt;PKCS#8 private key, hex&gt;
 * </pre>
 * A file holding only a 32-byte seed in hex (as {@code bulwark testnet init} writes validator,
 * account and owner keys) is read as that seed's key pair. Read back strictly: the public key must be the private key's (signed and verified once), so a
 * file whose halves do not match is refused.  Written with owner-only permissions where the file
 * system has them.
 */
final class KeyFile {
    final KeyPair pair;
    final AccountKey key;

    private KeyFile(KeyPair pair) {
        this.pair = pair;
        this.key = TxSignatures.keyOf(pair.getPublic());
    }

    static KeyFile generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(255, random);
            return new KeyFile(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new CliException("Ed25519 is not available: " + e.getMessage());
        }
    }

    void write(Path p) {
        if (Files.exists(p)) {
            throw new CliException(p + ": exists; not overwriting a key file");
        }
        String text = "# bulwark Ed25519 key -- keep this file private\n"
                + "public=" + Files2.HEX.formatHex(key.toBytes()) + "\n"
                + "private=" + Files2.HEX.formatHex(pair.getPrivate().getEncoded()) + "\n";
        try {
            Files.createFile(p);
            try {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions
            }
        } catch (IOException e) {
            throw new CliException(p + ": cannot create (" + e.getMessage() + ")");
        }
        Files2.write(p, text);
    }

    static KeyFile read(Path p) {
        // the seed files `bulwark testnet init` writes (one line: a 32-byte Ed25519 seed in hex) are read too
        try {
            if (Files.size(p) <= 80) {
                String t = Files.readString(p, java.nio.charset.StandardCharsets.US_ASCII).strip();
                if (t.length() == 64 && t.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    return new KeyFile(dev.bulwark.net.Ed25519.keyPair(Files2.HEX.parseHex(t)));
                }
            }
        } catch (IOException e) {
            // not a seed file: read as a key file below, which reports the problem
        }
        Map<String, String> m = Files2.read(p, "key", "public", "private");
        byte[] pub = Files2.hex(m.get("public"), p + ": public");
        byte[] priv = Files2.hex(m.get("private"), p + ": private");
        if (pub.length != AccountKey.BYTES) {
            throw new CliException(p + ": a public key is 32 bytes");
        }
        try {
            PrivateKey sk = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(priv));
            PublicKey pk = TxSignatures.publicKey(AccountKey.of(pub));
            byte[] probe = "bulwark/key-check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(sk);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pk);
            s.update(probe);
            if (!s.verify(sig)) {
                throw new CliException(p + ": the public key is not the private key's");
            }
            return new KeyFile(new KeyPair(pk, sk));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CliException(p + ": not an Ed25519 key (" + e.getMessage() + ")");
        } finally {
            Arrays.fill(priv, (byte) 0);
        }
    }
}
