#include "tests/support/tools.hpp"

#include <rapidjson/document.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sys/wait.h>

namespace ernte::testsupport {

CommandResult run_command(const std::string& command) {
    CommandResult result;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) return result;
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
    const int status = ::pclose(pipe);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

bool on_path(const std::string& program) { return run_command("command -v '" + program + "'").exit_code == 0; }

std::filesystem::path shacl_validate_tool() {
    if (const char* configured = std::getenv("ERNTE_SHACL_VALIDATE"); configured != nullptr && *configured)
        return configured;
    return std::filesystem::path(ERNTE_SOURCE_DIR) / ".." / "shared" / "tools" / "shacl-validate" / "shacl-validate";
}

std::string shacl_validate_unavailable() {
    if (!std::filesystem::exists(shacl_validate_tool()))
        return "shacl-validate not found at " + shacl_validate_tool().string() + " (set ERNTE_SHACL_VALIDATE)";
    if (!on_path("node") || !on_path("npm")) return "shacl-validate needs node and npm";
    return {};
}

std::map<std::string, int> shape_violation_counts(const std::filesystem::path& file, bool lenient,
                                                  std::string* report) {
    const auto r = run_command("'" + shacl_validate_tool().string() + "' --profile dcat-ap-de --json " +
                               (lenient ? "--lenient " : "") + "'" + file.string() + "'");
    *report = r.output;
    std::map<std::string, int> out;
    rapidjson::Document json;
    json.Parse(r.output.c_str());
    if (json.HasParseError() || !json.IsObject() || !json.HasMember("results")) {
        out["unreadable report: " + r.output.substr(0, 500)] = 1;
        return out;
    }
    for (const auto& result : json["results"].GetArray()) {
        if (std::string(result["severity"].GetString()) != "Violation") continue;
        const std::string kind = std::string(result["path"].IsString() ? result["path"].GetString() : "") + " | " +
                                 (result["constraint"].IsString() ? result["constraint"].GetString() : "") + " | " +
                                 result["message"].GetString();
        out[kind] += result.HasMember("count") && result["count"].IsInt() ? result["count"].GetInt() : 1;
    }
    return out;
}

std::set<std::string> shape_violations(const std::filesystem::path& file, bool lenient, std::string* report) {
    std::set<std::string> out;
    for (const auto& [kind, count] : shape_violation_counts(file, lenient, report)) out.insert(kind);
    return out;
}

}  // namespace ernte::testsupport
