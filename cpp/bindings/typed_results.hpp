// Helpers to bind result structs of the core as Python classes with typed, read-only
// attributes (instead of dicts): vectors become read-only NumPy views that keep the
// result object alive, scalars and strings plain properties.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>
#include <vector>

#include "innozone/common/error.hpp"

namespace innozone::bindings {

/// A read-only NumPy view of `values` with `shape`; `owner` (the Python object holding the
/// vector) stays alive as long as the view does. No copy is made.
template <class T>
pybind11::array_t<T> readonly_view(const std::vector<T>& values,
                                   std::vector<pybind11::ssize_t> shape, pybind11::handle owner) {
  pybind11::ssize_t size = 1;
  for (const pybind11::ssize_t extent : shape) size *= extent;
  if (static_cast<std::size_t>(size) != values.size()) {
    throw InvalidInput("internal: a result array of " + std::to_string(values.size()) +
                       " values does not fit its shape");
  }
  pybind11::array_t<T> out(shape, values.data(), owner);
  out.attr("setflags")(pybind11::arg("write") = false);
  return out;
}

/// Bind `member` (a std::vector<T> of Struct) as a read-only array property whose shape is
/// computed from the struct by `shape(const Struct&)`.
template <class Struct, class T, class Class, class Shape>
void array_property(Class& cls, const char* name, std::vector<T> Struct::* member, Shape shape,
                    const char* doc) {
  cls.def_property_readonly(
      name,
      [member, shape](pybind11::object self) {
        const Struct& value = self.cast<const Struct&>();
        return readonly_view<T>(value.*member, shape(value), self);
      },
      doc);
}

/// A 1-D read-only array property (shape: the vector's length).
template <class Struct, class T, class Class>
void vector_property(Class& cls, const char* name, std::vector<T> Struct::* member,
                     const char* doc) {
  array_property<Struct, T>(
      cls, name, member,
      [member](const Struct& value) {
        return std::vector<pybind11::ssize_t>{
            static_cast<pybind11::ssize_t>((value.*member).size())};
      },
      doc);
}

}  // namespace innozone::bindings
