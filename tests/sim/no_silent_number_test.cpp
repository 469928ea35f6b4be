// SPDX-License-Identifier: MIT
// Issue 13, "never a silent wrong number", through the real CLI: results resting on impossible
// premises are labelled invalid or refused, outputs are checked before any work and written all
// or none, JSON survives non-UTF-8 names, and a device compared with itself comes out near 1x.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../cli_runner.hpp"
#include "headroom/sim/byte_text.hpp"
#include "headroom/sim/result_fields.hpp"

namespace headroom::test {
namespace {

namespace fs = std::filesystem;

// One directory per test process, removed when it exits.
struct ScratchDir {
  fs::path path = fs::temp_directory_path() / ("headroom-valid-" + std::to_string(::getpid()));
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

fs::path scratch(const std::string& name) {
  static const ScratchDir dir;
  fs::create_directories(dir.path);
  return dir.path / name;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }

TEST(ImpossiblePremise, ModelThatDoesNotFitIsLabelledInvalid) {
  // GPT-3 175B on one default chip: its weights alone are ~350 GB against the chip's DRAM.
  const CliResult r = run_cli({"train", "--accel", "configs/accel/default.yaml", "--run",
                               "configs/runs/gpt3-175b.yaml", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j.at("memory").at("fits").get<bool>());
  EXPECT_FALSE(j.at("valid").get<bool>());
  EXPECT_NE(j.at("why").get<std::string>().find("does not fit"), std::string::npos);

  const CliResult text = run_cli(
      {"train", "--accel", "configs/accel/default.yaml", "--run", "configs/runs/gpt3-175b.yaml"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("INVALID"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("time to train "), std::string::npos) << text.out;
}

TEST(ImpossiblePremise, ValidRunSaysSo) {
  const CliResult r = run_cli({"train", "--accel", "configs/accel/default.yaml", "--run",
                               "configs/runs/alexnet-imagenet.yaml", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_TRUE(j.at("valid").get<bool>());
  EXPECT_EQ(j.at("why").get<std::string>(), "");
}

TEST(ImpossiblePremise, GlobalBatchLargerThanTheDatasetIsLabelledInvalid) {
  const fs::path run = scratch("tiny-dataset.yaml");
  write(run,
        "name: tiny\nsource: test\nnetwork: alexnet\nexamples_per_epoch: 100\nepochs: 1\n"
        "global_batch: 128\n");
  const CliResult r = run_cli({"train", "--accel", "configs/accel/default.yaml", "--run",
                               run.string(), "--chips", "128", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j.at("valid").get<bool>());
  EXPECT_NE(j.at("why").get<std::string>().find("larger than the dataset"), std::string::npos);
}

TEST(ImpossiblePremise, AStepCountBeyondExactIntegersIsNotPrinted) {
  const fs::path run = scratch("huge-dataset.yaml");
  write(run,
        "name: huge\nsource: test\nnetwork: alexnet\nexamples_per_epoch: 1e30\nepochs: 1\n"
        "global_batch: 1\n");
  const CliResult r =
      run_cli({"train", "--accel", "configs/accel/default.yaml", "--run", run.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("INVALID"), std::string::npos) << r.out;
  // 1e30 steps printed in full would be a 31-digit integer.
  EXPECT_EQ(r.out.find("1000000000000000019884624838656"), std::string::npos) << r.out;
}

TEST(FlagRanges, NegativeChipsIsRefusedNamingTheFlag) {
  const CliResult r = run_cli({"train", "--accel", "configs/accel/default.yaml", "--run",
                               "configs/runs/alexnet.yaml", "--chips", "-1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--chips"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("18446744073709551615"), std::string::npos) << r.err;
}

TEST(FlagRanges, ZeroGlobalBatchIsBlamedOnTheFlag) {
  const CliResult r = run_cli({"train", "--accel", "configs/accel/default.yaml", "--run",
                               "configs/runs/resnet50-imagenet.yaml", "--global-batch", "0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--global-batch"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("resnet50-imagenet.yaml"), std::string::npos) << r.err;
}

TEST(Outputs, AFailedRunLeavesAnEarlierFileUntouched) {
  const fs::path ok = scratch("ok.json");
  write(ok, "earlier\n");
  const CliResult r = run_cli({"run", "--network", "alexnet", "--json", ok.string(), "--csv",
                               fs::temp_directory_path().string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--csv"), std::string::npos) << r.err;
  std::ifstream in(ok);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "earlier");
}

TEST(Outputs, TheSamePathTwiceIsRefused) {
  const fs::path p = scratch("both.out");
  const CliResult r =
      run_cli({"run", "--network", "alexnet", "--json", p.string(), "--csv", p.string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("also given to --json"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(p));
}

TEST(Outputs, StdoutTwiceIsRefused) {
  const CliResult r = run_cli({"run", "--network", "alexnet", "--json", "-", "--csv", "-"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("stdout"), std::string::npos) << r.err;
}

TEST(Outputs, JsonAndCsvBothWrittenWithTheTableOnStdout) {
  const fs::path json = scratch("run.json");
  const fs::path csv = scratch("run.csv");
  const CliResult r =
      run_cli({"run", "--network", "alexnet", "--json", json.string(), "--csv", csv.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(json);
  const auto j = nlohmann::json::parse(in, nullptr, false);
  EXPECT_FALSE(j.is_discarded());
  EXPECT_TRUE(fs::file_size(csv) > 0);
  EXPECT_NE(r.out.find("cycles"), std::string::npos) << r.out;
}

TEST(Utf8, ANonUtf8NameStillGivesValidJson) {
  const fs::path cfg = scratch("latin1.yaml");
  std::string text;
  {
    std::ifstream in(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/default.yaml");
    std::stringstream ss;
    ss << in.rdbuf();
    text = ss.str();
  }
  const auto at = text.find("name:");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, text.find('\n', at) - at, "name: \"caf\xe9\"");  // Latin-1 e-acute
  write(cfg, text);
  const CliResult r =
      run_cli({"run", "--accel", cfg.string(), "--network", "alexnet", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  // The invalid byte is replaced by U+FFFD, not passed through or fatal.
  EXPECT_EQ(j.at("config").at("name").get<std::string>(), "caf\xef\xbf\xbd");
}

TEST(Utf8, ANonUtf8FileNameStillGivesValidJson) {
  const fs::path cfg = scratch("caf\xe9.yaml");  // Latin-1 e-acute in the file name
  fs::copy_file(std::string(HEADROOM_SOURCE_DIR) + "/configs/accel/default.yaml", cfg,
                fs::copy_options::overwrite_existing);
  const CliResult r =
      run_cli({"run", "--accel", cfg.string(), "--network", "alexnet", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NE(j.at("config").at("file").get<std::string>().find("caf\xef\xbf\xbd.yaml"),
            std::string::npos);
}

TEST(Words, OneSpellingOfBytes) {
  // 16 GiB, the capacity that read "17.18 GB" in one report and "17.1 GB" in another.
  EXPECT_EQ(sim::format_bytes(17179869184.0), "17.18 GB");
  EXPECT_EQ(sim::format_bytes(2.5e6), "2.50 MB");
}

TEST(DeviceEnergy, TpuV1ComparedWithItselfComesCloserToOne) {
  const CliResult r = run_cli({"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu", "tpu-v1",
                               "--network", "resnet50", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& g = j.at("gpus").at(0);
  // Jouppi et al. ISCA 2017, Table 2: TPU v1 die measured idle 28 W, busy 40 W.
  EXPECT_GE(g.at("active_power_w").get<double>(), 28.0);
  EXPECT_LE(g.at("active_power_w").get<double>(), 40.0);
  const double ratio = j.at("ratios").at(0).at("flops_per_w_ratio").get<double>();
  const double tdp_ratio = j.at("accelerators").at(0).at("flops_per_w").get<double>() /
                           g.at("tdp_flops_per_w").get<double>();
  // TDP x time gave 6.78x. Against measured power the device side is no longer the gap (3.5x
  // while the config's static power was leakage alone; 1.12x since it carries the die's measured
  // idle power, tested below). The band says so: better than TDP by the 75/40 W ratio.
  EXPECT_LT(ratio, tdp_ratio * 0.6);
  EXPECT_GT(ratio, 1.0);
  EXPECT_LT(ratio, 4.0);
}

// Like with like: TPU v1 with the die's measured idle power (configs/accel/tpu-v1.yaml,
// energy.idle_w = 28 W) against TPU v1's datasheet, whose power runs between the same paper's
// measured idle and busy figures (Jouppi et al. ISCA 2017, Table 2: 28 W and 40 W per die).
TEST(DeviceEnergy, TpuV1WithItsMeasuredIdlePowerComparedWithItselfComesOutNearOne) {
  for (const std::string network : {"resnet50", "alexnet"}) {
    SCOPED_TRACE(network);
    const CliResult r = run_cli({"compare", "--accel", "configs/accel/tpu-v1.yaml", "--gpu",
                                 "tpu-v1", "--network", network, "--json", "-"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    const auto& a = j.at("accelerators").at(0);
    const auto& g = j.at("gpus").at(0);
    const double device_w = g.at("active_power_w").get<double>();
    const double accel_w = a.at("power_w").get<double>();
    // Both run between the die's measured idle and busy power.
    for (const double w : {device_w, accel_w}) {
      EXPECT_GE(w, 28.0);
      EXPECT_LE(w, 40.0);
    }
    // The two power models agree within 10 % (when this was written: 38.5 against 38.7 W on
    // ResNet-50, 38.7 against 38.7 W on AlexNet).
    EXPECT_NEAR(accel_w / device_w, 1.0, 0.10);
    // So the efficiency ratio is the throughput ratio of the two timing models, the SystemC array
    // against the datasheet roofline (1.12x and 1.14x), where it was 6.78x with TDP x time and
    // 3.5x with leakage as the accelerator's only static power.
    const double ratio = j.at("ratios").at(0).at("flops_per_w_ratio").get<double>();
    const double throughput = j.at("ratios").at(0).at("throughput_ratio").get<double>();
    EXPECT_NEAR(ratio / throughput, 1.0, 0.10);
    EXPECT_GE(ratio, 0.9);
    EXPECT_LE(ratio, 1.25);
  }
}

TEST(TrainAgreesWithRun, ResNet50AtFourPerChipComputesWhatRunSimulates) {
  // The same per-chip step both ways: train's compute is run's forward + backward and its update
  // is run's update phase (ResNet-50 is simulated op by op, not deduplicated).
  const CliResult run =
      run_cli({"run", "--accel", "configs/accel/training-chip-4x128-bf16.yaml", "--network",
               "resnet50", "--training", "--batch", "4", "--precision", "bf16", "--json", "-"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const CliResult train =
      run_cli({"train", "--accel", "configs/accel/training-chip-4x128-bf16.yaml", "--run",
               "configs/runs/resnet50-imagenet.yaml", "--chips", "64", "--precision", "bf16",
               "--json", "-"});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const auto r = nlohmann::json::parse(run.out);
  const auto t = nlohmann::json::parse(train.out);
  ASSERT_EQ(t.at("workload").at("micro_batch").get<int>(), 4);
  double fwd_bwd = 0, update = 0;
  for (const auto& layer : r.at("layers"))
    (layer.at("phase") == "update" ? update : fwd_bwd) += layer.at("latency_s").get<double>();
  EXPECT_NEAR(t.at("step").at("compute_s").get<double>(), fwd_bwd, 1e-3 * fwd_bwd);
  EXPECT_NEAR(t.at("step").at("update_s").get<double>(), update, 1e-3 * update);
}

TEST(FlagRanges, ModelsShowSizesAreWholeNumbersFromOne) {
  for (const char* flag : {"--batch", "--image-size", "--seq-len"}) {
    for (const char* value : {"-1", "0", "nan"}) {
      const CliResult r = run_cli({"models", "show", "resnet50", flag, value});
      EXPECT_EQ(r.exit_code, 2) << flag << " " << value;
      EXPECT_NE(r.err.find(flag), std::string::npos) << r.err;
    }
  }
}

TEST(Progress, ALongRunReportsOnStderrAndNotOnStdout) {
  // GPT-2 small, a training step at batch 64 on the 16x16 edge array: under a second since the
  // planner sums repeated tiles (issue 18), so the first report is asked for at once rather than
  // after the usual second, which would make the test depend on the machine's speed.
  setenv("HEADROOM_PROGRESS_AFTER_S", "0", 1);
  const CliResult r = run_cli({"run", "--accel", "configs/accel/edge-16x16-int8.yaml", "--network",
                               "gpt2_small", "--training", "--batch", "64", "--json", "-"});
  unsetenv("HEADROOM_PROGRESS_AFTER_S");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("headroom: simulating: op "), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("simulating"), std::string::npos);
}

TEST(Interrupt, CtrlCExits130AndWritesNoOutput) {
  // 3,000 convolutions of distinct shapes on the edge array run ~2.3 s of CPU: an LLM's layers
  // (a Llama 3.1 405B training step, used before) repeat and are advanced in closed form in
  // under a second. SIGINT after one second.
  const fs::path json = scratch("interrupted.json");
  const fs::path csv = scratch("interrupted.csv");
  const fs::path topology = scratch("distinct-layers.csv");
  fs::remove(json);
  fs::remove(csv);
  std::string layers =
      "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, "
      "Strides,\n";
  for (int r = 0; r < 3000; ++r)
    layers += "conv" + std::to_string(r) + ",58,58,3,3," + std::to_string(64 + r) + "," +
              std::to_string(64 + r) + ",1,\n";
  write(topology, layers);
  std::string cmd = "cd ";
  cmd.append(shell_quote(HEADROOM_SOURCE_DIR))
      .append(" && timeout --preserve-status -s INT 1 ")
      .append(shell_quote(HEADROOM_BINARY))
      .append(" run --accel configs/accel/edge-16x16-int8.yaml --topology ")
      .append(shell_quote(topology.string()))
      .append(" --json ")
      .append(shell_quote(json.string()))
      .append(" --csv ")
      .append(shell_quote(csv.string()))
      .append(" >/dev/null 2>&1");
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_FALSE(fs::exists(json));
  EXPECT_FALSE(fs::exists(csv));
  for (const auto& entry : fs::directory_iterator(json.parent_path()))
    EXPECT_EQ(entry.path().filename().string().find("interrupted."), std::string::npos)
        << entry.path();
}

nlohmann::json::json_pointer pointer(std::string dotted) {
  for (char& c : dotted)
    if (c == '.') c = '/';
  return nlohmann::json::json_pointer("/" + dotted);
}

TEST(DeviceFields, EveryDeclaredFieldIsInTheDeviceJsonAndNoOtherKey) {
  const CliResult r = run_cli({"run", "--device", "tpu-v1", "--network", "alexnet", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  for (const auto& f : sim::device_fields())
    EXPECT_TRUE(j.contains(pointer(f.json_key))) << f.json_key;
  EXPECT_EQ(j.flatten().size(), sim::device_fields().size());
}

}  // namespace
}  // namespace headroom::test
