// SPDX-License-Identifier: MIT
// Replays tests/data/fuzz/<target>/*: inputs the fuzzers (fuzz/, scripts/fuzz.sh) found to crash
// a reader, and seeds worth keeping. Each must now be accepted or refused with InputError; any
// other exception fails here, and a crash fails the test binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "../../fuzz/readers.hpp"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(FuzzCorpus, EveryKeptInputIsAcceptedOrAnInputError) {
  const fs::path root = fs::path(HEADROOM_SOURCE_DIR) / "tests/data/fuzz";
  int inputs = 0;
  for (const auto& target : headroom::fuzz::targets()) {
    const fs::path dir = root / target.name;
    if (!fs::is_directory(dir)) continue;
    for (const auto& f : fs::directory_iterator(dir)) {
      if (!f.is_regular_file()) continue;
      ++inputs;
      try {
        (void)headroom::fuzz::feed(target, slurp(f.path()));
      } catch (const std::exception& e) {
        ADD_FAILURE() << f.path() << ": " << e.what();
      }
    }
  }
  EXPECT_GT(inputs, 0);
}

// A directory under tests/data/fuzz that no target reads would be replayed by nothing.
TEST(FuzzCorpus, EveryDirectoryNamesATarget) {
  for (const auto& d : fs::directory_iterator(fs::path(HEADROOM_SOURCE_DIR) / "tests/data/fuzz")) {
    bool known = false;
    for (const auto& t : headroom::fuzz::targets()) known = known || d.path().filename() == t.name;
    EXPECT_TRUE(known) << d.path();
  }
}

}  // namespace
