// SPDX-License-Identifier: MIT
#include "sweep/pool.hpp"

#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <deque>
#include <iostream>
#include <stdexcept>

#include "sweep/wire.hpp"

namespace headroom::sim::sweep {

namespace {

// Messages on a pipe: a 4-byte length, then the bytes.
bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool send_message(int fd, const std::string& message) {
  const auto size = static_cast<std::uint32_t>(message.size());
  return write_all(fd, reinterpret_cast<const char*>(&size), sizeof size) &&
         write_all(fd, message.data(), message.size());
}

std::optional<std::string> read_message(int fd) {
  std::uint32_t size = 0;
  if (!read_all(fd, reinterpret_cast<char*>(&size), sizeof size)) return std::nullopt;
  std::string message(size, '\0');
  if (!read_all(fd, message.data(), size)) return std::nullopt;
  return message;
}

class PipeCoordinator : public CoordinatorLink {
 public:
  PipeCoordinator(int in, int out) : in_(in), out_(out) {}
  std::optional<std::string> next() override { return read_message(in_); }
  void reply(const std::string& message) override {
    if (!send_message(out_, message)) ::_exit(0);  // the coordinator is gone
  }

 private:
  int in_;
  int out_;
};

class LocalWorkers : public WorkerLink {
 public:
  LocalWorkers(int count, std::function<void(CoordinatorLink&)> work)
      : work_(std::move(work)), workers_(static_cast<std::size_t>(count)) {
    // A worker that dies closes its pipe; writing to it must be an error, not SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < count; ++i) spawn(i);
  }
  ~LocalWorkers() override { stop(); }

  int workers() const override { return static_cast<int>(workers_.size()); }

  void send(int worker, const std::string& message) override {
    // A failed write means the worker died; receive() sees its pipe close and says so.
    (void)send_message(workers_[static_cast<std::size_t>(worker)].to, message);
  }

  Incoming receive() override {
    std::vector<pollfd> fds;
    for (const auto& w : workers_) fds.push_back({w.from, POLLIN, 0});
    for (;;) {
      const int n = ::poll(fds.data(), fds.size(), -1);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw std::runtime_error(std::string("sweep: poll: ") + std::strerror(errno));
      for (std::size_t i = 0; i < fds.size(); ++i) {
        if (fds[i].revents == 0) continue;
        Incoming in;
        in.worker = static_cast<int>(i);
        if (auto message = read_message(fds[i].fd)) {
          in.message = std::move(*message);
          return in;
        }
        in.died = true;
        reap(i);
        spawn(static_cast<int>(i));
        return in;
      }
    }
  }

  void stop() override {
    for (std::size_t i = 0; i < workers_.size(); ++i) reap(i);
    workers_.clear();
  }

 private:
  struct Worker {
    pid_t pid = -1;
    int to = -1;    // parent -> worker
    int from = -1;  // worker -> parent
  };

  void reap(std::size_t i) {
    Worker& w = workers_[i];
    if (w.to >= 0) ::close(w.to);
    if (w.from >= 0) ::close(w.from);
    if (w.pid > 0) {
      int status = 0;
      while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
    w = Worker{};
  }

  void spawn(int index) {
    int down[2];
    int up[2];
    if (::pipe(down) != 0 || ::pipe(up) != 0)
      throw std::runtime_error(std::string("sweep: pipe: ") + std::strerror(errno));
    std::cout.flush();
    std::cerr.flush();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("sweep: fork: ") + std::strerror(errno));
    if (pid == 0) {
      // The worker keeps only its own two ends: another worker's pipe held open here would
      // hide that worker's death from the parent.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      for (const auto& w : workers_) {
        if (w.to >= 0) ::close(w.to);
        if (w.from >= 0) ::close(w.from);
      }
      ::close(down[1]);
      ::close(up[0]);
      int code = 0;
      try {
        PipeCoordinator link(down[0], up[1]);
        work_(link);
      } catch (const std::exception& e) {
        std::cerr << "headroom: sweep worker: " << e.what() << "\n";
        code = 1;
      }
      ::_exit(code);
    }
    ::close(down[0]);
    ::close(up[1]);
    workers_[static_cast<std::size_t>(index)] = {pid, down[1], up[0]};
  }

  std::function<void(CoordinatorLink&)> work_;
  std::vector<Worker> workers_;
};

}  // namespace

void serve(CoordinatorLink& link, Evaluator& evaluator) {
  while (auto message = link.next()) {
    const std::vector<Task> tasks = decode_tasks(*message);
    std::vector<TaskResult> results;
    results.reserve(tasks.size());
    for (const auto& t : tasks) results.push_back(evaluator.evaluate(t));
    link.reply(encode_results(results));
  }
}

std::unique_ptr<WorkerLink> fork_workers(int workers, std::function<void(CoordinatorLink&)> work) {
  return std::make_unique<LocalWorkers>(workers, std::move(work));
}

void coordinate(WorkerLink& link, const std::vector<Task>& tasks, std::size_t chunk,
                const std::function<std::uint64_t(const std::vector<TaskResult>&)>& store,
                const std::function<void(const Progress&)>& progress) {
  struct Chunk {
    std::vector<Task> tasks;
    int deaths = 0;
    int holders = 0;
    bool done = false;
    bool reissued = false;
  };
  std::vector<Chunk> chunks;
  for (std::size_t i = 0; i < tasks.size(); i += chunk)
    chunks.push_back({std::vector<Task>(tasks.begin() + static_cast<std::ptrdiff_t>(i),
                                        tasks.begin() + static_cast<std::ptrdiff_t>(
                                                            std::min(tasks.size(), i + chunk))),
                      0, 0, false, false});
  std::deque<std::size_t> queue;
  for (std::size_t i = 0; i < chunks.size(); ++i) queue.push_back(i);
  std::vector<std::optional<std::size_t>> holding(static_cast<std::size_t>(link.workers()));
  Progress p;
  p.total = tasks.size();
  progress(p);

  auto finish = [&](Chunk& c, const std::vector<TaskResult>& results) {
    c.done = true;
    p.infeasible += store(results);
    p.done += results.size();
    progress(p);
  };
  auto pick = [&]() -> std::optional<std::size_t> {
    while (!queue.empty()) {
      const std::size_t id = queue.front();
      queue.pop_front();
      if (!chunks[id].done) return id;
    }
    // Nothing new: hand out once more a chunk another worker still holds (it may be slow).
    for (std::size_t id = 0; id < chunks.size(); ++id)
      if (!chunks[id].done && !chunks[id].reissued && chunks[id].holders > 0) {
        chunks[id].reissued = true;
        return id;
      }
    return std::nullopt;
  };

  for (;;) {
    for (std::size_t w = 0; w < holding.size(); ++w) {
      if (holding[w]) continue;
      const auto id = pick();
      if (!id) break;
      holding[w] = id;
      ++chunks[*id].holders;
      link.send(static_cast<int>(w), encode_tasks(chunks[*id].tasks));
    }
    bool busy = false;
    for (const auto& h : holding) busy = busy || h.has_value();
    if (!busy) break;

    const WorkerLink::Incoming in = link.receive();
    const auto w = static_cast<std::size_t>(in.worker);
    if (!holding[w]) continue;
    Chunk& c = chunks[*holding[w]];
    holding[w].reset();
    --c.holders;
    if (in.died) {
      if (c.done || c.holders > 0) continue;
      ++c.deaths;
      if (c.tasks.size() > 1) {
        // Find the task that kills workers: hand the chunk out again one task at a time.
        c.done = true;
        const std::vector<Task> split = c.tasks;  // chunks grows below: `c` may move
        for (const auto& t : split) {
          chunks.push_back({{t}, 0, 0, false, false});
          queue.push_front(chunks.size() - 1);
        }
      } else if (c.deaths >= 2) {
        TaskResult r;
        r.task = c.tasks[0];
        r.error = "the worker process died evaluating this point (twice)";
        finish(c, {r});
      } else {
        queue.push_front(static_cast<std::size_t>(&c - chunks.data()));
      }
      continue;
    }
    std::vector<TaskResult> results = decode_results(in.message);
    if (!c.done) finish(c, results);
  }
  link.stop();
}

}  // namespace headroom::sim::sweep
