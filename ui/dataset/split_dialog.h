#pragma once
// Asks for a new train/test split of a single-folder dataset: the test share and the seed of core's stratified draw.
#include <QDialog>

#include <cstdint>

class QDoubleSpinBox;
class QSpinBox;

namespace polytrain::ui::dataset {

class SplitDialog : public QDialog {
  Q_OBJECT
public:
  SplitDialog(double testRatio, uint64_t seed, int files, QWidget* parent = nullptr);

  double testRatio() const;
  uint64_t seed() const;
  void setTestRatio(double ratio);
  void setSeed(uint64_t seed);

private:
  QDoubleSpinBox* ratio_;
  QSpinBox* seed_;
};

} // namespace polytrain::ui::dataset
