// Folders, navigation, saving policy: natural order, file list marks and search, D/A, autosave, the unsaved prompt,
// keep previous annotation, output folder, image flags, and every labelme-examples file opening with its shapes
// drawn.
#include "annotate_test_support.h"

#include "core/annotation/labelme_reader.h"
#include "ui/annotate/file_list_dock.h"
#include "ui/annotate/file_list_model.h"
#include "ui/annotate/image_flags_dock.h"
#include "ui/annotate/shape_view_state.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QUndoStack>

using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

TEST(AnnotateSession, OpensAFolderInNaturalOrderAndNavigatesWithDAndA) {
  QTemporaryDir folder;
  QDir().mkpath(folder.path() + "/sub");
  for (const char* name : {"img10.png", "img2.png", "img1.png", "notes.txt"})
    makeImage(folder.path(), name, QSize(64, 48));
  makeImage(folder.path() + "/sub", "img3.png", QSize(64, 48));
  Studio studio;
  ASSERT_TRUE(studio.open(folder.path()));
  FileListModel* files = studio.mode->session()->files();
  QStringList names;
  for (const QString& path : files->files())
    names << QDir(folder.path()).relativeFilePath(path);
  EXPECT_EQ(names, QStringList({"img1.png", "img2.png", "img10.png", "sub/img3.png"}));
  EXPECT_EQ(studio.mode->session()->currentRow(), 0);

  key(studio, Qt::Key_D);
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_EQ(studio.mode->session()->currentRow(), 1);
  key(studio, Qt::Key_D);
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_TRUE(studio.document()->imagePath().endsWith("img10.png"));
  key(studio, Qt::Key_A);
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_EQ(studio.mode->session()->currentRow(), 1);

  // The search box filters the list; a click opens the image.
  auto* dock = studio.window.findChild<FileListDock*>();
  dock->searchField()->setText("img3");
  ASSERT_EQ(dock->view()->model()->rowCount(), 1);
  const QModelIndex only = dock->view()->model()->index(0, 0);
  QTest::mouseClick(dock->view()->viewport(), Qt::LeftButton, {}, dock->view()->visualRect(only).center());
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_TRUE(studio.document()->imagePath().endsWith("sub/img3.png"));
}

TEST(AnnotateSession, AutosavesEveryEditAndMarksTheFile) {
  QTemporaryDir folder;
  makeImage(folder.path(), "one.png", QSize(100, 100));
  makeImage(folder.path(), "two.png", QSize(100, 100));
  Studio studio;
  studio.mode->action("autosave")->setChecked(true);
  ASSERT_TRUE(studio.open(folder.path()));
  FileListModel* files = studio.mode->session()->files();
  ASSERT_TRUE(QTest::qWaitFor([&] { return files->rowCount() == 2; }));
  EXPECT_FALSE(files->isAnnotated(0));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("spot");
  studio.mode->action("tool.point")->trigger();
  click(studio, {30, 40});
  // Saved shortly after the edit, without Ctrl+S.
  ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(folder.path() + "/one.json"); }, 5000));
  EXPECT_TRUE(files->isAnnotated(0));
  EXPECT_FALSE(studio.document()->isModified());
  const auto read = polytrain::annotation::readLabelmeFile((folder.path() + "/one.json").toStdString());
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read.document->shapes.size(), 1u);
  EXPECT_EQ(read.document->shapes[0].label, "spot");
}

TEST(AnnotateSession, AsksBeforeLeavingUnsavedWorkWhenAutosaveIsOff) {
  QTemporaryDir folder;
  makeImage(folder.path(), "one.png", QSize(100, 100));
  makeImage(folder.path(), "two.png", QSize(100, 100));
  Studio studio;
  studio.mode->action("autosave")->setChecked(false);
  ASSERT_TRUE(studio.open(folder.path()));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("spot");
  studio.mode->action("tool.point")->trigger();
  click(studio, {30, 40});
  ASSERT_TRUE(studio.document()->isModified());

  int asked = 0;
  studio.mode->session()->setUnsavedPrompt([&](const QString&) {
    ++asked;
    return AnnotationSession::UnsavedChoice::Cancel;
  });
  key(studio, Qt::Key_D);
  EXPECT_EQ(asked, 1);
  EXPECT_EQ(studio.mode->session()->currentRow(), 0); // cancelled: stays
  EXPECT_FALSE(studio.window.close());                // the window stays open too
  EXPECT_EQ(asked, 2);

  studio.mode->session()->setUnsavedPrompt([&](const QString&) { return AnnotationSession::UnsavedChoice::Save; });
  key(studio, Qt::Key_D);
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_EQ(studio.mode->session()->currentRow(), 1);
  EXPECT_TRUE(QFile::exists(folder.path() + "/one.json"));
  studio.mode->action("autosave")->setChecked(true);
}

TEST(AnnotateSession, KeepsThePreviousAnnotationOnUnannotatedImages) {
  QTemporaryDir folder;
  makeImage(folder.path(), "one.png", QSize(100, 100));
  makeImage(folder.path(), "two.png", QSize(100, 100));
  Studio studio;
  studio.mode->action("autosave")->setChecked(true);
  ASSERT_TRUE(studio.open(folder.path()));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("car");
  studio.mode->action("tool.rectangle")->trigger();
  click(studio, {10, 10});
  click(studio, {50, 50});
  key(studio, Qt::Key_P, Qt::ControlModifier); // keep previous annotation
  EXPECT_TRUE(studio.mode->action("keepPrevious")->isChecked());
  key(studio, Qt::Key_D);
  ASSERT_TRUE(studio.waitForDocument());
  ASSERT_EQ(studio.document()->shapeCount(), 1);
  EXPECT_EQ(studio.document()->shape(0).label, "car");
  // Kept shapes are new work: autosave writes them.
  ASSERT_TRUE(QTest::qWaitFor([&] { return QFile::exists(folder.path() + "/two.json"); }, 5000));
  key(studio, Qt::Key_P, Qt::ControlModifier);
  EXPECT_FALSE(studio.mode->action("keepPrevious")->isChecked());
}

TEST(AnnotateSession, SavesToTheOutputFolderWithImageDataWhenAsked) {
  QTemporaryDir folder;
  QTemporaryDir output;
  makeImage(folder.path(), "pic.png", QSize(80, 60));
  Studio studio;
  ASSERT_TRUE(studio.open(folder.path()));
  studio.mode->session()->setOutputDir(output.path());
  ASSERT_TRUE(studio.waitForDocument());
  studio.mode->action("saveImageData")->setChecked(true);
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("x");
  studio.mode->action("tool.point")->trigger();
  click(studio, {20, 20});
  ASSERT_TRUE(studio.mode->session()->save());
  studio.mode->action("saveImageData")->setChecked(false);
  const QString jsonPath = output.path() + "/pic.json";
  ASSERT_TRUE(QFile::exists(jsonPath));
  EXPECT_FALSE(QFile::exists(folder.path() + "/pic.json"));
  const auto read = polytrain::annotation::readLabelmeFile(jsonPath.toStdString());
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read.document->imageData.has_value());
  EXPECT_EQ(read.document->imagePath, QDir(output.path()).relativeFilePath(folder.path() + "/pic.png").toStdString());
  const nlohmann::json oracle = labelmeOracle(jsonPath.toStdString());
  EXPECT_EQ(oracle["imageWidth"], 80);
  EXPECT_EQ(oracle["shapes"].size(), 1u);
}

TEST(AnnotateSession, ImageFlagsAreUndoableEdits) {
  QTemporaryDir folder;
  Studio studio;
  ASSERT_TRUE(studio.open(makeImage(folder.path(), "f.png", QSize(50, 50))));
  auto* dock = studio.window.findChild<ImageFlagsDock*>();
  dock->newFlagField()->setText("blurry");
  QTest::keyClick(dock->newFlagField(), Qt::Key_Return);
  QListWidgetItem* item = dock->list()->findItems("blurry", Qt::MatchExactly).value(0);
  ASSERT_NE(item, nullptr);
  item->setCheckState(Qt::Checked);
  EXPECT_EQ(studio.document()->data().flags["blurry"], true);
  studio.document()->undoStack()->undo();
  EXPECT_EQ(studio.document()->data().flags.value("blurry", false), false);
  dock->setFlagNames({});
}

TEST(AnnotateSession, EveryLabelmeExampleOpensAndRendersItsShapes) {
  const QString examples = "/usr/share/doc/labelme-examples/examples";
  ASSERT_TRUE(QDir(examples).exists()) << "labelme-examples is not installed (packaging/install-deps.sh)";
  QStringList jsonFiles;
  for (QDirIterator it(examples, {"*.json"}, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
    const QString path = it.next();
    if (!path.contains("data_dataset_coco")) // a COCO file, not a Labelme file
      jsonFiles << path;
  }
  ASSERT_GE(jsonFiles.size(), 15);
  Studio studio;
  studio.mode->action("autosave")->setChecked(true);
  for (const QString& path : jsonFiles) {
    SCOPED_TRACE(path.toStdString());
    ASSERT_TRUE(studio.open(path));
    const nlohmann::json oracle = labelmeOracle(path.toStdString());
    ASSERT_EQ(studio.document()->shapeCount(), static_cast<int>(oracle["shapes"].size()));
    EXPECT_EQ(studio.document()->imageSize(), QSize(oracle["imageWidth"].get<int>(), oracle["imageHeight"].get<int>()));
    EXPECT_FALSE(studio.document()->isModified());
    // Rendered: around each shape's first point the canvas differs from the same view with the shapes hidden.
    studio.mode->action("fitWindow")->trigger();
    QApplication::processEvents();
    const QImage shown = studio.canvas()->viewport()->grab().toImage();
    studio.mode->viewState()->setAllHidden(true);
    const QImage hidden = studio.canvas()->viewport()->grab().toImage();
    studio.mode->viewState()->setAllHidden(false);
    const double ratio = shown.devicePixelRatio();
    for (int i = 0; i < studio.document()->shapeCount(); ++i) {
      const auto& point = studio.document()->shape(i).points.front();
      const QPoint at = studio.canvas()->toViewport(QPointF(point.x, point.y)) * ratio;
      int differing = 0;
      for (int dy = -3; dy <= 3; ++dy)
        for (int dx = -3; dx <= 3; ++dx) {
          const QPoint p = at + QPoint(dx, dy);
          if (shown.rect().contains(p) && shown.pixel(p) != hidden.pixel(p))
            ++differing;
        }
      EXPECT_GT(differing, 0) << "shape " << i << " (" << studio.document()->shape(i).label << ") not drawn";
    }
  }
}
