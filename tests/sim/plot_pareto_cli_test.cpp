// SPDX-License-Identifier: MIT
// `headroom plot pareto`: the front it draws is exactly what `headroom pareto` returns, on a real
// (tiny) sweep run here.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>

#include "cli_runner.hpp"
#include "svg_reader.hpp"

namespace headroom::test {
namespace {

namespace fs = std::filesystem;

struct PlotParetoCli : ::testing::Test {
  fs::path dir;
  void SetUp() override {
    dir = fs::temp_directory_path() / ("headroom-plot-pareto-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  [[nodiscard]] std::string file(const std::string& name) const { return (dir / name).string(); }
};

// The (x, y) rows of one datablock of a gnuplot script, as printed (%.9g).
std::set<std::pair<std::string, std::string>> datablock(const std::string& script_path,
                                                        const std::string& name) {
  std::ifstream in(script_path);
  std::set<std::pair<std::string, std::string>> rows;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == "$" + name + " << EOD") {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (line == "EOD") break;
    std::istringstream fields(line);
    std::string x, y;
    fields >> x >> y;
    rows.insert({x, y});
  }
  return rows;
}

std::string g9(double v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g", v);
  return text;
}

TEST_F(PlotParetoCli, DrawnFrontIsExactlyWhatHeadroomParetoReturns) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox; scripts/setup.sh)";
  // 16 designs; larger arrays trade area for latency, so the front has several points.
  std::ofstream(file("spec.yaml"))
      << "base: " << fs::absolute("configs/accel/default.yaml").string()
      << "\nworkloads: [dqn_nips2013]\naxes:\n"
         "  array.rows: [8, 16, 32, 64]\n"
         "  array.cols: [8, 16, 32, 64]\n"
         "objectives: [latency_s, area_mm2]\n";
  const std::string db = file("s.sqlite");
  const auto sweep = run_cli({"sweep", file("spec.yaml"), "--db", db, "--quiet"});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const auto pareto = run_cli({"pareto", db, "--objectives", "latency_s,area_mm2", "--json", "-"});
  ASSERT_EQ(pareto.exit_code, 0) << pareto.err;
  std::set<std::pair<std::string, std::string>> expected;
  const nlohmann::json answer = nlohmann::json::parse(pareto.out);  // named: a range-for over a
  for (const auto& row : answer["front"])                           // temporary's member dangles
    expected.insert({g9(row["objectives"]["latency_s"].get<double>()),
                     g9(row["objectives"]["area_mm2"].get<double>())});
  ASSERT_GE(expected.size(), 2u) << pareto.out;

  const auto plot = run_cli({"plot", "pareto", db, "--x", "latency_s", "--y", "area_mm2", "--color",
                             "energy_j", "--out", file("p.svg"), "--keep-script"});
  ASSERT_EQ(plot.exit_code, 0) << plot.err;
  EXPECT_TRUE(fs::exists(file("p.svg")));
  EXPECT_EQ(datablock(file("p.gp"), "front"), expected);
  EXPECT_EQ(datablock(file("p.gp"), "points").size(), 16u);

  // The database's name lands in the caption; gnuplot must not run a backquoted part of it.
  // (No '/' in a file name: the target comes from the environment.)
  ::setenv("HEADROOM_TEST_MARK", file("ran").c_str(), 1);
  const std::string odd = file("s`touch $HEADROOM_TEST_MARK`.sqlite");
  fs::copy_file(db, odd);
  const auto quoted = run_cli(
      {"plot", "pareto", odd, "--x", "latency_s", "--y", "area_mm2", "--out", file("q.svg")});
  ASSERT_EQ(quoted.exit_code, 0) << quoted.err;
  EXPECT_FALSE(fs::exists(file("ran")));
}

TEST_F(PlotParetoCli, DevicesAreLabelledMarkersAndStillCompeteForTheFront) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox; scripts/setup.sh)";
  // Four accelerator points and two devices (a100 by name, h100-sxm by file) on one workload.
  const std::string db = file("d.sqlite");
  const auto sweep = run_cli(
      {"sweep", fs::absolute("tests/data/sweeps/devices.yaml").string(), "--db", db, "--quiet"});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const auto pareto = run_cli({"pareto", db, "--objectives", "latency_s,energy_j", "--json", "-"});
  ASSERT_EQ(pareto.exit_code, 0) << pareto.err;
  std::set<std::pair<std::string, std::string>> expected;
  const nlohmann::json answer = nlohmann::json::parse(pareto.out);
  for (const auto& row : answer["front"])
    expected.insert({g9(row["objectives"]["latency_s"].get<double>()),
                     g9(row["objectives"]["energy_j"].get<double>())});
  ASSERT_FALSE(expected.empty()) << pareto.out;

  const auto plot = run_cli({"plot", "pareto", db, "--x", "latency_s", "--y", "energy_j", "--out",
                             file("d.svg"), "--keep-script"});
  ASSERT_EQ(plot.exit_code, 0) << plot.err;
  EXPECT_EQ(datablock(file("d.gp"), "front"), expected);
  EXPECT_EQ(datablock(file("d.gp"), "points").size(), 4u);
  EXPECT_EQ(datablock(file("d.gp"), "gpus").size(), 2u);
  const Svg svg(file("d.svg"));
  ASSERT_TRUE(svg.ok());
  std::set<std::string> labels;
  for (const Tick& t : svg.labels()) labels.insert(t.text);
  EXPECT_TRUE(labels.contains("a100")) << "the device named a100";
  EXPECT_TRUE(labels.contains("h100-sxm")) << "the device given as configs/gpus/h100-sxm.yaml";

  // An 8x8 array is slower than an A100 but spends less energy: both on the front, and the
  // drawn front must hold the device's point too.
  std::ofstream(file("small.yaml"))
      << "base: " << fs::absolute("configs/accel/default.yaml").string()
      << "\ndevices: [a100]\nworkloads: [dqn_nips2013]\naxes:\n"
         "  array.rows: [8]\n  array.cols: [8]\n";
  const std::string small = file("small.sqlite");
  ASSERT_EQ(run_cli({"sweep", file("small.yaml"), "--db", small, "--quiet"}).exit_code, 0);
  const auto both = run_cli({"pareto", small, "--objectives", "latency_s,energy_j", "--json", "-"});
  ASSERT_EQ(both.exit_code, 0) << both.err;
  const nlohmann::json two = nlohmann::json::parse(both.out);
  std::set<std::pair<std::string, std::string>> front;
  bool device_on_front = false;
  for (const auto& row : two["front"]) {
    front.insert({g9(row["objectives"]["latency_s"].get<double>()),
                  g9(row["objectives"]["energy_j"].get<double>())});
    device_on_front = device_on_front || row["axes"]["target"] == "a100";
  }
  ASSERT_TRUE(device_on_front) << both.out;
  ASSERT_EQ(run_cli({"plot", "pareto", small, "--x", "latency_s", "--y", "energy_j", "--out",
                     file("s.svg"), "--keep-script"})
                .exit_code,
            0);
  EXPECT_EQ(datablock(file("s.gp"), "front"), front);
}

TEST_F(PlotParetoCli, ParetoHtmlIsOnePageWithThePictureAndNoScript) {
  if (std::system("command -v gnuplot >/dev/null 2>&1") != 0)
    GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox; scripts/setup.sh)";
  const std::string db = file("h.sqlite");
  ASSERT_EQ(run_cli({"sweep", fs::absolute("tests/data/sweeps/devices.yaml").string(), "--db", db,
                     "--quiet"})
                .exit_code,
            0);
  const auto ok = run_cli({"pareto", db, "--objectives", "latency_s,energy_j", "--html",
                           file("p.html"), "--json", file("p.json")});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  std::ifstream in(file("p.html"));
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t svgs = 0;
  for (auto at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) ++svgs;
  EXPECT_EQ(svgs, 1u);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("Pareto front"), std::string::npos);
  EXPECT_TRUE(fs::exists(file("p.json")));

  // All or nothing: an --html into a missing folder fails before any file is written.
  const auto bad = run_cli({"pareto", db, "--objectives", "latency_s,energy_j", "--html",
                            file("no/such/p.html"), "--json", file("q.json")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--html"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(file("q.json")));
}

TEST_F(PlotParetoCli, BadInputsExitTwoNamingWhatIsWrong) {
  const auto missing =
      run_cli({"plot", "pareto", file("none.sqlite"), "--x", "latency_s", "--y", "energy_j"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("none.sqlite"), std::string::npos) << missing.err;
  const auto colour = run_cli({"plot", "pareto", file("none.sqlite"), "--x", "latency_s", "--y",
                               "energy_j", "--color", "areaa_mm2"});
  EXPECT_EQ(colour.exit_code, 2);
  EXPECT_NE(colour.err.find("areaa_mm2"), std::string::npos) << colour.err;
}

}  // namespace
}  // namespace headroom::test
