package dev.bulwark.cli;

import dev.bulwark.governance.Cancellation;
import dev.bulwark.governance.FundWithdrawal;
import dev.bulwark.governance.OwnerAddition;
import dev.bulwark.governance.OwnerRemoval;
import dev.bulwark.governance.OwnerSwap;
import dev.bulwark.governance.ParamsChange;
import dev.bulwark.governance.Payload;
import dev.bulwark.governance.Proposal;
import dev.bulwark.governance.StakeChange;
import dev.bulwark.governance.ThresholdChange;
import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.GovAction;
import dev.bulwark.ledger.GovPropose;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.state.ProposalCodec;
import dev.bulwark.ledger.state.SignedTx;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bulwark gov propose | approve | submit | action}: k-of-n governance through ledger
 * transactions.  A proposal file holds the proposal's canonical encoding (the ledger's
 * ProposalCodec: kind, chain, governance nonce, payload; keys by registry index) and the SHA-256
 * of the bytes owners sign (dev.bulwark.net.GovernanceCodec's approval encoding: domain
 * "bulwark/governance/v1", purpose, chain, nonce, payload with raw keys), so an approval is for
 * one chain, one nonce and one purpose.  Owner-management kinds name keys: they need the
 * governance key registry ({@code --registry}, one hex key per line in index order, as the
 * ledger's configuration lists them).
 */
@Command(name = "gov", mixinStandardHelpOptions = true, description = "k-of-n governance transactions.",
        subcommands = {GovCommand.Propose.class, GovCommand.Approve.class, GovCommand.Submit.class,
                GovCommand.Action.class})
final class GovCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    // ------------------------------------------------------------------------------ files

    /** The registry: raw 32-byte keys in index order (empty without a file). */
    static byte[][] registry(Path p) {
        if (p == null) {
            return new byte[0][];
        }
        String text;
        try {
            if (java.nio.file.Files.size(p) > Files2.MAX_FILE_BYTES) {
                throw new CliException(p + ": larger than " + Files2.MAX_FILE_BYTES + " bytes");
            }
            text = java.nio.file.Files.readString(p);
        } catch (java.io.IOException e) {
            throw new CliException(p + ": cannot read (" + e.getMessage() + ")");
        }
        List<byte[]> keys = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] k = Files2.hex(line, p + ": key " + keys.size());
            if (k.length != AccountKey.BYTES) {
                throw new CliException(p + ": key " + keys.size() + " is not 32 bytes");
            }
            keys.add(k);
        }
        if (keys.size() > dev.bulwark.governance.Governance.MAX_KEYS) {
            throw new CliException(p + ": more than " + dev.bulwark.governance.Governance.MAX_KEYS + " keys");
        }
        return keys.toArray(new byte[0][]);
    }

    static int registryIndex(byte[][] reg, String hex, String what) {
        if (hex == null) {
            throw new CliException(what + " is required for this kind");
        }
        byte[] k = Files2.hex(hex, what);
        for (int i = 0; i < reg.length; i++) {
            if (Arrays.equals(reg[i], k)) {
                return i;
            }
        }
        throw new CliException(what + ": not in the governance key registry (--registry)");
    }

    static byte[] approvalHash(Proposal p, byte[][] reg) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(TxSignatures.approvalBytes(p, reg));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot encode the proposal: " + e.getMessage() + " (--registry?)");
        }
    }

    /** Reads a proposal file and checks its approval hash under this registry. */
    static Proposal readProposal(Path f, byte[][] reg) {
        Map<String, String> m = Files2.read(f, "proposal", "proposal", "approval-hash");
        byte[] enc = Files2.hex(m.get("proposal"), f + ": proposal");
        Proposal p;
        try {
            p = ProposalCodec.read(enc, 0, enc.length);
        } catch (dev.bulwark.ledger.state.StateException e) {
            throw new CliException(f + ": not a proposal encoding");
        }
        if (ProposalCodec.bytes(p) != enc.length) {
            throw new CliException(f + ": trailing bytes after the proposal");
        }
        if (!Arrays.equals(approvalHash(p, reg), Files2.hex(m.get("approval-hash"), f + ": approval-hash"))) {
            throw new CliException(f + ": the approval hash does not match the proposal (altered, or another registry)");
        }
        return p;
    }

    /**
     * Posts the transaction to a node's API ({@code POST /tx?wait=commit}) and prints its answer;
     * a CliException unless it was committed with APPLIED (refused, committed with another result,
     * or the node unreachable).
     */
    static void post(CommandLine.Model.CommandSpec spec, String node, long timeoutMs, SignedTx s) {
        ApiClient.Answer a;
        try {
            a = new ApiClient(node).submit(TxCodec.encode(s), true, timeoutMs);
        } catch (java.io.IOException e) {
            throw new CliException("cannot reach " + node + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        spec.commandLine().getOut().println(a.body);
        if (!a.ok() || !"APPLIED".equals(a.body.path("result").asText())) {
            throw new CliException("not applied: HTTP " + a.status + " " + a.body);
        }
    }

    static void output(CommandLine.Model.CommandSpec spec, Path out, SignedTx s) {
        String hex = Files2.HEX.formatHex(TxCodec.encode(s));
        if (out == null) {
            spec.commandLine().getOut().println(hex);
        } else {
            Files2.write(out, hex + "\n");
        }
    }

    // ------------------------------------------------------------------------------ commands

    @Command(name = "propose", mixinStandardHelpOptions = true,
            description = "Write a proposal's canonical encoding and approval hash to a file.")
    static final class Propose implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--chain", required = true, description = "the ledger's chain id") long chain;
        @Option(names = "--nonce", required = true, description = "the governance nonce the proposal is for") long nonce;
        @Option(names = "--kind", required = true,
                description = "set-params, withdraw, set-stake, add-owner, remove-owner, swap-owner, change-threshold, cancel")
        String kind;
        @Option(names = "--im", description = "initial margin, bps") Long im;
        @Option(names = "--mm", description = "maintenance margin, bps") Long mm;
        @Option(names = "--fee", description = "liquidation fee, bps") Long fee;
        @Option(names = "--amount", description = "withdrawal from the insurance fund's surplus") Long amount;
        @Option(names = "--reporter", description = "oracle reporter index") Integer reporter;
        @Option(names = "--stake", description = "the reporter's new stake (>= 1)") Long stake;
        @Option(names = "--owner", description = "owner key (hex) to add or remove") String owner;
        @Option(names = "--old", description = "owner key (hex) to swap out") String oldKey;
        @Option(names = "--new", description = "key (hex) to swap in") String newKey;
        @Option(names = "--threshold", description = "the threshold after the change") Integer threshold;
        @Option(names = "--registry", description = "governance key registry (hex keys, index order)") Path registry;
        @Option(names = "--out", required = true, description = "the proposal file to write") Path out;

        static <T> T need(T v, String name) {
            if (v == null) {
                throw new CliException("--" + name + " is required for this kind");
            }
            return v;
        }

        Payload payload(byte[][] reg) {
            switch (kind) {
                case "set-params": return new ParamsChange(need(im, "im"), need(mm, "mm"), need(fee, "fee"));
                case "withdraw": return new FundWithdrawal(need(amount, "amount"));
                case "set-stake": return new StakeChange(need(reporter, "reporter"), need(stake, "stake"));
                case "add-owner": return new OwnerAddition(registryIndex(reg, owner, "--owner"), need(threshold, "threshold"));
                case "remove-owner": return new OwnerRemoval(registryIndex(reg, owner, "--owner"), need(threshold, "threshold"));
                case "swap-owner": return new OwnerSwap(registryIndex(reg, oldKey, "--old"), registryIndex(reg, newKey, "--new"));
                case "change-threshold": return new ThresholdChange(need(threshold, "threshold"));
                case "cancel": return new Cancellation();
                default: throw new CliException("unknown kind '" + kind + "'");
            }
        }

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                if (nonce < 0) {
                    throw new CliException("--nonce: a governance nonce is >= 0");
                }
                byte[][] reg = registry(registry);
                Proposal p = new Proposal(payload(reg), chain, nonce);
                byte[] hash = approvalHash(p, reg);
                Files2.write(out, "# bulwark governance proposal: " + p + "\n"
                        + "proposal=" + Files2.HEX.formatHex(ProposalCodec.encode(p)) + "\n"
                        + "approval-hash=" + Files2.HEX.formatHex(hash) + "\n");
                spec.commandLine().getOut().println(Files2.HEX.formatHex(hash));
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Sign a proposal with an owner's key (domain bulwark/governance/v1, purpose approval).")
    static final class Approve implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--proposal", required = true) Path proposal;
        @Option(names = "--key", required = true, description = "the approving owner's key file") Path key;
        @Option(names = "--registry") Path registry;
        @Option(names = "--out", required = true, description = "the approval file to write") Path out;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                byte[][] reg = registry(registry);
                Proposal p = readProposal(proposal, reg);
                KeyFile k = KeyFile.read(key);
                byte[] sig = TxSignatures.approve(p, reg, k.pair.getPrivate());
                Files2.write(out, "# bulwark governance approval\n"
                        + "proposal=" + Files2.HEX.formatHex(ProposalCodec.encode(p)) + "\n"
                        + "approver=" + Files2.HEX.formatHex(k.key.toBytes()) + "\n"
                        + "signature=" + Files2.HEX.formatHex(sig) + "\n");
            });
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Encode the GovPropose ledger transaction: the proposer's proposal with the collected approvals.")
    static final class Submit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--proposal", required = true) Path proposal;
        @Option(names = "--approval", description = "an approval file (repeat, in order)") List<Path> approvals = new ArrayList<>();
        @Option(names = "--key", required = true, description = "the proposer's key file (an owner; its signature is its approval)")
        Path key;
        @Option(names = "--nonce", required = true, description = "the proposer key's next ledger nonce") long nonce;
        @Option(names = "--chain", required = true) long chain;
        @Option(names = "--registry") Path registry;
        @Option(names = "--out", description = "write the transaction (hex) here instead of stdout") Path out;
        @Option(names = "--node", description = "post it to this node's API (wait for commit) instead of writing it") String node;
        @Option(names = "--timeout-ms", defaultValue = "10000", description = "with --node: the commit wait (default ${DEFAULT-VALUE})")
        long timeoutMs;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                byte[][] reg = registry(registry);
                Proposal p = readProposal(proposal, reg);
                KeyFile k = KeyFile.read(key);
                if (approvals.size() > GovPropose.MAX_APPROVERS) {
                    throw new CliException("at most " + GovPropose.MAX_APPROVERS + " approvals per transaction");
                }
                if (p.chainId() != chain) {
                    throw new CliException("the proposal is for chain " + p.chainId() + ", not " + chain);
                }
                AccountKey[] approvers = new AccountKey[approvals.size()];
                byte[][] sigs = new byte[approvals.size()][];
                for (int i = 0; i < approvers.length; i++) {
                    Path f = approvals.get(i);
                    Map<String, String> m = Files2.read(f, "approval", "proposal", "approver", "signature");
                    if (!Arrays.equals(Files2.hex(m.get("proposal"), f + ": proposal"), ProposalCodec.encode(p))) {
                        throw new CliException(f + ": approves another proposal");
                    }
                    byte[] a = Files2.hex(m.get("approver"), f + ": approver");
                    if (a.length != AccountKey.BYTES) {
                        throw new CliException(f + ": an approver key is 32 bytes");
                    }
                    approvers[i] = AccountKey.of(a);
                    sigs[i] = Files2.hex(m.get("signature"), f + ": signature");
                    if (approvers[i].sameKey(k.key)) {
                        throw new CliException(f + ": the proposer's own approval is its transaction signature");
                    }
                    for (int j = 0; j < i; j++) {
                        if (approvers[j].sameKey(approvers[i])) {
                            throw new CliException(f + ": a second approval by the same key");
                        }
                    }
                    if (!TxSignatures.verifyApproval(p, reg, approvers[i], sigs[i])) {
                        throw new CliException(f + ": the signature is not this key's approval of this proposal");
                    }
                }
                GovPropose t = new GovPropose(chain, k.key, nonce, p, approvers);
                if (!t.wellFormed()) {
                    throw new CliException("not a well-formed transaction (nonce >= 1)");
                }
                SignedTx signed = TxSignatures.signPropose(t, k.pair.getPrivate(), sigs);
                if (node != null) {
                    post(spec, node, timeoutMs, signed);
                } else {
                    output(spec, out, signed);
                }
            });
        }
    }

    @Command(name = "action", mixinStandardHelpOptions = true,
            description = "Encode a GovApprove, GovRetract, GovQueue, GovExecute or GovCancel ledger transaction.")
    static final class Action implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Option(names = "--type", required = true, description = "approve, retract, queue, execute, cancel") String type;
        @Option(names = "--slot", defaultValue = "0", description = "the proposer's registry index (not for retract)") int slot;
        @Option(names = "--key", required = true, description = "the signing governance key file") Path key;
        @Option(names = "--nonce", required = true, description = "the key's next ledger nonce") long nonce;
        @Option(names = "--chain", required = true) long chain;
        @Option(names = "--out") Path out;
        @Option(names = "--node", description = "post it to this node's API (wait for commit) instead of writing it") String node;
        @Option(names = "--timeout-ms", defaultValue = "10000", description = "with --node: the commit wait (default ${DEFAULT-VALUE})")
        long timeoutMs;

        @Override
        public Integer call() {
            return Cli.run(spec, () -> {
                int ty;
                switch (type) {
                    case "approve": ty = Transaction.GOV_APPROVE; break;
                    case "retract": ty = Transaction.GOV_RETRACT; break;
                    case "queue": ty = Transaction.GOV_QUEUE; break;
                    case "execute": ty = Transaction.GOV_EXECUTE; break;
                    case "cancel": ty = Transaction.GOV_CANCEL; break;
                    default: throw new CliException("unknown type '" + type + "'");
                }
                KeyFile k = KeyFile.read(key);
                GovAction t = new GovAction(ty, chain, k.key, nonce, ty == Transaction.GOV_RETRACT ? 0 : slot);
                if (!t.wellFormed()) {
                    throw new CliException("not a well-formed transaction (nonce >= 1, slot 0.." + GovAction.MAX_SLOT + ")");
                }
                if (node != null) {
                    post(spec, node, timeoutMs, TxSignatures.sign(t, k.pair));
                } else {
                    output(spec, out, TxSignatures.sign(t, k.pair));
                }
            });
        }
    }
}
