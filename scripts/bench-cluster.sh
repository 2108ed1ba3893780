#!/usr/bin/env bash
# make bench-cluster: four validator processes on loopback (scripts/cluster.sh: RocksDB homes,
# Netty over TCP, each node checks every transaction signature of every block it votes on) driven
# by `bulwark load` at BENCH_TPS (default 4000; BENCH_ACCOUNTS genesis accounts, default 64 (63 clients
# and the backstop), each with at most 32 transactions in flight; BENCH_BATCH transactions per
# POST /txs, default 32, 1 for one POST /tx each) for BENCH_SECONDS (default 40) after a BENCH_WARMUP s (default 60)
# warm-up; the client signs all its deposits before the run (`--presign`; BENCH_PRESIGN= empty: it signs as it
# goes, on the nodes' cores); then, in the same run, `bulwark verify-rate` measures single-thread Ed25519
# verifications/s (Bouncy Castle). Prints committed tx/s, commit latency p50/p99, the signature
# bound = cores x single-core verifications/s / nodes, and the ratio against the target (>= 1/2).
set -euo pipefail
cd "$(dirname "$0")/.."
D=target/bench-cluster
mkdir -p target
WARM=${BENCH_WARMUP:-60}
SECS=${BENCH_SECONDS:-40}
CP="target/classes:$(cat target/cluster.classpath)"
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg)"
# the single-core rate is measured before and after the cluster (the machine may be shared): the
# larger of the two makes the bound, which is the stricter choice
java -cp "$CP" dev.bulwark.cli.Bulwark verify-rate --seconds 5 | sed 's/^verify-rate:/verify-rate (before):/' | tee target/bench-cluster.before
CLUSTER_DIR=$D CLUSTER_ACCOUNTS=${BENCH_ACCOUNTS:-64} CLUSTER_TPS=${BENCH_TPS:-4000} CLUSTER_PRESIGN=${BENCH_PRESIGN-1} CLUSTER_BATCH=${BENCH_BATCH:-32} CLUSTER_SECONDS=$((SECS + WARM)) CLUSTER_WARMUP=$WARM \
  scripts/cluster.sh | tee target/bench-cluster.out
java -cp "$CP" dev.bulwark.cli.Bulwark verify-rate --seconds 5 | tee -a target/bench-cluster.out
cat target/bench-cluster.before >> target/bench-cluster.out
echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)" | tee -a target/bench-cluster.out
cores=$(nproc)
total=$(grep '^load total:' target/bench-cluster.out | tail -n 1)
rate=$(sed -n 's/^verify-rate[ (a-z)]*: \([0-9]*\) .*/\1/p' target/bench-cluster.out | sort -n | tail -n 1)
tps=$(echo "$total" | sed -n 's/.*: \([0-9.]*\) tx\/s.*/\1/p')
if [ -z "$total" ] || [ -z "$rate" ]; then echo "bench-cluster: no result"; exit 1; fi
awk -v tps="$tps" -v rate="$rate" -v cores="$cores" -v nodes=4 'BEGIN {
  bound = cores * rate / nodes; ratio = tps / bound;
  printf "bench-cluster: %.1f committed tx/s; signature bound %d cores x %d verifications/s / %d nodes = %.0f tx/s; ratio %.3f, target >= 0.5: %s\n",
    tps, cores, rate, nodes, bound, ratio, (ratio >= 0.5 ? "MET" : "MISSED") }' | tee -a target/bench-cluster.out
