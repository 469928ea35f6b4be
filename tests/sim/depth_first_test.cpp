// SPDX-License-Identifier: MIT
// Depth-first chains end to end (docs/accelerator-model.md, "Depth-first chains"): the DRAM
// bytes of a chain are its input, its output and its weights, exactly; MACs never change; the
// switch (--no-depth-first) and --no-fuse turn it off, and the reports say so.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../cli_runner.hpp"
#include "../temp_dir.hpp"
#include "headroom/models/fuse.hpp"
#include "headroom/sim/run.hpp"

namespace headroom::sim {
namespace {

// Three 3x3 stride-1 convolutions, 16 -> 16 channels on 32 x 32, each with a ReLU (as in
// tests/models/depth_first_test.cpp): maps of 32 x 32 x 16 = 16,384 bytes at INT8, weights of
// 3 x 3 x 16 x 16 = 2,304 bytes per conv.
models::Network three_convs() {
  std::vector<models::Layer> layers;
  for (const char* name : {"a", "b", "c"}) {
    models::Conv2d c;
    c.in_channels = c.out_channels = 16;
    c.in_h = c.in_w = 32;
    c.kernel_h = c.kernel_w = 3;
    c.pad_h = c.pad_w = 1;
    layers.push_back({name, c});
    layers.push_back({std::string(name) + ".relu",
                      models::Elementwise{models::VectorKind::Activation, 32 * 32 * 16, 1, 1, 0}});
  }
  return models::Network({"three", 1, 1, "image", "16x32x32"}, layers);
}

// The small edge chip with 8 KiB buffers: maps (16 KiB) and activation buffers (ifmap + ofmap,
// 16 KiB) such that no map fits whole beside the next, a band of 5 rows does (4 x 5 + 12 = 32
// rows of 512 bytes = 16 KiB), and the 6,912 bytes of weights stay in the 8 KiB filter buffer.
accel::AcceleratorConfig small_buffers() {
  accel::AcceleratorConfig c =
      load_accelerator(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/edge-16x16-int8.yaml");
  c.sram.ifmap.size_bytes = c.sram.filter.size_bytes = c.sram.ofmap.size_bytes = 8192;
  return c;
}

Result run_three(bool fuse, bool depth_first, models::FusionSummary* summary = nullptr) {
  const accel::AcceleratorConfig config = small_buffers();
  std::optional<models::FusionSummary> fusion;
  models::Trace trace = models::lower_inference_graph(three_convs(), fuse, &fusion);
  if (fusion) keep_maps_on_chip(trace, config, accel::Precision::INT8, *fusion, depth_first);
  if (summary != nullptr && fusion) *summary = *fusion;
  return run_network(config, trace, accel::Precision::INT8);
}

TEST(DepthFirstRun, AChainMovesItsInputOutputAndWeightsOnce) {
  models::FusionSummary s;
  const Result df = run_three(true, true, &s);
  EXPECT_EQ(s.depth_first_chains, 1U);
  EXPECT_EQ(s.maps_in_bands, 2U);
  EXPECT_EQ(s.maps_kept_on_chip, 0U);
  // Input 16,384 + weights 3 x 2,304 read; output 16,384 written: 39,680 bytes in all.
  EXPECT_EQ(df.stats.dram_read_bytes, 16384U + 3 * 2304U);
  EXPECT_EQ(df.stats.dram_write_bytes, 16384U);
  std::vector<const accel::OpStats*> gemms;
  for (const auto& op : df.stats.ops)
    if (op.kind == models::TraceOp::Kind::Gemm) gemms.push_back(&op);
  ASSERT_EQ(gemms.size(), 3U);
  EXPECT_EQ(gemms[0]->dram_read_bytes, 16384U + 2304U);
  EXPECT_EQ(gemms[1]->dram_read_bytes, 2304U);
  EXPECT_EQ(gemms[2]->dram_read_bytes, 2304U);
  EXPECT_EQ(gemms[0]->dram_write_bytes + gemms[1]->dram_write_bytes, 0U);
  for (const auto* g : gemms) {
    EXPECT_EQ(g->depth_first_chain, 1U);
    EXPECT_EQ(g->band_rows, 5U);
    EXPECT_EQ(g->weight_passes, 1U);
  }

  // MACs never change: 3 x (1,024 pixels x 16 filters x 144) = 7,077,888.
  const Result whole = run_three(true, false);
  const Result naive = run_three(false, false);
  EXPECT_EQ(df.stats.macs, 7077888U);
  EXPECT_EQ(whole.stats.macs, df.stats.macs);
  EXPECT_EQ(naive.stats.macs, df.stats.macs);
  // Without depth-first both inner maps are written and read back (at least 4 x 16,384 more).
  EXPECT_GE(whole.stats.dram_read_bytes + whole.stats.dram_write_bytes,
            df.stats.dram_read_bytes + df.stats.dram_write_bytes + 4 * 16384U);
  // Compute is each op's own, tile by tile: the array is as busy either way.
  EXPECT_EQ(whole.stats.compute_cycles, df.stats.compute_cycles);
}

nlohmann::json run_json(std::vector<std::string> args) {
  std::vector<std::string> all{"run", "--json", "-"};
  all.insert(all.end(), args.begin(), args.end());
  const test::CliResult r = test::run_cli(all);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::object();
}

// MobileNet v1 on NVDLA nv_full: its early maps (112 x 112 x 64 at INT8, 784 KiB) do not fit the
// 512 KiB buffer whole, so chains form; --no-depth-first and --no-fuse turn them off.
TEST(DepthFirstCli, OnByDefaultOffWithItsSwitchAndWithNoFuse) {
  const std::vector<std::string> base{"--accel", "configs/accel/nvdla-nv-full.yaml", "--network",
                                      "mobilenet_v1"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> a = base;
    a.insert(a.end(), extra.begin(), extra.end());
    return run_json(a);
  };
  const auto on = with({});
  const auto off = with({"--no-depth-first"});
  const auto naive = with({"--no-fuse"});
  const auto naive_off = with({"--no-fuse", "--no-depth-first"});
  ASSERT_FALSE(on.empty() || off.empty() || naive.empty() || naive_off.empty());
  EXPECT_EQ(on["workload"]["depth_first"], "on");
  EXPECT_GT(on["workload"]["depth_first_chains"].get<int>(), 0);
  EXPECT_EQ(off["workload"]["depth_first"], "off");
  EXPECT_EQ(off["workload"]["depth_first_chains"], 0);
  EXPECT_EQ(naive["workload"]["depth_first"], "none");
  const auto dram = [](const nlohmann::json& j) {
    return j["totals"]["dram_read_bytes"].get<std::uint64_t>() +
           j["totals"]["dram_write_bytes"].get<std::uint64_t>();
  };
  EXPECT_LT(dram(on), dram(off));
  EXPECT_EQ(on["totals"]["macs"], off["totals"]["macs"]);
  EXPECT_EQ(on["totals"]["macs"], naive["totals"]["macs"]);
  // --no-fuse is the graph as written whatever the depth-first switch says.
  EXPECT_EQ(naive["totals"], naive_off["totals"]);
  bool named = false;
  for (const auto& layer : on["layers"])
    named = named ||
            layer["dram_traffic"].get<std::string>().rfind("depth-first chain 1, band ", 0) == 0;
  EXPECT_TRUE(named);
}

// The rule works on any workload: MobileNet v2 read from ONNX and from a trace file written by
// `headroom trace` chains exactly as the zoo network does (conv rows come with the layer).
TEST(DepthFirstCli, OnnxAndTraceFilesChainAsTheZooNetwork) {
  const test::TempDir dir;
  const std::string trace = dir.file("mobilenet_v2.jsonl");
  ASSERT_EQ(test::run_cli({"trace", "mobilenet_v2", "--out", trace}).exit_code, 0);
  const auto zoo =
      run_json({"--accel", "configs/accel/nvdla-nv-small.yaml", "--network", "mobilenet_v2"});
  ASSERT_FALSE(zoo.empty());
  EXPECT_GT(zoo["workload"]["depth_first_chains"].get<int>(), 0);
  for (const std::string& network : {std::string("tests/data/onnx/mobilenet_v2.onnx"), trace}) {
    const auto other =
        run_json({"--accel", "configs/accel/nvdla-nv-small.yaml", "--network", network});
    ASSERT_FALSE(other.empty()) << network;
    EXPECT_EQ(other["workload"]["depth_first_chains"], zoo["workload"]["depth_first_chains"])
        << network;
    EXPECT_EQ(other["workload"]["maps_in_bands"], zoo["workload"]["maps_in_bands"]) << network;
    EXPECT_EQ(other["totals"]["dram_read_bytes"], zoo["totals"]["dram_read_bytes"]) << network;
    EXPECT_EQ(other["totals"]["dram_write_bytes"], zoo["totals"]["dram_write_bytes"]) << network;
  }
}

TEST(DepthFirstCli, TheHeaderSaysWhetherItIsOn) {
  const test::CliResult on = test::run_cli(
      {"run", "--accel", "configs/accel/nvdla-nv-full.yaml", "--network", "mobilenet_v1"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_NE(on.out.find("depth-first: on ("), std::string::npos) << on.out;
  const test::CliResult off = test::run_cli({"run", "--accel", "configs/accel/nvdla-nv-full.yaml",
                                             "--network", "mobilenet_v1", "--no-depth-first"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_NE(off.out.find("depth-first: off (--no-depth-first)"), std::string::npos) << off.out;
}

}  // namespace
}  // namespace headroom::sim
