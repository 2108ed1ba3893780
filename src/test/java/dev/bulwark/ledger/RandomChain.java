package dev.bulwark.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random blocks for the property tests and benchmarks: a realistic mix of mostly admissible
 * transactions (read off a reference ledger's nonces), with a share of bad ones -- replays, nonce
 * gaps, wrong chain, unknown signers, malformed numbers -- and reporters walking the price.
 * Accounts are created by first deposits of fresh keys.
 */
public final class RandomChain {
    private final SplittableRandom rnd;
    private final int targetAccounts;
    private final int reporters;
    private long truePrice;
    private int freshKeys;
    private final boolean malformed;

    /** Blocks that may hold malformed transactions (in memory only: the codec cannot carry them). */
    public RandomChain(long seed, int targetAccounts, int reporters, long startPrice) {
        this(seed, targetAccounts, reporters, startPrice, true);
    }

    public RandomChain(long seed, int targetAccounts, int reporters, long startPrice, boolean malformed) {
        this.malformed = malformed;
        this.rnd = new SplittableRandom(seed);
        this.targetAccounts = targetAccounts;
        this.reporters = reporters;
        this.truePrice = startPrice;
    }

    /** The next block for ledger l (not applied), of about n transactions. */
    public Block next(Ledger l, int n) {
        List<Transaction> txs = new ArrayList<>();
        LedgerConfig cfg = l.config();
        long lo = cfg.oracle().minPrice;
        long hi = cfg.oracle().maxPrice;
        // the true price walks; most reporters report near it, one sometimes far off
        truePrice = Math.max(lo, Math.min(hi, truePrice + rnd.nextLong(-20, 21)));
        // nonces used inside this block, per account (the reference ledger is one block behind)
        long[] used = new long[l.accounts() + n + 1];
        long[] rused = new long[reporters];
        for (int r = 0; r < reporters; r++) {
            long px = rnd.nextInt(10) == 0 ? lo + rnd.nextLong(hi - lo + 1)
                    : Math.max(lo, Math.min(hi, truePrice + rnd.nextLong(-2, 3)));
            txs.add(new Report(cfg.chainId(), cfg.reporter(r), l.reporterNonce(r) + (++rused[r]), px));
        }
        int accounts = l.accounts();
        int fresh = 0;
        while (txs.size() < n) {
            int kind = rnd.nextInt(100);
            if (kind < 12 || accounts < 4 || (accounts + fresh < targetAccounts && rnd.nextInt(4) == 0)) {
                // a deposit: a fresh key (creating an account) while below the target, else an existing one
                if (accounts + fresh < targetAccounts && rnd.nextInt(5) != 0) {
                    fresh++;
                    AccountKey k = Fixtures.key(77, freshKeys++);
                    txs.add(new Deposit(cfg.chainId(), k, 1, 1_000 + rnd.nextLong(1_000_000)));
                } else {
                    int a = rnd.nextInt(accounts);
                    txs.add(new Deposit(cfg.chainId(), l.accountKey(a), nonce(l, used, a), 1 + rnd.nextLong(100_000)));
                }
            } else if (kind < 62) {
                int b = rnd.nextInt(accounts);
                int s = rnd.nextInt(accounts);
                if (b == s) {
                    continue;
                }
                long px = Math.max(lo, Math.min(hi, l.price() + rnd.nextLong(-30, 31)));
                txs.add(new Trade(cfg.chainId(), l.accountKey(b), nonce(l, used, b), l.accountKey(s), nonce(l, used, s),
                        1 + rnd.nextLong(600), px));
            } else if (kind < 67) {
                int a = rnd.nextInt(accounts);
                txs.add(new Withdraw(cfg.chainId(), l.accountKey(a), nonce(l, used, a), 1 + rnd.nextLong(50_000)));
            } else if (kind < 72) {
                int liq = rnd.nextInt(accounts);
                int a = rnd.nextInt(accounts);
                txs.add(new Liquidate(cfg.chainId(), l.accountKey(liq), nonce(l, used, liq), l.accountKey(a),
                        1 + rnd.nextLong(100), l.price() - rnd.nextLong(20)));
            } else if (kind < 78) {
                // a replay: a nonce already used
                int a = rnd.nextInt(accounts);
                if (l.nonce(a) == 0) {
                    continue;
                }
                txs.add(new Deposit(cfg.chainId(), l.accountKey(a), 1 + rnd.nextLong(l.nonce(a)), 5));
            } else if (kind < 81) {
                int a = rnd.nextInt(accounts);
                txs.add(new Deposit(cfg.chainId(), l.accountKey(a), l.nonce(a) + used[a] + 2 + rnd.nextInt(5), 5));   // gap
            } else if (kind < 84) {
                int a = rnd.nextInt(accounts);
                txs.add(new Deposit(cfg.chainId() + 1 + rnd.nextInt(3), l.accountKey(a), l.nonce(a) + used[a] + 1, 5));
            } else if (kind < 87) {
                txs.add(new Withdraw(cfg.chainId(), Fixtures.key(88, rnd.nextLong()), 1, 5));   // unknown signer
            } else if (kind < 89) {
                int a = rnd.nextInt(accounts);
                txs.add(new Trade(cfg.chainId(), l.accountKey(a), l.nonce(a) + used[a] + 1, l.accountKey(a),
                        l.nonce(a) + used[a] + 2, 1, l.price()));   // self-trade: unknown signer
            } else if (kind < 91) {
                if (!malformed) {
                    continue;
                }
                int a = rnd.nextInt(accounts);
                txs.add(new Deposit(cfg.chainId(), l.accountKey(a), l.nonce(a) + used[a] + 1, -rnd.nextLong(10)));  // malformed
            } else if (kind < 93) {
                txs.add(new Report(cfg.chainId(), l.accountKey(rnd.nextInt(accounts)), 1, truePrice));  // non-reporter
            } else {
                int b = rnd.nextInt(accounts);
                int s = rnd.nextInt(accounts);
                if (b == s) {
                    continue;
                }
                // a large trade at the band's edge: often refused by the margin rule
                txs.add(new Trade(cfg.chainId(), l.accountKey(b), nonce(l, used, b), l.accountKey(s), nonce(l, used, s),
                        500 + rnd.nextLong(1_000), l.price() + rnd.nextLong(-60, 61)));
            }
        }
        return new Block(cfg.chainId(), l.height() + 1, txs.toArray(new Transaction[0]));
    }

    /** The next nonce of account a in this block (its ledger nonce + what the block already used). */
    private static long nonce(Ledger l, long[] used, int a) {
        return l.nonce(a) + (++used[a]);
    }

    public long truePrice() {
        return truePrice;
    }
}
