#include "core/dataset/class_list.h"

#include "core/common/atomic_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

namespace polytrain::dataset {

std::optional<int> ClassList::idOf(const std::string& label) const {
  for (size_t id = 1; id < names.size(); ++id)
    if (names[id] == label)
      return static_cast<int>(id);
  return std::nullopt;
}

ClassList classesFromLabelLines(const std::vector<std::string>& lines) {
  ClassList classes;
  classes.names.push_back(kBackgroundLabel);
  for (std::string name : lines) {
    // labelme2coco strips each line.
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back())))
      name.pop_back();
    size_t start = 0;
    while (start < name.size() && std::isspace(static_cast<unsigned char>(name[start])))
      ++start;
    name = name.substr(start);
    if (name.empty() || name == kIgnoreLabel)
      continue;
    if (name == kBackgroundLabel) {
      classes.backgroundListed = true;
      continue;
    }
    if (std::find(classes.names.begin(), classes.names.end(), name) == classes.names.end())
      classes.names.push_back(name);
  }
  return classes;
}

std::optional<ClassList> readLabelsFile(const std::string& path, Error* error) {
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path, bytes)) {
    if (error)
      *error = *failure;
    return std::nullopt;
  }
  std::vector<std::string> lines;
  std::istringstream stream(bytes);
  for (std::string line; std::getline(stream, line);)
    lines.push_back(line);
  ClassList classes = classesFromLabelLines(lines);
  if (classes.empty()) {
    if (error)
      *error = {path, "", "names no object class"};
    return std::nullopt;
  }
  return classes;
}

ClassList classesFromLabels(const std::set<std::string>& labels) {
  return extendClasses({}, labels);
}

ClassList extendClasses(const ClassList& saved, const std::set<std::string>& labels) {
  ClassList classes = saved;
  if (classes.names.empty())
    classes.names.push_back(kBackgroundLabel);
  for (const std::string& label : labels) // std::set is sorted
    if (label != kIgnoreLabel && label != kBackgroundLabel && !classes.idOf(label))
      classes.names.push_back(label);
  return classes;
}

std::string classesToJson(const ClassList& classes) {
  nlohmann::ordered_json json;
  json["classes"] = nlohmann::ordered_json::array();
  for (size_t id = 1; id < classes.names.size(); ++id)
    json["classes"].push_back({{"id", id}, {"name", classes.names[id]}});
  json["background_listed"] = classes.backgroundListed;
  return json.dump(2) + "\n";
}

std::optional<ClassList> readClassesFile(const std::string& path, Error* error) {
  std::string bytes;
  if (std::optional<Error> failure = readWholeFile(path, bytes)) {
    if (error)
      *error = *failure;
    return std::nullopt;
  }
  const auto fail = [&](const std::string& pointer, const std::string& what) -> std::optional<ClassList> {
    if (error)
      *error = {path, pointer, what};
    return std::nullopt;
  };
  const nlohmann::json json = nlohmann::json::parse(bytes, nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return fail("", "is not a JSON object");
  if (!json.contains("classes") || !json["classes"].is_array())
    return fail("/classes", "missing or not an array");
  ClassList classes;
  classes.names.push_back(kBackgroundLabel);
  const auto& list = json["classes"];
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string pointer = "/classes/" + std::to_string(i);
    if (!list[i].is_object() || !list[i].contains("id") || !list[i]["id"].is_number_integer() ||
        !list[i].contains("name") || !list[i]["name"].is_string())
      return fail(pointer, "needs an integer id and a string name");
    if (list[i]["id"].get<long long>() != static_cast<long long>(i) + 1)
      return fail(pointer + "/id", "ids must count up from 1 without gaps");
    classes.names.push_back(list[i]["name"].get<std::string>());
  }
  classes.backgroundListed = json.value("background_listed", false);
  return classes;
}

} // namespace polytrain::dataset
