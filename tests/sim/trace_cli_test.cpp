// SPDX-License-Identifier: MIT
// `headroom trace` and trace files through the real CLI: a written trace runs to exactly the
// numbers of the network it came from in run, compare and train; torch.profiler traces run too.
// (tests/models/trace_file_test.cpp checks op for op that every zoo network round-trips.)
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace {

using headroom::test::run_cli;
using headroom::test::TempDir;
using Json = nlohmann::json;

const std::string kEdge = "configs/accel/edge-16x16-int8.yaml";
const std::string kTrainingChip = "configs/accel/training-chip-4x128-bf16.yaml";

Json run_json(std::vector<std::string> args) {
  args.insert(args.end(), {"--json", "-"});
  const auto r = run_cli(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? Json::parse(r.out) : Json();
}

void write_trace(const std::vector<std::string>& args) {
  std::vector<std::string> a{"trace"};
  a.insert(a.end(), args.begin(), args.end());
  const auto r = run_cli(a);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

// Everything but the workload's own name (a zoo name against a file path).
Json results_of(Json j) {
  j.erase("workload");
  return j;
}

TEST(TraceCli, RunOfAWrittenTraceGivesTheNetworksNumbers) {
  const TempDir dir;
  struct Case {
    std::string network, accel;
    std::vector<std::string> flags;
  };
  // Inference runs fused by default; a trace written with --no-fuse runs as --no-fuse does.
  for (const Case& c :
       {Case{"resnet18", kEdge, {"--batch", "2"}}, Case{"mobilenet_v2", kEdge, {}},
        Case{"resnet18", kEdge, {"--no-fuse"}}, Case{"mobilenet_v2", kEdge, {"--no-fuse"}},
        Case{"seq2seq", kTrainingChip, {}},
        Case{"resnet18", kTrainingChip, {"--training", "--optimizer", "adam"}},
        Case{"dqn", kTrainingChip, {"--training", "--batch", "4"}}}) {
    const std::string file = dir.file(c.network + ".jsonl");
    std::vector<std::string> trace{c.network, "--out", file};
    trace.insert(trace.end(), c.flags.begin(), c.flags.end());
    write_trace(trace);
    std::vector<std::string> from_net{"run", "--accel", c.accel, "--network", c.network};
    std::vector<std::string> from_file{"run", "--accel", c.accel, "--network", file};
    from_net.insert(from_net.end(), c.flags.begin(), c.flags.end());
    for (std::size_t i = 0; i < c.flags.size(); ++i)  // --batch is the file's already
      if (c.flags[i] == "--batch")
        ++i;
      else
        from_file.push_back(c.flags[i]);
    const Json a = run_json(from_net);
    const Json b = run_json(from_file);
    ASSERT_FALSE(a.is_null());
    EXPECT_GT(a["totals"]["total_cycles"].get<double>(), 0) << c.network;
    EXPECT_EQ(results_of(a), results_of(b)) << c.network;
  }
}

TEST(TraceCli, CompareAndTrainReadATraceToo) {
  const TempDir dir;
  // compare times the naive graph on every target: a naive trace, and a fused one is refused.
  const std::string file = dir.file("resnet18.jsonl"), fused = dir.file("fused.jsonl");
  write_trace({"resnet18", "--no-fuse", "--out", file});
  write_trace({"resnet18", "--out", fused});
  const auto cmp = [&](const std::string& network) {
    Json j = run_json({"compare", "--accel", kEdge, "--gpu", "h100-sxm", "--network", network});
    j.erase("network");
    return j;
  };
  EXPECT_EQ(cmp("resnet18"), cmp(file));
  const auto refused =
      run_cli({"compare", "--accel", kEdge, "--gpu", "h100-sxm", "--network", fused});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("headroom trace --no-fuse"), std::string::npos) << refused.err;

  const std::string step = dir.file("dqn.jsonl");
  write_trace({"dqn", "--training", "--batch", "32", "--out", step});
  const std::string run = "tests/data/train/dqn-small.yaml";
  Json a = run_json({"train", "--accel", kTrainingChip, "--run", run});
  Json b = run_json({"train", "--accel", kTrainingChip, "--run", run, "--network", step});
  ASSERT_FALSE(a.is_null());
  ASSERT_FALSE(b.is_null());
  EXPECT_GT(a["step"]["step_s"].get<double>(), 0);
  EXPECT_EQ(a["step"], b["step"]);
  EXPECT_EQ(a["time_to_train_s"], b["time_to_train_s"]);
  EXPECT_EQ(a["memory"], b["memory"]);
}

TEST(TraceCli, SweepRowsOfATraceEqualTheNetworks) {
  const TempDir dir;
  write_trace({"dqn", "--batch", "2", "--out", dir.file("dqn2.jsonl")});
  std::ofstream(dir.file("sweep.yaml"))
      << "base: " << HEADROOM_SOURCE_DIR << "/configs/accel/default.yaml\n"
      << "workloads: [{network: dqn, batch: 2}, dqn2.jsonl]\n"
      << "axes:\n  array.rows: [16, 32]\nobjectives: [latency_s, energy_j]\n";
  const auto sweep = run_cli(
      {"sweep", dir.file("sweep.yaml"), "--db", dir.file("s.sqlite"), "-j", "1", "--quiet"});
  ASSERT_EQ(sweep.exit_code, 0) << sweep.err;
  const Json rows = run_json({"sweep", "export", dir.file("s.sqlite")});
  ASSERT_EQ(rows.size(), 4U);
  std::map<std::string, std::map<std::string, Json>> by_config;  // config -> workload -> row
  for (Json row : rows) {
    const std::string workload = row["workload"].get<std::string>();
    const std::string config = row["config_hash"].get<std::string>();
    for (const char* identity : {"workload", "point_key"}) row.erase(identity);
    by_config[config][workload] = row;
  }
  ASSERT_EQ(by_config.size(), 2U);
  for (const auto& [config, rows_of] : by_config) {
    ASSERT_EQ(rows_of.size(), 2U) << config;
    EXPECT_EQ(rows_of.at("dqn@2"), rows_of.at("dqn2.jsonl")) << config;
  }
}

TEST(TraceCli, ASweepWithDevicesRefusesAFusedTrace) {
  const TempDir dir;
  write_trace({"dqn", "--batch", "2", "--out", dir.file("fused.jsonl")});
  write_trace({"dqn", "--batch", "2", "--no-fuse", "--out", dir.file("naive.jsonl")});
  for (const char* trace : {"fused.jsonl", "naive.jsonl"}) {
    std::ofstream(dir.file("sweep.yaml"), std::ios::trunc)
        << "base: " << HEADROOM_SOURCE_DIR << "/configs/accel/default.yaml\n"
        << "devices: [a100]\nworkloads: [" << trace << "]\n"
        << "axes:\n  array.rows: [16]\nobjectives: [latency_s, energy_j]\n";
    const auto r = run_cli({"sweep", dir.file("sweep.yaml"), "--db",
                            dir.file(std::string(trace) + ".sqlite"), "-j", "1", "--quiet"});
    if (std::string(trace) == "fused.jsonl") {
      EXPECT_EQ(r.exit_code, 2) << r.err;
      EXPECT_NE(r.err.find("trace --no-fuse"), std::string::npos) << r.err;
    } else {
      EXPECT_EQ(r.exit_code, 0) << r.err;
    }
  }
}

TEST(TraceCli, TraceFileMismatchesAreErrors) {
  const TempDir dir;
  const std::string file = dir.file("dqn.jsonl");
  write_trace({"dqn", "--batch", "4", "--out", file});
  const auto r = run_cli({"run", "--accel", kEdge, "--network", file, "--training"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("headroom trace --training"), std::string::npos) << r.err;
  const auto b = run_cli({"run", "--accel", kEdge, "--network", file, "--batch", "8"});
  EXPECT_EQ(b.exit_code, 2);
  EXPECT_NE(b.err.find("--batch: expected 4, the batch"), std::string::npos) << b.err;
  const auto t =
      run_cli({"train", "--accel", kTrainingChip, "--run", "tests/data/train/dqn-small.yaml",
               "--network", file, "--micro-batch", "8"});
  EXPECT_EQ(t.exit_code, 2);
  EXPECT_NE(t.err.find("--micro-batch: expected 4"), std::string::npos) << t.err;
}

TEST(TraceCli, AFusedTraceRefusesNoFuseAndANaiveOneRunsAsWritten) {
  const TempDir dir;
  const std::string fused = dir.file("fused.jsonl"), naive = dir.file("naive.jsonl");
  write_trace({"resnet18", "--out", fused});
  write_trace({"resnet18", "--no-fuse", "--out", naive});
  const auto r = run_cli({"run", "--accel", kEdge, "--network", fused, "--no-fuse"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("headroom trace --no-fuse"), std::string::npos) << r.err;
  // Run without --no-fuse, a naive trace is not fused behind its writer's back.
  EXPECT_EQ(results_of(run_json({"run", "--accel", kEdge, "--network", naive})),
            results_of(run_json({"run", "--accel", kEdge, "--network", "resnet18", "--no-fuse"})));
}

TEST(TraceCli, TorchProfileRunsAndListsWhatItSkipped) {
  const auto r = run_cli(
      {"run", "--accel", kEdge, "--network", "tests/data/trace/resnet18_b1.json", "--json", "-"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("aten::max_pool2d"), std::string::npos) << r.err;
  const Json j = Json::parse(r.out);
  // torchvision's ResNet-18 at 224x224: 1,814,073,344 MACs (tests/data/onnx/totals.csv).
  EXPECT_EQ(j["totals"]["macs"].get<std::uint64_t>(), 1814073344U);
  EXPECT_FALSE(j["workload"]["skipped_nodes"].empty());
}

TEST(TraceCli, WritesAtomicallyAndRefusesABadOutput) {
  const TempDir dir;
  const auto r = run_cli({"trace", "resnet18", "--out", dir.file("no/such/dir/t.jsonl")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  const auto bad = run_cli({"trace", "nosuchnet", "--out", dir.file("t.jsonl")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_FALSE(std::ifstream(dir.file("t.jsonl")).good());
}

}  // namespace
