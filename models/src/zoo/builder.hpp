// SPDX-License-Identifier: MIT
// Builds a layer list while tracking the activation shape, so zoo files read like the papers'
// tables. Branches (residual, inception) save and restore the shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "headroom/models/checked.hpp"
#include "headroom/models/layer.hpp"
#include "headroom/models/network.hpp"

namespace headroom::models::zoo {

struct Shape {
  std::uint64_t c = 0, h = 1, w = 1;
  [[nodiscard]] std::uint64_t elements() const {
    return checked_product("elements of a feature map", c, h, w);
  }
};

// Element-wise ops per activation: ReLU/ReLU6 compare (1-2); sigmoid exp, add, divide (3);
// SiLU/swish is a sigmoid and a multiply (4); GELU (tanh form) ~8.
inline constexpr std::uint64_t kReluOps = 1;
inline constexpr std::uint64_t kSigmoidOps = 3;
inline constexpr std::uint64_t kSiluOps = 4;
inline constexpr std::uint64_t kGeluOps = 8;

struct ConvSpec {
  std::uint64_t out = 0;
  std::uint64_t kh = 1, kw = 1;
  std::uint64_t sh = 1, sw = 1;
  std::uint64_t ph = 0, pw = 0;
  std::uint64_t groups = 1;
  bool bias = true;
};

class Builder {
 public:
  Builder(std::string network, Shape input) : network_(std::move(network)), shape_(input) {}

  [[nodiscard]] const Shape& shape() const { return shape_; }
  void set_shape(Shape s) { shape_ = s; }

  // Square kernel, stride and padding.
  void conv(const std::string& name, std::uint64_t out, std::uint64_t k, std::uint64_t stride = 1,
            std::uint64_t pad = 0, std::uint64_t groups = 1, bool bias = true);
  void conv(const std::string& name, const ConvSpec& spec);
  void maxpool(const std::string& name, std::uint64_t k, std::uint64_t stride,
               std::uint64_t pad = 0);
  void global_avgpool(const std::string& name);
  // torchvision's AdaptiveAvgPool2d to side x side; a no-op when the map already has that size.
  void adaptive_avgpool(const std::string& name, std::uint64_t side);
  void activation(const std::string& name, std::uint64_t ops_per_element = kReluOps);
  void batchnorm(const std::string& name);
  // Residual add / concatenation bookkeeping: `operands` tensors of the current shape.
  void elementwise(const std::string& name, std::uint64_t operands = 2,
                   std::uint64_t ops_per_element = 1);
  // Multiplies the map by a per-channel scale (squeeze-and-excitation).
  void channel_scale(const std::string& name);
  // Treats the whole map as one feature vector (c*h*w).
  void flatten();
  void dense(const std::string& name, std::uint64_t out, bool bias = true);

  void add(Layer layer) { layers_.push_back(std::move(layer)); }
  [[nodiscard]] std::vector<Layer> take() { return std::move(layers_); }

 private:
  std::string network_;
  Shape shape_;
  std::vector<Layer> layers_;
};

}  // namespace headroom::models::zoo
