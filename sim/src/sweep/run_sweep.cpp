// SPDX-License-Identifier: MIT
#include "sweep/run_sweep.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <thread>

#include "headroom/models/error.hpp"
#include "sweep/evaluate.hpp"
#include "sweep/mpi.hpp"
#include "sweep/pool.hpp"
#include "sweep/space.hpp"
#include "sweep/spec.hpp"
#include "sweep/store.hpp"

namespace headroom::sim::sweep {

namespace {

using Clock = std::chrono::steady_clock;

std::vector<Task> pending_tasks(const SweepSpec& spec, const Space& space, Store& store,
                                std::uint64_t& skipped) {
  const std::vector<TaskKey> done = store.done_tasks();
  std::vector<Task> tasks;
  for (std::uint64_t k = 0; k < space.size(); ++k) {
    const std::string key = space.point_key(k);
    for (std::uint32_t w = 0; w < spec.workloads.size(); ++w) {
      if (!done.empty() &&
          std::binary_search(done.begin(), done.end(), task_key(key, spec.workloads[w].label))) {
        ++skipped;
        continue;
      }
      tasks.push_back({k, w});
    }
  }
  return tasks;
}

class ProgressBar {
 public:
  ProgressBar(std::ostream& out, bool enabled)
      : out_(out), enabled_(enabled), start_(Clock::now()) {}
  void update(const Progress& p) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (p.done != p.total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    const double s = std::chrono::duration<double>(now - start_).count();
    const double rate = s > 0 ? static_cast<double>(p.done) / s : 0;
    const double eta = rate > 0 ? static_cast<double>(p.total - p.done) / rate : 0;
    const int width = 30;
    const int filled = p.total ? static_cast<int>(width * p.done / p.total) : width;
    out_ << fmt::format("\r[{}{}] {}/{}  {:.0f}/s  ETA {:02d}:{:02d}  infeasible {}  ",
                        std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(width - filled), '.'), p.done, p.total,
                        rate, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60, p.infeasible)
         << std::flush;
    if (p.done == p.total) out_ << "\n";
  }

 private:
  std::ostream& out_;
  bool enabled_;
  Clock::time_point start_;
  Clock::time_point last_{};
};

}  // namespace

SweepSummary run_sweep(const SweepOptions& o, std::ostream& progress_out) {
  // Everything a rank needs is read and checked before MPI starts or the database opens: a bad
  // spec fails the same way on every rank, and leaves no file behind.
  const SweepSpec spec = load_sweep_spec(o.spec_path);
  const Space space(spec);
  const std::vector<models::Trace> traces = lower_workloads(spec);
  if (o.jobs < 0)
    throw InputError(input_error_message("-j", 0, "", "a positive number of worker processes",
                                         std::to_string(o.jobs)));

  SweepSummary summary;
  summary.points = space.size();
  summary.tasks = space.size() * spec.workloads.size();
  const auto work = [&](CoordinatorLink& link) {
    Evaluator evaluator(spec, space, traces);
    serve(link, evaluator);
  };

  std::unique_ptr<MpiSession> mpi = MpiSession::start_if_launched();
  std::unique_ptr<WorkerLink> workers;
  if (mpi) {
    summary.mpi = true;
    if (mpi->rank() != 0) {
      summary.coordinator = false;
      work(*mpi->coordinator());
      return summary;
    }
    workers = mpi->workers();  // from here on, an error on rank 0 stops the workers
  }
  Store store(o.db_path, spec);
  std::vector<Task> tasks = pending_tasks(spec, space, store, summary.skipped);
  summary.evaluated = tasks.size();
  if (!workers && !tasks.empty()) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const int jobs = o.jobs > 0 ? o.jobs : cores;
    workers = fork_workers(static_cast<int>(std::min<std::uint64_t>(jobs, tasks.size())), work);
  }
  summary.workers = workers ? workers->workers() : 0;
  // Chunks of about 50 ms of work at a millisecond a task, and enough of them to keep every
  // worker busy to the end.
  const std::size_t chunk =
      o.chunk
          ? o.chunk
          : std::clamp<std::size_t>(tasks.size() / (8 * std::max(1, summary.workers) + 1), 1, 64);
  ProgressBar bar(progress_out, !o.quiet && ::isatty(STDERR_FILENO));
  const auto start = Clock::now();
  if (!tasks.empty() && workers) {
    coordinate(
        *workers, tasks, chunk,
        [&](const std::vector<TaskResult>& results) { return store.write(results, space); },
        [&](const Progress& p) {
          summary.infeasible = p.infeasible;
          bar.update(p);
        });
  } else if (workers) {
    workers->stop();
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const auto cpu = [](int who) {
    rusage u{};
    ::getrusage(who, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  };
  summary.coordinator_cpu_s = cpu(RUSAGE_SELF);
  summary.workers_cpu_s = cpu(RUSAGE_CHILDREN);
  summary.rows = store.rows();
  return summary;
}

}  // namespace headroom::sim::sweep
