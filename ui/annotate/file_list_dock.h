#pragma once
// The file list: every image of the open folder with its annotated mark, a search box that filters by name and a
// count of annotated images. Activating a row asks to open that image.
#include <QDockWidget>

class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace polytrain::ui::annotate {

class FileListModel;

class FileListDock : public QDockWidget {
  Q_OBJECT
public:
  FileListDock(FileListModel* model, QWidget* parent = nullptr);

  void setCurrentRow(int sourceRow);
  QLineEdit* searchField() const { return search_; }
  QListView* view() const { return view_; }

signals:
  void rowActivated(int sourceRow);

private:
  void updateCount();

  FileListModel* model_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* search_;
  QListView* view_;
  QLabel* count_;
};

} // namespace polytrain::ui::annotate
