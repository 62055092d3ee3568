#include "innozone/common/error.hpp"

#include <sstream>

namespace innozone {

std::string format_value(double value, int digits) {
  std::ostringstream out;
  out.precision(digits);
  out << value;
  return out.str();
}

}  // namespace innozone
