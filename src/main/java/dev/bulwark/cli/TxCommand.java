package dev.bulwark.cli;

import dev.bulwark.ledger.AccountKey;
import dev.bulwark.ledger.Deposit;
import dev.bulwark.ledger.LedgerException;
import dev.bulwark.ledger.Report;
import dev.bulwark.ledger.Trade;
import dev.bulwark.ledger.Transaction;
import dev.bulwark.ledger.Withdraw;
import dev.bulwark.ledger.state.TxCodec;
import dev.bulwark.ledger.state.TxSignatures;
import dev.bulwark.net.Ed25519;
import dev.bulwark.node.real.Testnet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bulwark tx deposit|withdraw|trade|report ... --node URL --key FILE}: signs a transaction
 * with the key file's Ed25519 seed (hex, as {@code testnet init} writes them), submits it to the
 * node's HTTP API and, unless {@code --no-wait}, waits for its commit. The chain id is the node's
 * (GET /status) unless given; an account's nonce is its committed nonce + 1 (GET /account) unless
 * given; a reporter's nonce must be given. Prints the node's JSON answer; exit 0 when committed
 * with result APPLIED (or admitted, with --no-wait), 1 when refused, not applied, or unreachable.
 */
@Command(name = "tx", description = "Signs and submits a transaction through a node's HTTP API.",
        subcommands = {TxCommand.DepositCmd.class, TxCommand.WithdrawCmd.class, TxCommand.TradeCmd.class, TxCommand.ReportCmd.class})
public final class TxCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every transaction takes. */
    static final class Common {
        @Option(names = "--node", required = true, description = "The node's API, e.g. http://127.0.0.1:26750")
        String node;

        @Option(names = "--key", required = true, description = "The signer's key file (32-byte Ed25519 seed, hex).")
        Path key;

        @Option(names = "--nonce", description = "The signer's nonce (default: committed nonce + 1, from the node).")
        Long nonce;

        @Option(names = "--chain-id", description = "The chain id (default: the node's).")
        Long chainId;

        @Option(names = "--no-wait", description = "Return once admitted to the mempool instead of waiting for commit.")
        boolean noWait;

        @Option(names = "--timeout-ms", defaultValue = "10000", description = "How long the node waits for commit (1..30000; default ${DEFAULT-VALUE}).")
        long timeoutMs;
    }

    /** Base of the four commands: signs what {@link #build} returns and submits it. */
    abstract static class Submit implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        Common c = new Common();

        abstract Transaction build(ApiClient api, long chain, KeyPair signer, long nonce) throws Exception;

        /** The second signer of a two-signer transaction (trade), else null. */
        KeyPair second() throws IOException {
            return null;
        }

        boolean accountNonce() {
            return true;
        }

        @Override
        public Integer call() throws Exception {
            java.io.PrintWriter out = spec.commandLine().getOut();
            java.io.PrintWriter err = spec.commandLine().getErr();
            try {
                ApiClient api = new ApiClient(c.node);
                KeyPair signer = Ed25519.keyPair(Testnet.readSeed(c.key));
                long chain;
                if (c.chainId != null) {
                    chain = c.chainId;
                } else {
                    ApiClient.Answer s = api.get("/status");
                    if (!s.ok()) {
                        err.println(s);
                        return 1;
                    }
                    chain = s.body.get("chainId").asLong();
                }
                long nonce;
                if (c.nonce != null) {
                    nonce = c.nonce;
                } else if (accountNonce()) {
                    nonce = nextNonce(api, signer);
                } else {
                    err.println("tx: --nonce is required for this transaction");
                    return 2;
                }
                Transaction t = build(api, chain, signer, nonce);
                KeyPair second = second();
                byte[] tx = TxCodec.encode(second == null ? TxSignatures.sign(t, signer) : TxSignatures.sign(t, signer, second));
                ApiClient.Answer a = api.submit(tx, !c.noWait, c.timeoutMs);
                boolean good = a.ok() && (c.noWait || "APPLIED".equals(a.body.path("result").asText()));
                (good ? out : err).println(a);
                return good ? 0 : 1;
            } catch (IOException e) {
                err.println("tx: " + e.getMessage());
                return 1;
            } catch (LedgerException e) {
                err.println("tx: not a transaction: " + e.getMessage());
                return 2;
            } finally {
                out.flush();
                err.flush();
            }
        }

        static long nextNonce(ApiClient api, KeyPair k) throws IOException, InterruptedException {
            String hex = ApiClient.HEX.formatHex(TxSignatures.keyOf(k.getPublic()).toBytes());
            ApiClient.Answer a = api.get("/account/" + hex);
            if (!a.ok()) {
                throw new IOException("account " + hex + ": " + a);
            }
            return a.body.get("nonce").asLong() + 1;
        }
    }

    @Command(name = "deposit", description = "Deposits collateral into the signer's account.")
    static final class DepositCmd extends Submit {
        @Option(names = "--amount", required = true)
        long amount;

        @Override
        Transaction build(ApiClient api, long chain, KeyPair signer, long nonce) throws Exception {
            return new Deposit(chain, TxSignatures.keyOf(signer.getPublic()), nonce, amount);
        }
    }

    @Command(name = "withdraw", description = "Withdraws collateral from the signer's account.")
    static final class WithdrawCmd extends Submit {
        @Option(names = "--amount", required = true)
        long amount;

        @Override
        Transaction build(ApiClient api, long chain, KeyPair signer, long nonce) throws Exception {
            return new Withdraw(chain, TxSignatures.keyOf(signer.getPublic()), nonce, amount);
        }
    }

    @Command(name = "trade", description = "A trade: --key is the buyer's, --seller-key the seller's; both sign.")
    static final class TradeCmd extends Submit {
        @Option(names = "--seller-key", required = true, description = "The seller's key file.")
        Path sellerKey;

        @Option(names = "--seller-nonce", description = "The seller's nonce (default: committed nonce + 1).")
        Long sellerNonce;

        @Option(names = "--lots", required = true)
        long lots;

        @Option(names = "--price", required = true)
        long price;

        private KeyPair seller;

        @Override
        KeyPair second() throws IOException {
            return seller;
        }

        @Override
        Transaction build(ApiClient api, long chain, KeyPair buyer, long nonce) throws Exception {
            seller = Ed25519.keyPair(Testnet.readSeed(sellerKey));
            long sn = sellerNonce != null ? sellerNonce : nextNonce(api, seller);
            AccountKey b = TxSignatures.keyOf(buyer.getPublic());
            return new Trade(chain, b, nonce, TxSignatures.keyOf(seller.getPublic()), sn, lots, price);
        }
    }

    @Command(name = "report", description = "An oracle price report, signed by a reporter's key (--nonce required).")
    static final class ReportCmd extends Submit {
        @Option(names = "--price", required = true)
        long price;

        @Override
        boolean accountNonce() {
            return false;
        }

        @Override
        Transaction build(ApiClient api, long chain, KeyPair signer, long nonce) throws Exception {
            return new Report(chain, TxSignatures.keyOf(signer.getPublic()), nonce, price);
        }
    }
}
