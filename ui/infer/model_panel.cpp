#include "ui/infer/model_panel.h"

#include "core/training/training_config.h"
#include "ui/shell/studio_settings.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace polytrain::ui::infer {

ModelPanel::ModelPanel(const QStringList& devices, QWidget* parent) : QWidget(parent) {
  setObjectName("inferModelPanel");
  auto* form = new QFormLayout(this);
  form->setContentsMargins(0, 0, 0, 0);
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  weights_ = new QLineEdit(this);
  weights_->setObjectName("weightsPath");
  weights_->setPlaceholderText(tr("run folder, checkpoint (.pt) or torchvision weights (.pth)"));
  weights_->setToolTip(
      tr("A run folder uses its best checkpoint (weights/best_map.pt, else best_loss.pt, else last.pt)"));
  auto* runButton = new QToolButton(this);
  runButton->setText(tr("Run..."));
  runButton->setToolTip(tr("Choose a training run folder"));
  connect(runButton, &QToolButton::clicked, this, &ModelPanel::browseRunFolder);
  auto* fileButton = new QToolButton(this);
  fileButton->setText(tr("File..."));
  fileButton->setToolTip(tr("Choose a checkpoint or a torchvision .pth file"));
  connect(fileButton, &QToolButton::clicked, this, &ModelPanel::browseFile);
  auto* weightsRow = new QWidget(this);
  auto* weightsLayout = new QHBoxLayout(weightsRow);
  weightsLayout->setContentsMargins(0, 0, 0, 0);
  weightsLayout->setSpacing(2);
  weightsLayout->addWidget(weights_, 1);
  weightsLayout->addWidget(runButton);
  weightsLayout->addWidget(fileButton);
  form->addRow(tr("Weights"), weightsRow);

  modelName_ = new QComboBox(this);
  modelName_->setObjectName("modelName");
  modelName_->addItem(tr("as in the checkpoint"), QString());
  for (const std::string& name : training::knownModelNames())
    modelName_->addItem(QString::fromStdString(name), QString::fromStdString(name));
  modelName_->setToolTip(tr("Needed for a torchvision .pth file; a checkpoint of ours knows its model"));
  form->addRow(tr("Model"), modelName_);

  classNames_ = new QLineEdit(this);
  classNames_->setObjectName("classNames");
  classNames_->setPlaceholderText(tr("as in the checkpoint"));
  classNames_->setToolTip(tr("Comma-separated, without the background. Renames a checkpoint's classes (same count); "
                             "names a .pth file's classes"));
  form->addRow(tr("Classes"), classNames_);

  device_ = new QComboBox(this);
  device_->setObjectName("device");
  device_->addItem(tr("CPU"), QStringLiteral("cpu"));
  for (const QString& device : devices)
    device_->addItem(device, device);
  form->addRow(tr("Device"), device_);

  state_ = new QLabel(tr("No model loaded: frames are shown without detections."), this);
  state_->setObjectName("modelState");
  state_->setWordWrap(true);
  state_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  form->addRow(state_);
}

inference::PredictorOptions ModelPanel::options() const {
  inference::PredictorOptions options;
  options.weightsPath = weights_->text().trimmed().toStdString();
  options.modelName = modelName_->currentData().toString().toStdString();
  for (const QString& name : classNames_->text().split(',', Qt::SkipEmptyParts))
    if (!name.trimmed().isEmpty())
      options.classNames.push_back(name.trimmed().toStdString());
  options.device = device_->currentData().toString().toStdString();
  return options;
}

void ModelPanel::setWeightsPath(const QString& path) {
  weights_->setText(path);
}

QString ModelPanel::weightsPath() const {
  return weights_->text().trimmed();
}

void ModelPanel::setModelName(const QString& name) {
  const int index = modelName_->findData(name);
  modelName_->setCurrentIndex(index >= 0 ? index : 0);
}

void ModelPanel::setClassNames(const QStringList& names) {
  classNames_->setText(names.join(", "));
}

void ModelPanel::showLoading() {
  state_->setStyleSheet({});
  state_->setText(tr("Loading %1 ...").arg(weightsPath()));
}

void ModelPanel::showLoaded(const QString& summary) {
  state_->setStyleSheet({});
  state_->setText(summary);
}

void ModelPanel::showFailed(const QString& message) {
  state_->setStyleSheet(QStringLiteral("color: #c0392b;"));
  state_->setText(tr("Could not load the model: %1").arg(message));
}

void ModelPanel::browseRunFolder() {
  const QString start = weightsPath().isEmpty() ? StudioSettings::trainRunsFolder() : weightsPath();
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a training run"), start);
  if (folder.isEmpty())
    return;
  weights_->setText(folder);
  emit weightsChosen();
}

void ModelPanel::browseFile() {
  const QString start = weightsPath().isEmpty() ? StudioSettings::trainRunsFolder() : weightsPath();
  const QString file =
      QFileDialog::getOpenFileName(this, tr("Choose weights"), start, tr("Weights (*.pt *.pth);;All files (*)"));
  if (file.isEmpty())
    return;
  weights_->setText(file);
  emit weightsChosen();
}

} // namespace polytrain::ui::infer
