// Drives the Annotate mode with real mouse and keyboard events: draw a polygon, a rectangle and a circle, move a
// vertex, undo and redo, save; the file must be the expected Labelme JSON and load in Labelme's LabelFile.
#include "annotate_test_support.h"

#include "core/annotation/labelme_reader.h"
#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/label_dialog.h"
#include "ui/annotate/shape_view_state.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QUndoStack>

using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

namespace {

// Answers the label dialog the next time it opens, as a user would: type the label and group id, press OK.
void answerLabelDialog(AnnotateMode* mode, const QString& label, const QString& groupId) {
  QTimer::singleShot(0, mode, [mode, label, groupId] {
    LabelDialog* dialog = mode->labelDialog();
    ASSERT_TRUE(dialog->isVisible());
    dialog->labelField()->setText(label);
    dialog->groupIdField()->setText(groupId);
    QTest::keyClick(dialog->labelField(), Qt::Key_Return);
  });
}

void expectPoints(const polytrain::annotation::LabelmeShape& shape, const std::vector<QPointF>& expected) {
  ASSERT_EQ(shape.points.size(), expected.size()) << shape.label;
  for (size_t i = 0; i < expected.size(); ++i) {
    // The canvas maps screen pixels to image coordinates; at 100 % a click lands within a pixel of its target.
    EXPECT_NEAR(shape.points[i].x, expected[i].x(), 1.0) << shape.label << " point " << i;
    EXPECT_NEAR(shape.points[i].y, expected[i].y(), 1.0) << shape.label << " point " << i;
  }
}

} // namespace

TEST(AnnotateDrawing, DrawMoveUndoRedoSaveMatchesLabelme) {
  QTemporaryDir folder;
  ASSERT_TRUE(folder.isValid());
  const QString imagePath = makeImage(folder.path(), "scene.png", QSize(400, 300));
  Studio studio;
  ASSERT_NE(studio.mode, nullptr);
  ASSERT_TRUE(studio.open(imagePath));
  studio.mode->action("zoomActual")->trigger();
  EXPECT_DOUBLE_EQ(studio.canvas()->scale(), 1.0);

  // Polygon (Ctrl+N), closed by clicking near its first point; labelled in the label dialog.
  key(studio, Qt::Key_N, Qt::ControlModifier);
  ASSERT_EQ(studio.mode->currentTool()->id(), "polygon");
  const std::vector<QPointF> polygon = {{50, 50}, {150, 40}, {160, 120}, {60, 130}};
  for (const QPointF& p : polygon)
    click(studio, p);
  answerLabelDialog(studio.mode, "cat", "1");
  click(studio, QPointF(52, 51)); // near the first point: closes
  ASSERT_EQ(studio.document()->shapeCount(), 1);

  // Rectangle (Ctrl+R) by dragging, circle by two clicks; both take the quick label.
  key(studio, Qt::Key_R, Qt::ControlModifier);
  ASSERT_EQ(studio.mode->currentTool()->id(), "rectangle");
  studio.mode->quickLabel()->setEditText("dog");
  drag(studio, {200, 50}, {300, 150});
  studio.mode->action("tool.circle")->trigger();
  studio.mode->quickLabel()->setEditText("ball");
  click(studio, {100, 200});
  click(studio, {130, 200});
  ASSERT_EQ(studio.document()->shapeCount(), 3);

  const auto& shapes = studio.document()->shapes();
  EXPECT_EQ(shapes[0].label, "cat");
  EXPECT_EQ(shapes[0].shapeType, "polygon");
  EXPECT_EQ(shapes[0].groupId, 1);
  expectPoints(shapes[0], polygon);
  EXPECT_EQ(shapes[1].label, "dog");
  EXPECT_EQ(shapes[1].shapeType, "rectangle");
  expectPoints(shapes[1], {{200, 50}, {300, 150}});
  EXPECT_EQ(shapes[2].label, "ball");
  EXPECT_EQ(shapes[2].shapeType, "circle");
  expectPoints(shapes[2], {{100, 200}, {130, 200}});

  // Edit mode (Ctrl+J): drag the polygon's third vertex. One drag is one undo step.
  key(studio, Qt::Key_J, Qt::ControlModifier);
  ASSERT_EQ(studio.mode->currentTool()->id(), "edit");
  QUndoStack* stack = studio.document()->undoStack();
  const int before = stack->count();
  drag(studio, {160, 120}, {175, 128});
  EXPECT_EQ(stack->count(), before + 1);
  expectPoints(studio.document()->shape(0), {{50, 50}, {150, 40}, {175, 128}, {60, 130}});

  key(studio, Qt::Key_Z, Qt::ControlModifier); // undo
  expectPoints(studio.document()->shape(0), polygon);
  key(studio, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier); // redo
  expectPoints(studio.document()->shape(0), {{50, 50}, {150, 40}, {175, 128}, {60, 130}});
  key(studio, Qt::Key_Z, Qt::ControlModifier);
  key(studio, Qt::Key_Z, Qt::ControlModifier); // undoes the circle too
  EXPECT_EQ(studio.document()->shapeCount(), 2);
  key(studio, Qt::Key_Y, Qt::ControlModifier); // Ctrl+Y redoes as well
  key(studio, Qt::Key_Y, Qt::ControlModifier);
  EXPECT_EQ(studio.document()->shapeCount(), 3);
  expectPoints(studio.document()->shape(0), {{50, 50}, {150, 40}, {175, 128}, {60, 130}});

  key(studio, Qt::Key_S, Qt::ControlModifier);
  EXPECT_FALSE(studio.document()->isModified());
  const QString jsonPath = folder.path() + "/scene.json";
  ASSERT_TRUE(QFile::exists(jsonPath));

  // The expected file: labelme 5.x layout, key order, values; points exactly those in the document.
  nlohmann::ordered_json expected = nlohmann::ordered_json::object();
  expected["version"] = "5.1.1";
  expected["flags"] = nlohmann::ordered_json::object();
  expected["shapes"] = nlohmann::ordered_json::array();
  const char* labels[] = {"cat", "dog", "ball"};
  const char* types[] = {"polygon", "rectangle", "circle"};
  for (int i = 0; i < 3; ++i) {
    nlohmann::ordered_json shape = nlohmann::ordered_json::object();
    shape["label"] = labels[i];
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const auto& p : studio.document()->shape(i).points)
      points.push_back({p.x, p.y});
    shape["points"] = points;
    shape["group_id"] = i == 0 ? nlohmann::ordered_json(1) : nlohmann::ordered_json(nullptr);
    shape["description"] = "";
    shape["shape_type"] = types[i];
    shape["flags"] = nlohmann::ordered_json::object();
    shape["mask"] = nullptr;
    expected["shapes"].push_back(shape);
  }
  expected["imagePath"] = "scene.png";
  expected["imageData"] = nullptr;
  expected["imageHeight"] = 300;
  expected["imageWidth"] = 400;
  QFile file(jsonPath);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const auto written = nlohmann::ordered_json::parse(file.readAll().toStdString());
  EXPECT_EQ(written.dump(2), expected.dump(2));

  // Labelme's LabelFile loads it with the same shapes.
  const nlohmann::json oracle = labelmeOracle(jsonPath.toStdString());
  ASSERT_EQ(oracle["shapes"].size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const auto& theirs = oracle["shapes"][i];
    const auto& ours = studio.document()->shape(i);
    EXPECT_EQ(theirs["label"], ours.label);
    EXPECT_EQ(theirs["shape_type"], ours.shapeType);
    EXPECT_EQ(theirs["group_id"].is_null() ? -1 : theirs["group_id"].get<int>(), ours.groupId.value_or(-1));
    ASSERT_EQ(theirs["points"].size(), ours.points.size());
    for (size_t k = 0; k < ours.points.size(); ++k) {
      EXPECT_DOUBLE_EQ(theirs["points"][k][0].get<double>(), ours.points[k].x);
      EXPECT_DOUBLE_EQ(theirs["points"][k][1].get<double>(), ours.points[k].y);
    }
  }
  EXPECT_EQ(oracle["imagePath"], "scene.png");
  EXPECT_EQ(oracle["imageWidth"], 400);
  EXPECT_EQ(oracle["imageHeight"], 300);
}

TEST(AnnotateDrawing, LinePointLineStripAndPolygonByDoubleClickAndEnter) {
  QTemporaryDir folder;
  const QString imagePath = makeImage(folder.path(), "a.png", QSize(300, 200));
  Studio studio;
  ASSERT_TRUE(studio.open(imagePath));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("thing");

  studio.mode->action("tool.line")->trigger();
  click(studio, {10, 10});
  click(studio, {60, 40});
  studio.mode->action("tool.point")->trigger();
  click(studio, {100, 100});
  studio.mode->action("tool.linestrip")->trigger();
  click(studio, {20, 150});
  click(studio, {60, 120});
  doubleClick(studio, {100, 160}); // finishes the strip; the double click adds its point once
  studio.mode->action("tool.polygon")->trigger();
  click(studio, {150, 20});
  click(studio, {250, 20});
  click(studio, {200, 90});
  key(studio, Qt::Key_Backspace); // drops the last point while drawing
  click(studio, {210, 80});
  key(studio, Qt::Key_Return); // Enter closes the polygon
  // Esc cancels a shape in progress.
  click(studio, {10, 190});
  click(studio, {40, 190});
  key(studio, Qt::Key_Escape);
  EXPECT_FALSE(studio.mode->currentTool()->isBusy());

  ASSERT_EQ(studio.document()->shapeCount(), 4);
  const auto& s = studio.document()->shapes();
  EXPECT_EQ(s[0].shapeType, "line");
  expectPoints(s[0], {{10, 10}, {60, 40}});
  EXPECT_EQ(s[1].shapeType, "point");
  expectPoints(s[1], {{100, 100}});
  EXPECT_EQ(s[2].shapeType, "linestrip");
  expectPoints(s[2], {{20, 150}, {60, 120}, {100, 160}});
  EXPECT_EQ(s[3].shapeType, "polygon");
  expectPoints(s[3], {{150, 20}, {250, 20}, {210, 80}});

  ASSERT_TRUE(studio.mode->session()->save());
  const nlohmann::json oracle = labelmeOracle((folder.path() + "/a.json").toStdString());
  ASSERT_EQ(oracle["shapes"].size(), 4u);
  EXPECT_EQ(oracle["shapes"][2]["shape_type"], "linestrip");
  EXPECT_EQ(oracle["shapes"][1]["points"].size(), 1u);
}

TEST(AnnotateDrawing, CancellingTheLabelDialogDropsTheShape) {
  QTemporaryDir folder;
  Studio studio;
  ASSERT_TRUE(studio.open(makeImage(folder.path(), "b.png", QSize(200, 200))));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->action("tool.rectangle")->trigger();
  QTimer::singleShot(0, studio.mode, [&] { QTest::keyClick(studio.mode->labelDialog(), Qt::Key_Escape); });
  click(studio, {20, 20});
  click(studio, {80, 80});
  EXPECT_EQ(studio.document()->shapeCount(), 0);
  EXPECT_FALSE(studio.document()->isModified());
}

TEST(AnnotateDrawing, PointsOutsideTheImageArePulledToItsBorder) {
  QTemporaryDir folder;
  Studio studio;
  ASSERT_TRUE(studio.open(makeImage(folder.path(), "c.png", QSize(200, 100))));
  studio.mode->action("zoomActual")->trigger();
  studio.mode->quickLabel()->setEditText("box");
  studio.mode->action("tool.rectangle")->trigger();
  click(studio, {50, 50});
  click(studio, {260, 140}); // beyond the right and bottom border
  ASSERT_EQ(studio.document()->shapeCount(), 1);
  expectPoints(studio.document()->shape(0), {{50, 50}, {200, 100}});
}
