/**
 * The node's disk storage: one RocksDB database per validator holding the replica's block store,
 * the node's commit store and the consensus write-ahead log ({@link dev.bulwark.node.store.RocksNodeStore}).
 */
package dev.bulwark.node.store;
