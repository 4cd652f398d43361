// The pieces under the widgets: natural order, selection that follows inserts and removals, zoom fitting,
// undo commands (a drag merges into one step), bounded moves, geometry hit tests.
#include "ui/annotate/annotation_commands.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/natural_sort.h"
#include "ui/annotate/shape_geometry.h"
#include "ui/annotate/shape_view_state.h"
#include "ui/annotate/zoom_controller.h"

#include <QUndoStack>
#include <gtest/gtest.h>

#include <algorithm>

using namespace polytrain::ui::annotate;
using polytrain::annotation::LabelmeShape;

namespace {
LabelmeShape shapeOf(const std::string& label, const std::string& type, std::vector<cv::Point2d> points) {
  LabelmeShape shape;
  shape.label = label;
  shape.shapeType = type;
  shape.points = std::move(points);
  return shape;
}
} // namespace

TEST(AnnotateModel, NaturalOrderReadsNumbersAsNumbers) {
  QStringList names = {"img10.png", "IMG2.png", "img1.png", "img02.png", "a/b.png", "img1b.png"};
  std::sort(names.begin(), names.end(), naturalLess);
  EXPECT_EQ(names, QStringList({"a/b.png", "img1.png", "img1b.png", "IMG2.png", "img02.png", "img10.png"}));
  EXPECT_FALSE(naturalLess("x", "x"));
}

TEST(AnnotateModel, SelectionAndVisibilityFollowInsertsAndRemovals) {
  AnnotationDocument document({}, {}, {}, QSize(100, 100));
  ShapeViewState view;
  view.attach(&document);
  auto* stack = document.undoStack();
  stack->push(new AddShapesCommand(
      &document, {0, 1, 2},
      {shapeOf("a", "point", {{1, 1}}), shapeOf("b", "point", {{2, 2}}), shapeOf("c", "point", {{3, 3}})}, "add"));
  view.setSelected({2});
  view.setHidden(1, true);
  stack->push(new AddShapesCommand(&document, {0}, {shapeOf("z", "point", {{0, 0}})}, "insert at front"));
  EXPECT_EQ(view.selected(), QList<int>({3}));
  EXPECT_TRUE(view.isHidden(2));
  stack->push(new RemoveShapesCommand(&document, {0, 2}, "remove"));
  EXPECT_EQ(document.shapeCount(), 2);
  EXPECT_EQ(document.shape(0).label, "a");
  EXPECT_EQ(view.selected(), QList<int>({1}));
  EXPECT_FALSE(view.isHidden(0));
  stack->undo();
  EXPECT_EQ(document.shape(2).label, "b");
  EXPECT_EQ(document.shapeCount(), 4);
}

TEST(AnnotateModel, DragCommandsWithOneGestureMergeIntoOneUndoStep) {
  AnnotationDocument document({}, {}, {}, QSize(100, 100));
  auto* stack = document.undoStack();
  stack->push(new AddShapesCommand(&document, {0}, {shapeOf("a", "line", {{0, 0}, {10, 10}})}, "add"));
  const int gesture = nextGestureId();
  for (int step = 1; step <= 5; ++step) {
    LabelmeShape moved = document.shape(0);
    moved.points[1] = {10.0 + step, 10.0};
    stack->push(new ReplaceShapesCommand(&document, {0}, {moved}, "move", gesture));
  }
  EXPECT_EQ(stack->count(), 2);
  EXPECT_EQ(document.shape(0).points[1].x, 15.0);
  stack->undo();
  EXPECT_EQ(document.shape(0).points[1].x, 10.0);
  // Another gesture is another step.
  LabelmeShape again = document.shape(0);
  again.points[0] = {1, 1};
  stack->push(new ReplaceShapesCommand(&document, {0}, {again}, "move", nextGestureId()));
  LabelmeShape third = document.shape(0);
  third.points[0] = {2, 2};
  stack->push(new ReplaceShapesCommand(&document, {0}, {third}, "move", nextGestureId()));
  EXPECT_EQ(stack->count(), 3);
  EXPECT_TRUE(document.isModified());
}

TEST(AnnotateModel, ZoomFitsWindowAndWidthAndLeavesFitOnManualZoom) {
  ZoomController zoom;
  zoom.setGeometry(QSizeF(800, 600), QSizeF(4000, 1000));
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.2); // fit window is the default
  zoom.fitWidth();
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.2);
  zoom.setGeometry(QSizeF(800, 600), QSizeF(1000, 4000));
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.8);
  zoom.fitWindow();
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.15);
  zoom.zoomIn();
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.15 * ZoomController::kStep);
  EXPECT_EQ(zoom.fitMode(), ZoomController::FitMode::None);
  zoom.setGeometry(QSizeF(400, 300), QSizeF(1000, 4000)); // a resize keeps a manual zoom
  EXPECT_DOUBLE_EQ(zoom.scale(), 0.15 * ZoomController::kStep);
  zoom.setActualSize();
  EXPECT_DOUBLE_EQ(zoom.scale(), 1.0);
}

TEST(AnnotateModel, GeometryHitsOutlinesVerticesAndEdges) {
  const LabelmeShape square = shapeOf("s", "polygon", {{0, 0}, {10, 0}, {10, 10}, {0, 10}});
  EXPECT_TRUE(hitsShape(square, {5, 5}, 1));
  EXPECT_FALSE(hitsShape(square, {15, 5}, 1));
  EXPECT_EQ(nearestVertex(square, {9.5, 9.6}, 1), 2);
  const EdgeHit edge = nearestEdge(square, {5, 10.4}, 1);
  EXPECT_EQ(edge.index, 2);
  EXPECT_DOUBLE_EQ(edge.projection.y(), 10.0);
  const LabelmeShape circle = shapeOf("c", "circle", {{50, 50}, {60, 50}});
  EXPECT_TRUE(hitsShape(circle, {55, 55}, 1));
  EXPECT_FALSE(hitsShape(circle, {59, 59}, 1));
  const LabelmeShape line = shapeOf("l", "line", {{0, 0}, {10, 0}});
  EXPECT_TRUE(hitsShape(line, {5, 0.5}, 1));
  EXPECT_FALSE(hitsShape(line, {5, 3}, 1));
  const QPointF delta = boundedDelta({square.points}, {-5, 200}, QRectF(0, 0, 100, 100));
  EXPECT_EQ(delta, QPointF(0, 90));
}
