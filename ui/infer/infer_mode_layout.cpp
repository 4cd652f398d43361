// Infer mode's page: the frame view with its video bar and progress row, and the side panel of model, display
// switches, source and log. Kept apart from the behaviour in infer_mode.cpp.
#include "ui/infer/infer_mode.h"

#include "ui/infer/filmstrip.h"
#include "ui/infer/frame_view.h"
#include "ui/infer/model_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace polytrain::ui::infer {

void InferMode::buildPage() {
  page_ = new QWidget;
  page_->setObjectName("inferPage");
  view_ = new FrameView;
  view_->setMessage(tr("Open an image, a folder, a video file or a camera to see what the model detects.\n"
                       "Choose a model on the right; without one the frames are shown as they are."));
  filmstrip_ = new Filmstrip;
  filmstrip_->hide();
  connect(filmstrip_, &Filmstrip::imageChosen, this, &InferMode::showImageOfFolder);

  message_ = new QLabel;
  message_->setObjectName("inferMessage");
  message_->setWordWrap(true);
  message_->setTextFormat(Qt::RichText);
  message_->setTextInteractionFlags(Qt::TextBrowserInteraction);
  connect(message_, &QLabel::linkActivated, this, &InferMode::onMessageLink);

  auto* centre = new QWidget;
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->setSpacing(4);
  centreLayout->addWidget(view_, 1);
  centreLayout->addWidget(buildVideoBar());
  centreLayout->addWidget(filmstrip_);
  centreLayout->addWidget(buildProgressRow());
  statistics_ = new QLabel(tr("nothing predicted yet"));
  statistics_->setObjectName("inferStatistics");
  statistics_->setAlignment(Qt::AlignRight | Qt::AlignTop);
  statistics_->setToolTip(tr("Model: the network alone. Latency: from reading or capturing the frame to its "
                             "detections. Frames per second: while a video plays or the camera runs"));
  auto* statusRow = new QHBoxLayout;
  statusRow->addWidget(message_, 1);
  statusRow->addWidget(statistics_);
  centreLayout->addLayout(statusRow);

  auto* side = new QScrollArea;
  side->setWidget(buildSidePanel());
  side->setWidgetResizable(true);
  side->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  side->setMinimumWidth(side->widget()->sizeHint().width() + 24);

  auto* split = new QSplitter(Qt::Horizontal);
  split->addWidget(centre);
  split->addWidget(side);
  split->setStretchFactor(0, 1);
  split->setStretchFactor(1, 0);
  auto* layout = new QVBoxLayout(page_);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(split);
}

QWidget* InferMode::buildVideoBar() {
  videoBar_ = new QWidget;
  videoBar_->setObjectName("inferVideoBar");
  auto* layout = new QHBoxLayout(videoBar_);
  layout->setContentsMargins(0, 0, 0, 0);
  for (const char* name : {"previousButton", "playButton", "nextButton"}) {
    auto* button = new QToolButton(videoBar_);
    button->setObjectName(name);
    layout->addWidget(button);
  }
  seek_ = new QSlider(Qt::Horizontal, videoBar_);
  seek_->setObjectName("seekSlider");
  seek_->setRange(0, 0);
  connect(seek_, &QSlider::valueChanged, this, [this](int frame) { seek(frame); });
  layout->addWidget(seek_, 1);
  frameLabel_ = new QLabel(videoBar_);
  frameLabel_->setObjectName("frameLabel");
  frameLabel_->setMinimumWidth(frameLabel_->fontMetrics().horizontalAdvance("00000 / 00000  0:00.000") + 8);
  layout->addWidget(frameLabel_);
  layout->addWidget(new QLabel(tr("Frame rate"), videoBar_));
  fps_ = new QDoubleSpinBox(videoBar_);
  fps_->setObjectName("frameRate");
  fps_->setRange(0.5, 240);
  fps_->setDecimals(1);
  fps_->setValue(25);
  fps_->setSuffix(tr(" fps"));
  fps_->setToolTip(tr("Playback speed, and the frame rate of an exported video"));
  layout->addWidget(fps_);
  videoBar_->hide();
  return videoBar_;
}

QWidget* InferMode::buildProgressRow() {
  progressRow_ = new QWidget;
  progressRow_->setObjectName("inferProgressRow");
  auto* layout = new QHBoxLayout(progressRow_);
  layout->setContentsMargins(0, 0, 0, 0);
  progressLabel_ = new QLabel(progressRow_);
  layout->addWidget(progressLabel_);
  progress_ = new QProgressBar(progressRow_);
  progress_->setObjectName("inferProgress");
  layout->addWidget(progress_, 1);
  cancel_ = new QPushButton(tr("Stop"), progressRow_);
  cancel_->setObjectName("inferCancel");
  connect(cancel_, &QPushButton::clicked, this, [this] {
    cancelExport();
    cancelPreAnnotation();
  });
  layout->addWidget(cancel_);
  progressRow_->hide();
  return progressRow_;
}

QWidget* InferMode::buildSidePanel() {
  auto* panel = new QWidget;
  panel->setObjectName("inferSidePanel");
  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(6, 6, 6, 6);

  auto* modelBox = new QGroupBox(tr("Model"), panel);
  auto* modelLayout = new QVBoxLayout(modelBox);
  modelLayout->addWidget(modelPanel_);
  auto* loadButton = new QToolButton(modelBox);
  loadButton->setObjectName("loadModelButton");
  loadButton->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  modelLayout->addWidget(loadButton);
  layout->addWidget(modelBox);

  auto* sourceBox = new QGroupBox(tr("Source"), panel);
  auto* sourceLayout = new QVBoxLayout(sourceBox);
  auto* openRow = new QHBoxLayout;
  for (const char* name : {"openImageButton", "openFolderButton", "openVideoButton"}) {
    auto* button = new QToolButton(sourceBox);
    button->setObjectName(name);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    openRow->addWidget(button);
  }
  sourceLayout->addLayout(openRow);
  auto* cameraRow = new QHBoxLayout;
  cameraRow->addWidget(new QLabel(tr("Camera"), sourceBox));
  camera_ = new QComboBox(sourceBox);
  camera_->setObjectName("cameraChooser");
  camera_->setEditable(true);
  camera_->addItems({"0", "1", "2", "3"});
  camera_->setToolTip(tr("A camera index, a device path (/dev/video2) or a stream URL (rtsp://...)"));
  cameraRow->addWidget(camera_, 1);
  auto* cameraButton = new QToolButton(sourceBox);
  cameraButton->setObjectName("cameraButton");
  cameraRow->addWidget(cameraButton);
  sourceLayout->addLayout(cameraRow);
  layout->addWidget(sourceBox);

  auto* displayBox = new QGroupBox(tr("Display"), panel);
  auto* displayLayout = new QVBoxLayout(displayBox);
  auto* switches = new QHBoxLayout;
  for (const char* name : {"showMasksButton", "showBoxesButton", "showLabelsButton", "showScoresButton"}) {
    auto* button = new QToolButton(displayBox);
    button->setObjectName(name);
    switches->addWidget(button);
  }
  switches->addStretch();
  displayLayout->addLayout(switches);
  auto* thresholdRow = new QHBoxLayout;
  thresholdRow->addWidget(new QLabel(tr("Score threshold"), displayBox));
  threshold_ = new QSlider(Qt::Horizontal, displayBox);
  threshold_->setObjectName("scoreThreshold");
  threshold_->setRange(0, kThresholdSteps);
  threshold_->setValue(kThresholdSteps / 2);
  threshold_->setToolTip(tr("Detections with a lower score are not shown, exported or written"));
  thresholdRow->addWidget(threshold_, 1);
  thresholdLabel_ = new QLabel(QStringLiteral("0.50"), displayBox);
  thresholdLabel_->setObjectName("scoreThresholdValue");
  thresholdRow->addWidget(thresholdLabel_);
  displayLayout->addLayout(thresholdRow);
  connect(threshold_, &QSlider::valueChanged, this, [this] { setScoreThreshold(scoreThreshold()); });
  layout->addWidget(displayBox);

  auto* preBox = new QGroupBox(tr("Pre-annotate"), panel);
  auto* preLayout = new QVBoxLayout(preBox);
  auto* preForm = new QFormLayout;
  tolerance_ = new QDoubleSpinBox(preBox);
  tolerance_->setObjectName("polygonTolerance");
  tolerance_->setRange(0, 20);
  tolerance_->setSingleStep(0.5);
  tolerance_->setValue(inference::PreAnnotationOptions{}.tolerancePixels);
  tolerance_->setSuffix(tr(" px"));
  tolerance_->setToolTip(tr("How far a polygon may stray from the mask's outline: larger means fewer points"));
  preForm->addRow(tr("Polygon tolerance"), tolerance_);
  minimumArea_ = new QSpinBox(preBox);
  minimumArea_->setObjectName("minimumArea");
  minimumArea_->setRange(0, 100000);
  minimumArea_->setValue(static_cast<int>(inference::PreAnnotationOptions{}.minimumArea));
  minimumArea_->setSuffix(tr(" px²"));
  minimumArea_->setToolTip(tr("Pieces of a mask smaller than this are not written"));
  preForm->addRow(tr("Smallest piece"), minimumArea_);
  embedImage_ = new QCheckBox(tr("Save with image data"), preBox);
  embedImage_->setObjectName("embedImageData");
  preForm->addRow(embedImage_);
  preLayout->addLayout(preForm);
  for (const char* name : {"preAnnotateButton", "preAnnotateFolderButton"}) {
    auto* button = new QToolButton(preBox);
    button->setObjectName(name);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    preLayout->addWidget(button);
  }
  auto* afterRow = new QHBoxLayout;
  for (const char* name : {"undoPreAnnotationButton", "openInAnnotateButton"}) {
    auto* button = new QToolButton(preBox);
    button->setObjectName(name);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    afterRow->addWidget(button);
  }
  preLayout->addLayout(afterRow);
  layout->addWidget(preBox);

  log_ = new QPlainTextEdit(panel);
  log_->setObjectName("inferLog");
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(500);
  log_->setPlaceholderText(tr("What was loaded, exported and written appears here"));
  log_->setMinimumHeight(90);
  layout->addWidget(log_, 1);
  return panel;
}

} // namespace polytrain::ui::infer
