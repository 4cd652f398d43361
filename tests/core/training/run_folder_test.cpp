#include "core/training/run_folder.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>

namespace fs = std::filesystem;
using namespace polytrain;
using namespace polytrain::training;

namespace {
fs::path freshParent(const std::string& name) {
  const fs::path parent = fs::path(POLYTRAIN_TEST_OUTPUT_DIR) / "run_folder" / name;
  fs::remove_all(parent);
  return parent;
}
std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}
} // namespace

TEST(RunFolderTest, NamesRunsLikeUltralytics) {
  const fs::path parent = freshParent("unique");
  Error error;
  const auto first = RunFolder::createUnique(parent.string(), "train", error);
  const auto second = RunFolder::createUnique(parent.string(), "train", error);
  ASSERT_TRUE(first && second) << error.message();
  EXPECT_EQ(fs::path(first->path()).filename(), "train");
  EXPECT_EQ(fs::path(second->path()).filename(), "train2");
  EXPECT_TRUE(fs::is_directory(first->weightsFolder()));
  EXPECT_TRUE(fs::is_directory(first->plotsFolder()));
  EXPECT_EQ(fs::path(first->namedCheckpointPath(25, 0.556784)).filename(), "epoch_025-val_0.55678.pt");
}

TEST(RunFolderTest, ReopensWithConfigClassesAndResults) {
  const fs::path parent = freshParent("reopen");
  Error error;
  auto run = RunFolder::createUnique(parent.string(), "run", error);
  ASSERT_TRUE(run) << error.message();
  TrainingConfig config;
  config.epochs = 7;
  ASSERT_FALSE(run->writeConfig(config));
  ASSERT_FALSE(run->writeClasses({"cat", "dog"}));
  EpochStats epoch;
  epoch.epoch = 1;
  epoch.trainLosses = {{"loss", 1.0}};
  ASSERT_FALSE(run->writeResults({epoch}));

  const auto reopened = RunFolder::open(run->path(), error);
  ASSERT_TRUE(reopened) << error.message();
  EXPECT_EQ(reopened->readConfig(error)->epochs, 7);
  EXPECT_EQ(*reopened->readClasses(error), (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(reopened->readResults(error)->size(), 1u);
}

TEST(RunFolderTest, OpeningAFolderWithoutConfigSaysSo) {
  const fs::path parent = freshParent("notrun");
  fs::create_directories(parent);
  Error error;
  EXPECT_FALSE(RunFolder::open(parent.string(), error));
  EXPECT_EQ(error.message(), parent.string() + ": not a run folder: config.json is missing");
}

TEST(RunFolderTest, IterationLogAppendsAcrossReopenWithOneHeader) {
  const fs::path parent = freshParent("log");
  fs::create_directories(parent);
  const std::string path = (parent / "iterations.csv").string();
  IterationStats stats;
  stats.epoch = 1;
  stats.iteration = 1;
  stats.losses = {{"loss_a", 0.5}, {"loss_b", 0.25}};
  stats.totalLoss = 0.75;
  {
    IterationLog log(path);
    log.append(stats);
  }
  {
    IterationLog log(path); // a resumed run
    stats.iteration = 2;
    log.append(stats);
  }
  const std::string text = readText(path);
  EXPECT_EQ(text.find("epoch,iteration"), 0u);
  EXPECT_EQ(text.find("epoch,iteration", 1), std::string::npos) << text;
  EXPECT_NE(text.find("\n1,2,"), std::string::npos) << text;
  EXPECT_NE(text.find(",0.75,0.5,0.25\n"), std::string::npos) << text;
}
