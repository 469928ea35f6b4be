// SPDX-License-Identifier: MIT
// Every zoo network, inference and a training step, simulated from the network and from its
// trace file read back: the same cycles, DRAM traffic and energy. Small inputs (batch 1, the
// smallest image a CNN takes, 16-token sequences) keep the 50 simulations to seconds; of the four
// models over 50 B parameters (~65 s of the ~67) the first and last 150 ops are simulated, which
// hold every op kind of a block and of the backward and update phases. The op-for-op check of
// every whole trace at full size is tests/models/trace_file_test.cpp.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "headroom/models/fuse.hpp"
#include "headroom/models/trace_file.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/run.hpp"
#include "temp_dir.hpp"

namespace headroom::sim {
namespace {

TEST(TraceRoundTrip, EveryZooNetworkSimulatesToTheSameTotals) {
  const accel::AcceleratorConfig config = load_accelerator(
      std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/training-chip-4x128-bf16.yaml");
  accel::Simulator simulator;
  for (const auto& entry : models::zoo_entries()) {
    models::Network net = models::make_network(entry.name, {1, std::nullopt, std::nullopt});
    // The smallest input each family takes: 32x32 images fail the deeper CNNs' strides.
    for (const std::uint64_t side : {32, 64, 128, 224}) {
      try {
        net = models::make_network(entry.name, {1, side, std::nullopt});
        break;
      } catch (const InputError&) {
      }
    }
    if (net.unit_of_work() == "token" || net.unit_of_work() == "token pair")
      net = models::make_network(entry.name, {1, std::nullopt, 16});
    for (const bool training : {false, true}) {
      const std::string what = entry.name + (training ? " training" : " inference");
      const models::Network back = models::parse_trace_file(
          models::trace_file_text(net, training, models::Optimizer::Adam, Precision::BF16),
          "t.jsonl");
      const auto lower = [&](const models::Network& n) {
        models::Trace t = training ? models::lower_training_step(n, models::Optimizer::Adam)
                                   : models::lower_forward(n);
        if (net.parameters() > 50'000'000'000 && t.ops.size() > 300)
          t.ops.erase(t.ops.begin() + 150, t.ops.end() - 150);
        return t;
      };
      const Result a = run_network(simulator, config, lower(net), Precision::BF16, training);
      const Result b = run_network(simulator, config, lower(back), Precision::BF16, training);
      ASSERT_GT(a.stats.total_cycles, 0U) << what;
      EXPECT_EQ(a.stats.total_cycles, b.stats.total_cycles) << what;
      EXPECT_EQ(a.stats.dram_read_bytes, b.stats.dram_read_bytes) << what;
      EXPECT_EQ(a.stats.dram_write_bytes, b.stats.dram_write_bytes) << what;
      ASSERT_TRUE(a.energy && b.energy) << what;
      EXPECT_EQ(a.energy->total.total.value(), b.energy->total.total.value()) << what;
    }
  }
}

// As `run` executes inference, fused (the default) and naive (--no-fuse): the network lowered
// here against its trace file read back by load_workload (the path of run, sweep and plot), on
// the small-buffer edge chip where on-chip reuse is decided per op. Same cycles, traffic, energy
// and fusion summary.
TEST(TraceRoundTrip, FusedAndNaiveInferenceRunAsTheirNetworks) {
  const test::TempDir dir;
  const accel::AcceleratorConfig config =
      load_accelerator(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/edge-16x16-int8.yaml");
  accel::Simulator simulator;
  for (const auto& [name, shape] :
       {std::pair<std::string, models::ZooOptions>{"resnet18", {1, std::nullopt, std::nullopt}},
        {"mobilenet_v2", {1, std::nullopt, std::nullopt}},
        {"bert_base", {1, std::nullopt, 32}}}) {
    const models::Network net = models::make_network(name, shape);
    for (const bool fuse : {true, false}) {
      const std::string what = name + (fuse ? " fused" : " naive");
      const std::string file = dir.file(name + (fuse ? "-fused" : "-naive") + ".jsonl");
      std::ofstream(file) << models::trace_file_text(net, false, models::Optimizer::Adam,
                                                     Precision::BF16, fuse);
      RunRequest request;
      request.network = file;
      request.fuse = fuse;
      std::optional<models::FusionSummary> fusion_a, fusion_b;
      models::Trace a_trace = models::lower_inference_graph(net, fuse, &fusion_a);
      models::Trace b_trace = load_workload(request, &fusion_b);
      ASSERT_EQ(fusion_a.has_value(), fuse) << what;
      ASSERT_EQ(fusion_b.has_value(), fuse) << what;
      if (fuse) {
        keep_maps_on_chip(a_trace, config, config.precision, *fusion_a);
        keep_maps_on_chip(b_trace, config, config.precision, *fusion_b);
        EXPECT_GT(fusion_a->ops_fused, 0U) << what;
        EXPECT_EQ(fusion_a->batchnorms_folded, fusion_b->batchnorms_folded) << what;
        EXPECT_EQ(fusion_a->ops_fused, fusion_b->ops_fused) << what;
        EXPECT_EQ(fusion_a->pools_fused, fusion_b->pools_fused) << what;
        EXPECT_EQ(fusion_a->maps_kept_on_chip, fusion_b->maps_kept_on_chip) << what;
      }
      const Result a = run_network(simulator, config, a_trace, config.precision);
      const Result b = run_network(simulator, config, b_trace, config.precision);
      ASSERT_GT(a.stats.total_cycles, 0U) << what;
      EXPECT_EQ(a.stats.total_cycles, b.stats.total_cycles) << what;
      EXPECT_EQ(a.stats.dram_read_bytes, b.stats.dram_read_bytes) << what;
      EXPECT_EQ(a.stats.dram_write_bytes, b.stats.dram_write_bytes) << what;
      ASSERT_TRUE(a.energy && b.energy) << what;
      EXPECT_EQ(a.energy->total.total.value(), b.energy->total.total.value()) << what;
    }
  }
}

// A fused trace cannot be unfused: --no-fuse on it names the way to write a naive one.
TEST(TraceRoundTrip, NoFuseOnAFusedTraceIsAnInputError) {
  const models::Network back = models::parse_trace_file(
      models::trace_file_text(models::make_network("resnet18"), false, models::Optimizer::Adam,
                              Precision::BF16, true),
      "f.jsonl");
  try {
    (void)models::lower_inference_graph(back, false);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("headroom trace --no-fuse"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("f.jsonl"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace headroom::sim
