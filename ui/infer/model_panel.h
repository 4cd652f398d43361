#pragma once
// Which model the Infer mode runs: a run folder or a checkpoint of ours (model and classes are inside), or a
// torchvision .pth with the model's name and the class names given; the device; what is loaded now.
#include "core/inference/predictor.h"

#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace polytrain::ui::infer {

class ModelPanel : public QWidget {
  Q_OBJECT
public:
  // `devices`: what the device choice offers besides the CPU ("cuda:0", ...).
  explicit ModelPanel(const QStringList& devices, QWidget* parent = nullptr);

  // The form as predictor options (the score threshold is the mode's slider, not the form's).
  inference::PredictorOptions options() const;
  void setWeightsPath(const QString& path);
  void setModelName(const QString& name); // empty: the checkpoint's own
  void setClassNames(const QStringList& names);
  QString weightsPath() const;

  void showLoading();
  void showLoaded(const QString& summary);
  void showFailed(const QString& message);

signals:
  void weightsChosen(); // by a browse button

private:
  void browseRunFolder();
  void browseFile();

  QLineEdit* weights_;
  QComboBox* modelName_;
  QLineEdit* classNames_;
  QComboBox* device_;
  QLabel* state_;
};

} // namespace polytrain::ui::infer
