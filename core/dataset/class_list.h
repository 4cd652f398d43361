#pragma once
// The classes a dataset trains on, with stable ids: 0 is the background, objects count from 1.
// From a labels.txt as Labelme's labelme2coco.py reads it ("__ignore__" marks labels never trained as objects,
// "_background_" is id 0, the other names count up from 1 in line order) or collected from the data, sorted.
// Saved beside the dataset as classes.json so the ids stay the same when data is added later.
#include "core/common/error.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace polytrain::dataset {

inline constexpr const char* kIgnoreLabel = "__ignore__";
inline constexpr const char* kBackgroundLabel = "_background_";
inline constexpr const char* kClassesFileName = "classes.json";

struct ClassList {
  std::vector<std::string> names; // names[id]; names[0] is "_background_"
  bool backgroundListed = false;  // the labels file named "_background_" (labelme2coco then exports it as id 0)

  // The object class id (>= 1) of `label`, or nullopt for unknown labels, "__ignore__" and the background.
  std::optional<int> idOf(const std::string& label) const;
  int objectCount() const { return names.empty() ? 0 : static_cast<int>(names.size()) - 1; }
  bool empty() const { return objectCount() == 0; }
};

// The class list of a labels.txt's lines.
ClassList classesFromLabelLines(const std::vector<std::string>& lines);

// Reads a labels.txt. Errors name the file.
std::optional<ClassList> readLabelsFile(const std::string& path, Error* error);

// Sorted labels seen in the data ("__ignore__" and "_background_" left out).
ClassList classesFromLabels(const std::set<std::string>& labels);

// `saved` followed by the labels it lacks, sorted: ids already given never change.
ClassList extendClasses(const ClassList& saved, const std::set<std::string>& labels);

// classes.json: {"classes": [{"id": 1, "name": "circle"}, ...], "background_listed": false}.
std::string classesToJson(const ClassList& classes);
std::optional<ClassList> readClassesFile(const std::string& path, Error* error);

} // namespace polytrain::dataset
