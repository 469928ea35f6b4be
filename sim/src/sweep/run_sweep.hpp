// SPDX-License-Identifier: MIT
// `headroom sweep`: evaluates every (point, workload) of a spec not yet in the database.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace headroom::sim::sweep {

struct SweepOptions {
  std::string spec_path;
  std::string db_path;
  int jobs = 0;  // worker processes; 0 = one per core
  bool quiet = false;
  std::size_t chunk = 0;  // tasks per chunk; 0 = chosen from the work
};

struct SweepSummary {
  std::uint64_t points = 0;      // points of the spec
  std::uint64_t tasks = 0;       // points x workloads
  std::uint64_t skipped = 0;     // already in the database
  std::uint64_t evaluated = 0;   // run now
  std::uint64_t infeasible = 0;  // of those run now
  std::uint64_t rows = 0;        // in the database afterwards
  double seconds = 0;            // evaluating (after setup)
  double coordinator_cpu_s = 0;  // this process: handing out chunks, writing the database
  double workers_cpu_s = 0;      // the forked workers together
  int workers = 0;
  bool mpi = false;
  bool coordinator = true;  // false on MPI ranks other than 0 (they print nothing)
};

[[nodiscard]] SweepSummary run_sweep(const SweepOptions& options, std::ostream& progress);

}  // namespace headroom::sim::sweep
