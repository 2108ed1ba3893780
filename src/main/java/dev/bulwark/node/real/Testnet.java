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
    /** The governance key registry (every key an initial owner; empty: a ledger without governance). */
    public final byte[][] ownerKeys;
    /** Approvals (the proposer's included) a governance proposal needs (0 without governance). */
    public final int threshold;

    public Testnet(long chainId, byte[][] validatorKeys, InetSocketAddress[] addresses, byte[][] accountKeys, byte[][] reporterKeys) {
        this(chainId, validatorKeys, addresses, accountKeys, reporterKeys, new byte[0][], 0);
    }

    public Testnet(long chainId, byte[][] validatorKeys, InetSocketAddress[] addresses, byte[][] accountKeys, byte[][] reporterKeys,
            byte[][] ownerKeys, int threshold) {
        if (validatorKeys.length != addresses.length || validatorKeys.length < 1 || accountKeys.length < 1 || reporterKeys.length != 1) {
            throw new IllegalArgumentException("one address per validator, at least one account, one reporter");
        }
        if (ownerKeys.length > MAX_OWNERS || (ownerKeys.length == 0 ? threshold != 0 : threshold < 1 || threshold > ownerKeys.length)) {
            throw new IllegalArgumentException("owners 0.." + MAX_OWNERS + " and a threshold of 1..owners (0 without owners)");
        }
        this.ownerKeys = ownerKeys;
        this.threshold = threshold;
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
        // a price goes stale after 600 heights: heights take about 10 ms to tens of ms on a loopback
        // testnet, so a report stays usable for seconds, long enough for a trade or withdrawal sent by
        // hand or by `bulwark tx` after it (at 3 heights, a few tens of ms, a command could not keep up)
        OracleParams o = new OracleParams(new long[] {1}, 3, 1, 900, 1_100, 0, 5, 0, 100, 600, 1_000_000);
        AccountKey[] acc = new AccountKey[accountKeys.length];
        for (int k = 0; k < acc.length; k++) {
            acc[k] = TxSignatures.keyOf(Ed25519.publicKey(accountKeys[k]));
        }
        AccountKey[] rep = new AccountKey[reporterKeys.length];
        for (int k = 0; k < rep.length; k++) {
            rep[k] = TxSignatures.keyOf(Ed25519.publicKey(reporterKeys[k]));
        }
        if (ownerKeys.length == 0) {
            return new LedgerConfig(chainId, m, 1_000, o, acc, acc.length - 1, rep, 64);
        }
        AccountKey[] gk = new AccountKey[ownerKeys.length];
        int[] owners = new int[ownerKeys.length];
        for (int k = 0; k < gk.length; k++) {
            gk[k] = TxSignatures.keyOf(Ed25519.publicKey(ownerKeys[k]));
            owners[k] = k;
        }
        // rates may move within im 500..5,000, mm 250..2,500, fee 0..1,000 bps; a proposal executes after
        // one block end (timelock); the fund's floor is 0; a reporter's stake at most 1,000
        dev.bulwark.governance.GovernanceParams gp;
        try {
            gp = new dev.bulwark.governance.GovernanceParams(gk.length, gk.length, chainId, 1, 8, 500, 5_000, 250, 2_500, 0,
                    1_000, 0, m.maxNetDeposits, rep.length, 1_000);
        } catch (dev.bulwark.governance.GovernanceException e) {
            throw new IllegalStateException(e);
        }
        return new LedgerConfig(chainId, m, 1_000, o, acc, acc.length - 1, rep, 64, gp, gk, owners, threshold);
    }

    /** At most this many governance owners in a test network. */
    public static final int MAX_OWNERS = 16;

    /** Validator i's node configuration ({@link NodeConfig#local}: loopback timeouts and limits). */
    public NodeConfig nodeConfig(int i) {
        return NodeConfig.local(chainId, i, validatorKeys, ledger());
    }

    /** Seeds of a fresh test network (validators, then accounts, then the reporter). */
    public static final class Keys {
        public final byte[][] validatorSeeds;
        public final byte[][] accountSeeds;
        public final byte[] reporterSeed;
        public final byte[][] ownerSeeds;

        Keys(byte[][] v, byte[][] a, byte[] r, byte[][] o) {
            this.validatorSeeds = v;
            this.accountSeeds = a;
            this.reporterSeed = r;
            this.ownerSeeds = o;
        }
    }

    /** Fresh keys for n validators and {@code accounts} genesis accounts (the last is the backstop). */
    public static Keys generateKeys(int n, int accounts, SecureRandom rnd) {
        return generateKeys(n, accounts, 0, rnd);
    }

    /** The same with {@code owners} governance keys. */
    public static Keys generateKeys(int n, int accounts, int owners, SecureRandom rnd) {
        byte[][] o = new byte[owners][32];
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
        for (byte[] s : o) {
            rnd.nextBytes(s);
        }
        return new Keys(v, a, r, o);
    }

    public static Testnet of(long chainId, Keys keys, InetSocketAddress[] addresses) {
        return of(chainId, keys, addresses, keys.ownerSeeds.length == 0 ? 0 : keys.ownerSeeds.length / 2 + 1);
    }

    /** A test network whose owners are the keys' owner seeds, with this threshold. */
    public static Testnet of(long chainId, Keys keys, InetSocketAddress[] addresses, int threshold) {
        byte[][] v = new byte[keys.validatorSeeds.length][];
        for (int i = 0; i < v.length; i++) {
            v[i] = Ed25519.signer(keys.validatorSeeds[i]).publicKey();
        }
        byte[][] a = new byte[keys.accountSeeds.length][];
        for (int k = 0; k < a.length; k++) {
            a[k] = Ed25519.signer(keys.accountSeeds[k]).publicKey();
        }
        byte[][] o = new byte[keys.ownerSeeds.length][];
        for (int k = 0; k < o.length; k++) {
            o[k] = Ed25519.signer(keys.ownerSeeds[k]).publicKey();
        }
        return new Testnet(chainId, v, addresses, a, new byte[][] {Ed25519.signer(keys.reporterSeed).publicKey()}, o,
                threshold);
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
        if (ownerKeys.length > 0) {
            // beside the validators' keys: D/governance/owner{k}.key and the registry (one hex key per line,
            // index order) that `bulwark gov propose|approve|submit --registry` read
            Path g = d.resolve("governance");
            Files.createDirectories(g);
            StringBuilder reg = new StringBuilder();
            for (int k = 0; k < ownerKeys.length; k++) {
                writeSecret(g.resolve("owner" + k + ".key"), keys.ownerSeeds[k]);
                reg.append(HEX.formatHex(ownerKeys[k])).append('\n');
            }
            Files.writeString(g.resolve("registry"), reg.toString(), StandardCharsets.UTF_8);
        }
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
        g.setProperty("owners", Integer.toString(ownerKeys.length));
        g.setProperty("threshold", Integer.toString(threshold));
        for (int k = 0; k < ownerKeys.length; k++) {
            g.setProperty("owner." + k + ".key", HEX.formatHex(ownerKeys[k]));
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
            // a genesis written before governance had no owners
            int no = Integer.parseInt(g.getProperty("owners", "0").trim());
            if (no < 0 || no > MAX_OWNERS) {
                throw new IllegalArgumentException("owners: 0.." + MAX_OWNERS);
            }
            byte[][] own = new byte[no][];
            for (int k = 0; k < no; k++) {
                own[k] = key(need(g, "owner." + k + ".key"));
            }
            int th = Integer.parseInt(g.getProperty("threshold", "0").trim());
            return new Testnet(chain, v, a, acc, rep, own, th);
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
