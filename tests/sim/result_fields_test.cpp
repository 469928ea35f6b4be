// SPDX-License-Identifier: MIT
#include "headroom/sim/result_fields.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include "headroom/models/lowering.hpp"
#include "headroom/sim/report.hpp"
#include "headroom/sim/run.hpp"

namespace {

using headroom::sim::Field;
using headroom::sim::FieldType;
using headroom::sim::FieldValue;

template <class Record>
void expect_well_formed(const std::vector<Field<Record>>& fields, const char* list) {
  std::set<std::string> names;
  for (const auto& f : fields) {
    EXPECT_TRUE(names.insert(f.name).second) << list << ": " << f.name << " declared twice";
    EXPECT_FALSE(f.description.empty()) << list << ": " << f.name;
    EXPECT_EQ(f.description.find('\n'), std::string::npos) << list << ": " << f.name;
    EXPECT_TRUE(f.get) << list << ": " << f.name;
    // A number has a unit ("1" when dimensionless); text and flags have none.
    const bool number = f.type == FieldType::Integer || f.type == FieldType::Real;
    EXPECT_EQ(f.unit.empty(), !number) << list << ": " << f.name;
  }
}

TEST(ResultFields, EveryListIsWellFormed) {
  expect_well_formed(headroom::sim::run_fields(), "run");
  expect_well_formed(headroom::sim::layer_fields(), "layer");
  expect_well_formed(headroom::sim::phase_fields(), "phase");
  expect_well_formed(headroom::sim::compare_fields(), "compare");
  expect_well_formed(headroom::sim::compare_ratio_fields(), "compare ratio");
  expect_well_formed(headroom::sim::train_fields(), "train");
  expect_well_formed(headroom::sim::scaling_fields(), "scaling");
}

// The `totals` keys json.cpp wrote by hand before the declarations (main at 8080299), plus the
// write-back cycles that make compute + stall + write-back add up to the total, and the
// parameter cache's four (issue 16; written only by runs with sram.parameter_cache).
TEST(ResultFields, RunFieldsWriteExactlyTheJsonTotalsKeys) {
  const std::set<std::string> expected{"total_cycles",
                                       "compute_cycles",
                                       "stall_cycles",
                                       "writeback_cycles",
                                       "vector_cycles",
                                       "macs",
                                       "flops",
                                       "vector_ops",
                                       "latency_s",
                                       "throughput_examples_per_s",
                                       "throughput_tflops",
                                       "peak_tflops",
                                       "utilization",
                                       "stall_share",
                                       "sram_reads",
                                       "sram_writes",
                                       "dram_read_bytes",
                                       "dram_write_bytes",
                                       "energy_j",
                                       "power_w",
                                       "flops_per_w",
                                       "area_mm2",
                                       "parameter_cache_bytes",
                                       "weight_bytes",
                                       "cached_weight_bytes",
                                       "cold_start_extra_dram_read_bytes"};
  std::set<std::string> totals;
  for (const auto& f : headroom::sim::run_fields())
    if (f.json_key.starts_with("totals.")) totals.insert(f.json_key.substr(7));
  EXPECT_EQ(totals, expected);
}

TEST(ResultFields, ValuesFormatWithTheirSpecAndMissingIsEmpty) {
  using headroom::sim::format_value;
  EXPECT_EQ(format_value(FieldValue{}, "{:.9g}"), "");
  EXPECT_EQ(format_value(FieldValue{std::uint64_t{42}}, "{}"), "42");
  EXPECT_EQ(format_value(FieldValue{0.25}, "{:.6f}"), "0.250000");
  EXPECT_EQ(format_value(FieldValue{1.0 / 3}, "{:.9g}"), "0.333333333");
  EXPECT_EQ(format_value(FieldValue{std::string("bf16")}, "{}"), "bf16");
  EXPECT_EQ(format_value(FieldValue{true}, "{}"), "true");
  EXPECT_TRUE(headroom::sim::to_json(FieldValue{}).is_null());
  EXPECT_TRUE(headroom::sim::to_json(FieldValue{std::uint64_t{7}}).is_number_unsigned());
}

TEST(ResultFields, DottedJsonKeysNestObjects) {
  nlohmann::json j = nlohmann::json::object();
  headroom::sim::put_json_at(j, "energy.components.mac_j", 1.5);
  headroom::sim::put_json_at(j, "energy.total_j", 2.0);
  headroom::sim::put_json_at(j, "batch", 4);
  EXPECT_EQ(j.dump(), R"({"batch":4,"energy":{"components":{"mac_j":1.5},"total_j":2.0}})");
}

headroom::sim::Result tiny_run(const std::string& config_path) {
  const auto config = headroom::sim::load_accelerator(config_path);
  headroom::sim::RunRequest request;
  request.topology = "tests/data/run/tiny_gemm.csv";
  const auto trace = headroom::sim::load_workload(request);
  return headroom::sim::run_network(config, trace, config.precision);
}

FieldValue value_of(const headroom::sim::Result& r, const std::string& name) {
  for (const auto& f : headroom::sim::run_fields())
    if (f.name == name) return f.get(r);
  ADD_FAILURE() << "no run field " << name;
  return {};
}

// The technology model's components must all be declared, or the JSON and a sweep table would
// silently drop one. Split buffers (edge) and a unified buffer (TPU v1) name different SRAMs.
TEST(ResultFields, EveryEnergyAndAreaComponentIsDeclared) {
  const auto& energy = headroom::sim::energy_component_names();
  const auto& area = headroom::sim::area_component_names();
  for (const char* path : {"configs/accel/edge-16x16-int8.yaml", "configs/accel/tpu-v1.yaml"}) {
    const auto r = tiny_run(path);
    ASSERT_TRUE(r.energy && r.area) << path << ": " << r.tech_missing_reason;
    for (const auto& c : r.energy->total.components) {
      EXPECT_NE(std::find(energy.begin(), energy.end(), c.name), energy.end()) << c.name;
      EXPECT_TRUE(std::holds_alternative<double>(value_of(r, "energy_" + c.name + "_j")));
    }
    for (const auto& c : r.area->components)
      EXPECT_NE(std::find(area.begin(), area.end(), c.name), area.end()) << c.name;
    EXPECT_EQ(headroom::sim::to_json(r).at("energy").at("components").size(),
              r.energy->total.components.size())
        << path;
  }
}

// A sweep table keeps its columns: a run without a component has the field, with no value.
TEST(ResultFields, AMissingComponentIsNoValueNotAMissingField) {
  const auto unified = tiny_run("configs/accel/tpu-v1.yaml");
  EXPECT_TRUE(std::holds_alternative<double>(value_of(unified, "energy_sram_unified_j")));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(value_of(unified, "energy_sram_ifmap_j")));
  auto no_tech = unified;
  no_tech.energy.reset();
  no_tech.area.reset();
  for (const char* name : {"energy_j", "energy_mac_j", "area_mm2", "area_array_mm2"})
    EXPECT_TRUE(std::holds_alternative<std::monostate>(value_of(no_tech, name))) << name;
  EXPECT_EQ(std::get<std::string>(value_of(no_tech, "config_name")), "tpu-v1");
  EXPECT_EQ(std::get<std::uint64_t>(value_of(no_tech, "batch")), 1u);
}

}  // namespace
