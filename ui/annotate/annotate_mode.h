#pragma once
// The Annotate mode: a Labelme-compatible annotator. It assembles the session (files, loading, saving), the canvas
// with its tools, the docks (files, labels, shapes, image flags, history), the label dialog, and registers every
// action with Labelme's default shortcuts (annotate_actions.cpp).
#include "ui/annotate/annotation_session.h"
#include "ui/annotate/shape_label.h"
#include "ui/shell/mode.h"

#include <QHash>
#include <QPointer>

#include <optional>

class QComboBox;
class QLabel;
class QUndoGroup;

namespace polytrain::ui::annotate {

class AnnotationCanvas;
class AnnotationTool;
class FileListDock;
class ImageAdjustDialog;
class ImageFlagsDock;
class LabelDialog;
class LabelListDock;
class ShapeListDock;
class ShapeViewState;

class AnnotateMode : public Mode {
  Q_OBJECT
public:
  explicit AnnotateMode(QObject* parent = nullptr);
  ~AnnotateMode() override;

  QString id() const override { return "annotate"; }
  QString title() const override { return tr("Annotate"); }
  QIcon icon() const override { return QIcon(":/icons/mode-annotate.svg"); }
  QWidget* widget() override;
  QList<QToolBar*> toolBars() override;
  QList<QDockWidget*> dockWidgets() override;
  QList<QMenu*> menus() override;
  void registerActions(ActionRegistry& registry) override;
  void activate() override;
  void deactivate() override;
  bool mayClose() override;

  // Opens an image, a Labelme JSON file or a folder.
  void open(const QString& path);
  bool openPath(const QString& path) override {
    open(path);
    return true;
  }

  // Labelme's --labels (a label file, one per line, or "a,b,c") and --labelflags (a JSON file or text
  // {"regex": ["flag", ...]}): offered by the label dialog and the quick label bar. False, with `error`, when
  // unreadable; nothing changes then.
  bool loadLabelList(const QString& fileOrList, QString* error = nullptr);
  bool loadLabelFlags(const QString& fileOrJson, QString* error = nullptr);
  QStringList predefinedLabels() const;

  AnnotationSession* session() const { return session_; }
  AnnotationCanvas* canvas() const;
  ShapeViewState* viewState() const { return viewState_; }
  LabelDialog* labelDialog() const;
  QComboBox* quickLabel() const;
  AnnotationTool* currentTool() const;
  void setTool(const QString& toolId);
  // The action registered as "annotate.<name>".
  QAction* action(const QString& name) const { return actions_.value(name); }

private:
  void buildWidgets();
  void buildMenusAndToolBar();
  QAction* addAction(ActionRegistry& registry, const QString& name, const QString& text,
                     const QList<QKeySequence>& shortcuts = {}, bool needsDocument = false);
  void connectActions();
  void onDocumentOpened(AnnotationDocument* document, const QImage& image, const QImage& preview);
  void onDocumentAboutToClose(AnnotationDocument* document);
  void updateActionStates();
  void updateStatus();

  std::optional<ShapeLabel> askLabel(const annotation::LabelmeShape& draft);
  AnnotationSession::UnsavedChoice askUnsaved(const QString& jsonPath);
  void rememberLabels();

  // Action handlers (annotate_actions.cpp).
  void openFileDialog();
  void openFolderDialog();
  void chooseOutputFolder();
  void loadLabelListDialog();
  void loadLabelFlagsDialog();
  void restoreLabelPresets();
  void saveAsDialog();
  void deleteLabelFile();
  void undo();
  void redo();
  void copySelection();
  void pasteShapes();
  void duplicateSelection();
  void deleteSelection();
  void editLabels();
  void addPointToEdge();
  void removeHoveredPoint();
  void selectAll();

  AnnotationSession* session_;
  ShapeViewState* viewState_;
  QUndoGroup* undoGroup_;
  QHash<QString, AnnotationTool*> tools_;
  QHash<QString, QAction*> actions_;
  QString lastLabel_;

  QPointer<QWidget> page_;
  QPointer<AnnotationCanvas> canvas_;
  QPointer<QLabel> status_;
  QPointer<QComboBox> quickLabel_;
  QPointer<LabelDialog> labelDialog_;
  QPointer<ImageAdjustDialog> adjustDialog_;
  QPointer<FileListDock> fileDock_;
  QPointer<LabelListDock> labelDock_;
  QPointer<ShapeListDock> shapeDock_;
  QPointer<ImageFlagsDock> flagsDock_;
  QPointer<QDockWidget> historyDock_;
  QPointer<QToolBar> toolBar_;
  QList<QPointer<QMenu>> menus_;
  QPointF cursor_;
};

} // namespace polytrain::ui::annotate
