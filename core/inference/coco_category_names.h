#pragma once
// The 91 labels of torchvision's COCO-trained detection weights (index 0 is the background, "N/A" marks the ids
// COCO left unused), so that imported official weights say "person" rather than "class_1".
#include <string>
#include <vector>

namespace polytrain::inference {

/// Without the background: 90 names, label k is names[k - 1].
const std::vector<std::string>& torchvisionCocoCategoryNames();

} // namespace polytrain::inference
