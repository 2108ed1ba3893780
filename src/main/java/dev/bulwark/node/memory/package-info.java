/**
 * In-memory implementations of the node's interfaces: {@link dev.bulwark.node.memory.SimNetwork}
 * (a virtual clock, a timer queue and a transport with seeded latency, loss and partitions, one
 * deterministic event loop), {@link dev.bulwark.node.memory.MemoryWal} (loses what was not synced
 * on a crash) and {@link dev.bulwark.node.memory.MemoryCommitStore}. The node's tests run on
 * them; the deterministic simulator builds on them.
 */
package dev.bulwark.node.memory;
