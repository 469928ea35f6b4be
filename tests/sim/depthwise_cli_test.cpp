// SPDX-License-Identifier: MIT
// array.depthwise end to end: the shipped Edge-TPU-class config (packed) against the same config
// with per_channel. Packing changes array time only, never the work.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_runner.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::test::run_cli;

const fs::path kRoot = HEADROOM_SOURCE_DIR;

nlohmann::json run(const std::string& config, const std::string& network) {
  const auto r = run_cli({"run", "--accel", config, "--network", network, "--json", "-"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? nlohmann::json::parse(r.out)["totals"] : nlohmann::json{};
}

TEST(DepthwiseCli, PackingKeepsTheMacsAndShortensTheRun) {
  std::ifstream in(kRoot / "configs/accel/edge-tpu-class.yaml");
  std::stringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  const std::string packed = "depthwise: packed";
  const auto at = yaml.find(packed);
  ASSERT_NE(at, std::string::npos) << "edge-tpu-class.yaml no longer sets array.depthwise";
  yaml.replace(at, packed.size(), "depthwise: per_channel");
  const fs::path per_channel =
      fs::temp_directory_path() / ("headroom-depthwise-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(per_channel) << yaml;

  for (const char* network : {"mobilenet_v1", "kws_ds_cnn"}) {
    const auto a = run((kRoot / "configs/accel/edge-tpu-class.yaml").string(), network);
    const auto b = run(per_channel.string(), network);
    ASSERT_FALSE(a.is_null() || b.is_null());
    EXPECT_EQ(a["macs"], b["macs"]) << network;
    // MobileNet v1 spends most of its per-channel time in 13 depthwise layers whose 3x3 channels
    // fill 9 of 64 rows and 1 of 64 columns; packed, 7 channels share a pass.
    EXPECT_LT(a["total_cycles"].get<double>(), 0.5 * b["total_cycles"].get<double>()) << network;
  }
  fs::remove(per_channel);
}

}  // namespace
