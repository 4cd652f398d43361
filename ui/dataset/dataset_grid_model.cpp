#include "ui/dataset/dataset_grid_model.h"

#include "ui/dataset/thumbnail_renderer.h"

#include <QApplication>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace polytrain::ui::dataset {

namespace {

QString splitText(int split) {
  switch (split) {
  case 0:
    return DatasetGridModel::tr("train");
  case 1:
    return DatasetGridModel::tr("test");
  default:
    return {};
  }
}

} // namespace

DatasetGridModel::DatasetGridModel(QObject* parent)
    : QAbstractListModel(parent), renderer_(new ThumbnailRenderer(0, this)) {
  cache_.setMaxCost(192 * 1024); // 192 MiB: about 1 900 thumbnails of 160 px
  connect(renderer_, &ThumbnailRenderer::rendered, this, &DatasetGridModel::onRendered);
  connect(renderer_, &ThumbnailRenderer::dropped, this, [this](int generation, int row) {
    if (generation == renderer_->generation())
      requested_.remove(row); // asked again when it is painted
  });
}

DatasetGridModel::~DatasetGridModel() = default;

void DatasetGridModel::setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot) {
  beginResetModel();
  snapshot_ = std::move(snapshot);
  restartRenderer();
  endResetModel();
}

void DatasetGridModel::setOverlays(const Overlays& overlays) {
  if (overlays == overlays_)
    return;
  overlays_ = overlays;
  restartRenderer();
  if (rowCount() > 0)
    emit dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole, ThumbnailReadyRole});
}

void DatasetGridModel::setThumbnailSide(int side) {
  if (side == side_ || side < 16)
    return;
  side_ = side;
  loadingPixmap_ = QPixmap();
  problemPixmap_ = QPixmap();
  restartRenderer();
  if (rowCount() > 0)
    emit dataChanged(index(0), index(rowCount() - 1), {Qt::DecorationRole, Qt::SizeHintRole, ThumbnailReadyRole});
}

void DatasetGridModel::setCacheBytes(qint64 bytes) {
  cache_.setMaxCost(static_cast<int>(std::max<qint64>(1, bytes / 1024)));
}

void DatasetGridModel::restartRenderer() {
  cache_.clear();
  requested_.clear();
  errors_.clear();
  rendered_ = 0;
  requests_ = 0;
  renderer_->setSource(snapshot_, overlays_, side_);
}

const DatasetEntry* DatasetGridModel::entry(int row) const {
  if (!snapshot_ || row < 0 || static_cast<size_t>(row) >= snapshot_->entries.size())
    return nullptr;
  return &snapshot_->entries[static_cast<size_t>(row)];
}

QImage DatasetGridModel::thumbnail(int row) const {
  const QPixmap* pixmap = cache_.object(row);
  return pixmap != nullptr ? pixmap->toImage() : QImage();
}

int DatasetGridModel::rowCount(const QModelIndex& parent) const {
  if (parent.isValid() || !snapshot_)
    return 0;
  return static_cast<int>(snapshot_->entries.size());
}

Qt::ItemFlags DatasetGridModel::flags(const QModelIndex& index) const {
  if (!index.isValid())
    return Qt::NoItemFlags;
  return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QPixmap DatasetGridModel::placeholder(bool problem) const {
  QPixmap& pixmap = problem ? problemPixmap_ : loadingPixmap_;
  if (!pixmap.isNull())
    return pixmap;
  QImage tile = onTile(QImage(), side_);
  if (problem) {
    QPainter painter(&tile);
    const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const int size = side_ / 3;
    icon.paint(&painter, QRect((side_ - size) / 2, (side_ - size) / 2, size, size));
  }
  pixmap = QPixmap::fromImage(tile);
  return pixmap;
}

QVariant DatasetGridModel::data(const QModelIndex& index, int role) const {
  const DatasetEntry* e = index.isValid() ? entry(index.row()) : nullptr;
  if (e == nullptr)
    return {};
  const int row = index.row();
  switch (role) {
  case Qt::DisplayRole: {
    const QString file = QFileInfo(QString::fromStdString(e->name)).fileName();
    switch (e->kind) {
    case EntryKind::Annotated:
      return file + '\n' + tr("%1 · %n instance(s)", nullptr, e->instances).arg(splitText(e->split));
    case EntryKind::Unlabelled:
      return file + '\n' + tr("unlabelled");
    case EntryKind::Problem:
      return file + '\n' + tr("skipped");
    }
    return file;
  }
  case Qt::DecorationRole: {
    if (const QPixmap* cached = cache_.object(row))
      return *cached;
    const bool renderable = e->kind == EntryKind::Annotated || !e->imagePath.empty();
    if (renderable && !errors_.contains(row) && !requested_.contains(row)) {
      requested_.insert(row);
      ++requests_;
      renderer_->request(row);
    }
    return placeholder(!renderable || errors_.contains(row) || e->kind == EntryKind::Problem);
  }
  case Qt::ToolTipRole: {
    QStringList lines;
    lines << QString::fromStdString(e->openPath);
    if (e->kind == EntryKind::Annotated)
      lines << tr("%1 · %n instance(s)", nullptr, e->instances).arg(splitText(e->split));
    else if (e->kind == EntryKind::Unlabelled)
      lines << tr("no Labelme file refers to this image");
    else
      lines << tr("skipped: the file cannot be used");
    if (snapshot_)
      for (const auto& [id, count] : e->instancesPerClass)
        lines << QStringLiteral("  %1: %2")
                     .arg(QString::fromStdString(snapshot_->dataset.classes.names.at(static_cast<size_t>(id))))
                     .arg(count);
    for (const std::string& issue : e->issues)
      lines << QString::fromStdString(issue);
    if (errors_.contains(row))
      lines << errors_.value(row);
    return lines.join('\n');
  }
  case Qt::SizeHintRole:
    return QSize(side_ + 12, side_ + 2 * QFontMetrics(QApplication::font()).height() + 8);
  case KindRole:
    return static_cast<int>(e->kind);
  case SplitRole:
    return e->split;
  case ClassIdsRole: {
    QList<int> ids;
    for (const auto& [id, count] : e->instancesPerClass)
      if (count > 0)
        ids << id;
    return QVariant::fromValue(ids);
  }
  case InstancesRole:
    return e->instances;
  case HasIssuesRole:
    return e->kind == EntryKind::Problem || !e->issues.empty() || errors_.contains(row);
  case IssuesRole: {
    QStringList lines;
    for (const std::string& issue : e->issues)
      lines << QString::fromStdString(issue);
    if (errors_.contains(row))
      lines << errors_.value(row);
    return lines.join('\n');
  }
  case OpenPathRole:
    return QString::fromStdString(e->openPath);
  case ThumbnailReadyRole:
    return cache_.contains(row);
  default:
    return {};
  }
}

void DatasetGridModel::onRendered(int generation, int row, const QImage& image, const QString& error) {
  if (generation != renderer_->generation() || row < 0 || row >= rowCount())
    return;
  requested_.remove(row);
  if (image.isNull()) {
    errors_.insert(row, error);
  } else {
    const int costKiB = std::max<int>(1, static_cast<int>(image.sizeInBytes() / 1024));
    cache_.insert(row, new QPixmap(QPixmap::fromImage(image)), costKiB);
    ++rendered_;
  }
  const QModelIndex changed = index(row);
  emit dataChanged(changed, changed,
                   {Qt::DecorationRole, Qt::ToolTipRole, HasIssuesRole, IssuesRole, ThumbnailReadyRole});
  emit thumbnailRendered(row);
}

} // namespace polytrain::ui::dataset
