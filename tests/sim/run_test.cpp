// SPDX-License-Identifier: MIT
#include "headroom/sim/run.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "sc_test_fixture.hpp"

namespace {

using headroom::InputError;
using headroom::accel::Precision;
namespace sim = headroom::sim;

const std::string kRoot = HEADROOM_SOURCE_DIR;

class RunTest : public headroom::test::SimContextTest {};

headroom::models::Trace one_gemm(std::uint64_t m, std::uint64_t n, std::uint64_t k) {
  headroom::models::Trace t;
  t.network = "one-gemm";
  headroom::models::TraceOp op;
  op.layer = "fc";
  op.gemm = {.m = m, .n = n, .k = k, .count = 1, .a_unique_elements = 0, .b_unique_elements = 0};
  t.ops.push_back(op);
  return t;
}

TEST_F(RunTest, ResultCarriesTheRunAndItsDerivedFigures) {
  const auto config = sim::load_accel_config(kRoot + "/configs/accel/tpu-v1.yaml");
  const auto r = sim::run_network(config, one_gemm(256, 256, 256), Precision::INT8);
  EXPECT_EQ(r.config_name, "tpu-v1");
  EXPECT_EQ(r.network, "one-gemm");
  // Jouppi et al. 2017, Table 2: 65,536 MACs per cycle, 92 TOPS peak at 700 MHz.
  EXPECT_EQ(r.peak_macs_per_cycle, 65536u);
  EXPECT_NEAR(r.peak_tflops(), 92, 0.5);
  EXPECT_EQ(r.stats.macs, 256u * 256 * 256);
  ASSERT_GT(r.stats.total_cycles, 0u);
  // A single 256^3 GEMM cannot beat one MAC per PE per cycle.
  EXPECT_GE(r.stats.total_cycles, 256u);
  EXPECT_LE(r.utilization(), 1.0);
  EXPECT_TRUE(r.energy.has_value());
  EXPECT_TRUE(r.area.has_value());
}

// Found by tests/sim/property_test.cpp: a 5x5 convolution over an unpadded 4x4 input has no
// output, and its GEMM (M 0) made the planner divide by zero (SIGFPE) instead of an error.
TEST_F(RunTest, AGemmWithAnEmptyDimensionIsAnInputErrorNamingTheLayer) {
  const auto config = sim::load_accel_config(kRoot + "/configs/accel/tpu-v1.yaml");
  for (const auto& [m, n, k] : {std::tuple{0, 8, 8}, std::tuple{8, 0, 8}, std::tuple{8, 8, 0}}) {
    try {
      (void)sim::run_network(config, one_gemm(m, n, k), Precision::INT8);
      ADD_FAILURE() << "accepted M " << m << ", N " << n << ", K " << k;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("layer fc"), std::string::npos) << e.what();
    }
  }
}

TEST_F(RunTest, PrecisionTheArrayCannotRunIsAnInputError) {
  const auto config = sim::load_accel_config(kRoot + "/configs/accel/tpu-v1.yaml");
  EXPECT_THROW((void)sim::run_network(config, one_gemm(8, 8, 8), Precision::BF16), InputError);
}

TEST(LoadAccelerator, DispatchesOnExtension) {
  EXPECT_EQ(sim::load_accelerator(kRoot + "/configs/accel/eyeriss-65nm.yaml").array.rows, 12u);
  // The SCALE-Sim run's .cfg: ArrayHeight 8 (tests/data/scalesim/test_mnk_input_8x8_ws).
  EXPECT_EQ(sim::load_accelerator(kRoot + "/tests/data/scalesim/test_mnk_input_8x8_ws/"
                                          "test_mnk_input_8x8_ws.cfg")
                .array.rows,
            8u);
  EXPECT_THROW((void)sim::load_accelerator(kRoot + "/README.md"), InputError);
}

TEST(LoadWorkload, TopologyFixesItsBatchAndIsForwardOnly) {
  sim::RunRequest request;
  request.topology = kRoot + "/tests/data/run/tiny_gemm.csv";
  EXPECT_EQ(sim::load_workload(request).ops.size(), 3u);
  request.batch = 2;
  EXPECT_THROW((void)sim::load_workload(request), InputError);
  request.batch = 1;
  request.training = true;
  EXPECT_THROW((void)sim::load_workload(request), InputError);
}

TEST(LoadWorkload, TrainingStepHasEveryPhase) {
  sim::RunRequest request;
  request.network = "resnet18";
  request.training = true;
  const auto trace = sim::load_workload(request);
  bool update = false, backward = false;
  for (const auto& op : trace.ops) {
    update = update || op.phase == headroom::models::Phase::Update;
    backward = backward || op.phase == headroom::models::Phase::BackwardWeight;
  }
  EXPECT_TRUE(update);
  EXPECT_TRUE(backward);
}

}  // namespace
