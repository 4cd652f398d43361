#include "ui/train/train_config_form.h"

#include "ui/train/model_speed_hints.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace polytrain::ui {
namespace {

const training::AugmentationConfig kDefaultAugmentation;

struct PresetEntry {
  const char* name; // training::preset() name; empty = custom
  const char* title;
};
const PresetEntry kPresets[] = {{"", QT_TRANSLATE_NOOP("polytrain::ui::TrainConfigForm", "Custom")},
                                {"cpu-quick", QT_TRANSLATE_NOOP("polytrain::ui::TrainConfigForm", "Quick CPU demo")},
                                {"cpu-ssd", QT_TRANSLATE_NOOP("polytrain::ui::TrainConfigForm", "Fast boxes, CPU")},
                                {"gpu-accurate", QT_TRANSLATE_NOOP("polytrain::ui::TrainConfigForm", "Accurate, GPU")}};

bool colourJitterOn(const training::AugmentationConfig& a) {
  return a.brightness > 0.0 || a.contrast > 0.0 || a.saturation > 0.0 || a.hue > 0.0;
}

} // namespace

TrainConfigForm::TrainConfigForm(QStringList cudaDevices, QWidget* parent)
    : QWidget(parent), cudaDevices_(std::move(cudaDevices)) {
  setObjectName("trainConfigForm");
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(buildPresetRow());
  layout->addWidget(buildDataGroup());
  layout->addWidget(buildScheduleGroup());
  layout->addWidget(buildAugmentationGroup());
  layout->addWidget(buildHardwareGroup());
  otherProblems_ = new QLabel(this);
  otherProblems_->setObjectName("otherProblems");
  otherProblems_->setWordWrap(true);
  otherProblems_->setStyleSheet("color: #c62828;");
  otherProblems_->hide();
  layout->addWidget(otherProblems_);
  layout->addStretch();
  setConfig(base_);
}

QWidget* TrainConfigForm::withProblemLabel(QWidget* field, const QString& key) {
  auto* box = new QWidget(this);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(1);
  layout->addWidget(field);
  auto* problem = new QLabel(box);
  problem->setObjectName("problem_" + key);
  problem->setWordWrap(true);
  problem->setStyleSheet("color: #c62828;");
  problem->hide();
  layout->addWidget(problem);
  problemLabels_.insert(key, problem);
  return box;
}

QWidget* TrainConfigForm::buildPresetRow() {
  auto* row = new QWidget(this);
  auto* layout = new QFormLayout(row);
  layout->setContentsMargins(4, 0, 4, 0);
  preset_ = new QComboBox(row);
  preset_->setObjectName("preset");
  for (const PresetEntry& entry : kPresets)
    preset_->addItem(tr(entry.title), QString(entry.name));
  connect(preset_, &QComboBox::activated, this, [this](int index) {
    const QString name = preset_->itemData(index).toString();
    if (!name.isEmpty())
      applyPreset(name);
  });
  layout->addRow(tr("Preset"), preset_);
  return row;
}

QWidget* TrainConfigForm::buildDataGroup() {
  auto* group = new QGroupBox(tr("Data and model"), this);
  auto* form = new QFormLayout(group);

  dataRoot_ = new QLineEdit(group);
  dataRoot_->setObjectName("dataRoot");
  dataRoot_->setPlaceholderText(tr("folder with train/ and test/"));
  auto* browseData = new QPushButton(tr("Browse..."), group);
  connect(browseData, &QPushButton::clicked, this, [this] {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Dataset folder"), dataRoot_->text());
    if (!folder.isEmpty())
      dataRoot_->setText(folder);
  });
  auto* dataRow = new QWidget(group);
  auto* dataLayout = new QHBoxLayout(dataRow);
  dataLayout->setContentsMargins(0, 0, 0, 0);
  dataLayout->addWidget(dataRoot_);
  dataLayout->addWidget(browseData);
  form->addRow(tr("Dataset"), withProblemLabel(dataRow, "dataRoot"));

  model_ = new QComboBox(group);
  model_->setObjectName("model");
  for (const std::string& name : training::knownModelNames()) {
    const QString model = QString::fromStdString(name);
    const ModelSpeedHint hint = modelSpeedHint(model);
    model_->addItem(model, model);
    model_->setItemData(model_->count() - 1, hint.cpu + "\n" + hint.gpu + "\n" + hint.outputs, Qt::ToolTipRole);
  }
  modelHint_ = new QLabel(group);
  modelHint_->setObjectName("modelHint");
  modelHint_->setWordWrap(true);
  modelHint_->setStyleSheet("color: palette(mid);");
  auto* modelBox = new QWidget(group);
  auto* modelLayout = new QVBoxLayout(modelBox);
  modelLayout->setContentsMargins(0, 0, 0, 0);
  modelLayout->setSpacing(1);
  modelLayout->addWidget(model_);
  modelLayout->addWidget(modelHint_);
  form->addRow(tr("Model"), withProblemLabel(modelBox, "model"));

  weights_ = new QLineEdit(group);
  weights_->setObjectName("pretrainedWeights");
  weights_->setPlaceholderText(tr("none: train from scratch"));
  auto* browseWeights = new QPushButton(tr("Browse..."), group);
  connect(browseWeights, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Pretrained weights"), weights_->text(),
                                                      tr("Weights (*.pth *.pt);;All files (*)"));
    if (!file.isEmpty())
      weights_->setText(file);
  });
  auto* weightsRow = new QWidget(group);
  auto* weightsLayout = new QHBoxLayout(weightsRow);
  weightsLayout->setContentsMargins(0, 0, 0, 0);
  weightsLayout->addWidget(weights_);
  weightsLayout->addWidget(browseWeights);
  form->addRow(tr("Weights"), withProblemLabel(weightsRow, "pretrainedWeights"));
  backboneOnly_ = new QCheckBox(tr("Backbone only"), group);
  backboneOnly_->setObjectName("pretrainedBackboneOnly");
  form->addRow(QString(), backboneOnly_);

  connect(dataRoot_, &QLineEdit::textChanged, this, &TrainConfigForm::onEdited);
  connect(model_, &QComboBox::currentIndexChanged, this, [this] {
    showModelHint();
    onEdited();
  });
  connect(weights_, &QLineEdit::textChanged, this, &TrainConfigForm::onEdited);
  connect(backboneOnly_, &QCheckBox::toggled, this, &TrainConfigForm::onEdited);
  return group;
}

QWidget* TrainConfigForm::buildScheduleGroup() {
  auto* group = new QGroupBox(tr("Schedule"), this);
  auto* form = new QFormLayout(group);
  epochs_ = new QSpinBox(group);
  epochs_->setObjectName("epochs");
  epochs_->setRange(1, 100000);
  form->addRow(tr("Epochs"), withProblemLabel(epochs_, "epochs"));
  batchSize_ = new QSpinBox(group);
  batchSize_->setObjectName("batchSize");
  batchSize_->setRange(1, 1024);
  form->addRow(tr("Batch size"), withProblemLabel(batchSize_, "batchSize"));
  learningRate_ = new QLineEdit(group);
  learningRate_->setObjectName("learningRate");
  learningRate_->setToolTip(tr("For example 0.001 or 1e-3"));
  form->addRow(tr("Learning rate"), withProblemLabel(learningRate_, "learningRate"));
  inputSize_ = new QSpinBox(group);
  inputSize_->setObjectName("inputSize");
  inputSize_->setRange(64, 4096);
  inputSize_->setSingleStep(32);
  inputSize_->setSuffix(tr(" px"));
  form->addRow(tr("Input size"), withProblemLabel(inputSize_, "inputSize"));
  for (QSpinBox* box : {epochs_, batchSize_, inputSize_})
    connect(box, &QSpinBox::valueChanged, this, &TrainConfigForm::onEdited);
  connect(learningRate_, &QLineEdit::textChanged, this, &TrainConfigForm::onEdited);
  return group;
}

QWidget* TrainConfigForm::buildAugmentationGroup() {
  auto* group = new QGroupBox(tr("Augmentation"), this);
  auto* layout = new QFormLayout(group);
  flip_ = new QCheckBox(tr("Horizontal flip"), group);
  flip_->setObjectName("horizontalFlip");
  scaleJitter_ = new QCheckBox(tr("Scale jitter"), group);
  scaleJitter_->setObjectName("scaleJitter");
  colourJitter_ = new QCheckBox(tr("Colour jitter"), group);
  colourJitter_->setObjectName("colourJitter");
  randomCrop_ = new QCheckBox(tr("Random crop"), group);
  randomCrop_->setObjectName("randomCrop");
  auto* switches = new QWidget(group);
  auto* grid = new QHBoxLayout(switches);
  grid->setContentsMargins(0, 0, 0, 0);
  auto* left = new QVBoxLayout;
  left->addWidget(flip_);
  left->addWidget(scaleJitter_);
  auto* right = new QVBoxLayout;
  right->addWidget(colourJitter_);
  right->addWidget(randomCrop_);
  grid->addLayout(left);
  grid->addLayout(right);
  layout->addRow(switches);
  rotation_ = new QDoubleSpinBox(group);
  rotation_->setObjectName("rotationDegrees");
  rotation_->setRange(0.0, 180.0);
  rotation_->setDecimals(0);
  rotation_->setSuffix(tr(" deg"));
  rotation_->setSpecialValueText(tr("off"));
  layout->addRow(tr("Rotation"), rotation_);
  for (QCheckBox* box : {flip_, scaleJitter_, colourJitter_, randomCrop_})
    connect(box, &QCheckBox::toggled, this, &TrainConfigForm::onEdited);
  connect(rotation_, &QDoubleSpinBox::valueChanged, this, &TrainConfigForm::onEdited);
  return group;
}

QWidget* TrainConfigForm::buildHardwareGroup() {
  auto* group = new QGroupBox(tr("Hardware"), this);
  auto* form = new QFormLayout(group);
  device_ = new QComboBox(group);
  device_->setObjectName("device");
  device_->addItem(tr("CPU"), QString("cpu"));
  for (const QString& cuda : cudaDevices_)
    device_->addItem(tr("CUDA GPU (%1)").arg(cuda), cuda);
  auto* deviceBox = new QWidget(group);
  auto* deviceLayout = new QVBoxLayout(deviceBox);
  deviceLayout->setContentsMargins(0, 0, 0, 0);
  deviceLayout->addWidget(device_);
  if (cudaDevices_.isEmpty()) {
    auto* note = new QLabel(tr("No CUDA device found on this machine."), group);
    note->setStyleSheet("color: palette(mid);");
    deviceLayout->addWidget(note);
  }
  form->addRow(tr("Device"), withProblemLabel(deviceBox, "device"));
  threads_ = new QSpinBox(group);
  threads_->setObjectName("threads");
  threads_->setRange(0, 1024);
  threads_->setSpecialValueText(tr("one per core"));
  form->addRow(tr("CPU threads"), withProblemLabel(threads_, "threads"));
  connect(device_, &QComboBox::currentIndexChanged, this, &TrainConfigForm::onEdited);
  connect(threads_, &QSpinBox::valueChanged, this, &TrainConfigForm::onEdited);
  return group;
}

void TrainConfigForm::showModelHint() {
  const ModelSpeedHint hint = modelSpeedHint(model_->currentData().toString());
  modelHint_->setText(hint.cpu + "\n" + hint.gpu + (hint.outputs.isEmpty() ? QString() : " \u00b7 " + hint.outputs));
}

void TrainConfigForm::selectDevice(const QString& device) {
  int index = device_->findData(device);
  if (index < 0) { // a configuration made elsewhere names a device this machine lacks: show it, flagged
    device_->addItem(tr("%1 (not present)").arg(device), device);
    index = device_->count() - 1;
  }
  device_->setCurrentIndex(index);
}

void TrainConfigForm::setConfig(const training::TrainingConfig& config) {
  updating_ = true;
  base_ = config;
  dataRoot_->setText(QString::fromStdString(config.dataRoot));
  const QString model = QString::fromStdString(config.model);
  if (model_->findData(model) < 0)
    model_->addItem(model, model);
  model_->setCurrentIndex(model_->findData(model));
  showModelHint();
  weights_->setText(QString::fromStdString(config.pretrainedWeights));
  backboneOnly_->setChecked(config.pretrainedBackboneOnly);
  epochs_->setValue(config.epochs);
  batchSize_->setValue(config.batchSize);
  learningRate_->setText(QString::number(config.learningRate, 'g', 6));
  inputSize_->setValue(config.inputSize);
  flip_->setChecked(config.augmentation.horizontalFlip);
  scaleJitter_->setChecked(config.augmentation.scaleJitter > 0.0);
  colourJitter_->setChecked(colourJitterOn(config.augmentation));
  randomCrop_->setChecked(config.augmentation.randomCrop);
  rotation_->setValue(config.augmentation.rotationDegrees);
  selectDevice(QString::fromStdString(config.device));
  threads_->setValue(config.threads);
  updating_ = false;
  revalidate();
}

bool TrainConfigForm::applyPreset(const QString& presetName) {
  std::optional<training::TrainingConfig> config = training::preset(presetName.toStdString());
  if (!config)
    return false;
  const training::TrainingConfig current = this->config();
  config->dataRoot = current.dataRoot;
  config->classes = current.classes;
  setConfig(*config);
  preset_->setCurrentIndex(preset_->findData(presetName));
  emit configEdited();
  return true;
}

training::TrainingConfig TrainConfigForm::config() const {
  training::TrainingConfig config = base_;
  config.dataRoot = dataRoot_->text().trimmed().toStdString();
  config.model = model_->currentData().toString().toStdString();
  config.pretrainedWeights = weights_->text().trimmed().toStdString();
  config.pretrainedBackboneOnly = backboneOnly_->isChecked();
  config.epochs = epochs_->value();
  config.batchSize = batchSize_->value();
  bool ok = false;
  const double rate = learningRate_->text().trimmed().toDouble(&ok);
  config.learningRate = ok ? rate : 0.0;
  config.inputSize = inputSize_->value();
  training::AugmentationConfig& a = config.augmentation;
  a.horizontalFlip = flip_->isChecked();
  a.randomCrop = randomCrop_->isChecked();
  a.scaleJitter = !scaleJitter_->isChecked()             ? 0.0
                  : base_.augmentation.scaleJitter > 0.0 ? base_.augmentation.scaleJitter
                                                         : kDefaultAugmentation.scaleJitter;
  const bool colour = colourJitter_->isChecked();
  const training::AugmentationConfig& colourSource =
      colourJitterOn(base_.augmentation) ? base_.augmentation : kDefaultAugmentation;
  a.brightness = colour ? colourSource.brightness : 0.0;
  a.contrast = colour ? colourSource.contrast : 0.0;
  a.saturation = colour ? colourSource.saturation : 0.0;
  a.hue = colour ? colourSource.hue : 0.0;
  a.rotationDegrees = rotation_->value();
  config.device = device_->currentData().toString().toStdString();
  config.threads = threads_->value();
  return config;
}

QString TrainConfigForm::problemFor(const QString& field) const {
  const QLabel* label = problemLabels_.value(field);
  return label != nullptr ? label->text() : QString();
}

void TrainConfigForm::onEdited() {
  if (updating_)
    return;
  preset_->setCurrentIndex(0); // an edited preset is a custom configuration
  revalidate();
  emit configEdited();
}

void TrainConfigForm::revalidate() {
  const training::TrainingConfig current = config();
  QHash<QString, QStringList> byField;
  for (const Error& error : training::validate(current))
    byField[QString::fromStdString(error.pointer)] << QString::fromStdString(error.what);

  bool rateOk = false;
  learningRate_->text().trimmed().toDouble(&rateOk);
  if (!rateOk)
    byField["learningRate"] = QStringList{tr("not a number: \"%1\"").arg(learningRate_->text())};
  if (current.dataRoot.empty())
    byField["dataRoot"] << tr("choose the dataset folder");
  else if (!QFileInfo(QString::fromStdString(current.dataRoot)).isDir())
    byField["dataRoot"] << tr("no such folder");
  if (!current.pretrainedWeights.empty() && !QFileInfo(QString::fromStdString(current.pretrainedWeights)).isFile())
    byField["pretrainedWeights"] << tr("no such file");
  const QString device = QString::fromStdString(current.device);
  if (device != "cpu" && !cudaDevices_.contains(device) && !byField.contains("device"))
    byField["device"] << tr("%1 is not present on this machine").arg(device);

  QStringList problems;
  QStringList other;
  for (auto it = byField.cbegin(); it != byField.cend(); ++it) {
    const QString text = it.value().join("; ");
    problems << it.key() + ": " + text;
    if (!problemLabels_.contains(it.key()))
      other << it.key() + ": " + text;
  }
  problems.sort();
  other.sort();
  for (auto it = problemLabels_.begin(); it != problemLabels_.end(); ++it) {
    const QString text = byField.value(it.key()).join("; ");
    it.value()->setText(text);
    it.value()->setVisible(!text.isEmpty());
  }
  otherProblems_->setText(other.join("\n"));
  otherProblems_->setVisible(!other.isEmpty());

  const bool wasValid = problems_.isEmpty();
  problems_ = problems;
  if (wasValid != problems_.isEmpty())
    emit validityChanged(problems_.isEmpty());
}

} // namespace polytrain::ui
