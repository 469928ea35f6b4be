// SPDX-License-Identifier: MIT
// A libFuzzer entry point for the reader named by HEADROOM_FUZZ_TARGET (see fuzz/readers.hpp).
// An exception other than InputError escapes and libFuzzer reports it as a crash.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "readers.hpp"

namespace {
const headroom::fuzz::Target& target() {
  static const headroom::fuzz::Target* found = [] {
    for (const auto& t : headroom::fuzz::targets())
      if (std::strcmp(t.name, HEADROOM_FUZZ_TARGET) == 0) return &t;
    __builtin_trap();
  }();
  return *found;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)headroom::fuzz::feed(target(), std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}

// libsystemc.so references sc_main; the readers never start a simulation.
extern "C" int sc_main(int, char**) { return 0; }
