#include "train_test_support.h"
#include "ui/train/train_config_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <gtest/gtest.h>

using namespace polytrain;
using namespace polytrain::ui;

namespace {

template <typename T> T* field(TrainConfigForm& form, const char* name) {
  T* widget = form.findChild<T*>(name);
  EXPECT_NE(widget, nullptr) << name;
  return widget;
}

void retype(QLineEdit* edit, const QString& text) {
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Backspace);
  QTest::keyClicks(edit, text);
}

} // namespace

TEST(TrainConfigFormTest, AFreshFormAsksForTheDataset) {
  TrainConfigForm form({});
  EXPECT_FALSE(form.isValid());
  EXPECT_EQ(form.problemFor("dataRoot"), "choose the dataset folder");
  auto* label = form.findChild<QLabel*>("problem_dataRoot");
  ASSERT_NE(label, nullptr);
  EXPECT_FALSE(label->isHidden());
}

TEST(TrainConfigFormTest, ShowsAndReturnsTheConfiguration) {
  const QString data = fakes::freshFolder("form-data");
  training::TrainingConfig config = fakes::validConfig(data);
  config.model = "ssdlite320_mobilenet_v3_large";
  config.epochs = 7;
  config.batchSize = 3;
  config.learningRate = 2.5e-4;
  config.inputSize = 320;
  config.threads = 2;
  config.augmentation.horizontalFlip = false;
  config.augmentation.randomCrop = true;
  config.augmentation.brightness = 0.3;        // kept when the colour switch stays on
  config.optimizer = training::Optimizer::Sgd; // not on the form, kept
  TrainConfigForm form({});
  form.setConfig(config);
  EXPECT_TRUE(form.isValid()) << form.problems().join("; ").toStdString();
  const training::TrainingConfig shown = form.config();
  EXPECT_EQ(training::toJson(shown), training::toJson(config));
  EXPECT_EQ(field<QComboBox>(form, "model")->currentText(), "ssdlite320_mobilenet_v3_large");
  EXPECT_EQ(field<QSpinBox>(form, "epochs")->value(), 7);
}

TEST(TrainConfigFormTest, RejectsALearningRateThatIsNotANumberOrOutOfRange) {
  TrainConfigForm form({});
  form.setConfig(fakes::validConfig(fakes::freshFolder("form-lr")));
  ASSERT_TRUE(form.isValid());
  QSignalSpy validity(&form, &TrainConfigForm::validityChanged);
  auto* rate = field<QLineEdit>(form, "learningRate");

  retype(rate, "abc");
  EXPECT_FALSE(form.isValid());
  EXPECT_EQ(form.problemFor("learningRate"), "not a number: \"abc\"");
  ASSERT_GE(validity.count(), 1);
  EXPECT_FALSE(validity.last().at(0).toBool());

  retype(rate, "0");
  EXPECT_FALSE(form.isValid());
  EXPECT_TRUE(form.problemFor("learningRate").startsWith("must be in (0, 10]"))
      << form.problemFor("learningRate").toStdString();

  retype(rate, "12");
  EXPECT_FALSE(form.isValid());

  retype(rate, "1e-3");
  EXPECT_TRUE(form.isValid());
  EXPECT_TRUE(form.problemFor("learningRate").isEmpty());
  EXPECT_DOUBLE_EQ(form.config().learningRate, 1e-3);
  EXPECT_TRUE(validity.last().at(0).toBool());
}

TEST(TrainConfigFormTest, RejectsMissingFoldersAndWeightFiles) {
  TrainConfigForm form({});
  form.setConfig(fakes::validConfig(fakes::freshFolder("form-files")));
  retype(field<QLineEdit>(form, "dataRoot"), "/no/such/dataset");
  EXPECT_EQ(form.problemFor("dataRoot"), "no such folder");
  retype(field<QLineEdit>(form, "dataRoot"), fakes::freshFolder("form-files"));
  EXPECT_TRUE(form.isValid());
  retype(field<QLineEdit>(form, "pretrainedWeights"), "/no/such/weights.pth");
  EXPECT_EQ(form.problemFor("pretrainedWeights"), "no such file");
  EXPECT_FALSE(form.isValid());
}

TEST(TrainConfigFormTest, PresetsFillTheFormAndKeepTheDataset) {
  const QString data = fakes::freshFolder("form-preset");
  TrainConfigForm form({"cuda:0"});
  form.setConfig(fakes::validConfig(data));
  auto* presets = field<QComboBox>(form, "preset");
  const int quick = presets->findText("Quick CPU demo");
  ASSERT_GE(quick, 0);
  presets->setCurrentIndex(quick);
  emit presets->activated(quick);
  const training::TrainingConfig expected = *training::preset("cpu-quick");
  training::TrainingConfig shown = form.config();
  EXPECT_EQ(shown.model, expected.model);
  EXPECT_EQ(shown.inputSize, expected.inputSize);
  EXPECT_EQ(shown.rpnPostNmsTopNTrain, expected.rpnPostNmsTopNTrain);
  EXPECT_EQ(shown.dataRoot, data.toStdString());
  EXPECT_TRUE(form.isValid());

  ASSERT_TRUE(form.applyPreset("gpu-accurate"));
  shown = form.config();
  EXPECT_EQ(shown.model, "maskrcnn_resnet50_fpn");
  EXPECT_EQ(shown.device, "cuda:0");
  EXPECT_TRUE(form.isValid()) << form.problems().join("; ").toStdString();
  EXPECT_EQ(presets->currentText(), "Accurate, GPU");
  // Editing a field makes the configuration a custom one.
  field<QSpinBox>(form, "epochs")->setValue(3);
  EXPECT_EQ(presets->currentText(), "Custom");
}

TEST(TrainConfigFormTest, ACudaDeviceThisMachineLacksIsAProblem) {
  TrainConfigForm form({}); // no CUDA here
  form.setConfig(fakes::validConfig(fakes::freshFolder("form-device")));
  ASSERT_TRUE(form.applyPreset("gpu-accurate"));
  EXPECT_FALSE(form.isValid());
  EXPECT_EQ(form.problemFor("device"), "cuda:0 is not present on this machine");
  auto* device = field<QComboBox>(form, "device");
  device->setCurrentIndex(device->findData("cpu"));
  EXPECT_TRUE(form.isValid());
}

TEST(TrainConfigFormTest, TheModelHintSpeaksOfCpuAndGpu) {
  TrainConfigForm form({});
  auto* model = field<QComboBox>(form, "model");
  auto* hint = field<QLabel>(form, "modelHint");
  EXPECT_EQ(model->count(), static_cast<int>(training::knownModelNames().size()));
  for (int index = 0; index < model->count(); ++index) {
    model->setCurrentIndex(index);
    EXPECT_TRUE(hint->text().contains("CPU:")) << hint->text().toStdString();
    EXPECT_TRUE(hint->text().contains("GPU:")) << hint->text().toStdString();
  }
  model->setCurrentIndex(model->findText("ssdlite320_mobilenet_v3_large"));
  EXPECT_TRUE(hint->text().contains("boxes only"));
}

TEST(TrainConfigFormTest, AugmentationSwitchesTurnTheirStrengthsOnAndOff) {
  TrainConfigForm form({});
  form.setConfig(fakes::validConfig(fakes::freshFolder("form-aug")));
  field<QCheckBox>(form, "colourJitter")->setChecked(false);
  field<QCheckBox>(form, "scaleJitter")->setChecked(false);
  training::AugmentationConfig off = form.config().augmentation;
  EXPECT_EQ(off.brightness, 0.0);
  EXPECT_EQ(off.hue, 0.0);
  EXPECT_EQ(off.scaleJitter, 0.0);
  field<QCheckBox>(form, "colourJitter")->setChecked(true);
  EXPECT_EQ(form.config().augmentation.brightness, training::AugmentationConfig{}.brightness);
}
