#include "ui/dataset/dataset_filter_model.h"

#include "ui/dataset/dataset_grid_model.h"

namespace polytrain::ui::dataset {

DatasetFilterModel::DatasetFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
  // Thumbnails arriving change DecorationRole only; they never change what is filtered.
  setDynamicSortFilter(false);
}

void DatasetFilterModel::setSplitFilter(SplitFilter split) {
  if (split == split_)
    return;
  split_ = split;
  invalidateFilter();
}

void DatasetFilterModel::setClassFilter(int classId) {
  if (classId == classId_)
    return;
  classId_ = classId;
  invalidateFilter();
}

void DatasetFilterModel::setStateFilter(StateFilter state) {
  if (state == state_)
    return;
  state_ = state;
  invalidateFilter();
}

bool DatasetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
  const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
  const int split = index.data(DatasetGridModel::SplitRole).toInt();
  if ((split_ == SplitFilter::Train && split != 0) || (split_ == SplitFilter::Test && split != 1))
    return false;
  if (classId_ > 0 && !index.data(DatasetGridModel::ClassIdsRole).value<QList<int>>().contains(classId_))
    return false;
  const auto kind = static_cast<EntryKind>(index.data(DatasetGridModel::KindRole).toInt());
  switch (state_) {
  case StateFilter::All:
    return true;
  case StateFilter::Annotated:
    return kind == EntryKind::Annotated;
  case StateFilter::Unlabelled:
    return kind == EntryKind::Unlabelled;
  case StateFilter::Problems:
    return index.data(DatasetGridModel::HasIssuesRole).toBool();
  }
  return true;
}

} // namespace polytrain::ui::dataset
