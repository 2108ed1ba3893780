#!/usr/bin/env bash
# make verify's runner for one verified package (make verify calls it once per package).
#
#   scripts/verify.sh PKG OPENJML "ESC_OPTS" WALL_S [FILE ...]
#
# Runs OpenJML ESC over src/main/java/dev/bulwark/PKG/*.java and writes one report per verifier
# run under target/openjml/: PKG.txt for the package's files run together, and, for each file that
# proofs/openjml/batches.tsv splits, PKG.<File>.<k>.txt for its k-th batch of methods (one run with
# --method=<batch>) and PKG.<File>.rest.txt for every method of that file's class in no batch (one
# run with --method=<the class's methods> --exclude=<all batches>), so that no method is left out
# by a stale or short batch list.  Names are passed fully qualified: OpenJML matches a simple name
# in every class the run reaches (VoteKeeper.self as well as Validator.self), which would verify
# other files' methods again.
# A file is split where one verifier run over all of it needs more memory than a machine has
# (the prover's input for a whole class is built before its first proof).
# Each run has the wall-clock limit WALL_S (the verifier can hang). FILE arguments (names such
# as Validator.java) narrow the run to those files of the package.
# Prints the reports written, one "PKG=path@selection" per line, for scripts/OpenJmlReport.java: a
# run reports (skipped methods at least) on every class it reaches, so a batch run counts for its
# own class only (@only=) and the run of the other files for every class but the batched ones
# (@except=).
# A batch name that matches no method of its file is reported as an error in its run's report.
set -u
pkg=$1 openjml=$2 opts=$3 wall=$4
shift 4
dir=src/main/java/dev/bulwark/$pkg
out=target/openjml
batches=proofs/openjml/batches.tsv
mkdir -p "$out"

# The files of the package that batches.tsv splits, and their batches (tab-separated:
# package, file, comma-separated method names; '#' lines are comments).
split_files=$(awk -F'\t' -v p="$pkg" '$1 == p && $0 !~ /^#/ {print $2}' "$batches" 2>/dev/null | sort -u)

wanted() { # wanted FILE [FILE_ARG ...]: is FILE among the FILE arguments (all files when there are none)?
  local f=$1; shift
  [ $# -eq 0 ] && return 0
  for w in "$@"; do [ "$w" = "$f" ] && return 0; done
  return 1
}

run() { # run NAME SELECTION ARGS...: one verifier run, report in $out/NAME.txt
  local name=$1 sel=$2; shift 2
  local start; start=$(date +%s)
  echo "  $name: $openjml $opts $* (wall clock $wall s)" >&2
  # shellcheck disable=SC2086
  timeout "$wall" "$openjml" $opts -sourcepath src/main/java "$@" > "$out/$name.txt" 2>&1
  echo "  $name: exit $?, $(( $(date +%s) - start )) s" >&2
  echo "$pkg=$out/$name.txt@$sel"
}

plain=()
for f in "$dir"/*.java; do
  b=$(basename "$f")
  wanted "$b" "$@" || continue
  if printf '%s\n' "$split_files" | grep -qx "$b"; then continue; fi
  plain+=("$f")
done
except=""
for b in $split_files; do except="$except${except:+,}dev.bulwark.$pkg.${b%.java}"; done
[ ${#plain[@]} -gt 0 ] && run "$pkg" "except=$except" "${plain[@]}"

for b in $split_files; do
  wanted "$b" "$@" || continue
  cls=${b%.java}
  fq=dev.bulwark.$pkg.$cls
  k=0
  all=""
  while IFS= read -r methods; do
    k=$((k + 1))
    IFS=, read -r -a batch <<< "$methods"
    names=""
    for m in "${batch[@]}"; do names="$names${names:+,}$fq.$m"; done
    run "$pkg.$cls.$k" "only=$fq" --method="$names" "$dir/$b"
    # every name of the batch must have been verified or skipped: a name that matches nothing
    # (a renamed method) would otherwise drop out of the record silently
    for m in "${batch[@]}"; do
      if ! grep -Eq "^(Starting proof of dev\.bulwark\.$pkg\.$cls\.$m\(.* with prover |Skipping proof of dev\.bulwark\.$pkg\.$cls\.$m\(.*excluded by skipesc)" "$out/$pkg.$cls.$k.txt"; then
        echo "verify.sh: error: batch method $cls.$m matches no method of $b" >> "$out/$pkg.$cls.$k.txt"
      fi
    done
    all="$all${all:+,}$names"
  done < <(awk -F'\t' -v p="$pkg" -v f="$b" '$1 == p && $2 == f && $0 !~ /^#/ {print $3}' "$batches")
  run "$pkg.$cls.rest" "only=$fq" --method="dev\.bulwark\.$pkg\.$cls\..*" --exclude="$all" "$dir/$b"
done
