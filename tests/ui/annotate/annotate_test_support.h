#pragma once
// Helpers for Annotate widget tests: a studio window on the Annotate mode, real mouse events on the canvas
// viewport, waiting for the asynchronous image load, and Labelme's LabelFile as the oracle.
#include "tests/support/run_command.h"
#include "ui/annotate/annotate_mode.h"
#include "ui/annotate/annotation_canvas.h"
#include "ui/annotate/annotation_document.h"
#include "ui/annotate/annotation_session.h"
#include "ui/annotate/annotation_tool.h"
#include "ui/modes/studio_modes.h"
#include "ui/shell/main_window.h"

#include <QApplication>
#include <QImage>
#include <QMouseEvent>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>

namespace polytrain::ui::annotate::testing {

// A studio window showing the Annotate mode, autosave as the user left it (on by default).
struct Studio {
  Studio() : window(createStudioModes()) {
    window.resize(1280, 860);
    window.show();
    window.switchToMode("annotate");
    mode = qobject_cast<AnnotateMode*>(window.currentMode());
    // Settings persist between tests (in the test-mode settings file): start every test from the defaults.
    mode->action("autosave")->setChecked(true);
    mode->action("keepPrevious")->setChecked(false);
    mode->action("saveImageData")->setChecked(false);
    (void)QTest::qWaitForWindowExposed(&window);
  }
  ~Studio() {
    mode->session()->setUnsavedPrompt([](const QString&) { return AnnotationSession::UnsavedChoice::Discard; });
  }

  AnnotationCanvas* canvas() const { return mode->canvas(); }
  AnnotationDocument* document() const { return mode->session()->document(); }
  QWidget* viewport() const { return mode->canvas()->viewport(); }

  // Opens `path` and waits until its document is shown.
  bool open(const QString& path) {
    mode->open(path);
    return waitForDocument();
  }
  bool waitForDocument(int timeoutMs = 15000) const {
    return QTest::qWaitFor([this] { return document() != nullptr && !mode->session()->isLoading(); }, timeoutMs);
  }

  MainWindow window;
  AnnotateMode* mode = nullptr;
};

inline QPoint viewportPoint(const Studio& studio, QPointF imagePoint) {
  return studio.canvas()->toViewport(imagePoint);
}

inline void sendMouse(QWidget* target, QEvent::Type type, QPoint pos, Qt::MouseButton button, Qt::MouseButtons buttons,
                      Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  QMouseEvent event(type, QPointF(pos), QPointF(target->mapToGlobal(pos)), button, buttons, modifiers);
  QApplication::sendEvent(target, &event);
}

inline void press(const Studio& s, QPointF image, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  sendMouse(s.viewport(), QEvent::MouseButtonPress, viewportPoint(s, image), Qt::LeftButton, Qt::LeftButton, modifiers);
}
inline void moveTo(const Studio& s, QPointF image, bool leftDown) {
  sendMouse(s.viewport(), QEvent::MouseMove, viewportPoint(s, image), Qt::NoButton,
            leftDown ? Qt::LeftButton : Qt::NoButton);
}
inline void release(const Studio& s, QPointF image, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  sendMouse(s.viewport(), QEvent::MouseButtonRelease, viewportPoint(s, image), Qt::LeftButton, Qt::NoButton, modifiers);
}
inline void click(const Studio& s, QPointF image, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  moveTo(s, image, false);
  press(s, image, modifiers);
  release(s, image, modifiers);
}
inline void drag(const Studio& s, QPointF from, QPointF to) {
  moveTo(s, from, false);
  press(s, from);
  for (int step = 1; step <= 4; ++step)
    moveTo(s, from + (to - from) * (step / 4.0), true);
  release(s, to);
}
// A double click as Qt 6 delivers it: press, release, press, double-click, release.
inline void doubleClick(const Studio& s, QPointF image) {
  const QPoint pos = viewportPoint(s, image);
  sendMouse(s.viewport(), QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
  sendMouse(s.viewport(), QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
  sendMouse(s.viewport(), QEvent::MouseButtonPress, pos, Qt::LeftButton, Qt::LeftButton);
  sendMouse(s.viewport(), QEvent::MouseButtonDblClick, pos, Qt::LeftButton, Qt::LeftButton);
  sendMouse(s.viewport(), QEvent::MouseButtonRelease, pos, Qt::LeftButton, Qt::NoButton);
}

// A key as the user types it into the focused window (shortcuts included).
inline void key(Studio& s, int keyCode, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
  // The offscreen platform does not hand activation back to the window when a modal dialog closes; a user's
  // window is active when they type.
  QApplication::setActiveWindow(&s.window);
  s.canvas()->setFocus();
  QTest::keyClick(s.canvas(), static_cast<Qt::Key>(keyCode), modifiers);
}

// Runs `answer` on the modal dialog `trigger` opens, once it is up, as a user would answer it.
template <typename Dialog, typename Answer> bool answerModal(const std::function<void()>& trigger, Answer answer) {
  bool answered = false;
  QTimer::singleShot(0, [&] {
    ASSERT_TRUE(QTest::qWaitFor([] { return QApplication::activeModalWidget() != nullptr; }, 5000));
    auto* dialog = qobject_cast<Dialog*>(QApplication::activeModalWidget());
    ASSERT_NE(dialog, nullptr) << "the modal window is a "
                               << QApplication::activeModalWidget()->metaObject()->className();
    answer(dialog);
    answered = true;
  });
  trigger();
  return answered;
}

inline QString makeImage(const QString& folder, const QString& name, QSize size, QColor color = QColor(90, 110, 130)) {
  QImage image(size, QImage::Format_RGB32);
  image.fill(color);
  const QString path = folder + "/" + name;
  image.save(path);
  return path;
}

// Labelme's own LabelFile loads `jsonPath`; returns what it read as JSON ({"shapes": [...], "imagePath", "flags",
// "imageWidth", "imageHeight"}). Fails the test when Labelme is missing or refuses the file.
inline nlohmann::json labelmeOracle(const std::string& jsonPath) {
  const std::string script = "import json, sys, io\n"
                             "import PIL.Image\n"
                             "from labelme.label_file import LabelFile\n"
                             "lf = LabelFile(sys.argv[1])\n"
                             "img = PIL.Image.open(io.BytesIO(lf.imageData))\n"
                             "print('ORACLE' + json.dumps({'shapes': lf.shapes, 'imagePath': lf.imagePath,\n"
                             "  'flags': lf.flags, 'imageWidth': img.size[0], 'imageHeight': img.size[1]}))\n";
  const auto result =
      polytrain::testing::runCommand(std::string(POLYTRAIN_PYTHON) + " -c " + polytrain::testing::shellQuote(script) +
                                     " " + polytrain::testing::shellQuote(jsonPath));
  EXPECT_EQ(result.exitCode, 0) << "Labelme's LabelFile could not load " << jsonPath << ":\n" << result.text;
  const size_t start = result.text.find("ORACLE");
  if (result.exitCode != 0 || start == std::string::npos)
    return {};
  const size_t end = result.text.find('\n', start);
  return nlohmann::json::parse(result.text.substr(start + 6, end == std::string::npos ? end : end - start - 6));
}

} // namespace polytrain::ui::annotate::testing
