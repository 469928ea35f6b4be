// SPDX-License-Identifier: MIT
// Open MPI at the edge: when mpirun (or srun) started this process with several ranks, rank 0
// coordinates through an MPI WorkerLink and the others serve as workers. Built without MPI,
// a multi-rank launch is an error.
#pragma once

#include <memory>

#include "sweep/pool.hpp"

namespace headroom::sim::sweep {

class MpiSession {
 public:
  // Initialises MPI when the environment shows an MPI launch with more than one rank;
  // nullptr otherwise.
  [[nodiscard]] static std::unique_ptr<MpiSession> start_if_launched();
  ~MpiSession();  // MPI_Finalize
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

  [[nodiscard]] int rank() const { return rank_; }
  [[nodiscard]] int size() const { return size_; }
  // Rank 0: the other ranks as workers.
  [[nodiscard]] std::unique_ptr<WorkerLink> workers();
  // Other ranks: rank 0 as coordinator.
  [[nodiscard]] std::unique_ptr<CoordinatorLink> coordinator();
  // Ends every rank at once (an error on rank 0 after the workers started).
  [[noreturn]] void abort(int code);

 private:
  MpiSession(int rank, int size) : rank_(rank), size_(size) {}
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace headroom::sim::sweep
