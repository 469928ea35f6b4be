// SPDX-License-Identifier: MIT
// What a workload runs on: an accelerator config, simulated by the SystemC model, or a datasheet
// device (GPU, TPU), modelled op by op by gpu_model.hpp. `run`, `compare`, `train` and sweeps
// take either through load_target, so the two are interchangeable wherever a target is asked for.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "headroom/accel/config.hpp"
#include "headroom/sim/device_spec.hpp"

namespace headroom::sim {

enum class TargetKind { Accelerator, Device };

struct Target {
  std::string spec;  // as the user wrote it
  std::variant<accel::AcceleratorConfig, DeviceSpec> model;

  [[nodiscard]] TargetKind kind() const;
  // Exactly one of these is non-null.
  [[nodiscard]] const accel::AcceleratorConfig* accelerator() const;
  [[nodiscard]] const DeviceSpec* device() const;
  [[nodiscard]] std::string name() const;  // the config's or the device's name
};

// Reads a target. `spec` is
//   - a file: a SCALE-Sim .cfg, or a .yaml read as a device when it has `peak_tflops` (the shape
//     of configs/gpus/*.yaml) and as an accelerator otherwise;
//   - a name: an accelerator in configs/accel ("default", "eyeriss-65nm"), else a device in
//     configs/gpus by file name, name or alias ("h100-sxm", "A100"), found by data_files.hpp;
//   - either of those after "accel:" or "device:", which fixes the kind ("device:tpu-v1" is the
//     datasheet TPU, "accel:tpu-v1" the simulated one; a bare "tpu-v1" is the accelerator).
// Throws InputError naming the spec, what was expected and close matches.
[[nodiscard]] Target load_target(const std::string& spec);
// The same with the kind fixed, as `--device NAME` asks for a device.
[[nodiscard]] Target load_target(const std::string& spec, TargetKind kind);

// The precision a device runs (fp8_e4m3 and fp8_e5m2 share a datasheet's "fp8" peak): `wanted`
// when given (make_gpu_model rejects it if the device has no peak for it), else the first of
// bf16, fp16, fp32, fp8, int8 the datasheet has a peak for (TPU v1: int8).
[[nodiscard]] Precision device_precision(const DeviceSpec& device,
                                         const std::optional<Precision>& wanted);

}  // namespace headroom::sim
