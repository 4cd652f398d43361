// Second oracle for box IoU: torchvision.ops.box_iou (Debian's python3-torchvision), on random boxes.
#include "core/evaluation/iou.h"
#include "tests/support/run_command.h"

#include <gtest/gtest.h>
#include <random>
#include <sstream>

using namespace polytrain::evaluation;
using polytrain::testing::runCommand;
using polytrain::testing::shellQuote;

TEST(BoxIouOracleTest, MatchesTorchvisionBoxIou) {
  std::mt19937 random(5);
  std::uniform_real_distribution<double> position(0, 50), extent(0.5, 40);
  std::vector<BoxXywh> dets, gts;
  for (int i = 0; i < 12; ++i)
    dets.push_back({position(random), position(random), extent(random), extent(random)});
  for (int i = 0; i < 9; ++i)
    gts.push_back({position(random), position(random), extent(random), extent(random)});
  gts.push_back(dets[3]); // an exact match
  auto xyxy = [](const std::vector<BoxXywh>& boxes) {
    std::ostringstream text;
    text.precision(17);
    text << "[";
    for (const auto& b : boxes)
      text << "[" << b.x << "," << b.y << "," << b.x + b.width << "," << b.y + b.height << "],";
    text << "]";
    return text.str();
  };
  const std::string script = "import torch, torchvision\n"
                             "d = torch.tensor(" +
                             xyxy(dets) +
                             ", dtype=torch.float64)\n"
                             "g = torch.tensor(" +
                             xyxy(gts) +
                             ", dtype=torch.float64)\n"
                             "for v in torchvision.ops.box_iou(d, g).flatten().tolist(): print(repr(v))\n";
  const auto output = runCommand(std::string(POLYTRAIN_PYTHON) + " -c " + shellQuote(script));
  ASSERT_EQ(output.exitCode, 0) << "the torchvision oracle must run:\n" << output.text;
  std::istringstream lines(output.text);
  std::vector<double> expected;
  for (double v; lines >> v;)
    expected.push_back(v);
  ASSERT_EQ(expected.size(), dets.size() * gts.size()) << output.text;
  std::vector<const BoxXywh*> d, g;
  for (const auto& b : dets)
    d.push_back(&b);
  for (const auto& b : gts)
    g.push_back(&b);
  const IouMatrix ours = boxIouMatrix(d, g, std::vector<bool>(gts.size(), false));
  size_t overlapping = 0;
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_NEAR(ours.values[i], expected[i], 1e-9) << "pair " << i;
    overlapping += expected[i] > 0 ? 1 : 0;
  }
  EXPECT_GT(overlapping, 10u); // the random boxes do overlap, so the comparison is not all zeros
  EXPECT_NEAR(ours.at(3, gts.size() - 1), 1.0, 1e-12);
}
