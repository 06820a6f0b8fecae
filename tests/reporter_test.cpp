#include <gtest/gtest.h>

#include <pg_query.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "reporters/reporter.hpp"
#include "tests/test_support.hpp"

namespace miglint {
namespace {

using nlohmann::json;

std::string render(std::string_view format, const LintResult& result, bool color = false) {
  std::ostringstream out;
  const ReportInput input{&result.results, &builtin_rules(), color, result.statement_count, {}};
  make_reporter(format)->write(input, out);
  return out.str();
}

// One finding per line ending style; the expected positions are counted by hand.
const std::string kCrlfInput =
    "-- café ☕\r\n"
    "ALTER TABLE \"usérs\" DROP COLUMN email;\r\n";

TEST(JsonReporter, OneBasedLinesCodePointColumnsAndByteOffsets) {
  const LintResult result = test::lint_texts({{"db/001.sql", kCrlfInput}});
  const json report = json::parse(render("json", result));
  EXPECT_EQ(report["version"], 1);
  ASSERT_EQ(report["diagnostics"].size(), 1U);
  const json& d = report["diagnostics"][0];
  EXPECT_EQ(d["file"], "db/001.sql");
  EXPECT_EQ(d["rule"], "ban-drop-column");
  EXPECT_EQ(d["severity"], "warning");
  EXPECT_EQ(d["start"]["line"], 2);
  EXPECT_EQ(d["start"]["column"], 21);  // after `ALTER TABLE "usérs" ` (20 code points, 21 bytes)
  EXPECT_EQ(d["start"]["offset"], kCrlfInput.find("DROP"));
  EXPECT_EQ(d["end"]["line"], 2);
  EXPECT_EQ(d["end"]["column"], 38);  // just past `DROP COLUMN email`
  EXPECT_TRUE(d["fix"].is_null());
  EXPECT_FALSE(d["help"].get<std::string>().empty());
}

TEST(JsonReporter, CrAndLfGiveTheSamePositionsAsCrlf) {
  for (const std::string eol : {"\n", "\r"}) {
    std::string input = kCrlfInput;
    for (size_t at = input.find("\r\n"); at != std::string::npos; at = input.find("\r\n")) input.replace(at, 2, eol);
    const json d = json::parse(render("json", test::lint_texts({{"a.sql", input}})))["diagnostics"][0];
    EXPECT_EQ(d["start"]["line"], 2);
    EXPECT_EQ(d["start"]["column"], 21);
  }
}

TEST(JsonReporter, ByteOrderMarkIsSkippedForParsingAndColumns) {
  const LintResult result = test::lint_texts({{"bom.sql", "\xEF\xBB\xBF" "ALTER TABLE t DROP COLUMN c;\n"}});
  const json d = json::parse(render("json", result))["diagnostics"][0];
  EXPECT_EQ(d["rule"], "ban-drop-column");
  EXPECT_EQ(d["start"]["line"], 1);
  EXPECT_EQ(d["start"]["column"], 15);
  EXPECT_EQ(d["start"]["offset"], 17);
}

TEST(JsonReporter, FixesAreIncluded) {
  const LintResult result = test::lint_text("CREATE INDEX i ON t (c);");
  const json d = json::parse(render("json", result))["diagnostics"][0];
  EXPECT_EQ(d["fix"]["safety"], "safe");
  EXPECT_EQ(d["fix"]["edits"][0]["replacement"], " CONCURRENTLY");
  EXPECT_EQ(d["fix"]["edits"][0]["start"]["column"], 13);
}

TEST(SarifReporter, RegionsRuleMetadataAndFixes) {
  const LintResult result =
      test::lint_text("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (c) REFERENCES customers (id);\n"
                      "CREATE INDEX orders_c_idx ON orders (c);\n");
  const json log = json::parse(render("sarif", result));
  EXPECT_EQ(log["version"], "2.1.0");
  const json& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "miglint");
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), builtin_rules().entries().size());
  ASSERT_EQ(run["results"].size(), 2U);
  const json& fk = run["results"][0];
  EXPECT_EQ(fk["ruleId"], "adding-foreign-key-constraint");
  EXPECT_EQ(fk["level"], "error");
  const json& rule = run["tool"]["driver"]["rules"][fk["ruleIndex"].get<size_t>()];
  EXPECT_EQ(rule["id"], "adding-foreign-key-constraint");
  EXPECT_EQ(rule["fullDescription"]["markdown"], std::string(builtin_rules().find("adding-foreign-key-constraint")->doc));
  const json& region = fk["locations"][0]["physicalLocation"]["region"];
  EXPECT_EQ(region["startLine"], 1);
  EXPECT_EQ(region["startColumn"], 24);
  EXPECT_EQ(fk["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"], " NOT VALID");
  EXPECT_EQ(run["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"], 2);
}

TEST(GithubReporter, EscapesDataAndProperties) {
  const SourceFile file("dir,with:odd/001.sql", "ALTER TABLE t DROP COLUMN c;\n");
  Diagnostic d;
  d.rule = "ban-drop-column";
  d.severity = Severity::warning;
  d.range = {14, 27};
  d.message = "100% sure\nsecond line";
  const std::vector<FileResult> results = {{&file, {d}}};
  std::ostringstream out;
  make_reporter("github")->write({&results, &builtin_rules(), false, 1, {}}, out);
  EXPECT_EQ(out.str(),
            "::warning file=dir%2Cwith%3Aodd/001.sql,line=1,endLine=1,col=15,endColumn=28,title=miglint ban-drop-column::"
            "100%25 sure%0Asecond line\n");
}

TEST(GitlabReporter, FingerprintsSurviveLineShiftsAndDistinguishDuplicates) {
  const std::string sql = "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN c;\n";
  const json before = json::parse(render("gitlab", test::lint_texts({{"a.sql", sql}})));
  const json after = json::parse(render("gitlab", test::lint_texts({{"a.sql", "-- new comment\n\n" + sql}})));
  ASSERT_EQ(before.size(), 2U);
  ASSERT_EQ(after.size(), 2U);
  EXPECT_NE(before[0]["fingerprint"], before[1]["fingerprint"]);
  EXPECT_EQ(before[0]["fingerprint"], after[0]["fingerprint"]);
  EXPECT_EQ(before[1]["fingerprint"], after[1]["fingerprint"]);
  EXPECT_EQ(after[0]["location"]["lines"]["begin"], 3);
  EXPECT_EQ(after[0]["severity"], "major");
  EXPECT_EQ(after[0]["check_name"], "ban-drop-column");
}

TEST(JunitReporter, OneTestCasePerFileWithEscapedFailures) {
  const LintResult result = test::lint_texts({{"clean.sql", "SELECT 1;"}, {"bad<&>.sql", "ALTER TABLE t DROP COLUMN c;"}});
  const std::string xml = render("junit", result);
  EXPECT_NE(xml.find("<testsuites name=\"miglint\" tests=\"2\" failures=\"1\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("name=\"clean.sql\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"bad&lt;&amp;&gt;.sql\""), std::string::npos);
  EXPECT_NE(xml.find("<failure type=\"ban-drop-column\""), std::string::npos);
  EXPECT_EQ(xml.find("bad<&>"), std::string::npos);
}

TEST(TextReporter, MatchesGoldenOutput) {
  const std::string input = test::read_file(test::source_dir() / "tests" / "reporters" / "input.sql");
  const LintResult result = test::lint_texts({{"input.sql", input}});
  const std::string expected = test::read_file(test::source_dir() / "tests" / "reporters" / "input.text.expected");
  // The grammar version in syntax errors is the build's (15 on Debian 12, 16 on Ubuntu 24.04).
  std::string actual = render("text", result);
  const std::string grammar = std::string("PostgreSQL ") + PG_MAJORVERSION + " grammar";
  for (size_t at = actual.find(grammar); at != std::string::npos; at = actual.find(grammar, at)) {
    actual.replace(at, grammar.size(), "PostgreSQL <grammar> grammar");
  }
  EXPECT_EQ(actual, expected);
}

TEST(TextReporter, ColorOnlyWhenAsked) {
  const LintResult result = test::lint_text("ALTER TABLE t DROP COLUMN c;");
  EXPECT_EQ(render("text", result).find('\x1b'), std::string::npos);
  EXPECT_NE(render("text", result, true).find("\x1b[1;33mwarning[ban-drop-column]"), std::string::npos);
}

TEST(Reporters, UnknownFormatIsAnError) { EXPECT_ANY_THROW(make_reporter("xml")); }

TEST(MarkdownReporter, CountsPerRuleAndEveryFindingWithALink) {
  const LintResult result = test::lint_texts({{"db/001.sql", "ALTER TABLE t DROP COLUMN c;\nALTER TABLE t DROP COLUMN d;\n"}});
  std::ostringstream out;
  ReportInput input{&result.results, &builtin_rules(), false, 2, {}};
  input.link_prefix = "https://github.com/o/r/blob/abc/";
  make_reporter("markdown")->write(input, out);
  const std::string md = out.str();
  EXPECT_NE(md.find("**0 errors, 2 warnings and 0 notes** in 1 of 1 file."), std::string::npos) << md;
  EXPECT_NE(md.find("| ⚠️ warning | `ban-drop-column` | 2 |"), std::string::npos) << md;
  EXPECT_NE(md.find("[db/001.sql:2:15](https://github.com/o/r/blob/abc/db/001.sql#L2)"), std::string::npos) << md;
}

TEST(MarkdownReporter, NoFindingsSaysSo) {
  const LintResult result = test::lint_texts({{"a.sql", "SELECT 1;"}});
  EXPECT_NE(render("markdown", result).find("✅ **No findings** in 1 file."), std::string::npos);
}

TEST(MarkdownReporter, CellsCannotBreakTheTableOrInjectHtml) {
  const SourceFile file("a|b.sql", "ALTER TABLE t DROP COLUMN c;\n");
  Diagnostic d;
  d.rule = "ban-drop-column";
  d.range = {14, 27};
  d.message = "a | b <script>x</script>\nnext `<kept> | piped`";
  d.help = "odd ` backtick <b>";
  const std::vector<FileResult> results = {{&file, {d}}};
  std::ostringstream out;
  make_reporter("markdown")->write({&results, &builtin_rules(), false, 1, {}}, out);
  const std::string md = out.str();
  EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
  EXPECT_NE(md.find("a \\| b &lt;script&gt;x&lt;/script&gt;<br>next `<kept> \\| piped`"), std::string::npos) << md;
  EXPECT_NE(md.find("odd \\` backtick &lt;b&gt;"), std::string::npos) << md;
  EXPECT_NE(md.find("a\\|b.sql:1:15"), std::string::npos) << md;
}

TEST(MarkdownReporter, ValidateRowsShowEachStep) {
  const std::vector<FileResult> results;
  std::vector<validate::MigrationCheck> checks(3);
  checks[0] = {.version = "1", .name = "base", .file = "1.sql", .at_base = true, .up = validate::StepOutcome::passed};
  checks[1] = {.version = "2", .name = "users", .file = "2.sql", .up = validate::StepOutcome::passed,
               .down = validate::StepOutcome::differs, .reapply = validate::StepOutcome::passed, .up_seconds = 0.5};
  checks[2] = {.version = "3", .name = "later", .file = "3.sql"};
  ReportInput input{&results, &builtin_rules(), false, 0, {}};
  input.checks = &checks;
  std::ostringstream out;
  make_reporter("markdown")->write(input, out);
  const std::string md = out.str();
  EXPECT_NE(md.find("| 1 base | ✅ applied | applied at the base, not checked | |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 2 users | ✅ passed (0.50 s) | ⚠️ schema differs (0.00 s) | ✅ passed (0.00 s) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| 3 later | – | – | – |"), std::string::npos) << md;
}

}  // namespace
}  // namespace miglint
