// The edit tool and the edit actions, driven by mouse and keyboard: selection (click, Ctrl+click, rubber band),
// moving shapes, inserting and deleting vertices, nudging, copy/paste/duplicate/delete, label edits, hiding.
#include "annotate_test_support.h"

#include "ui/annotate/label_dialog.h"
#include "ui/annotate/shape_list_dock.h"
#include "ui/annotate/shape_view_state.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QTimer>
#include <QUndoStack>

using namespace polytrain::ui::annotate;
using namespace polytrain::ui::annotate::testing;

namespace {

// An image with two squares: "a" at (20,20)-(80,80) as a polygon and "b" at (120,20)-(180,80) as a rectangle.
struct TwoShapes {
  TwoShapes() {
    const QString image = makeImage(folder.path(), "two.png", QSize(300, 200));
    EXPECT_TRUE(studio.open(image));
    studio.mode->action("zoomActual")->trigger();
    studio.mode->quickLabel()->setEditText("a");
    studio.mode->action("tool.polygon")->trigger();
    for (QPointF p : {QPointF(20, 20), QPointF(80, 20), QPointF(80, 80), QPointF(20, 80)})
      click(studio, p);
    key(studio, Qt::Key_Return);
    studio.mode->quickLabel()->setEditText("b");
    studio.mode->action("tool.rectangle")->trigger();
    click(studio, {120, 20});
    click(studio, {180, 80});
    studio.mode->quickLabel()->setEditText("");
    studio.mode->action("tool.edit")->trigger();
  }
  const polytrain::annotation::LabelmeShape& shape(int i) const { return studio.document()->shape(i); }
  ShapeViewState* view() const { return studio.mode->viewState(); }

  QTemporaryDir folder;
  Studio studio;
};

} // namespace

TEST(AnnotateEditing, SelectsByClickControlClickAndRubberBand) {
  TwoShapes t;
  ASSERT_EQ(t.studio.document()->shapeCount(), 2);
  click(t.studio, {50, 50});
  EXPECT_EQ(t.view()->selected(), QList<int>({0}));
  click(t.studio, {150, 50}, Qt::ControlModifier);
  EXPECT_EQ(t.view()->selected(), QList<int>({0, 1}));
  click(t.studio, {250, 150}); // empty canvas clears
  EXPECT_TRUE(t.view()->selected().isEmpty());
  drag(t.studio, {10, 10}, {200, 100}); // a rubber band around both
  EXPECT_EQ(t.view()->selected(), QList<int>({0, 1}));
  // The shape list follows the canvas selection.
  auto* shapeList = t.studio.window.findChild<ShapeListDock*>()->list();
  EXPECT_EQ(shapeList->selectedItems().size(), 2);
}

TEST(AnnotateEditing, MovesSelectedShapesTogetherInOneUndoStep) {
  TwoShapes t;
  click(t.studio, {50, 50});
  click(t.studio, {150, 50}, Qt::ControlModifier);
  const int before = t.studio.document()->undoStack()->count();
  drag(t.studio, {50, 50}, {60, 70});
  EXPECT_EQ(t.studio.document()->undoStack()->count(), before + 1);
  EXPECT_NEAR(t.shape(0).points[0].x, 30, 1.0);
  EXPECT_NEAR(t.shape(0).points[0].y, 40, 1.0);
  EXPECT_NEAR(t.shape(1).points[1].x, 190, 1.0);
  // Shapes stop at the image border.
  drag(t.studio, {60, 70}, {60, 400});
  EXPECT_NEAR(t.shape(0).points[2].y, 200, 1e-9); // the lowest points end on the bottom border
  EXPECT_NEAR(t.shape(1).points[1].y, 200, 1e-9);
  t.studio.document()->undoStack()->undo();
  t.studio.document()->undoStack()->undo();
  EXPECT_NEAR(t.shape(0).points[0].x, 20, 1e-9);
}

TEST(AnnotateEditing, InsertsAndDeletesVertices) {
  TwoShapes t;
  // Alt+click on the top edge of polygon "a" inserts a vertex there.
  click(t.studio, {50, 20}, Qt::AltModifier);
  ASSERT_EQ(t.shape(0).points.size(), 5u);
  EXPECT_NEAR(t.shape(0).points[1].x, 50, 1.0);
  EXPECT_NEAR(t.shape(0).points[1].y, 20, 1.0);
  // A double click on an edge inserts as well.
  doubleClick(t.studio, {80, 50});
  ASSERT_EQ(t.shape(0).points.size(), 6u);
  // Shift+click on a vertex deletes it.
  moveTo(t.studio, {50, 20}, false);
  click(t.studio, {50, 20}, Qt::ShiftModifier);
  EXPECT_EQ(t.shape(0).points.size(), 5u);
  // A rectangle keeps its two corners.
  click(t.studio, {120, 20}, Qt::ShiftModifier);
  EXPECT_EQ(t.shape(1).points.size(), 2u);
}

TEST(AnnotateEditing, NudgesWithArrowKeys) {
  TwoShapes t;
  click(t.studio, {150, 50});
  key(t.studio, Qt::Key_Right);
  key(t.studio, Qt::Key_Down, Qt::ShiftModifier);
  EXPECT_NEAR(t.shape(1).points[0].x, 121, 1e-9);
  EXPECT_NEAR(t.shape(1).points[0].y, 30, 1e-9);
  EXPECT_NEAR(t.shape(0).points[0].x, 20, 1e-9); // unselected: untouched
}

TEST(AnnotateEditing, CopyPasteDuplicateDeleteAndUndo) {
  TwoShapes t;
  click(t.studio, {50, 50});
  key(t.studio, Qt::Key_C, Qt::ControlModifier);
  key(t.studio, Qt::Key_V, Qt::ControlModifier);
  ASSERT_EQ(t.studio.document()->shapeCount(), 3);
  EXPECT_EQ(t.shape(2).label, "a");
  EXPECT_EQ(t.shape(2).points, t.shape(0).points); // Labelme pastes in place
  EXPECT_EQ(t.view()->selected(), QList<int>({2}));
  key(t.studio, Qt::Key_D, Qt::ControlModifier); // duplicate: offset copy
  ASSERT_EQ(t.studio.document()->shapeCount(), 4);
  EXPECT_NEAR(t.shape(3).points[0].x, t.shape(2).points[0].x + 10, 1e-9);
  click(t.studio, {150, 50});
  key(t.studio, Qt::Key_Delete);
  EXPECT_EQ(t.studio.document()->shapeCount(), 3);
  EXPECT_EQ(t.shape(1).label, "a");
  key(t.studio, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(t.studio.document()->shapeCount(), 4);
  EXPECT_EQ(t.shape(1).label, "b");
}

TEST(AnnotateEditing, EditsLabelGroupAndDescriptionThroughTheDialog) {
  TwoShapes t;
  click(t.studio, {150, 50});
  QTimer::singleShot(0, t.studio.mode, [&] {
    LabelDialog* dialog = t.studio.mode->labelDialog();
    EXPECT_EQ(dialog->labelField()->text(), "b");
    dialog->labelField()->setText("box");
    dialog->groupIdField()->setText("7");
    dialog->descriptionField()->setText("partly hidden");
    QTest::keyClick(dialog->labelField(), Qt::Key_Return);
  });
  key(t.studio, Qt::Key_E, Qt::ControlModifier);
  EXPECT_EQ(t.shape(1).label, "box");
  EXPECT_EQ(t.shape(1).groupId, 7);
  EXPECT_EQ(t.shape(1).description, "partly hidden");
  t.studio.document()->undoStack()->undo();
  EXPECT_EQ(t.shape(1).label, "b");
  EXPECT_FALSE(t.shape(1).groupId.has_value());
}

TEST(AnnotateEditing, HiddenShapesCannotBeSelected) {
  TwoShapes t;
  auto* shapeList = t.studio.window.findChild<ShapeListDock*>()->list();
  shapeList->item(0)->setCheckState(Qt::Unchecked);
  EXPECT_TRUE(t.view()->isHidden(0));
  click(t.studio, {50, 50});
  EXPECT_TRUE(t.view()->selected().isEmpty());
  t.studio.mode->action("showShapes")->trigger(); // hide all
  t.studio.mode->action("showShapes")->trigger(); // show all
  EXPECT_FALSE(t.view()->isHidden(0));
}
