// SPDX-License-Identifier: MIT
#include "sweep/mpi.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

#include "headroom/models/error.hpp"

#ifdef HEADROOM_HAVE_MPI
#include <mpi.h>
#endif

namespace headroom::sim::sweep {

namespace {

// The world size an MPI launcher announced (Open MPI's mpirun, PMIx or PMI launchers such as
// Slurm's srun), or 1 when none did.
int launched_size() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_SIZE", "PMI_SIZE", "SLURM_NTASKS"}) {
    const char* v = std::getenv(name);
    // SLURM_NTASKS alone does not mean srun started this process as a rank.
    if (v && std::string(name) == "SLURM_NTASKS" && !std::getenv("PMI_RANK") &&
        !std::getenv("PMIX_RANK"))
      continue;
    if (v) return std::atoi(v);
  }
  return 1;
}

#ifdef HEADROOM_HAVE_MPI
constexpr int kWork = 1;
constexpr int kStop = 2;
constexpr int kResult = 3;

std::string receive_from(int source, int tag, MPI_Status& status) {
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_CHAR, &size);
  std::string message(static_cast<std::size_t>(size), '\0');
  MPI_Recv(message.data(), size, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           MPI_STATUS_IGNORE);
  return message;
}

class MpiWorkers : public WorkerLink {
 public:
  explicit MpiWorkers(int size) : size_(size) {}
  ~MpiWorkers() override { stop(); }
  int workers() const override { return size_ - 1; }
  void send(int worker, const std::string& message) override {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, worker + 1, kWork,
             MPI_COMM_WORLD);
  }
  Incoming receive() override {
    MPI_Status status;
    Incoming in;
    in.message = receive_from(MPI_ANY_SOURCE, kResult, status);
    in.worker = status.MPI_SOURCE - 1;
    return in;
  }
  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    for (int r = 1; r < size_; ++r) MPI_Send(nullptr, 0, MPI_CHAR, r, kStop, MPI_COMM_WORLD);
  }

 private:
  int size_;
  bool stopped_ = false;
};

class MpiCoordinator : public CoordinatorLink {
 public:
  std::optional<std::string> next() override {
    MPI_Status status;
    std::string message = receive_from(0, MPI_ANY_TAG, status);
    if (status.MPI_TAG == kStop) return std::nullopt;
    return message;
  }
  void reply(const std::string& message) override {
    MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, kResult,
             MPI_COMM_WORLD);
  }
};
#endif

}  // namespace

std::unique_ptr<MpiSession> MpiSession::start_if_launched() {
  if (launched_size() <= 1) return nullptr;
#ifdef HEADROOM_HAVE_MPI
  MPI_Init(nullptr, nullptr);
  int rank = 0;
  int size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  return std::unique_ptr<MpiSession>(new MpiSession(rank, size));
#else
  throw InputError(
      "headroom sweep: started by an MPI launcher with " + std::to_string(launched_size()) +
      " ranks, but this headroom was built without MPI (install libopenmpi-dev and rebuild)");
#endif
}

MpiSession::~MpiSession() {
#ifdef HEADROOM_HAVE_MPI
  MPI_Finalize();
#endif
}

std::unique_ptr<WorkerLink> MpiSession::workers() {
#ifdef HEADROOM_HAVE_MPI
  return std::make_unique<MpiWorkers>(size_);
#else
  return nullptr;
#endif
}

std::unique_ptr<CoordinatorLink> MpiSession::coordinator() {
#ifdef HEADROOM_HAVE_MPI
  return std::make_unique<MpiCoordinator>();
#else
  return nullptr;
#endif
}

void MpiSession::abort(int code) {
#ifdef HEADROOM_HAVE_MPI
  MPI_Abort(MPI_COMM_WORLD, code);
#endif
  std::exit(code);
}

}  // namespace headroom::sim::sweep
