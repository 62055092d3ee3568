// innozone._core.program: the program model, its JSON format, money, queries and checker.
// Enumerations cross the boundary as their format strings ("actual", "억원", ...).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <string>
#include <vector>

#include "bindings.hpp"
#include "innozone/common/error.hpp"
#include "innozone/program/checker.hpp"
#include "innozone/program/json_io.hpp"
#include "innozone/program/money.hpp"
#include "innozone/program/query.hpp"

namespace py = pybind11;

namespace innozone::bindings {

namespace {

namespace pm = innozone::program;

// A year (int), a window ((start, end) or "2020-2024") or "2024".
pm::Period to_period(const py::handle& value, const char* name) {
  if (py::isinstance<py::bool_>(value)) {
    throw InvalidInput(std::string(name) + " must be a year or a (start, end) window, got a bool");
  }
  if (py::isinstance<py::int_>(value)) {
    return pm::Period::year(value.cast<int>());
  }
  if (py::isinstance<py::tuple>(value) || py::isinstance<py::list>(value)) {
    const auto items = value.cast<std::vector<int>>();
    if (items.size() != 2 || items[1] < items[0]) {
      throw InvalidInput(std::string(name) + " must be a window (start, end) with end >= start");
    }
    return pm::Period::window(items[0], items[1]);
  }
  if (py::isinstance<py::str>(value)) {
    const auto text = value.cast<std::string>();
    const auto dash = text.find('-');
    try {
      if (dash == std::string::npos) {
        return pm::Period::year(std::stoi(text));
      }
      return pm::Period::window(std::stoi(text.substr(0, dash)), std::stoi(text.substr(dash + 1)));
    } catch (const std::logic_error&) {
      throw InvalidInput(std::string(name) + " must look like 2024 or 2020-2024, got '" + text +
                         "'");
    }
  }
  throw InvalidInput(std::string(name) + " must be a year or a (start, end) window");
}

template <typename Enum>
Enum from_string(const std::string& text, const char* name, std::initializer_list<Enum> values) {
  std::string names;
  for (const Enum value : values) {
    if (text == pm::to_string(value)) {
      return value;
    }
    names += (names.empty() ? "" : ", ") + std::string(pm::to_string(value));
  }
  throw InvalidInput(std::string(name) + " must be one of " + names + ", got '" + text + "'");
}

std::optional<pm::Role> to_role(const std::optional<std::string>& text) {
  if (!text) {
    return std::nullopt;
  }
  return from_string(*text, "role",
                     {pm::Role::kBaseline, pm::Role::kTarget, pm::Role::kActual, pm::Role::kDerived,
                      pm::Role::kProjection});
}

pm::BudgetRole to_budget_role(const std::string& text) {
  return from_string(text, "role", {pm::BudgetRole::kPlan, pm::BudgetRole::kActual});
}

pm::FundingSource to_funding(const std::string& text) {
  return from_string(
      text, "funding_source",
      {pm::FundingSource::kTotal, pm::FundingSource::kNational, pm::FundingSource::kLocal,
       pm::FundingSource::kPrivate, pm::FundingSource::kOther});
}

py::object period_year(const pm::Period& period) {
  return period.is_window ? py::object(py::none()) : py::object(py::int_(period.start));
}

py::object period_window(const pm::Period& period) {
  return period.is_window ? py::object(py::make_tuple(period.start, period.end))
                          : py::object(py::none());
}

// Long (tidy) table of every observation of a document, one vector per column (the
// facade turns it into a DataFrame). Years are -1 where the period is not a year / window.
struct ObservationTable {
  std::vector<std::string> program, phase, indicator, name_en, name_ko, role, unit, kind,
      confidence, source, note, date, date_basis, coverage;
  std::vector<int> year, window_start, window_end;
  std::vector<double> value, covered_years;
  std::vector<bool> superseded;
};

ObservationTable observation_table(const pm::Document& document) {
  ObservationTable t;
  auto add = [&t](const pm::Program& p, const std::string& phase_id, const pm::Indicator& item) {
    const std::vector<bool> old = pm::superseded(item);
    for (std::size_t i = 0; i < item.observations.size(); ++i) {
      const pm::Observation& o = item.observations[i];
      t.program.push_back(p.id);
      t.phase.push_back(phase_id);
      t.indicator.push_back(item.id);
      t.name_en.push_back(item.name.best_en());
      t.name_ko.push_back(item.name.best_ko());
      t.year.push_back(o.period.is_window ? -1 : o.period.start);
      t.window_start.push_back(o.period.is_window ? o.period.start : -1);
      t.window_end.push_back(o.period.is_window ? o.period.end : -1);
      t.role.push_back(pm::to_string(o.role));
      t.value.push_back(o.value);
      t.unit.push_back(item.display_unit());
      t.kind.push_back(pm::to_string(item.kind));
      t.confidence.push_back(pm::to_string(o.confidence));
      t.source.push_back(o.source);
      t.note.push_back(o.note);
      t.date.push_back(o.effective_date());
      t.date_basis.push_back(!o.date.empty() ? "observation"
                                             : (o.source_date.empty() ? "" : "source"));
      const pm::Coverage c = pm::coverage(o);
      t.covered_years.push_back(c.years);
      t.coverage.push_back(pm::to_string(c.status));
      t.superseded.push_back(old[i]);
    }
  };
  for (const auto& p : document.programs) {
    for (const auto& ph : p.phases) {
      for (const auto& item : ph.indicators) {
        add(p, ph.id, item);
      }
    }
    for (const auto& item : p.indicators) {
      add(p, "", item);
    }
  }
  return t;
}

pm::Document single(const pm::Document& document, const std::string& program_id) {
  pm::Document out;
  out.schema_version = document.schema_version;
  out.dataset = document.dataset;
  out.sources = document.sources;
  out.programs.push_back(document.program(program_id));
  return out;
}

const pm::Indicator& find_indicator(const pm::Document& document, const std::string& program_id,
                                    const std::optional<std::string>& phase_id,
                                    const std::string& indicator_id) {
  return document.program(program_id).indicator(phase_id.value_or(""), indicator_id);
}

}  // namespace

void register_program(py::module_& parent) {
  py::module_ m = parent.def_submodule(
      "program", "The program model: JSON format, money, queries and the consistency checker.");
  m.attr("SCHEMA_VERSION") = pm::kSchemaVersion;
  m.attr("MAX_DEPTH") = pm::kMaxDepth;
  m.attr("INDICATOR_UNITS") = pm::indicator_units();
  m.attr("COMPONENT_TAGS") = pm::component_tags();

  // --- money -----------------------------------------------------------------
  m.def(
      "parse_money",
      [](const std::string& text) {
        const pm::Money money = pm::parse_money(text);
        return py::make_tuple(money.krw(), money.amount(), pm::money_unit_name(money.unit()));
      },
      py::arg("text"), "Parse Korean money text; returns (krw, amount, unit).");
  m.def(
      "format_money",
      [](double krw, const std::string& unit, int decimals) {
        return pm::format_money(krw, pm::parse_money_unit(unit), decimals);
      },
      py::arg("krw"), py::arg("unit") = "억원", py::arg("decimals") = -1,
      "Format won in a unit: format_money(1.03e11, '억원') == '1,030억원'.");
  m.def(
      "money_unit_factor",
      [](const std::string& unit) { return pm::money_unit_factor(pm::parse_money_unit(unit)); },
      py::arg("unit"), "Won per unit (억원 -> 1e8).");
  m.def(
      "canonical_money_unit",
      [](const std::string& unit) { return pm::money_unit_name(pm::parse_money_unit(unit)); },
      py::arg("unit"), "The canonical spelling of a money unit (KRW -> 원, 억 -> 억원).");
  m.def("format_number", &pm::format_number, py::arg("value"), py::arg("decimals") = -1,
        "A number with thousands separators.");

  // --- model (read-only views) ------------------------------------------------
  py::class_<pm::Text>(m, "Text")
      .def_readonly("ko", &pm::Text::ko)
      .def_readonly("en", &pm::Text::en)
      .def("__repr__",
           [](const pm::Text& t) { return "Text(ko='" + t.ko + "', en='" + t.en + "')"; });

  py::class_<pm::Source>(m, "Source")
      .def_readonly("id", &pm::Source::id)
      .def_readonly("publisher", &pm::Source::publisher)
      .def_readonly("title", &pm::Source::title)
      .def_readonly("date", &pm::Source::date)
      .def_readonly("url", &pm::Source::url)
      .def_readonly("note", &pm::Source::note);

  // Before Observation, whose `coverage` property returns it (pybind11 names the Python type
  // in the signature only when it is already registered).
  py::class_<pm::Coverage>(m, "Coverage", "How far an observation's data reach into its period.")
      .def_readonly("years", &pm::Coverage::years)
      .def_property_readonly("status",
                             [](const pm::Coverage& c) { return pm::to_string(c.status); })
      .def_readonly("through", &pm::Coverage::through)
      .def("__repr__", [](const pm::Coverage& c) {
        return "Coverage(" + pm::format_number(c.years, 3) + " years, " + pm::to_string(c.status) +
               (c.through.empty() ? std::string() : ", through " + c.through) + ")";
      });

  py::class_<pm::Observation>(m, "Observation")
      .def_readonly("value", &pm::Observation::value)
      .def_property_readonly("year", [](const pm::Observation& o) { return period_year(o.period); })
      .def_property_readonly("window",
                             [](const pm::Observation& o) { return period_window(o.period); })
      .def_property_readonly("period", [](const pm::Observation& o) { return o.period.label(); })
      .def_readonly("date", &pm::Observation::date)
      .def_property_readonly("role", [](const pm::Observation& o) { return pm::to_string(o.role); })
      .def_readonly("source", &pm::Observation::source)
      .def_property_readonly("confidence",
                             [](const pm::Observation& o) { return pm::to_string(o.confidence); })
      .def_readonly("note", &pm::Observation::note)
      .def_readonly("source_date", &pm::Observation::source_date)
      .def_property_readonly("effective_date", &pm::Observation::effective_date)
      .def_property_readonly("coverage", [](const pm::Observation& o) { return pm::coverage(o); })
      .def("__repr__", [](const pm::Observation& o) {
        return "Observation(" + pm::format_number(o.value) + ", " + o.period.label() + ", " +
               pm::to_string(o.role) + ")";
      });

  py::class_<pm::Relation>(m, "Relation", "What a ratio indicator claims to be.")
      .def_property_readonly("type", [](const pm::Relation& r) { return pm::to_string(r.type); })
      .def_readonly("part", &pm::Relation::part)
      .def_readonly("whole", &pm::Relation::whole)
      .def_readonly("of", &pm::Relation::of)
      .def_readonly("from_year", &pm::Relation::from)
      .def_readonly("to_year", &pm::Relation::to)
      .def_readonly("parts", &pm::Relation::parts)
      .def_readonly("total", &pm::Relation::total)
      .def("__repr__", [](const pm::Relation& r) {
        return std::string("Relation('") + pm::to_string(r.type) + "')";
      });

  py::class_<pm::Indicator>(m, "Indicator")
      .def_readonly("id", &pm::Indicator::id)
      .def_readonly("name", &pm::Indicator::name)
      .def_readonly("unit", &pm::Indicator::unit)
      .def_property_readonly("money_unit",
                             [](const pm::Indicator& i) -> py::object {
                               if (!i.money_unit) {
                                 return py::none();
                               }
                               return py::str(pm::money_unit_name(*i.money_unit));
                             })
      .def_property_readonly("display_unit", &pm::Indicator::display_unit)
      .def_property_readonly("kind", [](const pm::Indicator& i) { return pm::to_string(i.kind); })
      .def_property_readonly("direction",
                             [](const pm::Indicator& i) { return pm::to_string(i.direction); })
      .def_readonly("component", &pm::Indicator::component)
      .def_property_readonly("relation",
                             [](const pm::Indicator& i) -> std::optional<pm::Relation> {
                               if (i.relation.type == pm::RelationType::kNone) {
                                 return std::nullopt;
                               }
                               return i.relation;
                             })
      .def_readonly("observations", &pm::Indicator::observations)
      .def("__repr__", [](const pm::Indicator& i) {
        return "Indicator('" + i.id + "', " + i.display_unit() + ", " + pm::to_string(i.kind) +
               ", " + std::to_string(i.observations.size()) + " observations)";
      });

  py::class_<pm::Component>(m, "Component")
      .def_readonly("id", &pm::Component::id)
      .def_readonly("name", &pm::Component::name)
      .def_readonly("description", &pm::Component::description)
      .def_readonly("tags", &pm::Component::tags)
      .def_readonly("source", &pm::Component::source);

  py::class_<pm::BudgetLine>(m, "BudgetLine")
      .def_property_readonly("krw", [](const pm::BudgetLine& l) { return l.amount.krw(); })
      .def_property_readonly("amount", [](const pm::BudgetLine& l) { return l.amount.amount(); })
      .def_property_readonly(
          "unit", [](const pm::BudgetLine& l) { return pm::money_unit_name(l.amount.unit()); })
      .def_readonly("year", &pm::BudgetLine::year)
      .def_property_readonly(
          "funding_source", [](const pm::BudgetLine& l) { return pm::to_string(l.funding_source); })
      .def_readonly("component", &pm::BudgetLine::component)
      .def_property_readonly("role", [](const pm::BudgetLine& l) { return pm::to_string(l.role); })
      .def_readonly("source", &pm::BudgetLine::source)
      .def_property_readonly("confidence",
                             [](const pm::BudgetLine& l) { return pm::to_string(l.confidence); })
      .def_readonly("note", &pm::BudgetLine::note);

  py::class_<pm::Budget>(m, "Budget")
      .def_property_readonly("total_krw",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::float_(b.total->amount.krw());
                             })
      .def_property_readonly("total_unit",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::str(pm::money_unit_name(b.total->amount.unit()));
                             })
      .def_property_readonly("total_role",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::str(pm::to_string(b.total->role));
                             })
      .def_property_readonly("total_source",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::str(b.total->source);
                             })
      .def_property_readonly("total_confidence",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::str(pm::to_string(b.total->confidence));
                             })
      .def_property_readonly("total_note",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total) {
                                 return py::none();
                               }
                               return py::str(b.total->note);
                             })
      .def_property_readonly("total_range_source",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total_range) {
                                 return py::none();
                               }
                               return py::str(b.total_range->source);
                             })
      .def_property_readonly("total_range_confidence",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total_range) {
                                 return py::none();
                               }
                               return py::str(pm::to_string(b.total_range->confidence));
                             })
      .def_property_readonly("total_range_note",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total_range) {
                                 return py::none();
                               }
                               return py::str(b.total_range->note);
                             })
      .def_property_readonly("total_range_krw",
                             [](const pm::Budget& b) -> py::object {
                               if (!b.total_range) {
                                 return py::none();
                               }
                               return py::make_tuple(b.total_range->low.krw(),
                                                     b.total_range->high.krw());
                             })
      .def_readonly("lines", &pm::Budget::lines);

  py::class_<pm::Phase>(m, "Phase")
      .def_readonly("id", &pm::Phase::id)
      .def_readonly("name", &pm::Phase::name)
      .def_readonly("start_year", &pm::Phase::start_year)
      .def_readonly("end_year", &pm::Phase::end_year)
      .def_readonly("status", &pm::Phase::status)
      .def_readonly("budget", &pm::Phase::budget)
      .def_readonly("components", &pm::Phase::components)
      .def_readonly("indicators", &pm::Phase::indicators)
      .def_readonly("focus", &pm::Phase::focus);

  py::class_<pm::Note>(m, "Note")
      .def_readonly("text", &pm::Note::text)
      .def_readonly("source", &pm::Note::source)
      .def_property_readonly("confidence", [](const pm::Note& n) -> py::object {
        if (!n.confidence) {
          return py::none();
        }
        return py::str(pm::to_string(*n.confidence));
      });

  py::class_<pm::Program>(m, "Program")
      .def_readonly("id", &pm::Program::id)
      .def_readonly("name", &pm::Program::name)
      .def_readonly("kind", &pm::Program::kind)
      .def_readonly("region", &pm::Program::region)
      .def_readonly("field", &pm::Program::field)
      .def_readonly("designation_year", &pm::Program::designation_year)
      .def_readonly("designation_date", &pm::Program::designation_date)
      .def_readonly("batch", &pm::Program::batch)
      .def_readonly("core_institutions", &pm::Program::core_institutions)
      .def_readonly("operators", &pm::Program::operators)
      .def_readonly("description", &pm::Program::description)
      .def_readonly("phases", &pm::Program::phases)
      .def_readonly("indicators", &pm::Program::indicators)
      .def_readonly("notes", &pm::Program::notes);

  py::class_<pm::Document>(m, "Document")
      .def_readonly("schema_version", &pm::Document::schema_version)
      .def_property_readonly("dataset_id", [](const pm::Document& d) { return d.dataset.id; })
      .def_property_readonly("dataset_title", [](const pm::Document& d) { return d.dataset.title; })
      .def_property_readonly("dataset_description",
                             [](const pm::Document& d) { return d.dataset.description; })
      .def_readonly("sources", &pm::Document::sources)
      .def_readonly("programs", &pm::Document::programs)
      .def("program", &pm::Document::program, py::arg("program_id"),
           py::return_value_policy::reference_internal)
      .def("single", &single, py::arg("program_id"),
           "A document holding one program and every source.")
      .def("__eq__", [](const pm::Document& a, const pm::Document& b) { return a == b; })
      .def("__ne__", [](const pm::Document& a, const pm::Document& b) { return a != b; })
      .def("__hash__", [](const pm::Document&) -> py::object { return py::none(); });

  // --- query results (typed, read-only) ----------------------------------------
  py::class_<ObservationTable>(m, "ObservationTable",
                               "Every observation as columns (years -1 where not applicable).")
      .def_readonly("program", &ObservationTable::program)
      .def_readonly("phase", &ObservationTable::phase)
      .def_readonly("indicator", &ObservationTable::indicator)
      .def_readonly("name_en", &ObservationTable::name_en)
      .def_readonly("name_ko", &ObservationTable::name_ko)
      .def_readonly("year", &ObservationTable::year)
      .def_readonly("window_start", &ObservationTable::window_start)
      .def_readonly("window_end", &ObservationTable::window_end)
      .def_readonly("role", &ObservationTable::role)
      .def_readonly("value", &ObservationTable::value)
      .def_readonly("unit", &ObservationTable::unit)
      .def_readonly("kind", &ObservationTable::kind)
      .def_readonly("confidence", &ObservationTable::confidence)
      .def_readonly("source", &ObservationTable::source)
      .def_readonly("note", &ObservationTable::note)
      .def_readonly("date", &ObservationTable::date)
      .def_readonly("date_basis", &ObservationTable::date_basis)
      .def_readonly("covered_years", &ObservationTable::covered_years)
      .def_readonly("coverage", &ObservationTable::coverage)
      .def_readonly("superseded", &ObservationTable::superseded)
      .def("__len__", [](const ObservationTable& t) { return t.value.size(); });

  py::class_<pm::Growth>(m, "Growth", "Growth of one indicator between two periods.")
      .def_property_readonly("start", [](const pm::Growth& g) { return g.from.label(); })
      .def_property_readonly("end", [](const pm::Growth& g) { return g.to.label(); })
      .def_readonly("start_value", &pm::Growth::from_value)
      .def_readonly("end_value", &pm::Growth::to_value)
      .def_readonly("absolute", &pm::Growth::absolute)
      .def_readonly("percent", &pm::Growth::percent)
      .def_readonly("cagr_percent", &pm::Growth::cagr_percent)
      .def_readonly("years", &pm::Growth::years);

  py::class_<pm::SumPart>(m, "SumPart", "One term of a sum.")
      .def_readonly("program", &pm::SumPart::program)
      .def_readonly("phase", &pm::SumPart::phase)
      .def_readonly("indicator", &pm::SumPart::indicator)
      .def_readonly("value", &pm::SumPart::value);

  py::class_<pm::Sum>(m, "Sum", "A sum over indicators with its terms and what is missing.")
      .def_readonly("total", &pm::Sum::total)
      .def_readonly("unit", &pm::Sum::unit)
      .def_readonly("parts", &pm::Sum::parts)
      .def_readonly("missing", &pm::Sum::missing);

  py::class_<pm::BudgetSummary>(m, "BudgetSummary", "Budget figures of a phase, in won.")
      .def_readonly("total_krw", &pm::BudgetSummary::total_krw)
      .def_readonly("lines_krw", &pm::BudgetSummary::lines_krw)
      .def_readonly("national_krw", &pm::BudgetSummary::national_krw)
      .def_readonly("local_krw", &pm::BudgetSummary::local_krw)
      .def_readonly("private_krw", &pm::BudgetSummary::private_krw)
      .def_readonly("other_krw", &pm::BudgetSummary::other_krw)
      .def_readonly("unitemised_krw", &pm::BudgetSummary::unitemised_krw);

  py::class_<pm::Finding>(m, "Finding", "One consistency finding of the checker.")
      .def_property_readonly("kind", [](const pm::Finding& f) { return pm::to_string(f.kind); })
      .def_readonly("severity", &pm::Finding::severity)
      .def_readonly("program", &pm::Finding::program)
      .def_readonly("phase", &pm::Finding::phase)
      .def_readonly("indicator", &pm::Finding::indicator)
      .def_readonly("years", &pm::Finding::years)
      .def_readonly("stated", &pm::Finding::stated)
      .def_readonly("computed", &pm::Finding::computed)
      .def_readonly("mismatch", &pm::Finding::mismatch)
      .def_readonly("tolerance", &pm::Finding::tolerance)
      .def_readonly("unit", &pm::Finding::unit)
      .def_readonly("message", &pm::Finding::message);

  // --- JSON -------------------------------------------------------------------
  m.def("load_document", &pm::load_document, py::arg("text"),
        "Parse and validate a program file's text (raises SchemaError with .path).");
  m.def("load_document_file", &pm::load_document_file, py::arg("path"),
        "Read and validate a program file.");
  m.def(
      "load_program",
      [](const std::string& text, const std::vector<pm::Source>& sources) {
        pm::Document out;
        out.sources = sources;
        out.programs.push_back(pm::load_program(text, sources));
        return out;
      },
      py::arg("text"), py::arg("sources"),
      "Validate one program object against `sources`; returns a one-program Document.");
  m.def("dump_document", &pm::dump_document, py::arg("document"), py::arg("indent") = 2,
        "The document as JSON text.");
  m.def(
      "dump_program",
      [](const pm::Document& document, const std::string& program_id, int indent) {
        return pm::dump_program(document.program(program_id), indent);
      },
      py::arg("document"), py::arg("program_id"), py::arg("indent") = 2,
      "One program as JSON text.");
  m.def("save_document", &pm::save_document, py::arg("document"), py::arg("path"),
        "Validate and write atomically (temporary file + rename).");
  m.def("validate", &pm::validate, py::arg("document"), "Raise SchemaError if invalid.");

  // --- queries ----------------------------------------------------------------
  m.def("observation_table", &observation_table, py::arg("document"),
        "Every observation as columns of a long table.");
  m.def(
      "value_at",
      [](const pm::Document& d, const std::string& program_id,
         const std::optional<std::string>& phase_id, const std::string& indicator_id,
         const py::object& period, const std::optional<std::string>& role) {
        return pm::value_at(find_indicator(d, program_id, phase_id, indicator_id),
                            to_period(period, "period"), to_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("indicator"),
      py::arg("period"), py::arg("role") = py::none(),
      "Value at a year or over a window (exact, derived from cumulative snapshots, or summed).");
  m.def(
      "annual_from_cumulative",
      [](const pm::Document& d, const std::string& program_id,
         const std::optional<std::string>& phase_id, const std::string& indicator_id,
         const std::string& role) {
        return pm::annual_from_cumulative(find_indicator(d, program_id, phase_id, indicator_id),
                                          *to_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("indicator"),
      py::arg("role") = "actual", "Annual values derived from cumulative snapshots.");
  m.def(
      "growth",
      [](const pm::Document& d, const std::string& program_id,
         const std::optional<std::string>& phase_id, const std::string& indicator_id,
         const py::object& from, const py::object& to, const std::optional<std::string>& role) {
        return pm::growth(find_indicator(d, program_id, phase_id, indicator_id),
                          to_period(from, "start"), to_period(to, "end"), to_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("indicator"),
      py::arg("start"), py::arg("end"), py::arg("role") = py::none(),
      "Growth between two periods: absolute, percent and CAGR (percent a year).");
  m.def(
      "sum_indicators",
      [](const pm::Document& d, const std::string& program_id,
         const std::optional<std::string>& phase_id, const std::vector<std::string>& ids,
         const py::object& period, const std::optional<std::string>& role) {
        return pm::sum_indicators(d.program(program_id), phase_id.value_or(""), ids,
                                  to_period(period, "period"), to_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("indicators"),
      py::arg("period"), py::arg("role") = py::none(), "Sum of several indicators of one program.");
  m.def(
      "sum_across_programs",
      [](const pm::Document& d, const std::string& indicator_id, const py::object& period,
         const std::vector<std::string>& programs, const std::optional<std::string>& role) {
        return pm::sum_across_programs(d, indicator_id, to_period(period, "period"), programs,
                                       to_role(role));
      },
      py::arg("document"), py::arg("indicator"), py::arg("period"),
      py::arg("programs") = std::vector<std::string>{}, py::arg("role") = py::none(),
      "Sum of one indicator across programs; programs without a value are listed as missing.");
  m.def(
      "budget_summary",
      [](const pm::Document& d, const std::string& program_id, const std::string& phase_id,
         const std::string& role) {
        return pm::budget_summary(d.program(program_id).phase(phase_id), to_budget_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("role") = "plan",
      "Budget of a phase in won: stated total and lines by funding source.");
  m.def(
      "funding_share",
      [](const pm::Document& d, const std::string& program_id, const std::string& phase_id,
         const std::string& source, const std::string& role) {
        return pm::funding_share(d.program(program_id).phase(phase_id), to_funding(source),
                                 to_budget_role(role));
      },
      py::arg("document"), py::arg("program"), py::arg("phase"), py::arg("source"),
      py::arg("role") = "plan", "Share (a fraction) of one funding source in the phase total.");
  m.def("compare_dates", &pm::compare_dates, py::arg("a"), py::arg("b"),
        "Order of two dates YYYY[-MM[-DD]]: -1, 0 (equal or not comparable) or 1.");

  // --- checker ----------------------------------------------------------------
  m.def(
      "check", [](const pm::Document& d) { return pm::check(d); }, py::arg("document"),
      "Consistency findings of every program.");
  m.def("half_unit_of_last_digit", &pm::half_unit_of_last_digit, py::arg("value"),
        "Half a unit of the last stated digit (92 -> 0.5, 57.7 -> 0.05).");
}

}  // namespace innozone::bindings
