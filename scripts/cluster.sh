#!/usr/bin/env bash
# make cluster: a four-validator test network on loopback, one process per node, node 0 driving
# signed deposits; prints node 0's status (height, round, stored height) and the load line
# (committed tx/s, commit latency p50/p99) every second until stopped (Ctrl-C stops all four).
# CLUSTER_SECONDS=N stops after N seconds; CLUSTER_TPS sets the target rate (default 200).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${CLUSTER_DIR:-target/cluster}
CP="target/classes:$(cat target/cluster.classpath)"
rm -rf "$D"
java -cp "$CP" dev.bulwark.cli.Bulwark testnet init --validators 4 --dir "$D" --base-port 0
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
for i in 1 2 3; do
  java -Xmx512m -cp "$CP" dev.bulwark.cli.Bulwark node --home "$D/node$i" > "$D/node$i.log" 2>&1 &
  pids+=($!)
done
java -Xmx512m -cp "$CP" dev.bulwark.cli.Bulwark node --home "$D/node0" --drive "$D/clients" --drive-tps "${CLUSTER_TPS:-200}" \
  > "$D/node0.log" 2>&1 &
pids+=($!)
echo "four nodes started (logs in $D/node*.log); Ctrl-C stops them"
if [ -n "${CLUSTER_SECONDS:-}" ]; then
  timeout "$CLUSTER_SECONDS" tail -n +1 -f "$D/node0.log" || true
  for i in 1 2 3; do tail -n 1 "$D/node$i.log"; done
else
  tail -n +1 -f "$D/node0.log"
fi
