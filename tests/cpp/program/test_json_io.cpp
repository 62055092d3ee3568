// Loading, validating and saving program files: the round trip and every class of
// malformed input, each asserted at its JSON Pointer (docs/program-format.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "innozone/common/error.hpp"
#include "innozone/program/json_io.hpp"

namespace {

namespace fs = std::filesystem;
using innozone::NotFound;
using innozone::SchemaError;
using nlohmann::json;
namespace pm = innozone::program;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const std::string kFixture = std::string(INNOZONE_TEST_DATA_DIR) + "/programs/gimhae-mini.json";

json fixture() { return json::parse(read_text(kFixture)); }

// Load `text` and return the SchemaError (fails the test when none is thrown).
SchemaError load_error(const std::string& text) {
  try {
    pm::load_document(text);
  } catch (const SchemaError& error) {
    return error;
  }
  ADD_FAILURE() << "no SchemaError for: " << text.substr(0, 200);
  return SchemaError("", "none");
}

void expect_error(const json& document, const std::string& path, const std::string& words) {
  const SchemaError error = load_error(document.dump());
  EXPECT_EQ(error.path(), path) << error.what();
  EXPECT_NE(std::string(error.what()).find(words), std::string::npos) << error.what();
  EXPECT_NE(std::string(error.what()).find("(at " + (path.empty() ? "/" : path) + ")"),
            std::string::npos);
}

const std::string kIndicator0 = "/programs/0/phases/0/indicators/0";

TEST(ProgramJson, LoadsTheFixture) {
  const pm::Document document = pm::load_document_file(kFixture);
  EXPECT_EQ(document.dataset.id, "gimhae-mini");
  ASSERT_EQ(document.programs.size(), 2u);
  const pm::Program& zone = document.program("gimhae-gangso");
  EXPECT_EQ(zone.phases.size(), 2u);
  EXPECT_EQ(zone.phase("phase-2").budget->total->amount.krw(), 18e9);
  const pm::Indicator& linked = zone.indicator("phase-1", "tech_linked");
  EXPECT_EQ(linked.name.ko, "기술이전·출자");
  EXPECT_EQ(linked.observations.at(0).value, 209.0);
  EXPECT_EQ(linked.observations.at(0).period, pm::Period::window(2020, 2024));
  EXPECT_EQ(zone.indicator("phase-1", "investment").money_unit, pm::MoneyUnit::kEokwon);
  EXPECT_THROW((void)zone.indicator("", "nope"), NotFound);
  EXPECT_THROW((void)document.program("nope"), NotFound);
}

TEST(ProgramJson, RoundTripGivesAnEqualDocument) {
  const pm::Document first = pm::load_document_file(kFixture);
  const std::string text = pm::dump_document(first);
  const pm::Document second = pm::load_document(text);
  EXPECT_EQ(first, second);
  EXPECT_EQ(pm::dump_document(second), text);  // stable text
  pm::Document changed = second;
  changed.programs[0].phases[0].indicators[0].observations[0].value = 210;
  EXPECT_NE(first, changed);
}

TEST(ProgramJson, SaveIsAtomicAndRoundTrips) {
  const fs::path folder = fs::temp_directory_path() / "innozone-program-save-test";
  fs::remove_all(folder);
  fs::create_directories(folder);
  const std::string path = (folder / "doc.json").string();
  const pm::Document document = pm::load_document_file(kFixture);
  pm::save_document(document, path);
  EXPECT_EQ(pm::load_document_file(path), document);
  const std::string before = read_text(path);

  // An invalid document is refused and the file on disk stays as it was.
  pm::Document broken = document;
  broken.programs[0].phases[0].end_year = 2010;
  EXPECT_THROW(pm::save_document(broken, path), SchemaError);
  EXPECT_EQ(read_text(path), before);
  // No temporary file is left behind.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1);
  // A missing folder is an error, not a crash.
  EXPECT_THROW(pm::save_document(document, (folder / "missing" / "doc.json").string()),
               innozone::InvalidInput);
  fs::remove_all(folder);
}

TEST(ProgramJson, ValidateChecksDocumentsBuiltInCode) {
  pm::Document document = pm::load_document_file(kFixture);
  EXPECT_NO_THROW(pm::validate(document));
  document.programs[0].phases[0].indicators[0].observations[0].source = "nobody";
  try {
    pm::validate(document);
    FAIL();
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.path(), kIndicator0 + "/observations/0/source");
  }
}

TEST(ProgramJsonErrors, WrongType) {
  json doc = fixture();
  doc["programs"][0]["phases"][0]["end_year"] = "2024";
  expect_error(doc, "/programs/0/phases/0/end_year",
               "expected an integer for end_year, found \"2024\"");
  doc = fixture();
  doc["programs"][0]["phases"][0]["end_year"] = 2024.5;
  expect_error(doc, "/programs/0/phases/0/end_year", "found 2024.5");
  doc = fixture();
  doc["programs"][0]["phases"] = json::object();
  expect_error(doc, "/programs/0/phases", "expected an array of phases, found an object");
  doc = fixture();
  doc["programs"][0]["name"] = "Gimhae";
  expect_error(doc, "/programs/0/name", "found \"Gimhae\"");
  doc = fixture();
  doc["programs"][0]["name"] = json::object();
  expect_error(doc, "/programs/0/name", "at least one non-empty name");
  expect_error(json::array(), "", "expected an object for the document, found an array");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["id"] = "tech linked";
  expect_error(doc, kIndicator0 + "/id", "an id without spaces, found \"tech linked\"");
  doc = fixture();
  doc["dataset"]["id"] = "Gimhae Mini";
  expect_error(doc, "/dataset/id", "a dataset id of lower-case letters");
  doc = fixture();
  doc["programs"][0]["name"]["ko"] = "";
  expect_error(doc, "/programs/0/name/ko", "a non-empty string for ko");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][1]["money_unit"] = "억원";
  expect_error(doc, "/programs/0/phases/0/indicators/1/money_unit",
               "no money_unit on an indicator whose unit is not KRW");
}

TEST(ProgramJsonErrors, MissingField) {
  json doc = fixture();
  doc["programs"][0].erase("region");
  expect_error(doc, "/programs/0/region", "expected the required field region");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0].erase("confidence");
  expect_error(doc, kIndicator0 + "/observations/0/confidence", "found it missing");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0].erase("window");
  expect_error(doc, kIndicator0 + "/observations/0/year", "year or window, found neither");
  doc = fixture();
  doc.erase("schema_version");
  expect_error(doc, "/schema_version", "found it missing");
}

TEST(ProgramJsonErrors, UnknownUnitAndValues) {
  json doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["unit"] = "companies";
  expect_error(doc, kIndicator0 + "/unit", "found \"companies\"");
  doc = fixture();
  doc["programs"][0]["phases"][1]["budget"]["total"]["unit"] = "USD";
  expect_error(doc, "/programs/0/phases/1/budget/total/unit", "a money unit, found \"USD\"");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["kind"] = "running";
  expect_error(doc, kIndicator0 + "/kind", "one of flow, cumulative, stock, ratio");
  doc = fixture();
  doc["programs"][0]["phases"][1]["components"][0]["tags"][0] = "magic";
  expect_error(doc, "/programs/0/phases/1/components/0/tags/0", "a component tag");
  doc = fixture();
  doc["programs"][0]["extra"] = 1;
  expect_error(doc, "/programs/0/extra", "unknown field \"extra\"");
  doc = fixture();
  doc["sources"][0]["date"] = "2025-02-30";
  expect_error(doc, "/sources/0/date", "a date YYYY, YYYY-MM or YYYY-MM-DD");
  doc = fixture();
  doc["programs"][0]["id"] = "Gimhae Zone";
  expect_error(doc, "/programs/0/id", "a program id of lower-case letters");
  doc = fixture();
  doc["programs"][0]["indicators"][0]["observations"][0]["year"] = 1066;
  expect_error(doc, "/programs/0/indicators/0/observations/0/year", "a year between 1900 and 2200");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0]["year"] = 2024;
  expect_error(doc, kIndicator0 + "/observations/0/window", "either year or window, found both");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0].erase("window");
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0]["year"] = 2024;
  expect_error(doc, kIndicator0 + "/observations/0/year", "a window [start, end] for a cumulative");
}

TEST(ProgramJsonErrors, NegativeMoneyAndCounts) {
  json doc = fixture();
  doc["programs"][0]["phases"][1]["budget"]["lines"][0]["amount"] = -90;
  expect_error(doc, "/programs/0/phases/1/budget/lines/0/amount",
               "a non-negative amount of money, found -90");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][3]["observations"][0]["value"] = -1;
  expect_error(doc, "/programs/0/phases/0/indicators/3/observations/0/value",
               "money cannot be negative");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][1]["observations"][0]["value"] = -44;
  expect_error(doc, "/programs/0/phases/0/indicators/1/observations/0/value",
               "a non-negative value for unit firms");
}

TEST(ProgramJsonErrors, EndYearBeforeStart) {
  json doc = fixture();
  doc["programs"][0]["phases"][0]["end_year"] = 2019;
  expect_error(doc, "/programs/0/phases/0/end_year",
               "expected an end_year >= start_year 2020, found 2019");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0]["window"] = {2024, 2020};
  expect_error(doc, kIndicator0 + "/observations/0/window/1", "end year >= its start 2024");
  doc = fixture();
  doc["programs"][0]["indicators"][3]["relation"]["to"] = 2020;
  expect_error(doc, "/programs/0/indicators/3/relation/to", "a year after from (2020)");
}

TEST(ProgramJsonErrors, DuplicateIds) {
  json doc = fixture();
  doc["sources"][1]["id"] = "aju-2025-01-21";
  expect_error(doc, "/sources/1/id", "\"aju-2025-01-21\" again (first at /sources/0/id)");
  doc = fixture();
  doc["programs"][1]["id"] = "gimhae-gangso";
  expect_error(doc, "/programs/1/id", "a unique program id");
  doc = fixture();
  doc["programs"][0]["phases"][1]["id"] = "phase-1";
  expect_error(doc, "/programs/0/phases/1/id", "a unique phase id");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][2]["id"] = "tech_linked";
  expect_error(doc, "/programs/0/phases/0/indicators/2/id", "a unique indicator id");
  doc = fixture();
  doc["programs"][0]["phases"][1]["components"][1]["id"] = "pipeline";
  expect_error(doc, "/programs/0/phases/1/components/1/id", "a unique component id");
}

TEST(ProgramJsonErrors, DanglingReferences) {
  json doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["observations"][0]["source"] = "blog";
  expect_error(doc, kIndicator0 + "/observations/0/source",
               "the id of a source listed in /sources, found \"blog\"");
  doc = fixture();
  doc["programs"][0]["phases"][1]["budget"]["lines"][0]["component"] = "rocket";
  expect_error(doc, "/programs/0/phases/1/budget/lines/0/component",
               "a component of phase 'phase-2'");
  doc = fixture();
  doc["programs"][0]["indicators"][2]["relation"]["whole"] = "all_firms";
  expect_error(doc, "/programs/0/indicators/2/relation/whole", "found \"all_firms\"");
  doc = fixture();
  doc["programs"][0]["phases"][0]["indicators"][0]["component"] = "pipeline";
  expect_error(doc, kIndicator0 + "/component", "a component of phase 'phase-1'");
  doc = fixture();
  doc["programs"][0]["notes"][0]["source"] = "rumour";
  expect_error(doc, "/programs/0/notes/0/source", "found \"rumour\"");
}

TEST(ProgramJsonErrors, NanInfinityAndSyntax) {
  std::string text = fixture().dump();
  const std::string needle = "\"value\":209";
  ASSERT_NE(text.find(needle), std::string::npos);
  std::string nan_text = text;
  nan_text.replace(nan_text.find(needle), needle.size(), "\"value\":NaN");
  SchemaError error = load_error(nan_text);
  EXPECT_EQ(error.path(), kIndicator0 + "/observations/0/value");
  EXPECT_NE(std::string(error.what()).find("expected valid JSON"), std::string::npos);

  std::string inf_text = text;
  inf_text.replace(inf_text.find(needle), needle.size(), "\"value\":1e400");
  error = load_error(inf_text);
  EXPECT_EQ(error.path(), kIndicator0 + "/observations/0/value");
  EXPECT_NE(std::string(error.what()).find("expected a finite number, found 1e400"),
            std::string::npos);

  error = load_error(text.substr(0, text.size() / 2));
  EXPECT_NE(std::string(error.what()).find("syntax error"), std::string::npos);
  // Syntax errors name the line and the column (in characters).
  error = load_error("{\n  \"schema_version\": 1,\n  \"sources\": [}\n");
  EXPECT_NE(std::string(error.what()).find("syntax error at line 3, column 15"), std::string::npos)
      << error.what();
  error = load_error("{\"dataset\": {\"title\": {\"ko\": \"김해\"}} x}");
  EXPECT_NE(std::string(error.what()).find("line 1, column 37"), std::string::npos) << error.what();
  error = load_error("");
  EXPECT_EQ(error.path(), "");
}

TEST(ProgramJsonErrors, UnknownSchemaVersion) {
  json doc = fixture();
  doc["schema_version"] = 2;
  expect_error(doc, "/schema_version",
               "expected schema_version 1 (the only version this "
               "innozone reads), found 2");
}

TEST(ProgramJsonErrors, NonUtf8) {
  std::string text = fixture().dump();
  const std::string needle = "Kuki News";
  text.replace(text.find(needle), needle.size(), "Kuki \xff\xfe News");
  const SchemaError error = load_error(text);
  EXPECT_EQ(error.path(), "/sources/1/publisher");
  EXPECT_NE(std::string(error.what()).find("expected UTF-8 text"), std::string::npos);
}

TEST(ProgramJsonErrors, NestingTooDeepNeverCrashes) {
  json doc = fixture();
  doc["programs"][0]["description"] = "placeholder";
  std::string text = doc.dump();
  const std::string needle = "\"placeholder\"";
  for (const int depth : {100, 1000000}) {
    std::string deep = text;
    deep.replace(deep.find(needle), needle.size(),
                 std::string(static_cast<std::size_t>(depth), '[') +
                     std::string(static_cast<std::size_t>(depth), ']'));
    const SchemaError error = load_error(deep);
    EXPECT_EQ(error.path().rfind("/programs/0/description", 0), 0u) << error.path();
    EXPECT_NE(std::string(error.what()).find("at most 64 nested"), std::string::npos);
  }
}

TEST(ProgramJsonErrors, DuplicateKeys) {
  const std::string text = R"({"schema_version": 1, "sources": [], "sources": [], "programs": []})";
  const SchemaError error = load_error(text);
  EXPECT_EQ(error.path(), "/sources");
  EXPECT_NE(std::string(error.what()).find("twice"), std::string::npos);
}

TEST(ProgramJsonErrors, RelationOnlyOnRatioIndicators) {
  json doc = fixture();
  doc["programs"][0]["indicators"][2]["kind"] = "stock";
  expect_error(doc, "/programs/0/indicators/2/kind", "kind ratio for an indicator with a relation");
  doc = fixture();
  doc["programs"][0]["indicators"][2]["relation"]["part"] = "firms_4plus_share";
  expect_error(doc, "/programs/0/indicators/2/relation/part", "cannot name itself");
}

TEST(ProgramJson, LoadProgramAlone) {
  const json doc = fixture();
  const pm::Document document = pm::load_document(doc.dump());
  const pm::Program program = pm::load_program(doc["programs"][1].dump(), document.sources);
  EXPECT_EQ(program, document.programs[1]);
  try {
    pm::load_program(doc["programs"][1].dump(), {});
    FAIL();
  } catch (const SchemaError& error) {
    EXPECT_EQ(error.path(), "/indicators/0/observations/0/source");
  }
  EXPECT_EQ(pm::load_program(pm::dump_program(program), document.sources), program);
}

TEST(ProgramJson, MissingFileIsNotFound) {
  EXPECT_THROW(pm::load_document_file("/nonexistent/innozone.json"), NotFound);
}

}  // namespace

namespace {

// Every prefix of a valid file, and every single-byte corruption of a short document, is
// either a valid document or a SchemaError: never a crash, a hang or another exception.
TEST(ProgramJsonErrors, TruncatedAndCorruptedInputOnlyRaiseSchemaError) {
  const std::string text = read_text(kFixture);
  for (std::size_t length = 0; length < text.size(); length += 7) {
    EXPECT_THROW(pm::load_document(text.substr(0, length)), SchemaError) << length;
  }
  const std::string small =
      R"({"schema_version":1,"sources":[{"id":"s","publisher":"p","title":"t","date":"2025"}],"programs":[{"id":"p","name":{"en":"P"},"kind":"k","region":{"en":"R"},"phases":[{"id":"a","start_year":2020,"end_year":2024}]}]})";
  ASSERT_NO_THROW(pm::load_document(small));
  int rejected = 0;
  for (std::size_t i = 0; i < small.size(); ++i) {
    for (const char replacement : {'\0', '"', '{', ']', '9', '-', '\xff', 'x'}) {
      std::string corrupt = small;
      corrupt[i] = replacement;
      try {
        pm::load_document(corrupt);
      } catch (const SchemaError&) {
        ++rejected;
      }
    }
  }
  EXPECT_GT(rejected, static_cast<int>(small.size()) * 4);
}

}  // namespace
