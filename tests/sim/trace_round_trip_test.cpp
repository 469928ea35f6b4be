// SPDX-License-Identifier: MIT
// Every zoo network, inference and a training step, simulated from the network and from its
// trace file read back: the same cycles, DRAM traffic and energy. Small inputs (batch 1, the
// smallest image a CNN takes, 16-token sequences) keep the 50 simulations to seconds; of the four
// models over 50 B parameters (~65 s of the ~67) the first and last 150 ops are simulated, which
// hold every op kind of a block and of the backward and update phases. The op-for-op check of
// every whole trace at full size is tests/models/trace_file_test.cpp.
#include <gtest/gtest.h>

#include <string>

#include "headroom/models/trace_file.hpp"
#include "headroom/models/zoo.hpp"
#include "headroom/sim/run.hpp"

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

}  // namespace
}  // namespace headroom::sim
