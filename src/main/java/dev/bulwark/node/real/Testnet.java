package dev.bulwark.node.real;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.LedgerConfig;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.margin.MarginParams;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.NodeConfig;
import dev.bulwark.oracle.OracleParams;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A test network's genesis and keys, and the files of a node's home directory:
 *
 * <pre>
 * D/genesis.properties        chain.id, validators, validator.i.key (hex), validator.i.address (host:port),
 *                             accounts, account.k.key (hex), backstop, reporters, reporter.k.key (hex)
 * D/node{i}/genesis.properties  the same file
 * D/node{i}/node.properties   index=i
 * D/node{i}/validator.key     validator i's 32-byte Ed25519 seed (hex)
 * D/node{i}/data/             its RocksDB store (created by the node)
 * D/clients/account{k}.key    the genesis accounts' seeds (hex), for a load driver
 * D/clients/reporter{k}.key   the oracle reporters' seeds
 * </pre>
 *
 * The ledger's parameters (margin, oracle) are fixed test values (those of the node tests); the
 * last genesis account is the backstop. Keys are raw Ed25519 (32-byte public keys and seeds).
 */
public final class Testnet {
    private static final HexFormat HEX = HexFormat.of();
    public final long chainId;
    public final byte[][] validatorKeys;
    public final InetSocketAddress[] addresses;
    public final byte[][] accountKeys;
    public final byte[][] reporterKeys;

    public Testnet(long chainId, byte[][] validatorKeys, InetSocketAddress[] addresses, byte[][] accountKeys, byte[][] reporterKeys) {
        if (validatorKeys.length != addresses.length || validatorKeys.length < 1 || accountKeys.length < 1 || reporterKeys.length != 1) {
            throw new IllegalArgumentException("one address per validator, at least one account, one reporter");
        }
        this.chainId = chainId;
        this.validatorKeys = validatorKeys;
        this.addresses = addresses;
        this.accountKeys = accountKeys;
        this.reporterKeys = reporterKeys;
    }

    /** The ledger configuration of this genesis (fixed test parameters; the last account is the backstop). */
    public LedgerConfig ledger() {
        MarginParams m = new MarginParams(1_000, 100_000, 1_000_000_000L, 1_000_000_000_000L, 900, 1_100, 200, 1_000, 500, 100,
                500, 5);
        OracleParams o = new OracleParams(new long[] {1}, 3, 1, 900, 1_100, 0, 5, 0, 100, 3, 1_000_000);
        AccountKey[] acc = new AccountKey[accountKeys.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = TxSignatures.keyOf(Ed25519.publicKey(accountKeys[k]));
        }
        AccountKey[] rep = new AccountKey[reporterKeys.length];
        for (int k = 0; k < rep.length; k++) {
            rep[k] = TxSignatures.keyOf(Ed25519.publicKey(reporterKeys[k]));
        }
        return new LedgerConfig(chainId, m, 1_000, o, acc, acc.length - 1, rep, 64);
    }

    /** Validator i's node configuration ({@link NodeConfig#local}: loopback timeouts and limits). */
    public NodeConfig nodeConfig(int i) {
        return NodeConfig.local(chainId, i, validatorKeys, ledger());
    }

    /** Seeds of a fresh test network (validators, then accounts, then the reporter). */
    public static final class Keys {
        public final byte[][] validatorSeeds;
        public final byte[][] accountSeeds;
        public final byte[] reporterSeed;

        Keys(byte[][] v, byte[][] a, byte[] r) {
            this.validatorSeeds = v;
            this.accountSeeds = a;
            this.reporterSeed = r;
        }
    }

    /** Fresh keys for n validators and {@code accounts} genesis accounts (the last is the backstop). */
    public static Keys generateKeys(int n, int accounts, SecureRandom rnd) {
        byte[][] v = new byte[n][32];
        byte[][] a = new byte[accounts][32];
        byte[] r = new byte[32];
        for (byte[] s : v) {
            rnd.nextBytes(s);
        }
        for (byte[] s : a) {
            rnd.nextBytes(s);
        }
        rnd.nextBytes(r);
        return new Keys(v, a, r);
    }

    public static Testnet of(long chainId, Keys keys, InetSocketAddress[] addresses) {
        byte[][] v = new byte[keys.validatorSeeds.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = Ed25519.signer(keys.validatorSeeds[i]).publicKey();
        }
        byte[][] a = new byte[keys.accountSeeds.length][];
        for (int k = 0; k < a.length; k++) {
            a[k] = Ed25519.signer(keys.accountSeeds[k]).publicKey();
        }
        return new Testnet(chainId, v, addresses, a, new byte[][] {Ed25519.signer(keys.reporterSeed).publicKey()});
    }

    // ------------------------------------------------------------------------------------------
    // files

    /** Writes D/genesis.properties, D/node{i}/..., D/clients/... (refuses a directory that already holds a genesis). */
    public void writeHome(Path d, Keys keys) throws IOException {
        if (Files.exists(d.resolve("genesis.properties"))) {
            throw new IOException(d + " already holds a test network");
        }
        Files.createDirectories(d);
        writeGenesis(d.resolve("genesis.properties"));
        for (int i = 0; i < validatorKeys.length; i++) {
            Path n = d.resolve("node" + i);
            Files.createDirectories(n);
            writeGenesis(n.resolve("genesis.properties"));
            Files.writeString(n.resolve("node.properties"), "index=" + i + "\n", StandardCharsets.UTF_8);
            writeSecret(n.resolve("validator.key"), keys.validatorSeeds[i]);
        }
        Path c = d.resolve("clients");
        Files.createDirectories(c);
        for (int k = 0; k < keys.accountSeeds.length; k++) {
            writeSecret(c.resolve("account" + k + ".key"), keys.accountSeeds[k]);
        }
        writeSecret(c.resolve("reporter0.key"), keys.reporterSeed);
    }

    private static void writeSecret(Path p, byte[] seed) throws IOException {
        Files.writeString(p, HEX.formatHex(seed) + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    /** A 32-byte seed from a hex key file. */
    public static byte[] readSeed(Path p) throws IOException {
        byte[] s = HEX.parseHex(Files.readString(p, StandardCharsets.UTF_8).trim());
        if (s.length != 32) {
            throw new IOException(p + ": not a 32-byte key");
        }
        return s;
    }

    private void writeGenesis(Path p) throws IOException {
        Properties g = new Properties();
        g.setProperty("chain.id", Long.toString(chainId));
        g.setProperty("validators", Integer.toString(validatorKeys.length));
        for (int i = 0; i < validatorKeys.length; i++) {
            g.setProperty("validator." + i + ".key", HEX.formatHex(validatorKeys[i]));
            g.setProperty("validator." + i + ".address", addresses[i].getHostString() + ":" + addresses[i].getPort());
        }
        g.setProperty("accounts", Integer.toString(accountKeys.length));
        for (int k = 0; k < accountKeys.length; k++) {
            g.setProperty("account." + k + ".key", HEX.formatHex(accountKeys[k]));
        }
        g.setProperty("reporters", Integer.toString(reporterKeys.length));
        for (int k = 0; k < reporterKeys.length; k++) {
            g.setProperty("reporter." + k + ".key", HEX.formatHex(reporterKeys[k]));
        }
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            g.store(w, "Bulwark test network genesis");
        }
    }

    /** Reads a genesis.properties (IOException naming the missing or bad entry). */
    public static Testnet readGenesis(Path p) throws IOException {
        Properties g = new Properties();
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            g.load(r);
        }
        try {
            long chain = Long.parseLong(need(g, "chain.id"));
            int n = Integer.parseInt(need(g, "validators"));
            byte[][] v = new byte[n][];
            InetSocketAddress[] a = new InetSocketAddress[n];
            for (int i = 0; i < n; i++) {
                v[i] = key(need(g, "validator." + i + ".key"));
                String addr = need(g, "validator." + i + ".address");
                int c = addr.lastIndexOf(':');
                a[i] = new InetSocketAddress(addr.substring(0, c), Integer.parseInt(addr.substring(c + 1)));
            }
            int na = Integer.parseInt(need(g, "accounts"));
            byte[][] acc = new byte[na][];
            for (int k = 0; k < na; k++) {
                acc[k] = key(need(g, "account." + k + ".key"));
            }
            int nr = Integer.parseInt(need(g, "reporters"));
            byte[][] rep = new byte[nr][];
            for (int k = 0; k < nr; k++) {
                rep[k] = key(need(g, "reporter." + k + ".key"));
            }
            return new Testnet(chain, v, a, acc, rep);
        } catch (IllegalArgumentException e) {
            throw new IOException(p + ": " + e.getMessage(), e);
        }
    }

    private static String need(Properties g, String k) {
        String v = g.getProperty(k);
        if (v == null) {
            throw new IllegalArgumentException("missing " + k);
        }
        return v.trim();
    }

    private static byte[] key(String hex) {
        byte[] k = HEX.parseHex(hex);
        if (k.length != 32) {
            throw new IllegalArgumentException("not a 32-byte key: " + hex);
        }
        return k;
    }
}
