#pragma once
// Image-level flags (Labelme's "Flags" dock): the open file's flags and the configured flag names as check boxes;
// a field adds a new flag. Toggling is an undoable edit.
#include <QDockWidget>
#include <QPointer>
#include <QStringList>

class QLineEdit;
class QListWidget;

namespace polytrain::ui::annotate {

class AnnotationDocument;

class ImageFlagsDock : public QDockWidget {
  Q_OBJECT
public:
  explicit ImageFlagsDock(QWidget* parent = nullptr);

  void setDocument(AnnotationDocument* document);
  void setFlagNames(const QStringList& names); // offered on every image
  QStringList flagNames() const { return names_; }
  QListWidget* list() const { return list_; }
  QLineEdit* newFlagField() const { return newFlag_; }

signals:
  void flagNamesChanged(const QStringList& names);

private:
  void rebuild();
  void setFlag(const QString& name, bool on);

  QListWidget* list_;
  QLineEdit* newFlag_;
  QPointer<AnnotationDocument> document_;
  QStringList names_;
  bool rebuilding_ = false;
};

} // namespace polytrain::ui::annotate
