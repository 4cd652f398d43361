#include "ui/dataset/dataset_mode.h"

#include "core/dataset/dataset_split.h"
#include "ui/dataset/class_stats_panel.h"
#include "ui/dataset/dataset_filter_model.h"
#include "ui/dataset/dataset_grid_model.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/dataset/problem_list_model.h"
#include "ui/dataset/sample_view.h"

#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace polytrain::ui::dataset {

namespace core = polytrain::dataset;

DatasetMode::DatasetMode(QObject* parent)
    : Mode(parent), loader_(new DatasetLoader(this)), exporter_(new CocoExportJob(this)),
      grid_(new DatasetGridModel(this)), filter_(new DatasetFilterModel(this)), problems_(new ProblemListModel(this)) {
  filter_->setSourceModel(grid_);
  connect(loader_, &DatasetLoader::opened, this, &DatasetMode::onOpened);
  connect(exporter_, &CocoExportJob::finished, this, &DatasetMode::onExported);
  buildPage();
  buildDocks();
  toolBar_ = new QToolBar(tr("Dataset"));
  toolBar_->setObjectName("datasetToolBar");
  toolBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  menu_ = new QMenu(tr("&Dataset"));
}

DatasetMode::~DatasetMode() {
  // Pieces no window took over are still ours (the page's and docks' children go with them).
  for (QWidget* widget : std::initializer_list<QWidget*>{statsDock_, problemsDock_, toolBar_, menu_, page_})
    if (widget != nullptr && widget->parent() == nullptr)
      delete widget;
}

void DatasetMode::buildPage() {
  page_ = new QWidget;
  page_->setObjectName("datasetPage");
  header_ = new QLabel;
  header_->setObjectName("datasetHeader");
  header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  header_->setWordWrap(true);

  splitCombo_ = new QComboBox;
  splitCombo_->setObjectName("datasetSplitFilter");
  splitCombo_->addItem(tr("All splits"), static_cast<int>(DatasetFilterModel::SplitFilter::All));
  splitCombo_->addItem(tr("Train"), static_cast<int>(DatasetFilterModel::SplitFilter::Train));
  splitCombo_->addItem(tr("Test"), static_cast<int>(DatasetFilterModel::SplitFilter::Test));
  classCombo_ = new QComboBox;
  classCombo_->setObjectName("datasetClassFilter");
  classCombo_->setMinimumContentsLength(12);
  stateCombo_ = new QComboBox;
  stateCombo_->setObjectName("datasetStateFilter");
  stateCombo_->addItem(tr("All files"), static_cast<int>(DatasetFilterModel::StateFilter::All));
  stateCombo_->addItem(tr("Annotated"), static_cast<int>(DatasetFilterModel::StateFilter::Annotated));
  stateCombo_->addItem(tr("Unlabelled"), static_cast<int>(DatasetFilterModel::StateFilter::Unlabelled));
  stateCombo_->addItem(tr("With problems"), static_cast<int>(DatasetFilterModel::StateFilter::Problems));
  for (QComboBox* combo : {splitCombo_, classCombo_, stateCombo_})
    connect(combo, &QComboBox::currentIndexChanged, this, &DatasetMode::applyFilters);
  shownLabel_ = new QLabel;
  shownLabel_->setObjectName("datasetShownCount");

  auto* filters = new QHBoxLayout;
  filters->addWidget(new QLabel(tr("Split:")));
  filters->addWidget(splitCombo_);
  filters->addWidget(new QLabel(tr("Class:")));
  filters->addWidget(classCombo_);
  filters->addWidget(new QLabel(tr("Show:")));
  filters->addWidget(stateCombo_);
  filters->addStretch(1);
  filters->addWidget(shownLabel_);

  gridView_ = new QListView;
  gridView_->setObjectName("datasetGrid");
  gridView_->setViewMode(QListView::IconMode);
  gridView_->setModel(filter_);
  // Virtualised: uniform sizes and batched layout keep the view from asking every row for its size or picture.
  gridView_->setUniformItemSizes(true);
  gridView_->setLayoutMode(QListView::Batched);
  gridView_->setBatchSize(256);
  gridView_->setMovement(QListView::Static);
  gridView_->setResizeMode(QListView::Adjust);
  gridView_->setWrapping(true);
  gridView_->setSpacing(4);
  gridView_->setSelectionMode(QAbstractItemView::SingleSelection);
  gridView_->setTextElideMode(Qt::ElideMiddle);
  gridView_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
  const int side = grid_->thumbnailSide();
  gridView_->setIconSize(QSize(side, side));
  gridView_->setGridSize(QSize(side + 12, side + 2 * gridView_->fontMetrics().height() + 8));
  connect(gridView_->selectionModel(), &QItemSelectionModel::currentChanged, this, &DatasetMode::onCurrentChanged);
  connect(gridView_, &QListView::activated, this,
          [this](const QModelIndex& index) { openInAnnotate(filter_->mapToSource(index).row()); });

  sampleView_ = new SampleView;
  auto* split = new QSplitter(Qt::Horizontal);
  split->setObjectName("datasetSplitter");
  split->addWidget(gridView_);
  split->addWidget(sampleView_);
  // Extra width goes to the grid: the sample view keeps its size hint, the grid gets more columns.
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 0);

  auto* content = new QWidget;
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->setContentsMargins(0, 0, 0, 0);
  contentLayout->addWidget(header_);
  contentLayout->addLayout(filters);
  contentLayout->addWidget(split, 1);

  emptyLabel_ = new QLabel;
  emptyLabel_->setObjectName("datasetEmpty");
  emptyLabel_->setAlignment(Qt::AlignCenter);
  emptyLabel_->setWordWrap(true);
  emptyLabel_->setText(tr("Open a dataset: a folder with train/ and test/ (PixelLib's layout), one folder of images "
                          "and Labelme files (split by a seeded draw), or a COCO instances file."));
  stack_ = new QStackedWidget;
  stack_->addWidget(emptyLabel_);
  stack_->addWidget(content);

  status_ = new QLabel;
  status_->setObjectName("datasetStatus");
  status_->setContentsMargins(6, 2, 6, 2);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QVBoxLayout(page_);
  layout->setContentsMargins(4, 4, 4, 0);
  layout->setSpacing(4);
  layout->addWidget(stack_, 1);
  layout->addWidget(status_);
  fillClassFilter();
  updateShownCount();
}

void DatasetMode::buildDocks() {
  stats_ = new ClassStatsPanel;
  connect(stats_, &ClassStatsPanel::classActivated, this, [this](int classId) {
    const int index = classCombo_->findData(classId);
    if (index >= 0)
      classCombo_->setCurrentIndex(index);
  });
  statsDock_ = new QDockWidget(tr("Class Statistics"));
  statsDock_->setObjectName("datasetStatsDock");
  statsDock_->setWidget(stats_);

  problemView_ = new QTableView;
  problemView_->setObjectName("datasetProblems");
  problemView_->setModel(problems_);
  problemView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  problemView_->setSelectionMode(QAbstractItemView::SingleSelection);
  problemView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  problemView_->setWordWrap(false);
  problemView_->verticalHeader()->hide();
  problemView_->horizontalHeader()->setSectionResizeMode(ProblemListModel::SeverityColumn,
                                                         QHeaderView::ResizeToContents);
  problemView_->horizontalHeader()->setStretchLastSection(true);
  connect(problemView_, &QTableView::activated, this,
          [this](const QModelIndex& index) { openPathInAnnotate(problems_->path(index.row())); });
  problemsDock_ = new QDockWidget(tr("Problems"));
  problemsDock_->setObjectName("datasetProblemsDock");
  problemsDock_->setWidget(problemView_);
}

QList<QToolBar*> DatasetMode::toolBars() {
  if (toolBar_)
    return {toolBar_};
  return {};
}

QList<QDockWidget*> DatasetMode::dockWidgets() {
  QList<QDockWidget*> docks;
  for (QDockWidget* dock : {statsDock_.data(), problemsDock_.data()})
    if (dock != nullptr)
      docks << dock;
  return docks;
}

QList<QMenu*> DatasetMode::menus() {
  if (menu_)
    return {menu_};
  return {};
}

void DatasetMode::activate() {
  // The actions need no hiding while another mode is shown: their toolbar is hidden and their menu's entry too,
  // so their shortcuts do not fire (and hidden actions would report themselves disabled).
  gridView_->setFocus();
}

void DatasetMode::deactivate() {}

bool DatasetMode::openPath(const QString& path) {
  if (!QFileInfo::exists(path))
    return false;
  open(path);
  return true;
}

void DatasetMode::open(const QString& root) {
  core::OpenOptions options;
  load(QFileInfo(root).absoluteFilePath(), options);
}

void DatasetMode::reload() {
  if (root_.isEmpty())
    return;
  core::OpenOptions options = snapshot_ ? snapshot_->options : core::OpenOptions{};
  options.saveFiles = true;
  load(root_, options);
}

void DatasetMode::load(const QString& root, const core::OpenOptions& options) {
  root_ = root;
  loader_->request(root, options);
  if (!snapshot_)
    emptyLabel_->setText(tr("Opening %1 ...").arg(QDir::toNativeSeparators(root)));
  showMessage(tr("opening %1 ...").arg(QDir::toNativeSeparators(root)));
  updateActions();
}

bool DatasetMode::isLoading() const {
  return loader_->isBusy();
}

void DatasetMode::onOpened(int, std::shared_ptr<const DatasetSnapshot> snapshot) {
  snapshot_ = std::move(snapshot);
  const core::Dataset& data = snapshot_->dataset;
  grid_->setSnapshot(snapshot_);
  problems_->setDataset(data);
  stats_->setStats(snapshot_->stats);
  sampleView_->clear();
  fillClassFilter();
  applyFilters();
  stack_->setCurrentIndex(1);
  header_->setText(
      tr("<b>%1</b> · %2 layout")
          .arg(QDir::toNativeSeparators(root_).toHtmlEscaped(), QString::fromLatin1(core::layoutName(data.layout))));
  problemsDock_->setWindowTitle(tr("Problems (%1)").arg(static_cast<int>(data.problems.size() + data.warnings.size())));
  showMessage(tr("%1 opened in %2 ms: %3 train and %4 test files, %5 unlabelled images, %6 problems")
                  .arg(QFileInfo(root_).fileName())
                  .arg(snapshot_->openMilliseconds, 0, 'f', 0)
                  .arg(data.train.size())
                  .arg(data.test.size())
                  .arg(data.unlabelledImages.size())
                  .arg(data.problems.size()));
  if (filter_->rowCount() > 0)
    gridView_->setCurrentIndex(filter_->index(0, 0));
  updateActions();
  emit datasetOpened();
}

void DatasetMode::setOverlays(const Overlays& overlays) {
  overlays_ = overlays;
  grid_->setOverlays(overlays);
  sampleView_->setOverlays(overlays);
  for (const auto& [name, on] : {std::pair{"showMasks", overlays.masks}, std::pair{"showBoxes", overlays.boxes},
                                 std::pair{"showLabels", overlays.labels}})
    if (QAction* toggle = actions_.value(name); toggle != nullptr && toggle->isChecked() != on)
      toggle->setChecked(on);
}

bool DatasetMode::exportCoco(const QString& folder) {
  if (!snapshot_ || !exporter_->start(snapshot_, folder))
    return false;
  showMessage(tr("writing COCO files into %1 ...").arg(QDir::toNativeSeparators(folder)));
  updateActions();
  return true;
}

void DatasetMode::onExported(const CocoExportSummary& summary) {
  QString text = tr("COCO export: %1 images, %2 annotations written to %3")
                     .arg(summary.images)
                     .arg(summary.annotations)
                     .arg(QStringList(summary.written).replaceInStrings(QDir::separator(), "/").join(", "));
  if (!summary.errors.isEmpty())
    text += tr("; %n problem(s): ", nullptr, static_cast<int>(summary.errors.size())) + summary.errors.first();
  showMessage(text);
  updateActions();
  emit cocoExported(summary);
}

bool DatasetMode::changeSplit(double testRatio, uint64_t seed) {
  if (!snapshot_ || snapshot_->dataset.layout != core::Layout::SingleFolder || isLoading())
    return false;
  const QString splitFile = QDir(root_).filePath(QString::fromLatin1(core::kSplitFileName));
  if (QFileInfo::exists(splitFile) && !QFile::remove(splitFile)) {
    showMessage(tr("%1 cannot be replaced").arg(QDir::toNativeSeparators(splitFile)));
    return false;
  }
  core::OpenOptions options = snapshot_->options;
  options.testRatio = testRatio;
  options.seed = seed;
  options.saveFiles = true; // where the folder is writable
  load(root_, options);
  return true;
}

bool DatasetMode::openInAnnotate(int entry) {
  const DatasetEntry* e = grid_->entry(entry);
  return e != nullptr && openPathInAnnotate(QString::fromStdString(e->openPath));
}

bool DatasetMode::openPathInAnnotate(const QString& path) {
  if (path.isEmpty() || !QFileInfo(path).isFile())
    return false;
  emit openInModeRequested(QStringLiteral("annotate"), path);
  return true;
}

int DatasetMode::currentEntry() const {
  const QModelIndex current = gridView_->currentIndex();
  return current.isValid() ? filter_->mapToSource(current).row() : -1;
}

void DatasetMode::selectEntry(int entry) {
  const QModelIndex index = filter_->mapFromSource(grid_->index(entry));
  if (index.isValid()) {
    gridView_->setCurrentIndex(index);
    gridView_->scrollTo(index);
  }
}

void DatasetMode::onCurrentChanged() {
  const int entry = currentEntry();
  if (entry < 0)
    sampleView_->clear();
  else
    sampleView_->showEntry(snapshot_, entry);
  updateActions();
}

void DatasetMode::fillClassFilter() {
  const QSignalBlocker blocker(classCombo_);
  const int previous = classCombo_->currentData().toInt();
  classCombo_->clear();
  classCombo_->addItem(tr("Any class"), 0);
  if (snapshot_) {
    const core::ClassList& classes = snapshot_->dataset.classes;
    for (int id = 1; id <= classes.objectCount(); ++id)
      classCombo_->addItem(QString::fromStdString(classes.names[static_cast<size_t>(id)]), id);
  }
  classCombo_->setCurrentIndex(std::max(0, classCombo_->findData(previous)));
}

void DatasetMode::applyFilters() {
  filter_->setSplitFilter(static_cast<DatasetFilterModel::SplitFilter>(splitCombo_->currentData().toInt()));
  filter_->setClassFilter(classCombo_->currentData().toInt());
  filter_->setStateFilter(static_cast<DatasetFilterModel::StateFilter>(stateCombo_->currentData().toInt()));
  updateShownCount();
  if (!gridView_->currentIndex().isValid() && filter_->rowCount() > 0)
    gridView_->setCurrentIndex(filter_->index(0, 0));
}

void DatasetMode::updateShownCount() {
  shownLabel_->setText(tr("showing %1 of %2").arg(filter_->rowCount()).arg(grid_->rowCount()));
}

void DatasetMode::showMessage(const QString& text) {
  status_->setText(text);
}

QString DatasetMode::statusText() const {
  return status_->text();
}

} // namespace polytrain::ui::dataset
