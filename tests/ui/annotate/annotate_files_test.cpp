// File actions through their real dialogs (Save As picks a name in Qt's file dialog, Delete Label File asks a
// question), and panning with the middle button, which moves the view and never draws.
#include "annotate_test_support.h"

#include "ui/annotate/file_list_model.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>

using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

namespace {
// One point labelled "spot" on a fresh image, autosave off so only the actions under test write files.
void drawSpot(Studio& studio) {
  studio.mode->action("autosave")->setChecked(false);
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("spot");
  studio.mode->action("tool.point")->trigger();
  click(studio, {30, 40});
  ASSERT_EQ(studio.document()->shapeCount(), 1);
}
} // namespace

TEST(AnnotateFiles, SaveAsWritesTheChosenFileWithAnImagePathRelativeToIt) {
  QTemporaryDir folder;
  const QString image = makeImage(folder.path(), "one.png", QSize(120, 90));
  QDir().mkpath(folder.path() + "/labels");
  Studio studio;
  ASSERT_TRUE(studio.open(image));
  drawSpot(studio);
  const QString chosen = folder.path() + "/labels/copy"; // no suffix: the studio adds .json
  EXPECT_TRUE(answerModal<QFileDialog>([&] { studio.mode->action("saveAs")->trigger(); },
                                       [&](QFileDialog* dialog) {
                                         dialog->selectFile(chosen);
                                         QMetaObject::invokeMethod(dialog, "accept"); // the Save button
                                       }));
  const QString written = folder.path() + "/labels/copy.json";
  ASSERT_TRUE(QFile::exists(written));
  EXPECT_FALSE(QFile::exists(folder.path() + "/one.json"));
  EXPECT_EQ(studio.document()->jsonPath(), written);
  EXPECT_FALSE(studio.document()->isModified());
  studio.mode->action("autosave")->setChecked(true);

  // Labelme reads it, finds the image through the relative path and sees the shape.
  const nlohmann::json read = labelmeOracle(written.toStdString());
  EXPECT_EQ(read["imagePath"], "../one.png");
  EXPECT_EQ(read["imageWidth"], 120);
  ASSERT_EQ(read["shapes"].size(), 1u);
  EXPECT_EQ(read["shapes"][0]["label"], "spot");
}

TEST(AnnotateFiles, DeleteLabelFileAsksFirstThenRemovesTheFileAndItsShapes) {
  QTemporaryDir folder;
  makeImage(folder.path(), "one.png", QSize(120, 90));
  makeImage(folder.path(), "two.png", QSize(120, 90));
  Studio studio;
  ASSERT_TRUE(studio.open(folder.path()));
  drawSpot(studio);
  key(studio, Qt::Key_S, Qt::ControlModifier);
  const QString json = folder.path() + "/one.json";
  ASSERT_TRUE(QFile::exists(json));
  FileListModel* files = studio.mode->session()->files();
  ASSERT_TRUE(QTest::qWaitFor([&] { return files->isAnnotated(0); }));

  // No: nothing happens.
  EXPECT_TRUE(answerModal<QMessageBox>([&] { studio.mode->action("deleteFile")->trigger(); },
                                       [](QMessageBox* box) { box->button(QMessageBox::No)->click(); }));
  EXPECT_TRUE(QFile::exists(json));
  EXPECT_EQ(studio.document()->shapeCount(), 1);

  // Yes: the file goes, the image stays open without shapes, the file list loses its mark.
  EXPECT_TRUE(answerModal<QMessageBox>([&] { studio.mode->action("deleteFile")->trigger(); },
                                       [](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); }));
  EXPECT_FALSE(QFile::exists(json));
  ASSERT_TRUE(studio.waitForDocument());
  EXPECT_TRUE(studio.document()->imagePath().endsWith("one.png"));
  EXPECT_EQ(studio.document()->shapeCount(), 0);
  EXPECT_FALSE(files->isAnnotated(0));
  EXPECT_TRUE(QFile::exists(folder.path() + "/one.png"));
  studio.mode->action("autosave")->setChecked(true);
}

TEST(AnnotateFiles, MiddleButtonDragPansTheViewWithoutDrawing) {
  QTemporaryDir folder;
  const QString image = makeImage(folder.path(), "big.png", QSize(3000, 2000));
  Studio studio;
  ASSERT_TRUE(studio.open(image));
  studio.mode->action("zoomActual")->trigger(); // larger than the view: both scroll bars are live
  studio.mode->action("tool.polygon")->trigger();
  QScrollBar* horizontal = studio.canvas()->horizontalScrollBar();
  QScrollBar* vertical = studio.canvas()->verticalScrollBar();
  ASSERT_GT(horizontal->maximum(), 0);
  ASSERT_GT(vertical->maximum(), 0);
  const int x0 = horizontal->value();
  const int y0 = vertical->value();
  const QPoint from(300, 300);
  const QPoint to(180, 240);
  const QPointF grabbed = studio.canvas()->toImage(from);

  sendMouse(studio.viewport(), QEvent::MouseButtonPress, from, Qt::MiddleButton, Qt::MiddleButton);
  sendMouse(studio.viewport(), QEvent::MouseMove, (from + to) / 2, Qt::NoButton, Qt::MiddleButton);
  sendMouse(studio.viewport(), QEvent::MouseMove, to, Qt::NoButton, Qt::MiddleButton);
  sendMouse(studio.viewport(), QEvent::MouseButtonRelease, to, Qt::MiddleButton, Qt::NoButton);

  // Dragging 120 px left and 60 px up scrolls the view as far right and down: the image follows the hand.
  EXPECT_EQ(horizontal->value() - x0, 120);
  EXPECT_EQ(vertical->value() - y0, 60);
  const QPointF under = studio.canvas()->toImage(to);
  EXPECT_NEAR(under.x(), grabbed.x(), 1.0);
  EXPECT_NEAR(under.y(), grabbed.y(), 1.0);
  EXPECT_FALSE(studio.mode->currentTool()->isBusy()); // no polygon was started
  EXPECT_EQ(studio.document()->shapeCount(), 0);
}
