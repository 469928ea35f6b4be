// SPDX-License-Identifier: MIT
// Devices (configs/gpus) as targets of a sweep, through the real binary: their rows against
// `headroom run --device`, the Pareto front over devices and accelerator points against brute
// force, a device base, and the error for accelerator axes on a device base.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli_runner.hpp"
#include "headroom/sim/result_fields.hpp"
#include "sweep_db.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::test::run_cli;

const std::string kSweeps = "tests/data/sweeps/";

using headroom::test::query;
class SweepDevices : public headroom::test::TempDirTest {};

// Declared once: every device field is a run field of the same name, type and unit, so a
// device row's figure lands in the accelerator rows' column of the same meaning.
TEST(SweepDeviceFields, AreRunFieldsByNameTypeAndUnit) {
  using namespace headroom::sim;
  for (const auto& d : device_sweep_fields()) {
    bool found = false;
    for (const auto& r : run_fields()) {
      if (r.name != d.name) continue;
      found = true;
      EXPECT_EQ(r.type, d.type) << d.name;
      EXPECT_EQ(r.unit, d.unit) << d.name;
    }
    EXPECT_TRUE(found) << d.name << " is not a run field";
  }
}

TEST_F(SweepDevices, DeviceRowsEqualHeadroomRunDevice) {
  const std::string db = path("devices.sqlite");
  const auto r = run_cli({"sweep", kSweeps + "devices.yaml", "--db", db, "-j", "2", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(query(db, "SELECT count(*) AS n FROM points")[0].at("n"), "6");
  EXPECT_EQ(query(db,
                  "SELECT count(*) AS n FROM points WHERE target_kind = 'accelerator' AND "
                  "feasible = 1 AND \"array.rows\" IS NOT NULL")[0]
                .at("n"),
            "4");
  const auto rows = query(db, "SELECT * FROM points WHERE target_kind = 'device'");
  ASSERT_EQ(rows.size(), 2u);
  std::set<std::string> targets;
  for (const auto& row : rows) {
    targets.insert(row.at("target"));
    EXPECT_EQ(row.at("feasible"), "1") << row.at("error");
    EXPECT_EQ(row.at("array.rows"), "");    // accelerator axes do not apply
    EXPECT_EQ(row.at("total_cycles"), "");  // nor figures the device model has none of
    EXPECT_EQ(row.at("dram_read_bytes"), "");
    const std::string device = row.at("target") == "a100" ? "a100" : "h100-sxm";
    const auto run =
        run_cli({"run", "--device", device, "--network", "dqn_nips2013", "--json", "-"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto j = nlohmann::json::parse(run.out);
    // `headroom run --device` JSON, key by key, against the columns of the same meaning.
    EXPECT_EQ(row.at("config_name"), j.at("device").at("name").get<std::string>());
    EXPECT_EQ(row.at("precision"), j.at("precision").get<std::string>());
    EXPECT_EQ(std::stod(row.at("latency_s")), j.at("latency_s").get<double>());
    EXPECT_EQ(std::stod(row.at("throughput_examples_per_s")), j.at("examples_per_s").get<double>());
    EXPECT_EQ(std::stod(row.at("utilization")), j.at("utilization").get<double>());
    EXPECT_EQ(std::stod(row.at("energy_j")), j.at("energy_j").get<double>());
    EXPECT_EQ(std::stod(row.at("power_w")), j.at("power_w").get<double>());
    EXPECT_EQ(std::stod(row.at("flops")), j.at("flop").get<double>());
    // The columns are in TFLOP/s, the JSON in FLOP/s.
    EXPECT_EQ(std::stod(row.at("throughput_tflops")), j.at("achieved_flops").get<double>() / 1e12);
    EXPECT_EQ(std::stod(row.at("peak_tflops")), j.at("peak_flops").get<double>() / 1e12);
  }
  EXPECT_EQ(targets, (std::set<std::string>{"a100", "../../../configs/gpus/h100-sxm.yaml"}));
  // Die areas of configs/gpus/a100.yaml (826 mm2) and h100-sxm.yaml (814 mm2), one die each.
  EXPECT_EQ(query(db, "SELECT area_mm2 FROM points WHERE target = 'a100'")[0].at("area_mm2"),
            "826");
}

TEST_F(SweepDevices, ParetoOverDevicesAndAcceleratorsEqualsBruteForce) {
  const std::string db = path("devices.sqlite");
  ASSERT_EQ(run_cli({"sweep", kSweeps + "devices.yaml", "--db", db, "--quiet"}).exit_code, 0);
  // Objectives where both kinds are on the front: the accelerators are faster on this small
  // network, the devices have the higher peak.
  for (const std::string where : {"", "target_kind == 'accelerator'"}) {
    std::vector<std::string> args{"pareto", db, "--objectives", "latency_s,-peak_tflops",
                                  "--json", "-"};
    if (!where.empty()) args.insert(args.end(), {"--where", where});
    const auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto front = nlohmann::json::parse(r.out);
    std::set<std::string> got;
    for (const auto& p : front.at("front")) got.insert(p.at("config_hash").get<std::string>());
    const auto rows =
        query(db, "SELECT config_hash, latency_s, peak_tflops FROM points WHERE feasible = 1" +
                      std::string(where.empty() ? "" : " AND target_kind = 'accelerator'"));
    EXPECT_EQ(rows.size(), where.empty() ? 6u : 4u);
    EXPECT_EQ(front.at("candidates").get<std::size_t>(), rows.size());
    std::set<std::string> expected;
    for (const auto& a : rows) {
      bool dominated = false;
      for (const auto& b : rows) {
        bool no_worse = true;
        bool better = false;
        for (const auto& [k, sign] : {std::pair{"latency_s", 1.0}, {"peak_tflops", -1.0}}) {
          no_worse = no_worse && sign * std::stod(b.at(k)) <= sign * std::stod(a.at(k));
          better = better || sign * std::stod(b.at(k)) < sign * std::stod(a.at(k));
        }
        dominated = dominated || (no_worse && better);
      }
      if (!dominated) expected.insert(a.at("config_hash"));
    }
    EXPECT_EQ(got, expected) << where;
    if (where.empty()) {
      // A device and an accelerator on the front (else this test would not test the mix).
      for (const char* kind : {"device", "accelerator"}) {
        bool on_front = false;
        for (const auto& row : query(db, "SELECT config_hash FROM points WHERE target_kind = '" +
                                             std::string(kind) + "'"))
          on_front = on_front || got.contains(row.at("config_hash"));
        EXPECT_TRUE(on_front) << kind;
      }
    }
  }
}

TEST_F(SweepDevices, ADeviceBaseSweepsDevicesOnlyAndRefusesAcceleratorAxes) {
  const std::string db = path("base.sqlite");
  const auto r = run_cli({"sweep", kSweeps + "device_base.yaml", "--db", db, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = query(db, "SELECT target, target_kind, feasible FROM points ORDER BY target");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].at("target"), "a100");
  EXPECT_EQ(rows[1].at("target"), "h100-sxm");
  for (const auto& row : rows) EXPECT_EQ(row.at("target_kind"), "device");

  const std::string bad = path("bad.sqlite");
  const auto e =
      run_cli({"sweep", kSweeps + "bad/device_base_with_axes.yaml", "--db", bad, "--quiet"});
  EXPECT_EQ(e.exit_code, 2) << e.err;
  EXPECT_NE(e.err.find("device_base_with_axes.yaml"), std::string::npos) << e.err;
  EXPECT_NE(e.err.find("axes.array.rows"), std::string::npos) << e.err;
  EXPECT_FALSE(fs::exists(bad));
}

}  // namespace
