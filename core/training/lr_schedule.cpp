#include "core/training/lr_schedule.h"

#include <algorithm>
#include <cmath>

namespace polytrain::training {

double learningRateAt(const TrainingConfig& config, long iteration, long totalIterations) {
  const double base = config.learningRate;
  double factor = 1.0;
  switch (config.schedule) {
  case LrSchedule::Constant:
    break;
  case LrSchedule::Step:
    for (const double milestone : config.stepMilestones)
      if (iteration >= std::lround(milestone * static_cast<double>(totalIterations)))
        factor *= config.stepGamma;
    break;
  case LrSchedule::Cosine: {
    const double span = static_cast<double>(std::max(1L, totalIterations - 1));
    const double progress = std::clamp(static_cast<double>(iteration) / span, 0.0, 1.0);
    factor = kCosineFinalFactor + (1.0 - kCosineFinalFactor) * 0.5 * (1.0 + std::cos(M_PI * progress));
    break;
  }
  }
  if (iteration < config.warmupIterations) {
    const double alpha = static_cast<double>(iteration) / static_cast<double>(config.warmupIterations);
    factor *= config.warmupFactor * (1.0 - alpha) + alpha;
  }
  return base * factor;
}

} // namespace polytrain::training
