// SPDX-License-Identifier: MIT
#pragma once

namespace headroom::accel::sc {

// SystemC prints reports to stdout by default, which would corrupt JSON output. This handler
// drops infos and warnings and turns errors into std::runtime_error. Process-wide; idempotent.
void install_report_handler();

}  // namespace headroom::accel::sc
