#include "core/dataset/demo_data.h"

#include "core/annotation/labelme_writer.h"
#include "core/annotation/shape_rasterizer.h"
#include "core/common/atomic_file.h"
#include "core/common/parallel_for.h"
#include "core/dataset/random.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <mutex>

namespace polytrain::dataset {
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

cv::Mat3b background(cv::Size size, Random& random) {
  const int kind = random.integer(0, 2);
  const cv::Vec3d base(random.uniform(40, 215), random.uniform(40, 215), random.uniform(40, 215));
  cv::Mat3f image(size,
                  cv::Vec3f(static_cast<float>(base[0]), static_cast<float>(base[1]), static_cast<float>(base[2])));
  if (kind == 0) { // smooth blotches: coarse random grid scaled up
    const int cells = random.integer(3, 8);
    cv::Mat3f coarse(cells, cells);
    for (int y = 0; y < cells; ++y)
      for (int x = 0; x < cells; ++x)
        coarse(y, x) =
            cv::Vec3f(static_cast<float>(random.uniform(-50, 50)), static_cast<float>(random.uniform(-50, 50)),
                      static_cast<float>(random.uniform(-50, 50)));
    cv::Mat3f smooth;
    cv::resize(coarse, smooth, size, 0, 0, cv::INTER_CUBIC);
    image += smooth;
  } else if (kind == 1) { // stripes or checks
    const double period = random.uniform(8, 40);
    const double angle = random.uniform(0, kPi);
    const float amplitude = static_cast<float>(random.uniform(15, 45));
    const bool checks = random.chance(0.5);
    const double ca = std::cos(angle), sa = std::sin(angle);
    image.forEach([&](cv::Vec3f& pixel, const int* p) {
      const double u = (p[1] * ca + p[0] * sa) / period;
      const double v = (-p[1] * sa + p[0] * ca) / period;
      const double wave = checks ? std::sin(2 * kPi * u) * std::sin(2 * kPi * v) : std::sin(2 * kPi * u);
      pixel += cv::Vec3f::all(static_cast<float>(wave) * amplitude);
    });
  }
  // Every background gets pixel noise; the plain one ("noisy") gets a lot.
  cv::Mat3f noise(size);
  cv::RNG rng(random.raw());
  rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(kind == 2 ? 30 : 8));
  image += noise;
  cv::Mat3b out;
  image.convertTo(out, CV_8UC3);
  return out;
}

// A shape of class `kind` (index into demoClassNames) centred at `centre` with radius `radius`.
annotation::LabelmeShape makeShape(int kind, cv::Point2d centre, double radius, Random& random) {
  annotation::LabelmeShape shape;
  shape.label = demoClassNames()[static_cast<size_t>(kind)];
  const double rotation = random.uniform(0, 2 * kPi);
  const auto regular = [&](int corners, double inner) {
    std::vector<cv::Point2d> points;
    const int steps = inner > 0 ? corners * 2 : corners;
    for (int i = 0; i < steps; ++i) {
      const double r = (inner > 0 && i % 2 == 1) ? radius * inner : radius;
      const double a = rotation + 2 * kPi * i / steps;
      points.emplace_back(centre.x + r * std::cos(a), centre.y + r * std::sin(a));
    }
    return points;
  };
  switch (kind) {
  case 0:
    shape.shapeType = "circle";
    shape.points = {centre, {centre.x + radius * std::cos(rotation), centre.y + radius * std::sin(rotation)}};
    break;
  case 1:
    shape.points = regular(4, 0);
    break;
  case 2:
    shape.points = regular(3, 0);
    break;
  case 3:
    shape.points = regular(6, 0);
    break;
  default:
    shape.points = regular(5, 0.45);
    break;
  }
  for (cv::Point2d& p : shape.points) // two decimals, as a person clicking would give
    p = {std::round(p.x * 100) / 100, std::round(p.y * 100) / 100};
  return shape;
}

cv::Vec3b objectColour(Random& random) {
  cv::Mat3f hsv(1, 1,
                cv::Vec3f(static_cast<float>(random.uniform(0, 360)), static_cast<float>(random.uniform(0.6, 1)),
                          static_cast<float>(random.uniform(0.55, 1))));
  cv::Mat3f bgr;
  cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
  const cv::Vec3f c = bgr(0, 0) * 255.0f;
  return {cv::saturate_cast<uchar>(c[0]), cv::saturate_cast<uchar>(c[1]), cv::saturate_cast<uchar>(c[2])};
}

struct MadeImage {
  int instances = 0;
  std::vector<Error> errors;
};

MadeImage makeImage(const fs::path& folder, const std::string& stem, const DemoOptions& options, uint64_t seed) {
  MadeImage made;
  Random random(seed);
  const cv::Size size(options.width, options.height);
  cv::Mat3b image = background(size, random);
  annotation::LabelmeDocument document;
  document.version = annotation::kLabelmeWriteVersion;
  document.imagePath = stem + ".png";
  document.imageHeight = size.height;
  document.imageWidth = size.width;
  std::vector<cv::Mat1b> masks;
  const int wanted = random.integer(options.minObjects, options.maxObjects);
  const double smallSide = std::min(size.width, size.height);
  for (int object = 0, tries = 0; object < wanted && tries < 30 * wanted; ++tries) {
    const int kind = random.integer(0, static_cast<int>(demoClassNames().size()) - 1);
    const double radius = random.uniform(0.07, 0.22) * smallSide;
    const cv::Point2d centre(random.uniform(radius * 0.6, size.width - radius * 0.6),
                             random.uniform(radius * 0.6, size.height - radius * 0.6));
    annotation::LabelmeShape shape = makeShape(kind, centre, radius, random);
    const cv::Vec3b colour = objectColour(random);
    const annotation::MaskResult drawn = annotation::shapeToMask(size, shape);
    const int area = cv::countNonZero(drawn.mask);
    bool fits = !drawn.error && area > 40;
    for (size_t k = 0; fits && k < masks.size(); ++k) {
      const int common = cv::countNonZero(drawn.mask & masks[k]);
      fits = common <= options.maxOverlap * std::min(area, cv::countNonZero(masks[k]));
    }
    if (!fits)
      continue;
    // Shaded fill: the colour with a soft gradient and a little noise, painted through the mask.
    cv::Mat3f fill(size, cv::Vec3f(colour[0], colour[1], colour[2]));
    const double gx = random.uniform(-0.4, 0.4), gy = random.uniform(-0.4, 0.4);
    fill.forEach([&](cv::Vec3f& pixel, const int* p) {
      pixel *= static_cast<float>(1.0 + gx * (p[1] - centre.x) / radius * 0.5 + gy * (p[0] - centre.y) / radius * 0.5);
    });
    cv::Mat3b fill8;
    fill.convertTo(fill8, CV_8UC3);
    fill8.copyTo(image, drawn.mask);
    masks.push_back(drawn.mask);
    document.shapes.push_back(std::move(shape));
    ++object;
  }
  cv::Mat3f noise(size);
  cv::RNG rng(random.raw());
  rng.fill(noise, cv::RNG::NORMAL, cv::Scalar::all(0), cv::Scalar::all(4));
  cv::Mat3f noisy;
  image.convertTo(noisy, CV_32FC3);
  noisy += noise;
  noisy.convertTo(image, CV_8UC3);

  std::vector<uchar> png;
  cv::imencode(".png", image, png, {cv::IMWRITE_PNG_COMPRESSION, 1});
  const std::string imagePath = (folder / (stem + ".png")).string();
  if (std::optional<Error> failure =
          writeFileAtomically(imagePath, std::string_view(reinterpret_cast<const char*>(png.data()), png.size())))
    made.errors.push_back(*failure);
  if (std::optional<Error> failure = annotation::writeLabelmeFile((folder / (stem + ".json")).string(), document))
    made.errors.push_back(*failure);
  made.instances = static_cast<int>(document.shapes.size());
  return made;
}

} // namespace

const std::vector<std::string>& demoClassNames() {
  static const std::vector<std::string> names = {"circle", "square", "triangle", "hexagon", "star"};
  return names;
}

DemoResult makeDemoDataset(const std::string& outFolder, const DemoOptions& options) {
  DemoResult result;
  const fs::path root(outFolder);
  std::error_code error;
  for (const char* split : {"train", "test"}) {
    fs::create_directories(root / split, error);
    if (error) {
      result.errors.push_back({(root / split).string(), "", "cannot be created: " + error.message()});
      return result;
    }
  }
  std::string labels = "__ignore__\n_background_\n";
  for (const std::string& name : demoClassNames())
    labels += name + "\n";
  if (std::optional<Error> failure = writeFileAtomically((root / "labels.txt").string(), labels))
    result.errors.push_back(*failure);

  const int count = std::max(0, options.images);
  const int testCount = static_cast<int>(std::lround(count * std::clamp(options.testRatio, 0.0, 1.0)));
  result.testImages = testCount;
  result.trainImages = count - testCount;
  std::vector<MadeImage> made(static_cast<size_t>(count));
  parallelFor(made.size(), options.threads, [&](size_t i) {
    const bool test = static_cast<int>(i) >= count - testCount;
    char stem[32];
    std::snprintf(stem, sizeof stem, "shapes_%05zu", i);
    made[i] = makeImage(root / (test ? "test" : "train"), stem, options, mixSeed(options.seed, 0xDE30, i));
  });
  for (const MadeImage& one : made) {
    result.instances += one.instances;
    result.errors.insert(result.errors.end(), one.errors.begin(), one.errors.end());
  }
  return result;
}

} // namespace polytrain::dataset
