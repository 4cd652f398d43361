// AnnotateMode's actions: registration with Labelme's default shortcuts, menus and toolbar, and the handlers.
#include "ui/annotate/annotate_mode.h"

#include "core/annotation/labelme_reader.h"
#include "core/annotation/labelme_writer.h"
#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/annotation_commands.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/edit_tool.h"
#include "ui/annotate/file_list_model.h"
#include "ui/annotate/image_adjust_dialog.h"
#include "ui/annotate/image_folder_scanner.h"
#include "ui/annotate/label_dialog.h"
#include "ui/annotate/shape_geometry.h"
#include "ui/annotate/shape_view_state.h"
#include "ui/annotate/tool_icons.h"
#include "ui/annotate/zoom_controller.h"
#include "ui/shell/action_registry.h"
#include "ui/shell/studio_settings.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStyle>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>

namespace polytrain::ui::annotate {

namespace {
constexpr auto kShapesMimeType = "application/x-polytrain-labelme-shapes";
const QStringList kToolIds = {"polygon", "rectangle", "circle", "line", "point", "linestrip", "edit"};
} // namespace

QAction* AnnotateMode::addAction(ActionRegistry& registry, const QString& name, const QString& text,
                                 const QList<QKeySequence>& shortcuts, bool needsDocument) {
  QAction* action = registry.add("annotate." + name, text, shortcuts.value(0));
  if (shortcuts.size() > 1)
    action->setShortcuts(shortcuts);
  // Enabled only while an image is open (or shapes are selected); the shell's action test reads this.
  action->setProperty("needsDocument", needsDocument);
  action->setVisible(false); // until the mode is activated
  actions_.insert(name, action);
  return action;
}

void AnnotateMode::registerActions(ActionRegistry& registry) {
  const QStyle* style = QApplication::style();
  addAction(registry, "open", tr("&Open..."), {QKeySequence::Open})
      ->setIcon(style->standardIcon(QStyle::SP_DialogOpenButton));
  addAction(registry, "openFolder", tr("Open &Folder..."), {QKeySequence("Ctrl+U")})
      ->setIcon(style->standardIcon(QStyle::SP_DirOpenIcon));
  addAction(registry, "outputFolder", tr("Change &Output Folder..."));
  addAction(registry, "loadLabels", tr("Load &Label List..."))
      ->setStatusTip(tr("Predefined labels, one per line, as labelme --labels labels.txt"));
  addAction(registry, "loadLabelFlags", tr("Load Label &Flags..."))
      ->setStatusTip(tr("Flags offered for labels matching a pattern: a JSON file as labelme's label_flags"));
  addAction(registry, "next", tr("&Next Image"), {QKeySequence("D"), QKeySequence("Ctrl+Shift+D")}, true)
      ->setIcon(style->standardIcon(QStyle::SP_ArrowForward));
  addAction(registry, "previous", tr("&Previous Image"), {QKeySequence("A"), QKeySequence("Ctrl+Shift+A")}, true)
      ->setIcon(style->standardIcon(QStyle::SP_ArrowBack));
  addAction(registry, "save", tr("&Save"), {QKeySequence::Save}, true)
      ->setIcon(style->standardIcon(QStyle::SP_DialogSaveButton));
  addAction(registry, "saveAs", tr("Save &As..."), {QKeySequence("Ctrl+Shift+S")}, true);
  addAction(registry, "close", tr("&Close Image"), {QKeySequence("Ctrl+W")}, true);
  addAction(registry, "deleteFile", tr("&Delete Label File"), {QKeySequence("Ctrl+Delete")}, true);
  addAction(registry, "autosave", tr("Save &Automatically"))->setCheckable(true);
  addAction(registry, "saveImageData", tr("Save With &Image Data"))->setCheckable(true);
  addAction(registry, "keepPrevious", tr("&Keep Previous Annotation"), {QKeySequence("Ctrl+P")})->setCheckable(true);

  addAction(registry, "undo", tr("&Undo"), {QKeySequence("Ctrl+Z")}, true);
  addAction(registry, "redo", tr("&Redo"), {QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")}, true);
  const QList<QPair<QString, QString>> toolTexts = {
      {"polygon", tr("Create &Polygons")}, {"rectangle", tr("Create &Rectangle")},
      {"circle", tr("Create &Circle")},    {"line", tr("Create &Line")},
      {"point", tr("Create P&oint")},      {"linestrip", tr("Create Line&Strip")},
      {"edit", tr("&Edit Shapes")}};
  const QHash<QString, QKeySequence> toolShortcuts = {
      {"polygon", QKeySequence("Ctrl+N")}, {"rectangle", QKeySequence("Ctrl+R")}, {"edit", QKeySequence("Ctrl+J")}};
  auto* toolGroup = new QActionGroup(this);
  for (const auto& [toolId, text] : toolTexts) {
    const QKeySequence shortcut = toolShortcuts.value(toolId);
    QAction* action = addAction(registry, "tool." + toolId, text,
                                shortcut.isEmpty() ? QList<QKeySequence>{} : QList<QKeySequence>{shortcut});
    action->setCheckable(true);
    action->setIcon(toolIcon(toolId));
    action->setData(toolId);
    toolGroup->addAction(action);
  }
  addAction(registry, "copy", tr("&Copy"), {QKeySequence("Ctrl+C")}, true);
  addAction(registry, "paste", tr("&Paste"), {QKeySequence("Ctrl+V")}, true);
  addAction(registry, "duplicate", tr("D&uplicate"), {QKeySequence("Ctrl+D")}, true);
  addAction(registry, "delete", tr("&Delete Shapes"), {QKeySequence::Delete}, true);
  addAction(registry, "editLabel", tr("Edit &Label..."), {QKeySequence("Ctrl+E")}, true);
  addAction(registry, "addPointToEdge", tr("Add Point to Ed&ge"), {QKeySequence("Ctrl+Shift+P")}, true);
  addAction(registry, "removePoint", tr("Remove Selected Poin&t"), {QKeySequence("Meta+H"), QKeySequence("Backspace")},
            true);
  addAction(registry, "selectAll", tr("Select &All Shapes"), {QKeySequence("Ctrl+A")}, true);

  addAction(registry, "zoomIn", tr("Zoom &In"), {QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")});
  addAction(registry, "zoomOut", tr("Zoom &Out"), {QKeySequence("Ctrl+-")});
  addAction(registry, "zoomActual", tr("&Original Size"), {QKeySequence("Ctrl+0")});
  addAction(registry, "fitWindow", tr("&Fit Window"), {QKeySequence("Ctrl+F")})->setCheckable(true);
  addAction(registry, "fitWidth", tr("Fit &Width"), {QKeySequence("Ctrl+Shift+F")})->setCheckable(true);
  addAction(registry, "brightnessContrast", tr("&Brightness and Contrast..."));
  addAction(registry, "showLabels", tr("Show &Labels on Shapes"))->setCheckable(true);
  addAction(registry, "showShapes", tr("Show &Shapes"), {QKeySequence("Ctrl+H")})->setCheckable(true);
  addAction(registry, "fillShapes", tr("F&ill Shapes"))->setCheckable(true);

  buildMenusAndToolBar();
  connectActions();
  actions_.value("tool.polygon")->setChecked(true);
  actions_.value("autosave")->setChecked(session_->autosave());
  actions_.value("saveImageData")->setChecked(session_->saveImageData());
  actions_.value("keepPrevious")->setChecked(session_->keepPrevious());
  actions_.value("showLabels")->setChecked(canvas_->showLabels());
  actions_.value("showShapes")->setChecked(true);
  actions_.value("fitWindow")->setChecked(true);
  updateActionStates();
}

void AnnotateMode::buildMenusAndToolBar() {
  const auto a = [this](const QString& name) { return actions_.value(name); };
  auto* fileMenu = new QMenu(tr("&Annotation"), page_);
  fileMenu->setObjectName("annotateMenu");
  for (const char* name : {"open", "openFolder", "outputFolder"})
    fileMenu->addAction(a(name));
  fileMenu->addSeparator();
  for (const char* name : {"loadLabels", "loadLabelFlags"})
    fileMenu->addAction(a(name));
  fileMenu->addSeparator();
  for (const char* name : {"next", "previous"})
    fileMenu->addAction(a(name));
  fileMenu->addSeparator();
  for (const char* name : {"save", "saveAs", "autosave", "saveImageData", "keepPrevious"})
    fileMenu->addAction(a(name));
  fileMenu->addSeparator();
  for (const char* name : {"close", "deleteFile"})
    fileMenu->addAction(a(name));

  auto* editMenu = new QMenu(tr("&Edit"), page_);
  editMenu->setObjectName("annotateEditMenu");
  editMenu->addAction(a("undo"));
  editMenu->addAction(a("redo"));
  editMenu->addSeparator();
  for (const QString& toolId : kToolIds)
    editMenu->addAction(a("tool." + toolId));
  editMenu->addSeparator();
  for (const char* name :
       {"editLabel", "copy", "paste", "duplicate", "delete", "selectAll", "addPointToEdge", "removePoint"})
    editMenu->addAction(a(name));

  auto* canvasMenu = new QMenu(tr("&Canvas"), page_);
  canvasMenu->setObjectName("annotateCanvasMenu");
  for (const char* name : {"zoomIn", "zoomOut", "zoomActual", "fitWindow", "fitWidth"})
    canvasMenu->addAction(a(name));
  canvasMenu->addSeparator();
  for (const char* name : {"brightnessContrast", "showShapes", "showLabels", "fillShapes"})
    canvasMenu->addAction(a(name));
  canvasMenu->addSeparator();
  for (QDockWidget* dock : dockWidgets())
    canvasMenu->addAction(dock->toggleViewAction());
  menus_ = {fileMenu, editMenu, canvasMenu};

  toolBar_ = new QToolBar(tr("Annotate"));
  toolBar_->setObjectName("annotateToolBar");
  toolBar_->setIconSize(QSize(22, 22));
  for (const char* name : {"openFolder", "previous", "next", "save"})
    toolBar_->addAction(a(name));
  toolBar_->addSeparator();
  for (const QString& toolId : kToolIds)
    toolBar_->addAction(a("tool." + toolId));
  toolBar_->addSeparator();
  toolBar_->addWidget(quickLabel_);
  toolBar_->addSeparator();
  for (const char* name : {"zoomIn", "zoomOut", "fitWindow"})
    toolBar_->addAction(a(name));
}

void AnnotateMode::connectActions() {
  const auto on = [this](const QString& name, auto handler) {
    connect(actions_.value(name), &QAction::triggered, this, handler);
  };
  on("open", [this] { openFileDialog(); });
  on("openFolder", [this] { openFolderDialog(); });
  on("outputFolder", [this] { chooseOutputFolder(); });
  on("loadLabels", [this] { loadLabelListDialog(); });
  on("loadLabelFlags", [this] { loadLabelFlagsDialog(); });
  on("next", [this] { session_->openNext(); });
  on("previous", [this] { session_->openPrevious(); });
  on("save", [this] { session_->save(); });
  on("saveAs", [this] { saveAsDialog(); });
  on("close", [this] {
    if (session_->closeImage())
      canvas_->clearImage();
  });
  on("deleteFile", [this] { deleteLabelFile(); });
  connect(actions_.value("autosave"), &QAction::toggled, this, [this](bool checked) {
    session_->setAutosave(checked);
    StudioSettings::setAnnotateAutosave(checked);
  });
  connect(actions_.value("saveImageData"), &QAction::toggled, this, [this](bool checked) {
    session_->setSaveImageData(checked);
    StudioSettings::setAnnotateSaveImageData(checked);
  });
  connect(actions_.value("keepPrevious"), &QAction::toggled, this, [this](bool checked) {
    session_->setKeepPrevious(checked);
    StudioSettings::setAnnotateKeepPrevious(checked);
  });
  on("undo", [this] { undo(); });
  on("redo", [this] { redo(); });
  for (const QString& toolId : kToolIds)
    on("tool." + toolId, [this, toolId] { setTool(toolId); });
  on("copy", [this] { copySelection(); });
  on("paste", [this] { pasteShapes(); });
  on("duplicate", [this] { duplicateSelection(); });
  on("delete", [this] { deleteSelection(); });
  on("editLabel", [this] { editLabels(); });
  on("addPointToEdge", [this] { addPointToEdge(); });
  on("removePoint", [this] { removeHoveredPoint(); });
  on("selectAll", [this] { selectAll(); });
  on("zoomIn", [this] { canvas_->zoom()->zoomIn(); });
  on("zoomOut", [this] { canvas_->zoom()->zoomOut(); });
  on("zoomActual", [this] { canvas_->zoom()->setActualSize(); });
  on("fitWindow", [this] { canvas_->zoom()->fitWindow(); });
  on("fitWidth", [this] { canvas_->zoom()->fitWidth(); });
  connect(canvas_->zoom(), &ZoomController::scaleChanged, this, [this] {
    actions_.value("fitWindow")->setChecked(canvas_->zoom()->fitMode() == ZoomController::FitMode::Window);
    actions_.value("fitWidth")->setChecked(canvas_->zoom()->fitMode() == ZoomController::FitMode::Width);
  });
  on("brightnessContrast", [this] {
    adjustDialog_->show();
    adjustDialog_->raise();
  });
  connect(actions_.value("showLabels"), &QAction::toggled, this, [this](bool checked) {
    canvas_->setShowLabels(checked);
    StudioSettings::setAnnotateShowLabels(checked);
  });
  connect(actions_.value("showShapes"), &QAction::toggled, viewState_,
          [this](bool checked) { viewState_->setAllHidden(!checked); });
  connect(actions_.value("fillShapes"), &QAction::toggled, canvas_, &AnnotationCanvas::setFillShapes);
}

void AnnotateMode::updateActionStates() {
  if (actions_.isEmpty())
    return;
  AnnotationDocument* document = session_->document();
  const bool open = document != nullptr;
  const bool selection = open && !viewState_->selected().isEmpty();
  const bool busy = canvas_->tool() && canvas_->tool()->isBusy();
  const int rows = session_->files()->rowCount();
  const int row = session_->currentRow();
  actions_.value("next")->setEnabled(row + 1 < rows);
  actions_.value("previous")->setEnabled(row > 0);
  for (const char* name :
       {"save", "saveAs", "close", "deleteFile", "paste", "selectAll", "addPointToEdge", "removePoint"})
    actions_.value(name)->setEnabled(open);
  for (const char* name : {"copy", "duplicate", "delete", "editLabel"})
    actions_.value(name)->setEnabled(selection);
  actions_.value("undo")->setEnabled(open && (busy || undoGroup_->canUndo()));
  actions_.value("redo")->setEnabled(open && undoGroup_->canRedo());
}

void AnnotateMode::openFileDialog() {
  QStringList patterns;
  for (const QString& suffix : imageSuffixes())
    patterns << "*." + suffix;
  const QString path =
      QFileDialog::getOpenFileName(page_, tr("Open image or label file"), StudioSettings::annotateLastFolder(),
                                   tr("Images and Labelme files (%1 *.json);;All files (*)").arg(patterns.join(' ')));
  if (!path.isEmpty())
    open(path);
}

void AnnotateMode::openFolderDialog() {
  const QString folder =
      QFileDialog::getExistingDirectory(page_, tr("Open folder of images"), StudioSettings::annotateLastFolder());
  if (!folder.isEmpty())
    session_->openFolder(folder);
}

void AnnotateMode::chooseOutputFolder() {
  const QString folder = QFileDialog::getExistingDirectory(page_, tr("Save label files to"),
                                                           session_->outputDir().isEmpty() ? session_->files()->root()
                                                                                           : session_->outputDir());
  if (!folder.isEmpty())
    session_->setOutputDir(folder);
}

void AnnotateMode::loadLabelListDialog() {
  const QString path =
      QFileDialog::getOpenFileName(page_, tr("Load label list"), QFileInfo(StudioSettings::annotateLabelsFile()).path(),
                                   tr("Label lists (*.txt);;All files (*)"));
  if (path.isEmpty())
    return;
  QString error;
  if (!loadLabelList(path, &error)) {
    QMessageBox::warning(page_, tr("Cannot load the label list"), error);
    return;
  }
  StudioSettings::setAnnotateLabelsFile(path);
  status_->setText(tr("%n predefined label(s) from %1", nullptr, int(predefinedLabels().size())).arg(path));
}

void AnnotateMode::loadLabelFlagsDialog() {
  const QString path = QFileDialog::getOpenFileName(page_, tr("Load label flags"),
                                                    QFileInfo(StudioSettings::annotateLabelFlagsFile()).path(),
                                                    tr("Label flags (*.json);;All files (*)"));
  if (path.isEmpty())
    return;
  QString error;
  if (!loadLabelFlags(path, &error)) {
    QMessageBox::warning(page_, tr("Cannot load the label flags"), error);
    return;
  }
  StudioSettings::setAnnotateLabelFlagsFile(path);
  status_->setText(tr("Label flags from %1").arg(path));
}

void AnnotateMode::saveAsDialog() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr)
    return;
  const QString path =
      QFileDialog::getSaveFileName(page_, tr("Save label file"), document->jsonPath(), tr("Labelme files (*.json)"));
  if (!path.isEmpty())
    session_->saveAs(path.endsWith(".json", Qt::CaseInsensitive) ? path : path + ".json");
}

void AnnotateMode::deleteLabelFile() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr || !QFileInfo(document->jsonPath()).isFile())
    return;
  if (QMessageBox::question(
          page_, tr("Delete label file"),
          tr("Delete \"%1\"? The image stays; its annotation file is removed.").arg(document->jsonPath())) ==
      QMessageBox::Yes)
    session_->deleteLabelFile();
}

void AnnotateMode::undo() {
  AnnotationTool* tool = canvas_->tool();
  if (tool && tool->isBusy()) { // Labelme's "undo last point" while drawing
    tool->undoLastPoint();
    return;
  }
  undoGroup_->undo();
}

void AnnotateMode::redo() {
  undoGroup_->redo();
}

void AnnotateMode::copySelection() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr || viewState_->selected().isEmpty())
    return;
  annotation::LabelmeDocument clip;
  for (int index : viewState_->selected())
    clip.shapes.push_back(document->shape(index));
  const QByteArray json = QByteArray::fromStdString(annotation::toLabelmeJson(clip));
  auto* mime = new QMimeData;
  mime->setData(kShapesMimeType, json);
  mime->setText(QString::fromUtf8(json));
  QGuiApplication::clipboard()->setMimeData(mime);
}

void AnnotateMode::pasteShapes() {
  AnnotationDocument* document = session_->document();
  const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
  if (document == nullptr || mime == nullptr || !mime->hasFormat(kShapesMimeType))
    return;
  const annotation::LoadResult parsed =
      annotation::parseLabelmeJson(mime->data(kShapesMimeType).toStdString(), "clipboard");
  if (!parsed.ok() || parsed.document->shapes.empty())
    return;
  QList<int> indices;
  for (size_t i = 0; i < parsed.document->shapes.size(); ++i)
    indices.append(document->shapeCount() + static_cast<int>(i));
  document->undoStack()->push(new AddShapesCommand(document, indices, parsed.document->shapes, tr("Paste shapes")));
  viewState_->setSelected(indices);
}

void AnnotateMode::duplicateSelection() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr || viewState_->selected().isEmpty())
    return;
  std::vector<annotation::LabelmeShape> copies;
  std::vector<std::vector<cv::Point2d>> points;
  for (int index : viewState_->selected()) {
    copies.push_back(document->shape(index));
    points.push_back(document->shape(index).points);
  }
  // Offset the copies so they do not hide the originals (kept inside the image).
  const QPointF offset = boundedDelta(points, QPointF(10, 10), canvas_->imageRect());
  QList<int> indices;
  for (size_t i = 0; i < copies.size(); ++i) {
    copies[i].points = translated(copies[i].points, offset);
    indices.append(document->shapeCount() + static_cast<int>(i));
  }
  document->undoStack()->push(new AddShapesCommand(document, indices, copies, tr("Duplicate shapes")));
  viewState_->setSelected(indices);
}

void AnnotateMode::deleteSelection() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr || viewState_->selected().isEmpty())
    return;
  // Undo makes Labelme's "are you sure" question unnecessary.
  document->undoStack()->push(new RemoveShapesCommand(
      document, viewState_->selected(), tr("Delete %n shape(s)", nullptr, int(viewState_->selected().size()))));
}

void AnnotateMode::editLabels() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr || viewState_->selected().isEmpty())
    return;
  const QList<int> indices = viewState_->selected();
  const std::optional<ShapeLabel> chosen = labelDialog_->ask(ShapeLabel::of(document->shape(indices.first())));
  if (!chosen)
    return;
  std::vector<annotation::LabelmeShape> after;
  for (int index : indices)
    after.push_back(chosen->appliedTo(document->shape(index)));
  document->undoStack()->push(new ReplaceShapesCommand(document, indices, after, tr("Edit label")));
}

void AnnotateMode::addPointToEdge() {
  auto* edit = qobject_cast<EditTool*>(tools_.value("edit"));
  if (canvas_->tool() == edit)
    edit->insertVertexAt(canvas_->toImage(canvas_->viewport()->mapFromGlobal(QCursor::pos())));
}

void AnnotateMode::removeHoveredPoint() {
  auto* edit = qobject_cast<EditTool*>(tools_.value("edit"));
  if (canvas_->tool() == edit)
    edit->deleteHoveredVertex();
}

void AnnotateMode::selectAll() {
  AnnotationDocument* document = session_->document();
  if (document == nullptr)
    return;
  QList<int> all;
  for (int i = 0; i < document->shapeCount(); ++i)
    if (!viewState_->isHidden(i))
      all.append(i);
  viewState_->setSelected(all);
}

} // namespace polytrain::ui::annotate
