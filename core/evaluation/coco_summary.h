#pragma once
#include "core/evaluation/coco_evaluator.h"

#include <string>

namespace polytrain::evaluation {

// The 12 lines of pycocotools' COCOeval.summarize(), e.g.
//  Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.504
std::string formatCocoSummary(const CocoEvaluation& evaluation);

} // namespace polytrain::evaluation
