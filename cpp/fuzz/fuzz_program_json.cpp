// libFuzzer target: the JSON program loader.
//
// For any byte string the loader must either return a valid Document or throw
// innozone::InvalidInput (SchemaError is one); anything else (another exception type,
// a crash, a sanitizer report, a hang) is a bug. A document that loads must also save
// and load back to an equal document, and the consistency checker must run on it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "innozone/common/error.hpp"
#include "innozone/program/checker.hpp"
#include "innozone/program/json_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  innozone::program::Document document;
  try {
    document = innozone::program::load_document(text);
  } catch (const innozone::InvalidInput&) {
    return 0;  // a clear, typed error: the expected outcome for broken input
  }
  const std::string saved = innozone::program::dump_document(document);
  const innozone::program::Document reloaded = innozone::program::load_document(saved);
  if (!(reloaded == document)) {
    std::fprintf(stderr, "round trip changed the document:\n%s\n", saved.c_str());
    std::abort();
  }
  static_cast<void>(innozone::program::check(document));
  return 0;
}
