// `polytrain-cli dataset ...` run as a user would: make demo data, convert it, count it, draw it, and bad input.
#include "tests/support/run_command.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;
namespace fs = std::filesystem;

namespace {
const std::string kCli = POLYTRAIN_CLI_PATH;

std::string fresh(const std::string& name) {
  const fs::path path = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "dataset_cli" / name;
  fs::remove_all(path);
  fs::create_directories(path.parent_path());
  return path.string();
}
} // namespace

TEST(DatasetCliTest, MakeDemoConvertStatsVisualize) {
  const std::string root = fresh("demo");
  auto out = runCommand(kCli + " dataset make-demo --out " + shellQuote(root) + " --images 10 --seed 3 --size 128");
  ASSERT_EQ(out.exitCode, 0) << out.text;
  EXPECT_NE(out.text.find("wrote 8 train and 2 test images"), std::string::npos) << out.text;

  out = runCommand(kCli + " dataset convert " + shellQuote(root));
  ASSERT_EQ(out.exitCode, 0) << out.text;
  std::ifstream trainFile(root + "/train.json");
  const nlohmann::json train = nlohmann::json::parse(trainFile);
  EXPECT_EQ(train["images"].size(), 8u);
  EXPECT_EQ(train["categories"].size(), 6u); // labels.txt names _background_: exported as id 0 like labelme2coco
  EXPECT_TRUE(fs::exists(root + "/test.json"));
  EXPECT_NE(out.text.find("problems: 0"), std::string::npos) << out.text;

  const std::string elsewhere = fresh("coco_out");
  out = runCommand(kCli + " dataset convert " + shellQuote(root) + " --out " + shellQuote(elsewhere));
  ASSERT_EQ(out.exitCode, 0) << out.text;
  EXPECT_TRUE(fs::exists(elsewhere + "/train.json"));

  out = runCommand(kCli + " dataset stats " + shellQuote(root));
  ASSERT_EQ(out.exitCode, 0) << out.text;
  for (const char* text : {"circle (1)", "star (5)", "images", "unlabelled images: 0", "problems: 0"})
    EXPECT_NE(out.text.find(text), std::string::npos) << text << " in\n" << out.text;

  const std::string pictures = fresh("pictures");
  out =
      runCommand(kCli + " dataset visualize " + shellQuote(root) + " --out " + shellQuote(pictures) + " --split test");
  ASSERT_EQ(out.exitCode, 0) << out.text;
  EXPECT_TRUE(fs::exists(pictures + "/test_shapes_00008.png")) << out.text;
  EXPECT_TRUE(fs::exists(pictures + "/test_shapes_00009.png")) << out.text;
}

TEST(DatasetCliTest, BrokenFilesAreReportedSkippedAndStrictFails) {
  const std::string root = fresh("broken");
  auto out = runCommand(kCli + " dataset make-demo --out " + shellQuote(root) + " --images 4 --seed 1");
  ASSERT_EQ(out.exitCode, 0) << out.text;
  std::ofstream(root + "/train/bad.json") << "{ not json";
  out = runCommand(kCli + " dataset convert " + shellQuote(root));
  EXPECT_EQ(out.exitCode, 0) << out.text;
  EXPECT_NE(out.text.find("bad.json"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("problems: 1"), std::string::npos) << out.text;
  out = runCommand(kCli + " dataset convert " + shellQuote(root) + " --strict");
  EXPECT_NE(out.exitCode, 0) << out.text;
}

TEST(DatasetCliTest, MissingArgumentsAreRefused) {
  EXPECT_NE(runCommand(kCli + " dataset make-demo --images 3").exitCode, 0);
  EXPECT_NE(runCommand(kCli + " dataset").exitCode, 0);
}
