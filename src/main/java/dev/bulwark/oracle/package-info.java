/**
 * The fault-tolerant price oracle (verified core): the Java image of spec/oracle/Oracle.tla.
 *
 * <p>{@link dev.bulwark.oracle.Oracle} is the state machine (one method per TLA+ action),
 * {@link dev.bulwark.oracle.WeightedMedian} the lower weighted median with the honest-range
 * theorem in its contract, {@link dev.bulwark.oracle.OracleParams} the validated constants,
 * {@link dev.bulwark.oracle.OracleException} with {@link dev.bulwark.oracle.Reason} the typed
 * refusals.  Deterministic, no I/O; signatures and wire formats live in {@code dev.bulwark.net}.
 */
package dev.bulwark.oracle;
