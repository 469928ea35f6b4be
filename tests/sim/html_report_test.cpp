// SPDX-License-Identifier: MIT
// `--html`: one self-contained page, opened in a real browser (headless Chromium) to check it
// renders: not blank, and every inline <svg> laid out with a non-zero size.
#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace headroom::test {
namespace {

namespace fs = std::filesystem;

bool have(const char* program) {
  return std::system((std::string("command -v ") + program + " >/dev/null 2>&1").c_str()) == 0;
}

// Headless Chromium on a local file; its own profile folder so parallel tests do not collide.
std::string chromium(const TempDir& dir, const std::string& args, const std::string& page) {
  const std::string cmd =
      "chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "
      "--user-data-dir=" +
      shell_quote(dir.file("profile")) + " " + args + " " + shell_quote("file://" + page) + " 2>" +
      shell_quote(dir.file("chromium.err"));
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

// Standard deviation of the grey levels of a PNG (libpng's simplified API); -1 if unreadable.
double grey_spread(const std::string& path) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path.c_str())) return -1;
  image.format = PNG_FORMAT_GRAY;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) return -1;
  double sum = 0, sum2 = 0;
  for (png_byte v : pixels) sum += v, sum2 += double(v) * v;
  const double n = double(pixels.size());
  return std::sqrt(std::max(0.0, sum2 / n - (sum / n) * (sum / n)));
}

}  // namespace

TEST(HtmlReport, RunPageIsSelfContainedAndRendersEveryPicture) {
  if (!have("gnuplot")) GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox)";
  const TempDir dir;
  const std::string page = dir.file("report.html");
  const auto r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                          "resnet18", "--html", page.c_str()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = slurp(page);
  // Three pictures (layers, roofline, energy), the config file, Headroom's version.
  EXPECT_EQ(std::count(html.begin(), html.end(), '\n') > 0, true);
  std::size_t svgs = 0;
  for (std::size_t at = 0; (at = html.find("<svg", at)) != std::string::npos; ++at) ++svgs;
  EXPECT_EQ(svgs, 3u);
  EXPECT_NE(html.find("name: edge-16x16-int8"), std::string::npos);
  EXPECT_NE(html.find(std::string("headroom ") + "0."), std::string::npos);
  // Nothing fetched from the network: no scripts, style sheets or images by URL (the SVG
  // namespace names are identifiers, not fetches).
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*["']https?:)")));

  if (!have("chromium"))
    GTEST_SKIP() << "chromium not installed (Debian chromium; scripts/setup.sh installs it): "
                    "the page was not rendered in a browser";
  // The browser's screenshot is not blank: text and pictures give a spread of grey levels.
  const std::string png = dir.file("page.png");
  chromium(dir, "--screenshot=" + shell_quote(png) + " --window-size=1280,2400", page);
  const double spread = grey_spread(png);
  ASSERT_GE(spread, 0) << "no screenshot; chromium said: " << slurp(dir.file("chromium.err"));
  EXPECT_GT(spread, 10.0);

  // A copy with a probe that writes each <svg>'s laid-out size into the DOM Chromium dumps.
  std::string probed = html;
  probed.insert(probed.rfind("</body>"),
                "<script>document.body.setAttribute('data-svg-sizes',"
                "Array.from(document.querySelectorAll('svg')).map(function(s){"
                "var r=s.getBoundingClientRect();return Math.round(r.width)+'x'+"
                "Math.round(r.height);}).join(' '));</script>");
  const std::string probe = dir.file("probe.html");
  {
    std::ofstream out(probe);
    out << probed;
  }
  const std::string dom = chromium(dir, "--dump-dom", probe);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(dom, m, std::regex(R"re(data-svg-sizes="([^"]*)")re")))
      << "chromium did not load the page: " << slurp(dir.file("chromium.err"));
  const std::string sizes = m[1];
  std::size_t rendered = 0;
  const std::regex size_re(R"((\d+)x(\d+))");
  for (std::sregex_iterator it(sizes.begin(), sizes.end(), size_re), end; it != end; ++it) {
    EXPECT_GT(std::stoi((*it)[1]), 100) << sizes;
    EXPECT_GT(std::stoi((*it)[2]), 100) << sizes;
    ++rendered;
  }
  EXPECT_EQ(rendered, svgs) << sizes;
}

TEST(HtmlReport, MissingGnuplotLeavesNoPage) {
  const TempDir dir;
  const std::string page = dir.file("report.html");
  const std::string cmd = "cd " + shell_quote(HEADROOM_SOURCE_DIR) + " && PATH=/nonexistent " +
                          shell_quote(HEADROOM_BINARY) +
                          " run --accel configs/accel/edge-16x16-int8.yaml --network resnet18 "
                          "--html " +
                          shell_quote(page) + " >/dev/null 2>" + shell_quote(dir.file("err"));
  const int status = std::system(cmd.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_NE(slurp(dir.file("err")).find("gnuplot-nox"), std::string::npos);
  EXPECT_FALSE(fs::exists(page));
}

}  // namespace headroom::test

namespace headroom::test {

// A device's run has no per-layer simulator results to draw: refused before anything is written.
TEST(HtmlReport, DeviceRunRefusesHtmlAndWritesNothing) {
  const TempDir dir;
  const std::string page = dir.file("report.html");
  const std::string json = dir.file("report.json");
  const auto r = run_cli(
      {"run", "--device", "h100-sxm", "--network", "resnet18", "--html", page, "--json", json});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--html"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("accelerator target"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(page));
  EXPECT_FALSE(fs::exists(json));
}

// compare --html on main's targets: accelerators and a device in one page, the JSON unchanged.
TEST(HtmlReport, CompareWritesPageBesideTheSameJson) {
  if (!have("gnuplot")) GTEST_SKIP() << "gnuplot not installed (Debian gnuplot-nox)";
  const TempDir dir;
  const std::string page = dir.file("compare.html");
  const auto with = run_cli({"compare", "--accel", "edge-16x16-int8", "--device", "a100",
                             "--network", "resnet18", "--html", page, "--json", "-"});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  const auto without = run_cli({"compare", "--accel", "edge-16x16-int8", "--device", "a100",
                                "--network", "resnet18", "--json", "-"});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(with.out, without.out);
  const std::string html = slurp(page);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("A100"), std::string::npos);
}

}  // namespace headroom::test
