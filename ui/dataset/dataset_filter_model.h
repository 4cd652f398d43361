#pragma once
// The grid's filters over DatasetGridModel's roles: split (train, test), class (files with an instance of it), and
// what state the file is in (annotated, unlabelled, with problems). All filters must hold.
#include <QSortFilterProxyModel>

namespace polytrain::ui::dataset {

class DatasetFilterModel : public QSortFilterProxyModel {
  Q_OBJECT
public:
  enum class SplitFilter { All, Train, Test };
  enum class StateFilter { All, Annotated, Unlabelled, Problems };

  explicit DatasetFilterModel(QObject* parent = nullptr);

  void setSplitFilter(SplitFilter split);
  void setClassFilter(int classId); // 0: any class (and files without objects)
  void setStateFilter(StateFilter state);
  SplitFilter splitFilter() const { return split_; }
  int classFilter() const { return classId_; }
  StateFilter stateFilter() const { return state_; }

protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
  SplitFilter split_ = SplitFilter::All;
  int classId_ = 0;
  StateFilter state_ = StateFilter::All;
};

} // namespace polytrain::ui::dataset
