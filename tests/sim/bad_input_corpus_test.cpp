// SPDX-License-Identifier: MIT
// The bad-input corpus (tests/data/bad/corpus/manifest.tsv, written by
// scripts/make_bad_corpus.py): every case runs the real binary on a real file and must end with
// its exit code and, on an error, a message holding its fragment. Never a crash, a hang, an
// "internal error" or a silently accepted input.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_runner.hpp"

namespace {

namespace fs = std::filesystem;

struct Case {
  std::string name;
  int exit_code = 0;
  std::string fragment;
  std::vector<std::string> args;
};

// "\xNN" in an argument is a raw byte, so a manifest line can name a non-UTF-8 file.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 2, "\\x") == 0 && i + 4 <= s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1)
    cells.push_back(line.substr(start, tab - start));
  cells.push_back(line.substr(start));
  return cells;
}

std::vector<Case> load_manifest() {
  std::ifstream in(fs::path(HEADROOM_SOURCE_DIR) / "tests/data/bad/corpus/manifest.tsv");
  std::vector<Case> cases;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto cells = split_tabs(line);
    if (cells.size() < 4) continue;  // reported by ManifestIsWellFormed
    Case c{cells[0], std::stoi(cells[1]), cells[2], {}};
    for (std::size_t i = 3; i < cells.size(); ++i) c.args.push_back(unescape(cells[i]));
    cases.push_back(std::move(c));
  }
  return cases;
}

// A test name may hold only letters, digits and '_'.
std::string test_name(const std::string& name) {
  std::string out;
  for (char ch : name) out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

class BadInputCorpus : public ::testing::TestWithParam<Case> {};

TEST_P(BadInputCorpus, ExitsWithItsCodeAndMessage) {
  Case c = GetParam();
  // "{fifo}" in an argument is a FIFO this test creates (a FIFO cannot be committed).
  const std::string base =
      (fs::temp_directory_path() / ("headroom-corpus-" + std::to_string(::getpid()))).string();
  std::string fifo;
  for (auto& a : c.args)
    if (const auto at = a.find("{fifo}"); at != std::string::npos) {
      fifo = a.replace(at, 6, base);
      fs::remove(fifo);
      ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0) << fifo;
    }
  const auto r = headroom::test::run_cli(c.args);
  if (!fifo.empty()) fs::remove(fifo);
  EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
  EXPECT_NE(r.err.find(c.fragment), std::string::npos)
      << "expected fragment: " << c.fragment << "\nmessage: " << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  if (c.exit_code == 2) {
    EXPECT_EQ(r.err.rfind("headroom: error: ", 0), 0u) << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Manifest, BadInputCorpus, ::testing::ValuesIn(load_manifest()),
                         [](const auto& info) { return test_name(info.param.name); });

TEST(BadInputCorpusManifest, IsWellFormedAndLarge) {
  std::ifstream in(fs::path(HEADROOM_SOURCE_DIR) / "tests/data/bad/corpus/manifest.tsv");
  int lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    ++lines;
    EXPECT_GE(split_tabs(line).size(), 4u) << line;
  }
  EXPECT_GE(lines, 250);
  EXPECT_EQ(static_cast<std::size_t>(lines), load_manifest().size());
}

}  // namespace
