// `polytrain-cli train --weights FILE.pth`: a torchvision classification backbone as the start of a run. For SSDlite
// MobileNetV3 an ImageNet mobilenet_v3_large file (written here by the packaged torchvision) makes the trainer build
// the full 960-channel tail, as torchvision's builder does with weights_backbone, so every tensor of the file loads;
// the run's checkpoint records it and infer rebuilds the same model.
#include "core/dataset/demo_data.h"
#include "core/models/checkpoint.h"
#include "tests/support/run_command.h"
#include "tests/support/test_output.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace fs = std::filesystem;
using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

TEST(TrainWeightsCliTest, ImageNetMobileNetV3WeightsGiveSsdliteTheFullTailAndLoadCompletely) {
  const fs::path root = polytrain::testing::emptiedTestOutput("train_weights_cli");
  fs::create_directories(root);
  polytrain::dataset::DemoOptions demo;
  demo.images = 6;
  demo.width = 96;
  demo.height = 96;
  demo.testRatio = 0.34; // 4 training images: batches of 2 (SSDlite's BatchNorm cannot train on one image)
  demo.seed = 6;
  ASSERT_TRUE(polytrain::dataset::makeDemoDataset((root / "demo").string(), demo).errors.empty());
  const std::string weights = (root / "mobilenet_v3_large.pth").string();
  const auto written = runCommand(std::string(POLYTRAIN_PYTHON) +
                                  " -c 'import sys, torch, torchvision; torch.manual_seed(0); "
                                  "torch.save(torchvision.models.mobilenet_v3_large(weights=None).state_dict(), "
                                  "sys.argv[1])' " +
                                  shellQuote(weights));
  ASSERT_EQ(written.exitCode, 0) << written.text;

  const std::string cli = std::string(POLYTRAIN_CLI_PATH) + " --threads 2";
  const auto trained =
      runCommand(cli + " train --data " + shellQuote((root / "demo").string()) +
                 " --model ssdlite320_mobilenet_v3_large --weights " + shellQuote(weights) +
                 " --epochs 1 --batch 2 --seed 1 --out " + shellQuote((root / "runs").string()) + " --name run");
  ASSERT_EQ(trained.exitCode, 0) << trained.text;
  EXPECT_NE(trained.text.find("pretrained weights"), std::string::npos) << trained.text;
  EXPECT_EQ(trained.text.find("re-initialised"), std::string::npos) << trained.text;

  const fs::path checkpoint = root / "runs" / "run" / "weights" / "last.pt";
  EXPECT_FALSE(polytrain::models::read_checkpoint_info(checkpoint.string()).reduced_tail);
  const auto inferred = runCommand(cli + " infer image " + shellQuote((root / "demo" / "test").string()) +
                                   " --weights " + shellQuote((root / "runs" / "run").string()));
  EXPECT_EQ(inferred.exitCode, 0) << inferred.text;
}
