// SPDX-License-Identifier: MIT
// `headroom sweep`, `sweep export` and `pareto` through the real binary, on real SQLite files:
// rows against `headroom run`, SIGKILL and resume, the Pareto front against brute force, bad
// input. The MPI comparison is tests/sweep_mpi_test.sh (a CTest test).
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <thread>

#include "cli_runner.hpp"
#include "run_json.hpp"
#include "sweep_db.hpp"

namespace {

namespace fs = std::filesystem;
using headroom::test::run_cli;

const std::string kSweeps = "tests/data/sweeps/";

using headroom::test::query;
class SweepCli : public headroom::test::TempDirTest {};

std::string scalar(const std::string& db, const std::string& sql) {
  const auto rows = query(db, sql);
  return rows.empty() ? "" : rows[0].begin()->second;
}

TEST_F(SweepCli, EveryRowEqualsHeadroomRunOnTheSameResolvedConfig) {
  const std::string db = path("small.sqlite");
  const auto r = run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "-j", "2", "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM points"), "288");
  // fp16 is not in the base's macs_per_pe_per_cycle: infeasible, with the loader's reason.
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM points WHERE precision IS NULL AND feasible = 0 AND "
                   "reason LIKE '%default precision fp16%'"),
            "144")
      << scalar(db, "SELECT reason FROM points WHERE feasible = 0 LIMIT 1");
  EXPECT_NE(scalar(db, "SELECT count(*) FROM points WHERE reason LIKE 'constraint%'"), "0");

  const auto rows = query(db, "SELECT * FROM points WHERE error IS NULL");
  ASSERT_EQ(rows.size(), 144u);
  std::mt19937 rng(11);
  const YAML::Node base = YAML::LoadFile("configs/accel/default.yaml");
  for (int i = 0; i < 4; ++i) {
    const auto& row = rows[rng() % rows.size()];
    // The resolved config written out by hand: the base with the row's axis values.
    YAML::Node config = YAML::Clone(base);
    config["array"]["rows"] = row.at("array.rows");
    config["array"]["cols"] = row.at("array.cols");
    config["array"]["dataflow"] = row.at("array.dataflow");
    config["dram"]["type"] = row.at("dram.type");
    config["tech"]["node"] = row.at("tech.node");
    config["precision"] = row.at("axis.precision");
    const std::string file = path("point.yaml");
    std::ofstream(file) << config;
    std::vector<std::string> args{"--accel", file};
    if (row.at("workload") == "dqn@2")
      args.insert(args.end(), {"--network", "dqn", "--batch", "2"});
    else
      args.insert(args.end(), {"--network", row.at("workload")});
    const nlohmann::json run = headroom::test::run_json(args);
    int compared = 0;
    for (const auto& [key, value] : run.at("totals").items()) {
      if (!row.contains(key)) continue;
      ++compared;
      if (value.is_number_float())
        EXPECT_EQ(std::stod(row.at(key)), value.get<double>()) << key;
      else
        EXPECT_EQ(row.at(key), value.dump()) << key;
    }
    EXPECT_GE(compared, 20);
  }
}

TEST_F(SweepCli, ExportWritesEveryRowAsCsvAndJson) {
  const std::string db = path("small.sqlite");
  ASSERT_EQ(run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"}).exit_code, 0);
  const auto r =
      run_cli({"sweep", "export", db, "--csv", path("out.csv"), "--json", path("out.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream csv(path("out.csv"));
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("config_hash,workload,point_key,array.rows,", 0), 0u) << header;
  EXPECT_NE(header.find(",latency_s,"), std::string::npos);
  EXPECT_NE(header.find(",energy_dram_j,"), std::string::npos);
  std::size_t lines = 0;
  for (std::string line; std::getline(csv, line);) ++lines;
  EXPECT_EQ(lines, 288u);
  std::ifstream json_in(path("out.json"));
  const auto json = nlohmann::json::parse(json_in);
  EXPECT_EQ(json.size(), 288u);
}

TEST_F(SweepCli, ARerunAddsNothingAndAWiderSpecAddsOnlyItsNewPoints) {
  const std::string db = path("small.sqlite");
  ASSERT_EQ(run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"}).exit_code, 0);
  const auto again = run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("288 already in"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("0 evaluated"), std::string::npos) << again.out;
  // One more value on one axis: 144 -> 192 points, 96 new tasks.
  YAML::Node spec = YAML::LoadFile(kSweeps + "small.yaml");
  spec["base"] = fs::absolute("configs/accel/default.yaml").string();
  spec["axes"]["array.rows"].push_back(128);
  std::ofstream(path("wider.yaml")) << spec;
  const auto wider = run_cli({"sweep", path("wider.yaml"), "--db", db, "--quiet"});
  ASSERT_EQ(wider.exit_code, 0) << wider.err;
  EXPECT_NE(wider.out.find("288 already in"), std::string::npos) << wider.out;
  EXPECT_NE(wider.out.find("96 evaluated"), std::string::npos) << wider.out;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM points"), "384");
}

// Starts the sweep as its own process group, so the kill reaches the workers too.
pid_t start_sweep(const std::string& spec, const std::string& db) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    const std::string devnull = "/dev/null";
    (void)!::freopen(devnull.c_str(), "w", stdout);
    (void)!::freopen(devnull.c_str(), "w", stderr);
    ::execl(HEADROOM_BINARY, HEADROOM_BINARY, "sweep", spec.c_str(), "--db", db.c_str(), "-j", "2",
            "--quiet", "--chunk", "16", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  return pid;
}

TEST_F(SweepCli, SigkillAtRandomMomentsThenResumeGivesEveryPointOnce) {
  const std::string db = path("kill.sqlite");
  std::mt19937 rng(std::random_device{}());
  std::string kills;
  for (int round = 0; round < 4; ++round) {
    const pid_t pid = start_sweep(kSweeps + "kill.yaml", db);
    const int ms = 150 + static_cast<int>(rng() % 500);
    kills += std::to_string(ms) + " ms; ";
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    ::kill(-pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
  const auto r = run_cli({"sweep", kSweeps + "kill.yaml", "--db", db, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err << " (killed after " << kills << ")";
  EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM points"), "3000") << kills;
  EXPECT_EQ(scalar(db, "SELECT count(DISTINCT point_key) FROM points"), "3000") << kills;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM tasks"), "3000") << kills;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM points WHERE feasible IS NULL"), "0");
  std::cout << "killed after " << kills << r.out;
}

// A kill between creating the file and committing its tables (one transaction) leaves an empty
// database, as SQLite makes it on open; the resume sets it up instead of refusing "another
// file". A text file at the path is still refused and left as it was.
TEST_F(SweepCli, ADatabaseKilledBeforeItsTablesIsSetUpOnResume) {
  const std::string db = path("empty.sqlite");
  std::ofstream(db).close();
  const auto r = run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(scalar(db, "SELECT count(*) FROM points"), "0");

  const std::string text = path("notes.sqlite");
  std::ofstream(text) << "not a database\n";
  const auto refused = run_cli({"sweep", kSweeps + "small.yaml", "--db", text, "--quiet"});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("another file"), std::string::npos) << refused.err;
  std::ifstream in(text);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "not a database\n");
}

TEST_F(SweepCli, ParetoEqualsBruteForceOnARealSweep) {
  const std::string db = path("small.sqlite");
  ASSERT_EQ(run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"}).exit_code, 0);
  for (const std::string workload : {"dqn_nips2013", "dqn@2"}) {
    const auto r = run_cli({"pareto", db, "--workload", workload, "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto front = nlohmann::json::parse(r.out);
    std::set<std::string> got;
    for (const auto& p : front.at("front")) got.insert(p.at("config_hash").get<std::string>());
    const auto rows = query(db,
                            "SELECT config_hash, latency_s, energy_j, area_mm2 FROM points "
                            "WHERE feasible = 1 AND workload = '" +
                                workload + "'");
    EXPECT_EQ(front.at("candidates").get<std::size_t>(), rows.size());
    std::set<std::string> expected;
    for (const auto& a : rows) {
      bool dominated = false;
      for (const auto& b : rows) {
        bool no_worse = true;
        bool better = false;
        for (const char* k : {"latency_s", "energy_j", "area_mm2"}) {
          no_worse = no_worse && std::stod(b.at(k)) <= std::stod(a.at(k));
          better = better || std::stod(b.at(k)) < std::stod(a.at(k));
        }
        dominated = dominated || (no_worse && better);
      }
      if (!dominated) expected.insert(a.at("config_hash"));
    }
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(got, expected) << workload;
  }
  // Over both workloads: the weighted geometric mean (weights 1 and 2 in small.yaml) of configs
  // feasible on both, computed here from the rows.
  const auto r_all = run_cli({"pareto", db, "--json", "-"});
  ASSERT_EQ(r_all.exit_code, 0) << r_all.err;
  const auto all = nlohmann::json::parse(r_all.out);
  const char* objectives[] = {"latency_s", "energy_j", "area_mm2"};
  std::map<std::string, std::map<std::string, std::vector<double>>> by_config;
  for (const auto& row : query(db, "SELECT * FROM points WHERE feasible = 1"))
    for (const char* k : objectives)
      by_config[row.at("config_hash")][row.at("workload")].push_back(std::stod(row.at(k)));
  std::vector<std::string> hashes;
  std::vector<std::vector<double>> means;
  for (const auto& [hash, workloads] : by_config) {
    if (workloads.size() != 2) continue;
    std::vector<double> m;
    for (std::size_t i = 0; i < 3; ++i)
      m.push_back(std::pow(
          std::pow(workloads.at("dqn_nips2013")[i], 1.0) * std::pow(workloads.at("dqn@2")[i], 2.0),
          1.0 / 3.0));
    hashes.push_back(hash);
    means.push_back(m);
  }
  EXPECT_EQ(all.at("candidates").get<std::size_t>(), hashes.size());
  std::map<std::string, std::vector<double>> expected_all;
  for (std::size_t a = 0; a < means.size(); ++a) {
    bool dominated = false;
    for (std::size_t b = 0; b < means.size() && !dominated; ++b) {
      bool no_worse = true;
      bool better = false;
      for (std::size_t i = 0; i < 3; ++i) {
        no_worse = no_worse && means[b][i] <= means[a][i];
        better = better || means[b][i] < means[a][i];
      }
      dominated = no_worse && better;
    }
    if (!dominated) expected_all[hashes[a]] = means[a];
  }
  EXPECT_FALSE(expected_all.empty());
  ASSERT_EQ(all.at("front").size(), expected_all.size());
  for (const auto& p : all.at("front")) {
    const auto& want = expected_all.at(p.at("config_hash").get<std::string>());
    for (std::size_t i = 0; i < 3; ++i)
      EXPECT_NEAR(p.at("objectives").at(objectives[i]).get<double>(), want[i], 1e-12 * want[i]);
  }

  // --where filters before the front; --top cuts it.
  const auto r =
      run_cli({"pareto", db, "--where", "array.rows == 16", "--top", "2", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto front = nlohmann::json::parse(r.out);
  EXPECT_LE(front.at("front").size(), 2u);
  for (const auto& p : front.at("front")) EXPECT_EQ(p.at("axes").at("array.rows"), "16");
}

// A dram.type axis turns a DRAM on for an on-chip-only base: every point runs, moves bytes
// through the DRAM it now has, and the slower DRAM is never faster.
TEST_F(SweepCli, ADramTypeAxisGivesAnOnChipOnlyBaseADram) {
  const std::string db = path("dram.sqlite");
  const auto r = run_cli({"sweep", kSweeps + "dram_on_none_base.yaml", "--db", db, "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = query(db,
                          "SELECT feasible, memory, dram_read_bytes, latency_s FROM points "
                          "ORDER BY \"dram.bandwidth\"");
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.at("feasible"), "1");
    EXPECT_EQ(row.at("memory"), "dram");
    EXPECT_GT(std::stod(row.at("dram_read_bytes")), 0);
  }
  EXPECT_GE(std::stod(rows[0].at("latency_s")), std::stod(rows[1].at("latency_s")));
}

TEST_F(SweepCli, BadInputIsExit2WithNothingWritten) {
  for (const char* spec :
       {"unknown_axis.yaml", "empty_axis.yaml", "unknown_constraint.yaml", "objective_typo.yaml",
        "unknown_network.yaml", "dram_axis_on_none_base.yaml"}) {
    const std::string db = path("bad.sqlite");
    const auto r = run_cli({"sweep", kSweeps + "bad/" + spec, "--db", db});
    EXPECT_EQ(r.exit_code, 2) << spec << ": " << r.err;
    EXPECT_NE(r.err.find(spec), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(db)) << spec;
  }
  const auto unwritable =
      run_cli({"sweep", kSweeps + "small.yaml", "--db", path("no/such/dir/x.sqlite")});
  EXPECT_EQ(unwritable.exit_code, 2) << unwritable.err;
  EXPECT_NE(unwritable.err.find("no/such/dir/x.sqlite"), std::string::npos) << unwritable.err;

  // A database of another sweep (other axes) is refused and left as it was.
  const std::string db = path("other.sqlite");
  ASSERT_EQ(run_cli({"sweep", kSweeps + "other_axes.yaml", "--db", db, "--quiet"}).exit_code, 0);
  const auto other = run_cli({"sweep", kSweeps + "small.yaml", "--db", db, "--quiet"});
  EXPECT_EQ(other.exit_code, 2) << other.err;
  EXPECT_NE(other.err.find("over axes"), std::string::npos) << other.err;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM points"), "2");
  // pareto: an objective typo and a --where on an unknown field.
  const auto typo = run_cli({"pareto", db, "--objectives", "latncy_s"});
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("did you mean latency_s"), std::string::npos) << typo.err;
  const auto where =
      run_cli({"pareto", db, "--objectives", "latency_s", "--where", "aera_mm2 < 3"});
  EXPECT_EQ(where.exit_code, 2);
  EXPECT_NE(where.err.find("did you mean area_mm2"), std::string::npos) << where.err;
}

}  // namespace
