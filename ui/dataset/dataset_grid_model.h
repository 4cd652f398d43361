#pragma once
// The grid's items: one row per entry of the open dataset. The thumbnail (DecorationRole) is asked of the renderer
// the first time a view wants it, so only rows on screen are ever rendered; results are kept in a cache bounded in
// bytes, and a placeholder shows until the picture arrives.
#include "ui/dataset/dataset_snapshot.h"
#include "ui/dataset/sample_rendering.h"

#include <QAbstractListModel>
#include <QCache>
#include <QPixmap>
#include <QSet>

#include <memory>

namespace polytrain::ui::dataset {

class ThumbnailRenderer;

class DatasetGridModel : public QAbstractListModel {
  Q_OBJECT
public:
  enum Roles {
    KindRole = Qt::UserRole + 1, // int(EntryKind)
    SplitRole,                   // 0 train, 1 test, -1 neither
    ClassIdsRole,                // QList<int>: the classes with instances in the file
    InstancesRole,               // int
    HasIssuesRole,               // bool: skipped, or core warned about the file
    IssuesRole,                  // QString: core's problems and warnings, one per line
    OpenPathRole,                // QString: what Annotate opens
    ThumbnailReadyRole,          // bool
  };

  static constexpr int kDefaultSide = 160;

  explicit DatasetGridModel(QObject* parent = nullptr);
  ~DatasetGridModel() override;

  void setSnapshot(std::shared_ptr<const DatasetSnapshot> snapshot);
  std::shared_ptr<const DatasetSnapshot> snapshot() const { return snapshot_; }
  void setOverlays(const Overlays& overlays);
  Overlays overlays() const { return overlays_; }
  void setThumbnailSide(int side);
  int thumbnailSide() const { return side_; }
  void setCacheBytes(qint64 bytes);

  ThumbnailRenderer* renderer() const { return renderer_; }
  const DatasetEntry* entry(int row) const;
  // The rendered thumbnail of `row`; null while it is not (or no longer) in the cache.
  QImage thumbnail(int row) const;
  int renderedCount() const { return rendered_; } // thumbnails delivered since the last reset of the source
  int cachedCount() const { return cache_.count(); }
  int requestCount() const { return requests_; } // thumbnails asked of the renderer since the last reset

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
  void thumbnailRendered(int row);

private:
  void restartRenderer();
  void onRendered(int generation, int row, const QImage& image, const QString& error);
  QPixmap placeholder(bool problem) const;

  std::shared_ptr<const DatasetSnapshot> snapshot_;
  Overlays overlays_;
  int side_ = kDefaultSide;
  ThumbnailRenderer* renderer_;
  mutable QCache<int, QPixmap> cache_; // cost in KiB
  mutable QSet<int> requested_;
  QHash<int, QString> errors_;
  mutable QPixmap loadingPixmap_;
  mutable QPixmap problemPixmap_;
  int rendered_ = 0;
  mutable int requests_ = 0;
};

} // namespace polytrain::ui::dataset
