#!/bin/sh
# The same sweep under Open MPI (rank 0 coordinates and writes, ranks 1-2 evaluate) and with one
# local worker must store the same rows, bit for bit (compared as exported CSV, which prints
# reals with 17 significant digits).
# Usage: sweep_mpi_test.sh HEADROOM MPIEXEC
set -eu
headroom=$1
mpiexec=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
spec=tests/data/sweeps/small.yaml
"$mpiexec" --allow-run-as-root --oversubscribe -n 3 "$headroom" sweep "$spec" --db "$dir/mpi.sqlite" --quiet
"$headroom" sweep "$spec" --db "$dir/local.sqlite" -j 1 --quiet
"$headroom" sweep export "$dir/mpi.sqlite" --csv "$dir/mpi.csv"
"$headroom" sweep export "$dir/local.sqlite" --csv "$dir/local.csv"
rows=$(($(wc -l < "$dir/local.csv") - 1))
[ "$rows" -eq 288 ] || { echo "expected 288 rows, found $rows"; exit 1; }
cmp "$dir/mpi.csv" "$dir/local.csv"
echo "MPI (3 ranks) and -j 1: the same $rows rows"
