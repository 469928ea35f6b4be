// SPDX-License-Identifier: MIT
// Deep Speech 2, English (Amodei et al., ICML 2016; layer shapes recalled, not re-checked):
// a 161-bin spectrogram (20 ms windows, 10 ms hop), two 2-D convolutions (32@41x11 stride 2x2,
// 32@21x11 stride 2x1, freq x time), seven bidirectional vanilla RNN layers of 1280 units whose
// directions are summed, one fully connected layer and a 29-character output. Conv1's time
// stride halves the frame rate: the unit of work is one RNN timestep (20 ms of audio).
#include "families.hpp"
#include "sequence.hpp"

namespace headroom::models::zoo {

namespace {
constexpr std::uint64_t kFreqBins = 161;
constexpr std::uint64_t kHidden = 1280;
constexpr std::uint64_t kRnnLayers = 7;
constexpr std::uint64_t kCharacters = 29;
// Clipped ReLU min(max(x, 0), 20): two compares.
constexpr std::uint64_t kClippedReluOps = 2;
}  // namespace

Network deepspeech2(const ZooOptions& o) {
  const std::uint64_t steps = sequence_length(o, "deepspeech2", 250, 1u << 20);
  Builder b("deepspeech2", {1, kFreqBins, 2 * steps});
  b.conv("conv1", ConvSpec{32, 41, 11, 2, 2, 20, 5});
  b.batchnorm("conv1.bn");
  b.activation("conv1.relu", kClippedReluOps);
  b.conv("conv2", ConvSpec{32, 21, 11, 2, 1, 10, 5});
  b.batchnorm("conv2.bn");
  b.activation("conv2.relu", kClippedReluOps);
  std::vector<Layer> l = b.take();
  std::uint64_t features = b.shape().c * b.shape().h;
  for (std::uint64_t i = 0; i < kRnnLayers; ++i) {
    const std::string n = "rnn" + std::to_string(i + 1);
    l.push_back({n, Recurrent{RecurrentCell::Vanilla, steps, features, kHidden, true}});
    l.push_back({n + ".sum", Elementwise{VectorKind::Elementwise, steps * kHidden, 1, 2}});
    features = kHidden;
  }
  l.push_back({"fc", Dense{steps, kHidden, kHidden}});
  l.push_back(
      {"fc.relu", Elementwise{VectorKind::Activation, steps * kHidden, kClippedReluOps, 1}});
  l.push_back({"output", Dense{steps, kHidden, kCharacters}});
  l.push_back({"output.softmax", Softmax{steps, kCharacters}});
  return sequence_network("deepspeech2", o, steps, std::move(l), "timestep");
}

}  // namespace headroom::models::zoo
