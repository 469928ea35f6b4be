// SPDX-License-Identifier: MIT
#include <filesystem>

#include "headroom/models/error.hpp"
#include "headroom/sim/accel_config.hpp"
#include "headroom/sim/run.hpp"
#include "headroom/sim/scalesim_config.hpp"

namespace headroom::sim {

accel::AcceleratorConfig load_accelerator(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".yaml" || ext == ".yml") return load_accel_config(path);
  if (ext == ".cfg") return load_scalesim_config(path);
  throw InputError(input_error_message(path, 0, "--accel",
                                       "a Headroom .yaml or a SCALE-Sim .cfg file",
                                       ext.empty() ? "no extension" : "'" + ext + "'"));
}

}  // namespace headroom::sim
