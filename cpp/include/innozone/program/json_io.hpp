/// @file json_io.hpp
/// @brief Reading, validating and writing program files (JSON, schema version 1).
///
/// Every malformed input raises innozone::SchemaError whose path() is the JSON Pointer of
/// the bad place and whose message says what was expected and what was found. The
/// reader never recurses deeper than kMaxDepth levels and rejects non-UTF-8 text,
/// duplicate keys, NaN and infinities.
#pragma once

#include <string>
#include <vector>

#include "innozone/program/model.hpp"

namespace innozone::program {

/// Deepest nesting of arrays and objects accepted in a program file.
inline constexpr int kMaxDepth = 64;

/// Parse and validate a program file's text.
Document load_document(const std::string& text);

/// Read and validate a program file. Throws NotFound when the file cannot be opened.
Document load_document_file(const std::string& path);

/// Parse and validate one program object (the `programs[i]` shape) whose `source`
/// fields refer to `sources`. Error paths are relative to the program object.
Program load_program(const std::string& text, const std::vector<Source>& sources);

/// The document as JSON text (keys in the order of the format; 2-space indent when
/// `indent` >= 0, compact when -1).
std::string dump_document(const Document& document, int indent = 2);

/// One program as a JSON object's text.
std::string dump_program(const Program& program, int indent = 2);

/// Check a document built in code with the same rules as the loader (throws SchemaError).
void validate(const Document& document);

/// Validate, then write the document atomically: the text goes to a temporary file in
/// the same folder, is flushed to disk and renamed over `path`, so `path` is never left
/// half written. Throws InvalidInput when the folder is missing or not writable.
void save_document(const Document& document, const std::string& path);

}  // namespace innozone::program
