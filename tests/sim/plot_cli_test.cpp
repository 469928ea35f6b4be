// SPDX-License-Identifier: MIT
// `headroom plot`: the pictures are read back as XML and checked for what they must show.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "plot/pictures.hpp"
#include "svg_reader.hpp"
#include "temp_dir.hpp"

namespace headroom::test {
namespace {

namespace fs = std::filesystem;

bool have_gnuplot() { return std::system("command -v gnuplot >/dev/null 2>&1") == 0; }

#define REQUIRE_GNUPLOT() \
  if (!have_gnuplot())    \
  GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox; scripts/setup.sh)"

// The plot area: the largest closed rectangle outside the plot groups (gnuplot's border).
struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
  [[nodiscard]] bool contains(const Xy& p) const {
    return p.x >= left - 0.5 && p.x <= right + 0.5 && p.y >= top - 0.5 && p.y <= bottom + 0.5;
  }
};
Box border(const Svg& svg) {
  Box best;
  double area = 0;
  for (const auto& line : Svg::paths(svg.root())) {
    if (line.size() != 5) continue;
    double l = line[0].x, r = line[0].x, t = line[0].y, b = line[0].y;
    for (const auto& p : line)
      l = std::min(l, p.x), r = std::max(r, p.x), t = std::min(t, p.y), b = std::max(b, p.y);
    if ((r - l) * (b - t) > area) area = (r - l) * (b - t), best = {l, t, r, b};
  }
  return best;
}

std::size_t markers_inside(const Svg& svg, xmlNode* group) {
  const Box box = border(svg);
  std::size_t n = 0;
  for (const Xy& p : Svg::markers(group)) n += box.contains(p);
  return n;
}

// Data per pixel along an axis from two of its numeric tick labels (the labels' offset from
// their tick cancels in the difference). Log axes map log10 of the value.
struct Axis {
  double pixel0 = 0, value0 = 0, per_pixel = 0;
  bool log = false;
  [[nodiscard]] double at(double pixel) const {
    const double v = value0 + (pixel - pixel0) * per_pixel;
    return log ? std::pow(10.0, v) : v;
  }
};
Axis axis(const Svg& svg, const std::string& anchor, bool horizontal, bool log) {
  auto ticks = svg.numeric_ticks(anchor);
  if (horizontal) {
    // The x tick labels share the lowest row of numeric, centred labels.
    double row = 0;
    for (const auto& [v, t] : ticks) row = std::max(row, t.pixel_y);
    std::erase_if(ticks, [&](const auto& vt) { return std::abs(vt.second.pixel_y - row) > 0.5; });
  }
  EXPECT_GE(ticks.size(), 2u) << "axis " << anchor;
  if (ticks.size() < 2) return {};
  const auto& [v0, t0] = ticks.front();
  const auto& [v1, t1] = ticks.back();
  const double p0 = horizontal ? t0.pixel_x : t0.pixel_y, p1 = horizontal ? t1.pixel_x : t1.pixel_y;
  const double f0 = log ? std::log10(v0) : v0, f1 = log ? std::log10(v1) : v1;
  return {p0, f0, (f1 - f0) / (p1 - p0), log};
}

}  // namespace

TEST(PlotCli, MissingGnuplotIsAClearErrorNamingThePackageAndWritesNothing) {
  const TempDir dir;
  const std::string out = dir.file("layers.svg");
  const std::string cmd = "cd " + shell_quote(HEADROOM_SOURCE_DIR) + " && PATH=/nonexistent " +
                          shell_quote(HEADROOM_BINARY) +
                          " plot layers --accel configs/accel/edge-16x16-int8.yaml --network "
                          "resnet18 --out " +
                          shell_quote(out) + " >" + shell_quote(dir.file("stdout")) + " 2>" +
                          shell_quote(dir.file("stderr"));
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(slurp(dir.file("stderr")).find("gnuplot-nox"), std::string::npos)
      << slurp(dir.file("stderr"));
  EXPECT_FALSE(fs::exists(out));
}

TEST(PlotCli, UnknownPictureExtensionIsAnInputError) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  const auto r = run_cli({"plot", "layers", "--accel", "configs/accel/edge-16x16-int8.yaml",
                          "--network", "resnet18", "--out", dir.file("layers.pdf").c_str()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(".svg or .png"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.file("layers.pdf")));
}

// ResNet-18 has 21 GEMMs: 1 + 16 3x3 convs, 3 1x1 projection shortcuts and the fc layer
// (He et al., CVPR 2016, Table 1 and Sec. 3.3 option B).
constexpr std::size_t kResnet18Gemms = 21;

TEST(PlotCli, RooflineHasOnePointPerGemmAndItsRidgeAtPeakOverBandwidth) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  const std::string out = dir.file("roofline.svg");
  const auto r =
      run_cli({"plot", "roofline", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
               "resnet18", "--gpu", "h100", "--out", out.c_str(), "--keep-script"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The kept script redraws the picture on its own, from its folder.
  ASSERT_TRUE(fs::exists(dir.file("roofline.gp")));
  fs::rename(out, dir.file("first.svg"));
  const std::string redraw = "cd " + shell_quote(dir.path.string()) + " && gnuplot roofline.gp";
  EXPECT_EQ(std::system(redraw.c_str()), 0);
  EXPECT_EQ(slurp(out), slurp(dir.file("first.svg")));
  const Svg svg(out);
  ASSERT_TRUE(svg.ok());
  xmlNode* points = svg.plot("GEMM layers (21)");
  ASSERT_NE(points, nullptr);
  EXPECT_EQ(markers_inside(svg, points), kResnet18Gemms);

  // edge-16x16-int8.yaml: 16 x 16 int8 MACs at 1 GHz = 0.512 TOPS; one LPDDR4-3200 x32 device,
  // 12.8 GB/s (JEDEC JESD209-4). Ridge = 0.512e12 / 12.8e9 = 40 ops per byte.
  const double expected_ridge = 0.512e12 / 12.8e9;
  xmlNode* roof = svg.plot("edge-16x16-int8 roofline (DRAM)");
  ASSERT_NE(roof, nullptr);
  const Box box = border(svg);
  std::vector<Xy> line;
  for (const auto& l : Svg::paths(roof))
    if (l.size() == 3 && box.contains(l[1])) line = l;  // slope, ridge, flat top
  ASSERT_EQ(line.size(), 3u);
  const Axis x = axis(svg, "middle", true, true);
  const Axis y = axis(svg, "end", false, true);
  // One pixel on a decade of ~150 px is 1.5 %.
  EXPECT_NEAR(x.at(line[1].x) / expected_ridge, 1.0, 0.03);
  EXPECT_NEAR(y.at(line[1].y) / 0.512, 1.0, 0.03);  // TFLOP/s
  EXPECT_NEAR(line[1].y, line[2].y, 0.01);          // flat after the ridge
  EXPECT_NE(svg.plot("H100 SXM5 roofline (int8, 3350 GB/s)"), nullptr);
}

TEST(PlotCli, LayersHasOneUtilizationPointPerGemm) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  const std::string out = dir.file("layers.svg");
  const auto r = run_cli({"plot", "layers", "--accel", "configs/accel/edge-16x16-int8.yaml",
                          "--network", "resnet18", "--out", out.c_str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Svg svg(out);
  ASSERT_TRUE(svg.ok());
  xmlNode* util = svg.plot("GEMM utilization");
  ASSERT_NE(util, nullptr);
  EXPECT_EQ(markers_inside(svg, util), kResnet18Gemms);
}

// Filled-box heights in pixels, summed per bar (by bar centre), over every component's group.
std::vector<std::pair<double, double>> stacked_bars(const Svg& svg) {
  const Box box = border(svg);
  std::vector<std::pair<double, double>> bars;  // centre x, summed height
  for (xmlNode* g : Svg::all(svg.root(), "g")) {
    if (Svg::attr(g, "id").find("energy_plot_") == std::string::npos) continue;
    for (const auto& poly : Svg::polygons(g)) {
      double l = 1e9, r = -1e9, t = 1e9, b = -1e9;
      for (const auto& p : poly)
        l = std::min(l, p.x), r = std::max(r, p.x), t = std::min(t, p.y), b = std::max(b, p.y);
      const Xy centre{(l + r) / 2, (t + b) / 2};
      if (!box.contains(centre)) continue;  // the key's samples
      auto it = std::find_if(bars.begin(), bars.end(),
                             [&](const auto& bar) { return std::abs(bar.first - centre.x) < 1; });
      if (it == bars.end()) it = bars.insert(bars.end(), {centre.x, 0.0});
      it->second += b - t;
    }
  }
  std::sort(bars.begin(), bars.end());
  return bars;
}

TEST(PlotCli, StackedEnergiesSumToTheRunsTotal) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  // One config per picture: its bar then spans the axis, so the 0.01 px rounding of gnuplot's
  // coordinates stays far below 0.1 %.
  for (const char* config :
       {"configs/accel/edge-16x16-int8.yaml", "configs/accel/asic-65nm-fp32.yaml"}) {
    const std::string out = dir.file("energy.svg");
    const auto r = run_cli(
        {"plot", "energy", "--accel", config, "--network", "resnet18", "--out", out.c_str()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const Svg svg(out);
    ASSERT_TRUE(svg.ok());
    const auto bars = stacked_bars(svg);
    ASSERT_EQ(bars.size(), 1u) << config;
    const Axis y = axis(svg, "end", false, false);
    const auto run = run_cli({"run", "--accel", config, "--network", "resnet18", "--json", "-"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const double total_j = nlohmann::json::parse(run.out)["totals"]["energy_j"].get<double>();
    const double mj = -bars[0].second * y.per_pixel;  // the axis is in mJ for these runs
    EXPECT_NEAR(mj * 1e-3 / total_j, 1.0, 1e-3) << config;
  }
}

TEST(PlotCli, EnergyDrawsOneStackedBarPerConfig) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  const std::string out = dir.file("energy.svg");
  const auto r =
      run_cli({"plot", "energy", "--accel", "configs/accel/edge-16x16-int8.yaml", "--accel",
               "configs/accel/asic-65nm-fp32.yaml", "--network", "resnet18", "--out", out.c_str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Svg svg(out);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(stacked_bars(svg).size(), 2u);
  EXPECT_NE(svg.plot("datapath-only bound"), nullptr);
  EXPECT_NE(svg.plot("+SRAM bound"), nullptr);
}

TEST(PlotCli, CompareAndScalingDrawEveryDevice) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  const auto c =
      run_cli({"plot", "compare", "--accel", "configs/accel/asic-65nm-fp32.yaml", "--gpu", "k40",
               "--gpu", "h100", "--network", "resnet18", "--out", dir.file("compare.png").c_str()});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_EQ(slurp(dir.file("compare.png")).substr(1, 3), "PNG");
  const auto s =
      run_cli({"plot", "scaling", "--accel", "configs/accel/training-chip-4x128-bf16.yaml", "--run",
               "tests/data/train/gpt2-small-seq64.yaml", "--chips", "1..8", "--gpu", "a100",
               "--out", dir.file("scaling.svg").c_str()});
  ASSERT_EQ(s.exit_code, 0) << s.err;
  const Svg svg(dir.file("scaling.svg"));
  ASSERT_TRUE(svg.ok());
  EXPECT_NE(svg.plot("training-chip-4x128-bf16"), nullptr);
}

TEST(PlotPicture, ParetoHighlightsExactlyTheFrontItIsGiven) {
  REQUIRE_GNUPLOT();
  const TempDir dir;
  // Five sweep points, minimising both: (1,9), (2,4), (6,1) are non-dominated; (3,8) and (7,5)
  // are dominated by (2,4). One GPU.
  std::vector<sim::plot::ParetoPoint> points{
      {1, 9, 10.0, true, false, ""},  {2, 4, 20.0, true, false, ""},
      {6, 1, 30.0, true, false, ""},  {3, 8, 40.0, false, false, ""},
      {7, 5, 50.0, false, false, ""}, {4, 6, std::nullopt, false, true, "H100 SXM5"}};
  const std::string out = dir.file("pareto.svg");
  sim::plot::write_figure(
      sim::plot::pareto(points, {"latency_s", "energy_j", "area_mm2"}, "a test sweep"), out, false);
  const Svg svg(out);
  ASSERT_TRUE(svg.ok());
  ASSERT_NE(svg.plot("Pareto front"), nullptr);
  EXPECT_EQ(markers_inside(svg, svg.plot("Pareto front")), 3u);
  EXPECT_EQ(markers_inside(svg, svg.plot("feasible points")), 5u);  // the front among them
  EXPECT_EQ(markers_inside(svg, svg.plot("reference devices")), 1u);
  bool labelled = false;
  for (const Tick& t : svg.labels()) labelled = labelled || t.text == "H100 SXM5";
  EXPECT_TRUE(labelled);
}

}  // namespace headroom::test
