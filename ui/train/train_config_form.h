#pragma once
// The Train mode's configuration form, bound to training::TrainingConfig. Every edit re-validates with
// training::validate() plus the checks only the form can make (the dataset folder and the weights file exist, the
// device is present); each problem is shown under its field, and isValid() says whether Train may start.
#include "core/training/training_config.h"

#include <QHash>
#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace polytrain::ui {

class TrainConfigForm : public QWidget {
  Q_OBJECT
public:
  // `cudaDevices`: the CUDA devices present ("cuda:0", ...), empty on a machine without CUDA.
  explicit TrainConfigForm(QStringList cudaDevices, QWidget* parent = nullptr);

  // Shows `config`; fields the form does not show (optimizer, schedule, ...) are kept as given.
  void setConfig(const training::TrainingConfig& config);
  // The configuration the form shows now.
  training::TrainingConfig config() const;
  // Applies a named preset of training::presetNames() ("cpu-quick", "gpu-accurate"), keeping the dataset.
  bool applyPreset(const QString& presetName);

  bool isValid() const { return problems_.isEmpty(); }
  // Every current problem as "field: what".
  QStringList problems() const { return problems_; }
  // The problem text shown under a field ("learningRate", "dataRoot", ...); empty when that field is fine.
  QString problemFor(const QString& field) const;

signals:
  void validityChanged(bool valid);
  void configEdited();

private:
  QWidget* withProblemLabel(QWidget* field, const QString& key);
  QWidget* buildPresetRow();
  QWidget* buildDataGroup();
  QWidget* buildScheduleGroup();
  QWidget* buildAugmentationGroup();
  QWidget* buildHardwareGroup();
  void showModelHint();
  void selectDevice(const QString& device);
  void onEdited();
  void revalidate();

  QStringList cudaDevices_;
  training::TrainingConfig base_;
  bool updating_ = false;

  QComboBox* preset_ = nullptr;
  QLineEdit* dataRoot_ = nullptr;
  QComboBox* model_ = nullptr;
  QLabel* modelHint_ = nullptr;
  QLineEdit* weights_ = nullptr;
  QCheckBox* backboneOnly_ = nullptr;
  QSpinBox* epochs_ = nullptr;
  QSpinBox* batchSize_ = nullptr;
  QLineEdit* learningRate_ = nullptr;
  QSpinBox* inputSize_ = nullptr;
  QCheckBox* flip_ = nullptr;
  QCheckBox* scaleJitter_ = nullptr;
  QCheckBox* colourJitter_ = nullptr;
  QCheckBox* randomCrop_ = nullptr;
  QDoubleSpinBox* rotation_ = nullptr;
  QComboBox* device_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QLabel* otherProblems_ = nullptr;

  QHash<QString, QLabel*> problemLabels_;
  QStringList problems_;
};

} // namespace polytrain::ui
