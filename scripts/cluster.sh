#!/usr/bin/env bash
# make cluster: a four-validator test network on loopback, one process per node, each serving its
# HTTP API; `bulwark load` drives signed deposits through the four APIs (wait=commit) and prints
# every second the transactions acknowledged as committed, tx/s and commit latency p50/p99, until
# stopped (Ctrl-C stops everything). CLUSTER_SECONDS=N stops after N seconds; CLUSTER_TPS sets the
# target rate (default 200). Node logs (height, round, stored height every second) in target/cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${CLUSTER_DIR:-target/cluster}
CP="target/classes:$(cat target/cluster.classpath)"
rm -rf "$D"
java -cp "$CP" dev.bulwark.cli.Bulwark testnet init --validators 4 --accounts "${CLUSTER_ACCOUNTS:-5}" --dir "$D" --base-port 0
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM
urls=()
for i in 0 1 2 3; do
  java -Xmx512m -cp "$CP" dev.bulwark.cli.Bulwark node --home "$D/node$i" > "$D/node$i.log" 2>&1 &
  pids+=($!)
  urls+=("http://$(sed -n 's/^http=//p' "$D/node$i/node.properties")")
done
echo "four nodes started (logs in $D/node*.log), APIs: ${urls[*]}; Ctrl-C stops them"
nodes=$(IFS=,; echo "${urls[*]}")
java -Xmx256m -cp "$CP" dev.bulwark.cli.Bulwark load --node "$nodes" --clients "$D/clients" --tps "${CLUSTER_TPS:-200}" --batch "${CLUSTER_BATCH:-1}" \
  --seconds "${CLUSTER_SECONDS:-0}" --warmup "${CLUSTER_WARMUP:-0}" ${CLUSTER_PRESIGN:+--presign} || true
for i in 0 1 2 3; do tail -n 1 "$D/node$i.log"; done
