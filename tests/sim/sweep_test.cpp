// SPDX-License-Identifier: MIT
// The sweep's parts in process: spec checks, the point space, hashing, the Pareto filter.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "sweep/hash.hpp"
#include "sweep/pareto.hpp"
#include "sweep/space.hpp"
#include "sweep/spec.hpp"

namespace {

using namespace headroom::sim::sweep;
const std::string kSweeps = std::string(HEADROOM_SOURCE_DIR) + "/tests/data/sweeps/";

// The definition of the Pareto set, pair by pair.
std::set<std::size_t> brute_force_front(const std::vector<std::vector<double>>& p) {
  std::set<std::size_t> out;
  for (std::size_t i = 0; i < p.size(); ++i) {
    bool dominated = false;
    for (std::size_t j = 0; j < p.size() && !dominated; ++j) {
      bool no_worse = true;
      bool better = false;
      for (std::size_t k = 0; k < p[i].size(); ++k) {
        no_worse = no_worse && p[j][k] <= p[i][k];
        better = better || p[j][k] < p[i][k];
      }
      dominated = no_worse && better;
    }
    if (!dominated) out.insert(i);
  }
  return out;
}

TEST(SweepPareto, EqualsBruteForceOnRandomData) {
  std::mt19937_64 rng(2026);
  for (int trial = 0; trial < 60; ++trial) {
    const std::size_t n = 1 + rng() % 400;
    const std::size_t m = 1 + rng() % 5;
    // Few distinct values per objective, so ties and equal points are common.
    const std::uint64_t levels = 2 + rng() % 30;
    std::vector<std::vector<double>> points(n, std::vector<double>(m));
    for (auto& p : points)
      for (auto& v : p) v = static_cast<double>(rng() % levels);
    const auto front = non_dominated(points);
    EXPECT_EQ(std::set<std::size_t>(front.begin(), front.end()), brute_force_front(points))
        << "trial " << trial << ", n " << n << ", m " << m;
    EXPECT_EQ(std::set<std::size_t>(front.begin(), front.end()).size(), front.size());
  }
}

TEST(SweepSpec, ReadsTheSmallSpec) {
  const SweepSpec s = load_sweep_spec(kSweeps + "small.yaml");
  ASSERT_EQ(s.workloads.size(), 2u);
  EXPECT_EQ(s.workloads[1].label, "dqn@2");
  EXPECT_EQ(s.workloads[1].weight, 2);
  ASSERT_EQ(s.axes.size(), 6u);
  EXPECT_EQ(s.axes[0].key, "array.rows");
  EXPECT_EQ(s.groups.size(), 6u);
  ASSERT_EQ(s.constraints.size(), 1u);
  EXPECT_EQ(s.constraints[0].column, "area_mm2");
  ASSERT_EQ(s.objectives.size(), 3u);
  EXPECT_EQ(Space(s).size(), 3u * 3 * 2 * 2 * 2 * 2);
}

std::string error_of(const std::string& file) {
  try {
    (void)load_sweep_spec(kSweeps + "bad/" + file);
  } catch (const headroom::InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SweepSpec, BadSpecsNameTheKeyAndSuggest) {
  EXPECT_NE(error_of("unknown_axis.yaml").find("did you mean array.rows"), std::string::npos)
      << error_of("unknown_axis.yaml");
  EXPECT_NE(error_of("unknown_axis.yaml").find("unknown_axis.yaml:4"), std::string::npos);
  EXPECT_NE(error_of("empty_axis.yaml").find("non-empty list"), std::string::npos);
  EXPECT_NE(error_of("unknown_constraint.yaml").find("did you mean area_mm2"), std::string::npos)
      << error_of("unknown_constraint.yaml");
  EXPECT_NE(error_of("objective_typo.yaml").find("did you mean latency_s"), std::string::npos)
      << error_of("objective_typo.yaml");
}

// issue 16's follow-up: a dram.* axis on an on-chip-only base (dram: none).
TEST(SweepSpec, DramAxesOnAnOnChipOnlyBaseNeedADramTypeAxis) {
  const std::string e = error_of("dram_axis_on_none_base.yaml");
  EXPECT_NE(e.find("dram_axis_on_none_base.yaml:5"), std::string::npos) << e;
  EXPECT_NE(e.find("axes.dram.bandwidth"), std::string::npos) << e;
  EXPECT_NE(e.find("syntiant-core2-class.yaml' has dram: none"), std::string::npos) << e;
  EXPECT_NE(e.find("dram.type axis"), std::string::npos) << e;

  // With one, each point has a DRAM: the swept bandwidth, every other key from the type's table,
  // exactly as the same base with `dram: {type: lpddr4}` written into it.
  const SweepSpec s = load_sweep_spec(kSweeps + "dram_on_none_base.yaml");
  const Space space(s);
  ASSERT_EQ(space.size(), 2u);
  YAML::Node written = YAML::Clone(s.base);
  written["dram"] = YAML::Load("{type: lpddr4}");
  const auto by_type = headroom::sim::parse_accel_config_node(written, s.base_path);
  ASSERT_FALSE(by_type.dram.none);
  const double gbps[] = {1, 4};
  for (std::uint64_t k = 0; k < 2; ++k) {
    const auto c = headroom::sim::parse_accel_config_node(space.config_node(k), s.base_path);
    EXPECT_FALSE(c.dram.none);
    EXPECT_EQ(c.dram.type, "lpddr4");
    EXPECT_EQ(c.dram.bandwidth.value(), gbps[k] * 1e9);
    EXPECT_EQ(c.dram.latency.value(), by_type.dram.latency.value());
    EXPECT_EQ(c.dram.burst_bytes, by_type.dram.burst_bytes);
  }
}

TEST(SweepSpace, RandomSearchDrawsDistinctPointsAndLargerRunsKeepSmallerOnes) {
  SweepSpec s = load_sweep_spec(kSweeps + "kill.yaml");
  ASSERT_EQ(Space(s).grid_size(), 20u * 20 * 10 * 3);
  const Space big(s);
  std::set<std::vector<std::uint32_t>> seen;
  for (std::uint64_t k = 0; k < big.size(); ++k) seen.insert(big.value_indices(k));
  EXPECT_EQ(seen.size(), 3000u);
  s.samples = 100;
  const Space small(s);
  for (std::uint64_t k = 0; k < small.size(); ++k)
    EXPECT_EQ(small.value_indices(k), big.value_indices(k));
}

TEST(SweepSpace, TiedAxesMoveTogether) {
  SweepSpec s = load_sweep_spec(std::string(HEADROOM_SOURCE_DIR) + "/configs/sweeps/example.yaml");
  const Space space(s);
  EXPECT_EQ(space.size(), 4u * 2 * 3 * 2 * 2);
  for (std::uint64_t k = 0; k < space.size(); ++k) {
    const auto v = space.value_indices(k);
    EXPECT_EQ(v[0], v[1]);  // array.rows and array.cols
  }
}

TEST(SweepHash, SameConfigSpelledTwoWaysHasOneHash) {
  const auto a = headroom::sim::load_accel_config(std::string(HEADROOM_SOURCE_DIR) +
                                                  "/configs/accel/default.yaml");
  auto b = a;
  EXPECT_EQ(hash128(canonical_text(a)), hash128(canonical_text(b)));
  b.sram.unified_buffer.size_bytes += 1;
  EXPECT_NE(hash128(canonical_text(a)), hash128(canonical_text(b)));
  b = a;
  b.tech.energy_overrides["mac_int8_pj"] = 0.1;
  EXPECT_NE(hash128(canonical_text(a)), hash128(canonical_text(b)));
  // FNV-1a 128 of the empty string is its offset basis (draft-eastlake-fnv).
  EXPECT_EQ(hash128(""), "6c62272e07bb014262b821756295c58d");
}

// canonical_text() lists the config's members by hand; this is the guard that none is missed.
// Every member a result depends on is read from a key of the schema (the loader rejects any
// other key), and every such key is an axis. So: for every axis key, some valid value on some
// shipped config must change the hash. A member added to AcceleratorConfig and its loader but not
// to canonical_text() makes its key fail here, by name.
TEST(SweepHash, EveryAxisKeyChangesTheHash) {
  const std::vector<std::string> candidates{
      "other-name", "1",      "2",     "3",     "7",       "100",   "4096",     "0.5",
      "1.5",        "64 KiB", "1 MiB", "8 GiB", "500 MHz", "1 GHz", "100 GB/s", "20 ns",
      "true",       "false",  "ws",    "os",    "is",      "int8",  "fp16",     "bf16",
      "fp32",       "hbm2",   "ddr4",  "7 nm",  "65 nm",   "0.8 V", "packed",   "per_channel"};
  std::vector<std::pair<std::string, YAML::Node>> bases;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel")) {
    const std::string path = e.path().string();
    bases.emplace_back(path, YAML::LoadFile(path));
    // The same without DRAM figures, so that dram.count and dram.ideal have an effect, and with
    // several precisions on the array, so that `precision` has valid values.
    YAML::Node bare = YAML::Clone(bases.back().second);
    bare["dram"] = YAML::Load("{type: ddr4}");
    bare["array"]["macs_per_pe_per_cycle"] = YAML::Load("{int8: 1, fp16: 1, bf16: 1, fp32: 1}");
    bases.emplace_back(path, bare);
  }
  ASSERT_GE(bases.size(), 2u);
  for (const auto& key : axis_keys()) {
    bool changed = false;
    for (std::size_t b = 0; b < bases.size() && !changed; ++b) {
      const auto& [path, base] = bases[b];
      std::string before;
      try {
        before = hash128(canonical_text(headroom::sim::parse_accel_config_node(base, path)));
      } catch (const headroom::InputError&) {
        continue;  // a variant that is not valid itself
      }
      for (std::size_t c = 0; c < candidates.size() && !changed; ++c) {
        YAML::Node node = YAML::Clone(base);
        set_dotted(node, key, candidates[c]);
        try {
          const auto config = headroom::sim::parse_accel_config_node(node, path);
          changed = hash128(canonical_text(config)) != before;
        } catch (const headroom::InputError&) {
          // not a valid value for this key on this base; try the next
        }
      }
    }
    EXPECT_TRUE(changed) << "no valid value of axis key '" << key
                         << "' changes the config hash: add its member to canonical_text() "
                            "(sim/src/sweep/hash.cpp)";
  }
}

TEST(SweepOverride, SetsNestedKeysAndCreatesMaps) {
  YAML::Node root = YAML::Load("array: {rows: 8}\n");
  set_dotted(root, "array.rows", "64");
  set_dotted(root, "tech.node", "7 nm");
  EXPECT_EQ(root["array"]["rows"].as<int>(), 64);
  EXPECT_EQ(root["tech"]["node"].as<std::string>(), "7 nm");
}

}  // namespace
