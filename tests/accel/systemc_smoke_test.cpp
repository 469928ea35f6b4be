// SPDX-License-Identifier: MIT
// A broken SystemC install must fail here, not in a user's hands: elaborate a module, run the
// kernel with sc_start and check simulated time advanced as the thread asked.
#include <gtest/gtest.h>

#include <systemc>

#include "sc_test_fixture.hpp"

namespace {

struct Ticker : sc_core::sc_module {
  int ticks = 0;
  SC_HAS_PROCESS(Ticker);
  explicit Ticker(const sc_core::sc_module_name& name) : sc_core::sc_module(name) {
    SC_THREAD(run);
  }
  void run() {
    for (int i = 0; i < 5; ++i) {
      wait(10, sc_core::SC_NS);
      ++ticks;
    }
  }
};

class SystemCSmoke : public headroom::test::SimContextTest {};

TEST_F(SystemCSmoke, ElaboratesAndRuns) {
  Ticker t("ticker");
  sc_core::sc_start();
  EXPECT_EQ(t.ticks, 5);
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::sc_time(50, sc_core::SC_NS));
}

TEST_F(SystemCSmoke, SecondContextStartsAtZero) {
  Ticker t("ticker");
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_core::SC_ZERO_TIME);
  sc_core::sc_start();
  EXPECT_EQ(t.ticks, 5);
}

}  // namespace
