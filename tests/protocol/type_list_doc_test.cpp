// docs/protocol.md is the backends' contract: its list of message types
// (section 4) must be the type records' Backend types, in the same order, and
// every type the console publishes itself must have its example (section 8).
#include "model/message_types.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace wall {
namespace {

std::string protocolDoc() {
    std::ifstream in(std::string(WALL_SCHEMA_DIR) + "/../protocol.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// The first column of the table under "## 4. Message types": "| `alarm.raise` | ... |".
std::vector<std::string> documentedBackendTypes(const std::string& doc) {
    std::vector<std::string> types;
    const size_t section = doc.find("\n## 4. Message types");
    if (section == std::string::npos) return types;
    std::istringstream lines(doc.substr(section + 1));
    std::string line;
    std::getline(lines, line); // the heading
    bool in_table = false;
    while (std::getline(lines, line)) {
        if (line.rfind("| `", 0) == 0) {
            in_table = true;
            const size_t end = line.find('`', 3);
            types.push_back(line.substr(3, end - 3));
        } else if (in_table || line.rfind("## ", 0) == 0) {
            break;
        }
    }
    return types;
}

TEST(TypeListDoc, SectionFourListsTheBackendTypes) {
    const std::string doc = protocolDoc();
    ASSERT_FALSE(doc.empty());
    std::vector<std::string> records;
    for (const EventTypeInfo& t : kEventTypes)
        if (t.sender == Sender::Backend) records.push_back(t.name);
    EXPECT_EQ(documentedBackendTypes(doc), records);
}

TEST(TypeListDoc, EveryConsoleTypeHasAFeedExample) {
    const std::string doc = protocolDoc();
    for (const EventTypeInfo& t : kEventTypes) {
        if (t.sender == Sender::Backend) continue;
        EXPECT_NE(doc.find("\"type\":\"" + std::string(t.name) + "\""), std::string::npos) << t.name;
    }
}

} // namespace
} // namespace wall
