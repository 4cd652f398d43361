#pragma once
// Natural ("human") ordering of file names: digit runs compare by value, so img2 < img10.
#include <string>
#include <vector>

namespace polytrain::dataset {

// True when `a` sorts before `b`: digit runs by numeric value (then by length, so "01" < "1" stays stable),
// other characters byte-wise.
bool naturalLess(const std::string& a, const std::string& b);

void naturalSort(std::vector<std::string>& items);

} // namespace polytrain::dataset
