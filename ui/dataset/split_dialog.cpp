#include "ui/dataset/split_dialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace polytrain::ui::dataset {

SplitDialog::SplitDialog(double testRatio, uint64_t seed, int files, QWidget* parent)
    : QDialog(parent), ratio_(new QDoubleSpinBox), seed_(new QSpinBox) {
  setObjectName("datasetSplitDialog");
  setWindowTitle(tr("Change the Split"));
  ratio_->setObjectName("splitTestRatio");
  ratio_->setRange(0.0, 0.9);
  ratio_->setSingleStep(0.05);
  ratio_->setDecimals(2);
  ratio_->setToolTip(tr("Share of the files drawn for the test split, per class"));
  seed_->setObjectName("splitSeed");
  seed_->setRange(0, std::numeric_limits<int>::max());
  seed_->setToolTip(tr("The same seed and share always give the same split"));
  setTestRatio(testRatio);
  setSeed(seed);

  auto* note = new QLabel(tr("%n annotated file(s) are drawn again, stratified by each file's rarest class. "
                             "The split is saved as split.json beside the data.",
                             nullptr, files));
  note->setWordWrap(true);
  auto* form = new QFormLayout;
  form->addRow(tr("Test share:"), ratio_);
  form->addRow(tr("Seed:"), seed_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(note);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

double SplitDialog::testRatio() const {
  return ratio_->value();
}

uint64_t SplitDialog::seed() const {
  return static_cast<uint64_t>(seed_->value());
}

void SplitDialog::setTestRatio(double ratio) {
  ratio_->setValue(ratio);
}

void SplitDialog::setSeed(uint64_t seed) {
  seed_->setValue(static_cast<int>(std::min<uint64_t>(seed, static_cast<uint64_t>(std::numeric_limits<int>::max()))));
}

} // namespace polytrain::ui::dataset
