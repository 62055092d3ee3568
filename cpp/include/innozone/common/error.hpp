/// @file error.hpp
/// @brief The exception types of the innozone core.
///
/// Every error the core raises derives from one of four standard exceptions, so the
/// bindings can translate them to the matching Python class:
///   InvalidInput   (std::invalid_argument) -> innozone.InvalidInputError (ValueError)
///   SchemaError    (InvalidInput)          -> innozone.SchemaError       (ValueError)
///   NotFound       (std::out_of_range)     -> innozone.NotFoundError     (KeyError)
///   OutOfRange     (std::out_of_range)     -> innozone.OutOfRangeError   (IndexError)
///   NumericalError (std::runtime_error)    -> innozone.NumericalError    (ArithmeticError)
///   Cancelled      (std::runtime_error)    -> KeyboardInterrupt
/// Messages always name the offending value and, where there is one, the place
/// (a JSON path, a column, a year).
#pragma once

#include <stdexcept>
#include <string>

namespace innozone {

/// A number written for an error message: up to `digits` significant digits, so the
/// message shows the value the caller passed (e.g. 1e+300, nan, -0.5).
std::string format_value(double value, int digits = 10);

/// Bad input: a value of the wrong kind, outside its domain, or inconsistent with others.
class InvalidInput : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// A document does not follow the program format. `path()` is a JSON Pointer
/// (RFC 6901) such as "/programs/0/phases/1/start_year".
class SchemaError : public InvalidInput {
 public:
  SchemaError(std::string path, const std::string& message)
      : InvalidInput(message + " (at " + (path.empty() ? std::string("/") : path) + ")"),
        path_(std::move(path)) {}
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// A lookup by id or name found nothing.
class NotFound : public std::out_of_range {
 public:
  using std::out_of_range::out_of_range;
};

/// An index or year outside the valid range.
class OutOfRange : public std::out_of_range {
 public:
  using std::out_of_range::out_of_range;
};

/// A computation that cannot produce a trustworthy number (no IRR root, singular
/// matrix, a fit that is not identified, ...).
class NumericalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A long computation stopped because the caller asked it to (progress callback
/// returned false, or Ctrl-C in Python).
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("computation cancelled") {}
};

}  // namespace innozone
