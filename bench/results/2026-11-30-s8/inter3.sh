#!/usr/bin/env bash
# Issue 12 before/after, interleaved in rounds so slow drifts of this VM hit both jars alike.
# usage: inter3.sh OUTDIR ROUNDS name=JAR=TRANSPORTS ...
set -u
mkdir -p "$1"; out=$(cd "$1" && pwd); rounds=$2; shift 2 # absolute: each run starts in /tmp
for r in $(seq 1 "$rounds"); do
  for spec in "$@"; do name=${spec%%=*}; rest=${spec#*=}; jar=${rest%%=*}; tr=${rest#*=}
    echo "== round $r $name $(date +%T)"
    ( cd /tmp && java -Djmh.ignoreLock=true -jar "$jar" 'io.mmipc.bench.queue.Queue(Throughput|RoundTrip)Benchmark' \
      -p transport=$tr -p size=64 -f 3 -wi 2 -w 1 -i 3 -r 1 \
      -rf json -rff "$out/$name-$r.json" > "$out/$name-$r.log" 2>&1 )
    echo "   exit $? $(date +%T)"
  done
done
