/**
 * The validator node (shell): {@link dev.bulwark.node.NodeCore}, a single-threaded deterministic
 * event handler that drives the consensus core, the replica, the mempool, the proposal blocks and
 * catch-up, with time, the network and storage reaching it only through small interfaces
 * ({@link dev.bulwark.node.Clock}, {@link dev.bulwark.node.Timers}, {@link dev.bulwark.node.Transport},
 * {@link dev.bulwark.node.ConsensusWal}, {@link dev.bulwark.node.CommitStore} and the replica's
 * BlockStore). Frames: {@link dev.bulwark.node.Frames}; refusals: {@link dev.bulwark.node.Reason}.
 * See README.md in this folder (architecture, the WAL rule, frames and bounds, status).
 */
package dev.bulwark.node;
