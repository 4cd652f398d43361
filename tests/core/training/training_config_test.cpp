#include "core/training/training_config.h"

#include <gtest/gtest.h>

using namespace polytrain;
using namespace polytrain::training;

TEST(TrainingConfigTest, JsonRoundTripKeepsEveryField) {
  TrainingConfig config = *preset("cpu-quick");
  config.dataRoot = "/data/shapes";
  config.classes = {"circle", "square", "triangle"};
  config.optimizer = Optimizer::Sgd;
  config.schedule = LrSchedule::Cosine;
  config.stepMilestones = {0.5, 0.75};
  config.augmentation.rotationDegrees = 12.5;
  config.augmentation.horizontalFlip = false;
  config.seed = 123456789012ULL;
  config.device = "cuda:1";
  Error error;
  const auto loaded = fromJson(toJson(config), "config.json", error);
  ASSERT_TRUE(loaded) << error.message();
  EXPECT_EQ(toJson(*loaded), toJson(config));
  EXPECT_EQ(loaded->classes, config.classes);
  EXPECT_EQ(loaded->optimizer, Optimizer::Sgd);
  EXPECT_EQ(loaded->schedule, LrSchedule::Cosine);
  EXPECT_EQ(loaded->seed, 123456789012ULL);
  EXPECT_DOUBLE_EQ(loaded->augmentation.rotationDegrees, 12.5);
}

TEST(TrainingConfigTest, MissingKeysKeepDefaultsAndUnknownKeysAreIgnored) {
  Error error;
  const auto loaded = fromJson(R"({"epochs": 3, "somethingNew": true})", "c.json", error);
  ASSERT_TRUE(loaded) << error.message();
  EXPECT_EQ(loaded->epochs, 3);
  EXPECT_EQ(loaded->batchSize, TrainingConfig{}.batchSize);
}

TEST(TrainingConfigTest, WrongTypesNameTheFileAndTheJsonPointer) {
  Error error;
  EXPECT_FALSE(fromJson(R"({"batchSize": "four"})", "run/config.json", error));
  EXPECT_EQ(error.message(), "run/config.json: /batchSize: expected a number, got string");
  EXPECT_FALSE(fromJson(R"({"augmentation": {"hue": [1]}})", "c.json", error));
  EXPECT_EQ(error.message(), "c.json: /augmentation/hue: expected a number, got array");
  EXPECT_FALSE(fromJson(R"({"optimizer": "adam"})", "c.json", error));
  EXPECT_EQ(error.message(), "c.json: /optimizer: unknown value \"adam\"; expected one of sgd, adamw");
  EXPECT_FALSE(fromJson("{\"epochs\": 3", "c.json", error));
  EXPECT_EQ(error.path, "c.json");
  EXPECT_NE(error.what.find("not valid JSON"), std::string::npos);
  EXPECT_FALSE(fromJson("[]", "c.json", error));
  EXPECT_EQ(error.what, "expected a JSON object, got array");
}

TEST(TrainingConfigTest, PresetsAreValidAndNamed) {
  for (const std::string& name : presetNames()) {
    const auto config = preset(name);
    ASSERT_TRUE(config) << name;
    EXPECT_TRUE(validate(*config).empty()) << name << ": " << validate(*config).front().message();
  }
  EXPECT_FALSE(preset("no-such-preset"));
  EXPECT_EQ(preset("gpu-accurate")->device, "cuda:0");
}

TEST(TrainingConfigTest, ValidationNamesEveryBadField) {
  TrainingConfig config;
  config.model = "yolo";
  config.batchSize = 0;
  config.learningRate = -1;
  config.device = "tpu";
  config.stepMilestones = {1.5};
  const auto errors = validate(config);
  std::vector<std::string> fields;
  for (const Error& error : errors)
    fields.push_back(error.pointer);
  EXPECT_EQ(fields, (std::vector<std::string>{"model", "batchSize", "learningRate", "stepMilestones", "device"}));
  EXPECT_EQ(errors[1].message(), "batchSize: must be at least 1, got 0");
}

TEST(TrainingConfigTest, ReturnedLayersMustFitTheBackbone) {
  TrainingConfig config = *preset("cpu-quick");
  auto problems = [&config](std::vector<int> layers) {
    config.returnedLayers = std::move(layers);
    const auto errors = validate(config);
    return errors.empty() ? std::string() : errors.front().message();
  };
  EXPECT_EQ(problems({3, 5}), "");
  EXPECT_EQ(problems({0, 1, 2, 5}), "");
  EXPECT_EQ(problems({3, 6}),
            "returnedLayers: each layer must be in [0, 5] for maskrcnn_mobilenet_v3_large_fpn, got 6");
  EXPECT_EQ(problems({5, 3}), "returnedLayers: layers must be listed in increasing order, without repeats");
  EXPECT_EQ(problems({3, 3}), "returnedLayers: layers must be listed in increasing order, without repeats");
  EXPECT_EQ(problems({0, 1, 2, 3, 4}),
            "returnedLayers: at most 4 layers (the RoI heads pool from feature maps \"0\" to \"3\")");
  config.model = "maskrcnn_resnet50_fpn";
  EXPECT_EQ(problems({2, 3, 4}), "");
  EXPECT_EQ(problems({0, 2}), "returnedLayers: each layer must be in [1, 4] for maskrcnn_resnet50_fpn, got 0");
  config.model = "ssdlite320_mobilenet_v3_large";
  EXPECT_EQ(problems({3, 5}), "") << "SSD ignores it, so a Mask R-CNN preset can switch to an SSD model";
}

TEST(TrainingConfigTest, KnowsWhichModelsPredictMasks) {
  EXPECT_EQ(knownModelNames().size(), 6u);
  EXPECT_TRUE(isMaskModel("maskrcnn_resnet50_fpn"));
  EXPECT_FALSE(isMaskModel("ssdlite320_mobilenet_v3_large"));
}
