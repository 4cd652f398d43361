#include "ui/annotate/annotate_mode.h"

#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/create_shape_tool.h"
#include "ui/annotate/edit_tool.h"
#include "ui/annotate/file_list_dock.h"
#include "ui/annotate/file_list_model.h"
#include "ui/annotate/image_adjust_dialog.h"
#include "ui/annotate/image_flags_dock.h"
#include "ui/annotate/label_dialog.h"
#include "ui/annotate/label_list_dock.h"
#include "ui/annotate/shape_list_dock.h"
#include "ui/annotate/shape_view_state.h"
#include "ui/annotate/zoom_controller.h"
#include "ui/shell/studio_settings.h"

#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QUndoGroup>
#include <QUndoStack>
#include <QUndoView>
#include <QVBoxLayout>

namespace polytrain::ui::annotate {

using annotation::ShapeKind;

AnnotateMode::AnnotateMode(QObject* parent)
    : Mode(parent), session_(new AnnotationSession(this)), viewState_(new ShapeViewState(this)),
      undoGroup_(new QUndoGroup(this)) {
  for (ShapeKind kind : {ShapeKind::Polygon, ShapeKind::Rectangle, ShapeKind::Circle, ShapeKind::Line, ShapeKind::Point,
                         ShapeKind::LineStrip}) {
    auto* tool = new CreateShapeTool(kind, this);
    tools_.insert(tool->id(), tool);
  }
  tools_.insert("edit", new EditTool(this));
  session_->setAutosave(StudioSettings::annotateAutosave());
  session_->setSaveImageData(StudioSettings::annotateSaveImageData());
  session_->setKeepPrevious(StudioSettings::annotateKeepPrevious());
  session_->setUnsavedPrompt([this](const QString& jsonPath) { return askUnsaved(jsonPath); });
  buildWidgets();
  restoreLabelPresets();
}

AnnotateMode::~AnnotateMode() {
  rememberLabels();
  // Docks, toolbars and menus that no window took over are ours to delete.
  for (QWidget* widget :
       std::initializer_list<QWidget*>{fileDock_, labelDock_, shapeDock_, flagsDock_, historyDock_, toolBar_, page_})
    if (widget != nullptr && widget->parent() == nullptr)
      delete widget;
}

void AnnotateMode::buildWidgets() {
  page_ = new QWidget;
  page_->setObjectName("annotatePage");
  canvas_ = new AnnotationCanvas(page_);
  status_ = new QLabel(page_);
  status_->setObjectName("annotateStatus");
  status_->setContentsMargins(6, 2, 6, 2);
  auto* layout = new QVBoxLayout(page_);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  layout->addWidget(canvas_, 1);
  layout->addWidget(status_);

  labelDialog_ = new LabelDialog(page_);
  labelDialog_->setHistory(StudioSettings::annotateLabelHistory());
  adjustDialog_ = new ImageAdjustDialog(page_);
  quickLabel_ = new QComboBox;
  quickLabel_->setObjectName("quickLabel");
  quickLabel_->setEditable(true);
  quickLabel_->setMinimumContentsLength(14);
  quickLabel_->lineEdit()->setPlaceholderText(tr("label: ask"));
  quickLabel_->setToolTip(tr("Quick label: new shapes get this label without the dialog. Empty: ask each time."));

  fileDock_ = new FileListDock(session_->files());
  labelDock_ = new LabelListDock;
  shapeDock_ = new ShapeListDock;
  flagsDock_ = new ImageFlagsDock;
  flagsDock_->setFlagNames(StudioSettings::annotateImageFlagNames());
  historyDock_ = new QDockWidget(tr("History"));
  historyDock_->setObjectName("annotateHistoryDock");
  auto* undoView = new QUndoView(undoGroup_);
  undoView->setEmptyLabel(tr("<opened>"));
  historyDock_->setWidget(undoView);

  canvas_->setTool(tools_.value("polygon"));
  canvas_->setShowLabels(StudioSettings::annotateShowLabels());
  canvas_->setLabelRequester([this](const annotation::LabelmeShape& draft) { return askLabel(draft); });

  connect(session_, &AnnotationSession::documentOpened, this, &AnnotateMode::onDocumentOpened);
  connect(session_, &AnnotationSession::documentAboutToClose, this, &AnnotateMode::onDocumentAboutToClose);
  connect(session_, &AnnotationSession::currentRowChanged, fileDock_, &FileListDock::setCurrentRow);
  connect(session_, &AnnotationSession::currentRowChanged, this, &AnnotateMode::updateActionStates);
  connect(session_, &AnnotationSession::folderListed, this, [this](const QString& folder, int) {
    StudioSettings::setAnnotateLastFolder(folder);
    updateActionStates();
  });
  connect(session_, &AnnotationSession::message, status_, &QLabel::setText);
  connect(session_, &AnnotationSession::loadFailed, this, [this](const QString& message) {
    status_->setText(message);
    if (page_->isVisible())
      QMessageBox::warning(page_, tr("Cannot open"), message);
  });
  connect(session_, &AnnotationSession::saveFailed, this, [this](const QString& message) {
    status_->setText(message);
    if (page_->isVisible())
      QMessageBox::critical(page_, tr("Cannot save"), message);
  });
  connect(fileDock_, &FileListDock::rowActivated, session_, &AnnotationSession::openRow);
  connect(flagsDock_, &ImageFlagsDock::flagNamesChanged, this,
          [](const QStringList& names) { StudioSettings::setAnnotateImageFlagNames(names); });
  connect(shapeDock_, &ShapeListDock::editLabelRequested, this, &AnnotateMode::editLabels);
  connect(canvas_, &AnnotationCanvas::editLabelsRequested, this, &AnnotateMode::editLabels);
  connect(canvas_, &AnnotationCanvas::cursorMoved, this, [this](const QPointF& pos) {
    cursor_ = pos;
    updateStatus();
  });
  connect(canvas_->zoom(), &ZoomController::scaleChanged, this, &AnnotateMode::updateStatus);
  connect(adjustDialog_, &ImageAdjustDialog::adjustmentChanged, canvas_, &AnnotationCanvas::setImageAdjustment);
  connect(viewState_, &ShapeViewState::selectionChanged, this, &AnnotateMode::updateActionStates);
  connect(undoGroup_, &QUndoGroup::canUndoChanged, this, &AnnotateMode::updateActionStates);
  connect(undoGroup_, &QUndoGroup::canRedoChanged, this, &AnnotateMode::updateActionStates);
  for (AnnotationTool* tool : tools_)
    connect(tool, &AnnotationTool::busyChanged, this, &AnnotateMode::updateActionStates);
}

QWidget* AnnotateMode::widget() {
  return page_;
}

QList<QToolBar*> AnnotateMode::toolBars() {
  return toolBar_ ? QList<QToolBar*>{toolBar_} : QList<QToolBar*>{};
}

QList<QDockWidget*> AnnotateMode::dockWidgets() {
  return {fileDock_, labelDock_, shapeDock_, flagsDock_, historyDock_};
}

QList<QMenu*> AnnotateMode::menus() {
  QList<QMenu*> out;
  for (const QPointer<QMenu>& menu : menus_)
    if (menu)
      out.append(menu);
  return out;
}

void AnnotateMode::activate() {
  // Invisible actions take no shortcuts: D, A, Ctrl+S ... act only while this mode is shown.
  for (QAction* action : std::as_const(actions_))
    action->setVisible(true);
  canvas_->setFocus();
}

void AnnotateMode::deactivate() {
  for (QAction* action : std::as_const(actions_))
    action->setVisible(false);
}

bool AnnotateMode::mayClose() {
  rememberLabels();
  return session_->maySwitchAway();
}

void AnnotateMode::open(const QString& path) {
  if (QFileInfo(path).isDir())
    session_->openFolder(path);
  else
    session_->openFile(path);
}

AnnotationCanvas* AnnotateMode::canvas() const {
  return canvas_;
}
LabelDialog* AnnotateMode::labelDialog() const {
  return labelDialog_;
}
QComboBox* AnnotateMode::quickLabel() const {
  return quickLabel_;
}

AnnotationTool* AnnotateMode::currentTool() const {
  return canvas_->tool();
}

void AnnotateMode::setTool(const QString& toolId) {
  AnnotationTool* tool = tools_.value(toolId);
  if (tool == nullptr)
    return;
  canvas_->setTool(tool);
  if (QAction* action = actions_.value("tool." + toolId))
    action->setChecked(true);
  updateActionStates();
}

void AnnotateMode::onDocumentOpened(AnnotationDocument* document, const QImage& image, const QImage& preview) {
  viewState_->attach(document);
  canvas_->setImage(image, preview);
  canvas_->setDocument(document, viewState_);
  labelDock_->setDocument(document, viewState_);
  shapeDock_->setDocument(document, viewState_);
  flagsDock_->setDocument(document);
  undoGroup_->addStack(document->undoStack());
  undoGroup_->setActiveStack(document->undoStack());
  for (const auto& shape : document->shapes())
    if (!labelDialog_->history().contains(QString::fromStdString(shape.label)))
      labelDialog_->setHistory(labelDialog_->history() << QString::fromStdString(shape.label));
  connect(document, &AnnotationDocument::modifiedChanged, this, &AnnotateMode::updateStatus);
  connect(document, &AnnotationDocument::saved, this, &AnnotateMode::updateStatus);
  updateActionStates();
  updateStatus();
}

void AnnotateMode::onDocumentAboutToClose(AnnotationDocument* document) {
  undoGroup_->removeStack(document->undoStack());
  canvas_->setDocument(nullptr, viewState_);
  labelDock_->setDocument(nullptr, nullptr);
  shapeDock_->setDocument(nullptr, nullptr);
  flagsDock_->setDocument(nullptr);
  viewState_->attach(nullptr);
  updateActionStates();
}

void AnnotateMode::updateStatus() {
  if (!status_)
    return;
  AnnotationDocument* document = session_->document();
  if (document == nullptr) {
    return;
  }
  const QString name =
      QFileInfo(document->imagePath().isEmpty() ? document->jsonPath() : document->imagePath()).fileName();
  status_->setText(
      tr("%1%2   %3 × %4 px   zoom %5 %   x %6, y %7   %8")
          .arg(name, document->isModified() ? "*" : "")
          .arg(document->imageSize().width())
          .arg(document->imageSize().height())
          .arg(qRound(canvas_->scale() * 100))
          .arg(cursor_.x(), 0, 'f', 1)
          .arg(cursor_.y(), 0, 'f', 1)
          .arg(session_->files()->rowCount() > 1
                   ? tr("image %1 of %2").arg(session_->currentRow() + 1).arg(session_->files()->rowCount())
                   : QString()));
}

std::optional<ShapeLabel> AnnotateMode::askLabel(const annotation::LabelmeShape& draft) {
  ShapeLabel initial = ShapeLabel::of(draft);
  const QString quick = quickLabel_->currentText().trimmed();
  if (!quick.isEmpty()) {
    initial.label = quick;
    labelDialog_->addToHistory(quick);
    return initial;
  }
  initial.label = lastLabel_; // Labelme offers the previous label
  std::optional<ShapeLabel> chosen = labelDialog_->ask(initial);
  if (chosen)
    lastLabel_ = chosen->label;
  return chosen;
}

AnnotationSession::UnsavedChoice AnnotateMode::askUnsaved(const QString& jsonPath) {
  const auto answer = QMessageBox::question(
      page_, tr("Unsaved changes"), tr("Save the annotations to \"%1\" before closing the image?").arg(jsonPath),
      QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
  if (answer == QMessageBox::Save)
    return AnnotationSession::UnsavedChoice::Save;
  if (answer == QMessageBox::Discard)
    return AnnotationSession::UnsavedChoice::Discard;
  return AnnotationSession::UnsavedChoice::Cancel;
}

bool AnnotateMode::loadLabelList(const QString& fileOrList, QString* error) {
  const std::optional<QStringList> labels = parseLabelList(fileOrList, error);
  if (!labels)
    return false;
  labelDialog_->setPredefinedLabels(*labels);
  // The quick label bar offers them too; its text stays as it was (empty: ask each time).
  const QString typed = quickLabel_->currentText();
  quickLabel_->clear();
  quickLabel_->addItems(labelDialog_->predefinedLabels());
  quickLabel_->setCurrentIndex(-1);
  quickLabel_->setEditText(typed);
  return true;
}

bool AnnotateMode::loadLabelFlags(const QString& fileOrJson, QString* error) {
  const std::optional<QList<LabelFlagRule>> rules = parseLabelFlags(fileOrJson, error);
  if (!rules)
    return false;
  labelDialog_->setLabelFlagRules(*rules);
  return true;
}

QStringList AnnotateMode::predefinedLabels() const {
  return labelDialog_->predefinedLabels();
}

void AnnotateMode::restoreLabelPresets() {
  // The files chosen last time, if they are still there; a command-line --labels replaces them for one run.
  const QString labels = StudioSettings::annotateLabelsFile();
  if (!labels.isEmpty() && QFileInfo(labels).isFile())
    loadLabelList(labels);
  const QString flags = StudioSettings::annotateLabelFlagsFile();
  if (!flags.isEmpty() && QFileInfo(flags).isFile())
    loadLabelFlags(flags);
}

void AnnotateMode::rememberLabels() {
  if (labelDialog_)
    StudioSettings::setAnnotateLabelHistory(labelDialog_->history().mid(0, 100));
}

} // namespace polytrain::ui::annotate
