#pragma once
// Seeded training augmentation. Geometric steps move the image and every mask together and the boxes are
// recomputed from the moved masks, so a box is always the box of its mask; instances that leave the image are
// dropped and counted.
#include "core/dataset/random.h"
#include "core/dataset/training_sample.h"

namespace polytrain::dataset {

struct AugmentOptions {
  double horizontalFlip = 0.5; // probability
  double scaleMin = 1.0;       // scale jitter: the image is resized by a factor drawn from [scaleMin, scaleMax]
  double scaleMax = 1.0;
  // Photometric jitter as torchvision's ColorJitter: factors drawn from [1 - x, 1 + x]; hue shift from [-hue, hue]
  // in turns of the colour circle (at most 0.5).
  double brightness = 0.0;
  double contrast = 0.0;
  double saturation = 0.0;
  double hue = 0.0;
  double rotationDegrees = 0.0; // rotation about the centre by an angle from [-r, r], same canvas, zero fill
  double cropProbability = 0.0; // random crop of each side to a fraction drawn from [cropMinScale, 1]
  double cropMinScale = 0.6;
  DegenerateRule degenerate;

  // Flip 0.5, scale 0.8-1.2, brightness/contrast/saturation 0.2, hue 0.02: what training uses by default.
  static AugmentOptions trainingDefaults();
};

struct AugmentResult {
  TrainingSample sample;
  int droppedInstances = 0;
};

// Never modifies `input` (its image may be shared with an image cache).
AugmentResult augmentSample(const TrainingSample& input, const AugmentOptions& options, Random& random);

// The photometric part alone (brightness, contrast, saturation, hue with the given factors, in that order).
cv::Mat adjustColours(const cv::Mat& bgr, double brightness, double contrast, double saturation, double hueShift);

} // namespace polytrain::dataset
