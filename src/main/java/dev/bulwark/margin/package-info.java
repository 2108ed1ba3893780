/**
 * The verified core of the margin engine: the Java image of {@code spec/margin/Margin.tla}.
 *
 * <p>One spec action = one method = one JML contract:
 * <table>
 *   <caption>Spec actions and their methods</caption>
 *   <tr><th>TLA+ action</th><th>guard operator</th><th>method</th><th>enabling predicate</th></tr>
 *   <tr><td>Deposit(a, x)</td><td>DepositGuard</td><td>{@link dev.bulwark.margin.MarginEngine#deposit}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canDeposit}</td></tr>
 *   <tr><td>Withdraw(a, x)</td><td>WithdrawGuard</td><td>{@link dev.bulwark.margin.MarginEngine#withdraw}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canWithdraw}</td></tr>
 *   <tr><td>Trade(b, s, q, px)</td><td>TradeGuard</td><td>{@link dev.bulwark.margin.MarginEngine#trade}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canTrade}</td></tr>
 *   <tr><td>SetPrice(px)</td><td>SetPriceGuard</td><td>{@link dev.bulwark.margin.MarginEngine#setPrice}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canSetPrice}</td></tr>
 *   <tr><td>Liquidate(a, l, q, px)</td><td>LiquidateGuard</td><td>{@link dev.bulwark.margin.MarginEngine#liquidate}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canLiquidate}</td></tr>
 *   <tr><td>Deleverage(a, c)</td><td>DeleverageGuard (ranking the accounts that CanAbsorb the step)</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#deleverage}</td>
 *       <td>{@link dev.bulwark.margin.MarginEngine#canDeleverage}</td></tr>
 *   <tr><td>Init</td><td></td><td>{@link dev.bulwark.margin.MarginEngine#MarginEngine(MarginParams, int, long)}</td><td></td></tr>
 * </table>
 *
 * <p>Spec operators and their Java counterparts: Equity = {@code equity}, ImReq =
 * {@code initialRequirement}, MmReq = {@code maintenanceRequirement}, Liquidatable =
 * {@code liquidatable}, BpsUp = {@link dev.bulwark.margin.MarginMath#bpsUp}, {@code \div} =
 * {@link dev.bulwark.margin.MarginMath#floorDiv}, AcceptableOf =
 * {@link dev.bulwark.margin.MarginMath#acceptable}, InBand = {@link dev.bulwark.margin.MarginMath#inBand}.
 * Any spec state can be loaded with {@link dev.bulwark.margin.MarginEngine#fromState}.
 *
 * <p>Tests: {@code MarginEngineTest} (hand-computed cases, every refusal), {@code SpecEdgeCasesTest}
 * and {@code SpecConformanceTest} (against {@code SpecModel}, the spec transliterated in unbounded
 * integers; the latter over every state of MC.cfg), {@code MarginPropertiesTest} (jqwik, hard caps),
 * {@code MarginBoundsPropertyTest} (jqwik, MaxCollateral just above its smallest valid value: every
 * action keeps every balance within it).
 */
package dev.bulwark.margin;
