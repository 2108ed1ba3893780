/**
 * The verified core of the replicated ledger: the Java image of {@code spec/ledger/LedgerApp.tla},
 * one replica's application.  {@link dev.bulwark.ledger.Ledger#apply} takes a decided block and
 * returns a result per transaction and the new app hash; deterministic, no I/O, no clocks, no
 * threads.  Margin and oracle are {@link dev.bulwark.margin.MarginEngine} and
 * {@link dev.bulwark.oracle.Oracle}, called through their public actions from {@code Ledger} only.
 *
 * <p>One spec function = one method = one JML contract:
 * <table>
 *   <caption>LedgerApp functions and their methods</caption>
 *   <tr><th>LedgerApp.tla</th><th>method</th></tr>
 *   <tr><td>Genesis</td><td>{@link dev.bulwark.ledger.Ledger#Ledger(LedgerConfig)}</td></tr>
 *   <tr><td>ApplyBlock(s, b)</td><td>{@link dev.bulwark.ledger.Ledger#apply(Block)} (frame: {@link dev.bulwark.ledger.Ledger#validBlock})</td></tr>
 *   <tr><td>[s EXCEPT !.codes = &lt;&lt;&gt;&gt;]</td><td>{@link dev.bulwark.ledger.Ledger#beginBlock()}</td></tr>
 *   <tr><td>ApplyTx(s, t), TxCode(s, t)</td><td>{@link dev.bulwark.ledger.Ledger#applyTx(Transaction)}</td></tr>
 *   <tr><td>EndBlock(s)</td><td>{@link dev.bulwark.ledger.Ledger#endBlock()} (last step: {@link dev.bulwark.ledger.Ledger#advanceHeight()})</td></tr>
 *   <tr><td>CloseAggregate(s)</td><td>{@link dev.bulwark.ledger.Ledger#closeAggregate()}</td></tr>
 *   <tr><td>CloseAdvance(s)</td><td>{@link dev.bulwark.ledger.Ledger#closeAdvance()}</td></tr>
 *   <tr><td>LiquidationPass(m)</td><td>{@link dev.bulwark.ledger.Ledger#liquidationPass()}</td></tr>
 *   <tr><td>DeleverageStep(m, a), DeleverageTarget(m, a)</td><td>{@link dev.bulwark.ledger.Ledger#deleverageStep(int)}, {@link dev.bulwark.ledger.Ledger#deleverageTarget(int)}</td></tr>
 *   <tr><td>BackstopStep(m, a), BackstopLots(m, a)</td><td>{@link dev.bulwark.ledger.Ledger#backstopStep(int)}, {@link dev.bulwark.ledger.Ledger#backstopLots(int)}</td></tr>
 *   <tr><td>GovEndBlock(s)</td><td>{@link dev.bulwark.ledger.Ledger#govEndBlock()}</td></tr>
 *   <tr><td>ApplyTx for GovPropose, GovApprove, GovRetract, GovQueue, GovExecute, GovCancel</td><td>{@code govPropose}, {@code govApprove}, {@code govRetract}, {@code govQueue}, {@code govExecute}, {@code govCancel}</td></tr>
 * </table>
 *
 * <p>Transactions are immutable final classes ({@link dev.bulwark.ledger.Deposit},
 * {@link dev.bulwark.ledger.Withdraw}, {@link dev.bulwark.ledger.Trade},
 * {@link dev.bulwark.ledger.Report}, {@link dev.bulwark.ledger.Liquidate},
 * {@link dev.bulwark.ledger.GovPropose}, {@link dev.bulwark.ledger.GovAction}) whose signatures the
 * shell has checked; their canonical encoding, the block hash, the app-hash tree and snapshots
 * are in {@code dev.bulwark.ledger.state} (not in the verified set: hashing and byte layouts).
 * Results: {@link dev.bulwark.ledger.TxCode}; refusals of a call as a whole:
 * {@link dev.bulwark.ledger.LedgerException} with a {@link dev.bulwark.ledger.Reason}.  The
 * rules, the bounds and the measured figures are in {@code spec/ledger/README.md}.
 */
package dev.bulwark.ledger;
