// SPDX-License-Identifier: MIT
// Work distribution. The coordinator (the parent process, or MPI rank 0) hands out chunks of
// tasks and alone writes the database; workers evaluate chunks. How messages travel is behind
// WorkerLink / CoordinatorLink: local worker processes over pipes (fork; SystemC is not
// thread-safe) here, MPI ranks in mpi.cpp. Nothing else knows which one runs.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sweep/evaluate.hpp"

namespace headroom::sim::sweep {

// The coordinator's view of its workers.
class WorkerLink {
 public:
  virtual ~WorkerLink() = default;
  [[nodiscard]] virtual int workers() const = 0;
  virtual void send(int worker, const std::string& message) = 0;
  struct Incoming {
    int worker = -1;
    bool died = false;  // the worker is gone (its chunk must be handed out again)
    std::string message;
  };
  // Waits for the next message from any worker.
  [[nodiscard]] virtual Incoming receive() = 0;
  // Tells every live worker to stop, and waits for them.
  virtual void stop() = 0;
};

// A worker's view of its coordinator.
class CoordinatorLink {
 public:
  virtual ~CoordinatorLink() = default;
  // The next chunk, or nullopt when told to stop.
  [[nodiscard]] virtual std::optional<std::string> next() = 0;
  virtual void reply(const std::string& message) = 0;
};

// Evaluates chunks until told to stop.
void serve(CoordinatorLink& link, Evaluator& evaluator);

// Forks `workers` processes, each running `work` on its end of a pipe pair. A worker that
// dies is replaced by a fresh one.
[[nodiscard]] std::unique_ptr<WorkerLink> fork_workers(int workers,
                                                       std::function<void(CoordinatorLink&)> work);

struct Progress {
  std::uint64_t total = 0;  // tasks to run in this invocation
  std::uint64_t done = 0;
  std::uint64_t infeasible = 0;
};

// Hands out `tasks` in chunks of `chunk` tasks and passes each chunk's results to `store`
// (which returns how many were infeasible) in the order they arrive. A chunk whose worker died
// is handed out again task by task; a task that kills two workers is stored as infeasible
// with that reason. At the end, when workers go idle while others still hold chunks, those
// chunks are handed out once more (slow workers), and the first result wins.
void coordinate(WorkerLink& link, const std::vector<Task>& tasks, std::size_t chunk,
                const std::function<std::uint64_t(const std::vector<TaskResult>&)>& store,
                const std::function<void(const Progress&)>& progress);

}  // namespace headroom::sim::sweep
