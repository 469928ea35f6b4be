// SPDX-License-Identifier: MIT
// The NCCL all-reduce model (train_collective.hpp) against hand-derived cases, ZeRO's memory
// against the paper's own example, and the train flags that reach them (--nccl, --zero,
// --workspace).
#include "headroom/sim/train_collective.hpp"

#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "headroom/sim/train_memory.hpp"

namespace headroom::sim {
namespace {

// An 8-GPU node whose links carry 200 GB/s of NCCL bus bandwidth (300 x 2/3), with 200 GB/s of
// network per node at 0.848.
Interconnect dgx() {
  return {.gpus_per_node = 8,
          .nvlink = true,
          .intra_node_gb_s = 300,
          .inter_node_gb_s = 200,
          .intra_efficiency = 2.0 / 3.0,
          .inter_efficiency = 0.848};
}

TEST(NcclAllReduce, OneNodeRingByHand) {
  // Ring: 8.4 us + 14 steps x 3.4 us + 14/8 x 1e8 B / 200 GB/s = 931 us. Tree: 14 hops x 28 us
  // + 1e8 / (0.5 x 0.9 x 200 GB/s) = 1503 us. NCCL's cost model picks the ring.
  const CollectiveCost c = nccl_allreduce(1e8, 8, dgx());
  EXPECT_EQ(c.algorithm, CollectiveAlgorithm::Ring);
  EXPECT_NEAR(c.seconds, 931e-6, 1e-9);
  // Bus bandwidth = algorithm bandwidth x 2 (n - 1) / n: 1e8 / 931 us x 1.75.
  EXPECT_NEAR(c.bus_bytes_per_s, 187.97e9, 0.01e9);
  EXPECT_EQ(nccl_allreduce(1e8, 1, dgx()).seconds, 0.0);
}

TEST(NcclAllReduce, ManyNodesTakeTheTreeAcrossNodes) {
  // 1024 nodes x 8 GPUs, 1 MB: reduce-scatter and all-gather in the node 2 x 36.575 us; each
  // GPU's 125 kB shard across nodes at 200 x 0.848 / 8 = 21.2 GB/s: ring 8.4 + 2046 x 9.6 us +
  // ... = 19.66 ms, tree 2 x 10 hops x 50 us + 125 kB / 9.54 GB/s = 1.0131 ms.
  const CollectiveCost c = nccl_allreduce(1e6, 8192, dgx());
  EXPECT_EQ(c.algorithm, CollectiveAlgorithm::Tree);
  EXPECT_NEAR(c.seconds, 1086.25e-6, 0.01e-6);
}

TEST(NcclAllReduce, BucketsOverlapTheBackwardPassButTheLastIsExposed) {
  // 4 buckets of 25e6 B, each 8.4 + 47.6 + 218.75 = 274.75 us, ready at 2.5, 5, 7.5, 10 ms of a
  // 10 ms backward pass: only the last runs past its end.
  const BucketedAllReduce b = bucketed_allreduce(1e8, 8, dgx(), 10e-3, 25e6);
  EXPECT_EQ(b.buckets, 4u);
  EXPECT_NEAR(b.comm_s, 1099e-6, 1e-9);
  EXPECT_NEAR(b.exposed_s, 274.75e-6, 1e-9);
  // With no backward pass to hide behind, all of it is exposed.
  EXPECT_NEAR(bucketed_allreduce(1e8, 8, dgx(), 0, 25e6).exposed_s, 1099e-6, 1e-9);
  // A partial last bucket is its own (smaller) all-reduce.
  EXPECT_EQ(bucketed_allreduce(1.1e8, 8, dgx(), 0, 25e6).buckets, 5u);
}

// ZeRO (Rajbhandari et al., SC20), Figure 1: 7.5 B parameters, Adam in mixed precision (K = 12),
// 64-way data parallel: 120 GB per GPU unsharded, 31.4 GB with P_os, 16.6 GB with P_os+g, 1.9 GB
// with P_os+g+p.
TEST(ZeroMemory, ReproducesThePapersFigureOne) {
  MemoryInputs in{.parameters = 7'500'000'000,
                  .optimizer = models::Optimizer::Adam,
                  .compute_bytes = 2,
                  .mixed_precision = true,
                  .data_parallel = 64};
  const double expected_gb[] = {120, 31.4, 16.6, 1.9};
  for (std::uint64_t stage = 0; stage <= 3; ++stage) {
    in.zero_stage = stage;
    EXPECT_NEAR(static_cast<double>(memory_footprint(in).model_state_bytes()) * 1e-9,
                expected_gb[stage], 0.05)
        << "stage " << stage;
  }
  in.workspace_bytes = 1'000'000'000;
  EXPECT_EQ(memory_footprint(in).total_bytes(),
            memory_footprint(in).model_state_bytes() + in.workspace_bytes);
}

TEST(ZeroMemory, TheWorkspaceComesOffTheCapacityBeforeTheAdvice) {
  // 1 GB of states, 10 examples of 1 GB activations, 4 GB of workspace on a 12 GB chip: 8 GB
  // remain for states and activations, so at most 7 examples fit.
  const MemoryFootprint f{.weights_bytes = 1'000'000'000,
                          .activations_bytes = 10'000'000'000,
                          .workspace_bytes = 4'000'000'000};
  const FitAdvice a = check_fit(f, 12'000'000'000, 1, 10);
  EXPECT_FALSE(a.fits);
  EXPECT_EQ(a.max_micro_batch, 7u);
  EXPECT_NE(a.message.find("workspace 4.00 GB"), std::string::npos) << a.message;
}

const char* const kRun = "tests/data/train/mlperf-v0.7-resnet50-dgx1.yaml";

TEST(TrainCliNccl, PrintsTheBucketsAndTheirBusBandwidth) {
  const auto r = test::run_cli({"train", "--device", "a100", "--run", kRun, "--chips", "8",
                                "--global-batch", "2048", "--framework", "eager", "--nccl",
                                "--zero", "1", "--workspace", "0.5", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"dp_buckets\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"zero_stage\": 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"workspace_bytes\": 500000000"), std::string::npos) << r.out;
}

TEST(TrainCliNccl, BadUsesExitTwo) {
  // No interconnect in the T4's file.
  auto r = test::run_cli({"train", "--device", "t4", "--run", kRun, "--chips", "8", "--nccl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("t4.yaml: interconnect"), std::string::npos) << r.err;
  // An accelerator alone has no NCCL.
  r = test::run_cli({"train", "--accel", "configs/accel/training-chip-4x128-bf16.yaml", "--run",
                     kRun, "--chips", "8", "--nccl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--nccl"), std::string::npos) << r.err;
  r = test::run_cli({"train", "--device", "a100", "--run", kRun, "--zero", "4"});
  EXPECT_EQ(r.exit_code, 2);
  r = test::run_cli({"train", "--device", "a100", "--run", kRun, "--workspace", "-1"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace headroom::sim
