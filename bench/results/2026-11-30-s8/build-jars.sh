#!/usr/bin/env bash
# Builds the jars of this set from a checkout of mmipc, for a rerun on quiet cores:
#   A2-before-sameharness.jar  b4a793f (before the redesign) + ebbe685 + ee28901 (main's queue harness)
#   C-main.jar                 the checkout's HEAD
# usage: build-jars.sh OUTDIR    (run inside the checkout; needs the Maven repository primed)
# then:  inter3.sh OUTDIR/runs 3 before2=OUTDIR/A2-before-sameharness.jar=AGRONA_RAW,MMIPC_ZERO_COPY,MMIPC_CODEC \
#                                main=OUTDIR/C-main.jar=AGRONA_RAW,MMIPC_ZERO_COPY,MMIPC_CODEC
#        python3 summ.py OUTDIR/runs
set -euo pipefail
out=$(mkdir -p "$1" && cd "$1" && pwd)
repo=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$repo" worktree remove --force "$work/a2" 2>/dev/null || true;
      git -C "$repo" worktree remove --force "$work/c" 2>/dev/null || true; rm -rf "$work"' EXIT
build() { (cd "$1" && mvn -o -B -q -DskipTests -Djcstress.skip -Dmaven.javadoc.skip=true \
    -Dmaven.source.skip=true package -pl bench -am) && cp "$1/bench/target/benchmarks.jar" "$2"; }

git -C "$repo" worktree add -q --detach "$work/a2" b4a793f
git -C "$work/a2" cherry-pick -n ebbe685
git -C "$work/a2" -c user.name=bench -c user.email=bench@localhost commit -q -m "b4a793f + ebbe685"
# ee28901's only conflict is in a test the jar does not contain: keep the older side of it.
git -C "$work/a2" cherry-pick -n ee28901 || git -C "$work/a2" checkout --ours \
    bench/src/test/java/io/mmipc/bench/queue/LinkChecksumTest.java
build "$work/a2" "$out/A2-before-sameharness.jar"

git -C "$repo" worktree add -q --detach "$work/c" HEAD
build "$work/c" "$out/C-main.jar"
ls -l "$out"/*.jar
