/**
 * A replica of {@code spec/ledger/Ledger.tla} (shell, no real I/O): {@link dev.bulwark.replica.Replica}
 * stores decided blocks with their commit certificates in a {@link dev.bulwark.replica.BlockStore},
 * applies them in height order to its {@link dev.bulwark.ledger.Ledger}, snapshots, acknowledges,
 * crashes, restarts and catches up (fetching certified blocks from a peer, or restoring a peer's
 * snapshot checked against a trusted app hash).  The node drives it over the network (with a
 * disk-backed store), the simulator and the conformance suite in memory
 * ({@link dev.bulwark.replica.MemoryBlockStore}).  Refusals: {@link dev.bulwark.replica.ReplicaException}
 * with a {@link dev.bulwark.replica.Reason}, the replica unchanged.
 */
package dev.bulwark.replica;
