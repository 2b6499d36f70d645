// The built-in engine on the phrasing corpus (data/phrasings.json): each case runs through the
// real engine and a real in-memory SQLite store, as the chat endpoint runs it. Every miss is
// listed; the test fails when the share drops below 97 %, or when an example from issue 15
// (marked "issue": true) misses.
#include <QtTest>
#include <nlohmann/json.hpp>

#include <fstream>

#include "chatbot/assistant/engine.hpp"
#include "chatbot/assistant/toolbox.hpp"
#include "chatbot/store/store.hpp"

using nlohmann::json;

namespace {

constexpr double kRequiredShare = 0.97;

json load_corpus() {
    std::ifstream in(HELMDECK_SOURCE_DIR "/tests/services/assistant/data/phrasings.json");
    return json::parse(in);
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool same_arguments(const json& expected, const json& actual) {
    if (!actual.is_object() || expected.size() != actual.size()) return false;
    for (const auto& [key, value] : expected.items()) {
        if (!actual.contains(key)) return false;
        const auto& got = actual[key];
        bool text_key = key == "title" || key == "description" || key == "search";
        if (text_key && value.is_string() && got.is_string()) {
            if (lower(value.get<std::string>()) != lower(got.get<std::string>())) return false;
        } else if (value != got) {
            return false;
        }
    }
    return true;
}

void seed(todo::store::Store& store, const json& tasks) {
    for (const auto& spec : tasks) {
        todo::TaskDraft draft;
        draft.title = spec.value("title", "");
        if (spec.contains("priority")) draft.priority = *todo::parse_priority(spec["priority"].get<std::string>());
        if (spec.contains("due_date")) draft.due_date = spec["due_date"].get<std::string>();
        if (spec.contains("tags")) draft.tags = spec["tags"].get<std::vector<std::string>>();
        auto task = store.create_task("corpus", draft);
        if (spec.value("completed", false)) {
            todo::TaskPatch patch;
            patch.completed = true;
            store.update_task("corpus", task.id, patch);
        }
    }
}

struct Outcome {
    bool passed = false;
    std::string detail;
};

// Runs `before` and then `say` in one conversation, as POST /chat does.
Outcome run_case(const json& corpus, const json& item) {
    auto store = todo::store::open_store("sqlite::memory:", {}, 1);
    auto tasks = item.contains("tasks") ? item["tasks"] : corpus["default_tasks"];
    if (tasks.is_string()) tasks = corpus["fixtures"][tasks.get<std::string>()];
    seed(*store, tasks);
    const std::string today = item.value("today", corpus["today"].get<std::string>());
    auto engine = todo::assistant::make_builtin_engine([today] { return today; });
    todo::assistant::ToolBox tools(*store, "corpus");
    auto conversation = store->create_conversation("corpus");
    if (item.contains("last")) {
        // The conversation last touched this task.
        json calls = json::array({{{"name", "update_task"},
                                   {"arguments", {{"task_id", item["last"]}}},
                                   {"result", {{"id", item["last"]}}}}});
        store->append_message("corpus", conversation, "user", "(earlier)", "[]");
        store->append_message("corpus", conversation, "assistant", "Done.", calls.dump());
    }
    auto turn = [&](const std::string& text) {
        auto history = store->list_messages("corpus", conversation, 20);
        store->append_message("corpus", conversation, "user", text, "[]");
        auto reply = engine->respond(text, history, tools);
        json calls = json::array();
        for (const auto& c : reply.tool_calls)
            calls.push_back({{"name", c.name}, {"arguments", c.arguments}, {"result", c.result}});
        store->append_message("corpus", conversation, "assistant", reply.response, calls.dump());
        return reply;
    };
    for (const auto& earlier : item.value("before", json::array())) turn(earlier.get<std::string>());
    auto reply = turn(item["say"].get<std::string>());

    json got = json::array();
    for (const auto& c : reply.tool_calls) got.push_back({{"tool", c.name}, {"args", c.arguments}});
    Outcome outcome;
    outcome.detail = "got " + got.dump() + " reply \"" + reply.response + "\"";
    const auto expected = item.value("expect", json::array());
    if (expected.size() != got.size()) return outcome;
    for (std::size_t i = 0; i < expected.size(); ++i)
        if (expected[i]["tool"] != got[i]["tool"] || !same_arguments(expected[i]["args"], got[i]["args"]))
            return outcome;
    if ((item.value("asks", false) || item.value("confirms", false)) &&
        reply.response.find('?') == std::string::npos)
        return outcome;
    for (const auto& part : item.value("reply_has", json::array()))
        if (lower(reply.response).find(lower(part.get<std::string>())) == std::string::npos) return outcome;
    outcome.passed = true;
    return outcome;
}

}  // namespace

class TestPhrasings : public QObject {
    Q_OBJECT

private slots:
    void the_corpus_is_understood() {
        const auto corpus = load_corpus();
        const auto& cases = corpus["cases"];
        QVERIFY2(cases.size() >= 300, "the corpus needs at least 300 cases");
        std::size_t passed = 0, blind = 0, blind_passed = 0;
        std::vector<std::string> issue_misses;
        for (const auto& item : cases) {
            auto outcome = run_case(corpus, item);
            bool is_blind = item.value("blind", false);
            blind += is_blind;
            if (outcome.passed) {
                ++passed;
                blind_passed += is_blind;
                continue;
            }
            auto line = "MISS [" + item.value("category", "") + "] \"" + item["say"].get<std::string>() +
                        "\" expected " + item.value("expect", json::array()).dump() + ", " + outcome.detail;
            qInfo("%s", line.c_str());
            if (item.value("issue", false)) issue_misses.push_back(item["say"].get<std::string>());
        }
        double share = static_cast<double>(passed) / static_cast<double>(cases.size());
        qInfo("corpus: %zu of %zu understood (%.1f %%); written blind: %zu of %zu", passed,
              cases.size(), 100.0 * share, blind_passed, blind);
        for (const auto& miss : issue_misses) qWarning("issue example missed: %s", miss.c_str());
        QVERIFY2(issue_misses.empty(), "every example phrasing of issue 15 must be understood");
        QVERIFY2(share >= kRequiredShare, "the built-in engine understands less than 97 % of the corpus");
    }

    // A chat's cost must not grow with the task list when nothing is looked up by title:
    // the engine reads every task only for a reference that needs them.
    void only_references_read_every_task_data() {
        QTest::addColumn<QString>("message");
        QTest::addColumn<bool>("readsAll");
        QTest::newRow("add") << "add a task to buy milk" << false;
        QTest::newRow("by number") << "mark task 1 as done" << false;
        QTest::newRow("list") << "what have I completed?" << false;
        QTest::newRow("by title") << "delete the dentist task" << true;
    }
    void only_references_read_every_task() {
        QFETCH(QString, message);
        QFETCH(bool, readsAll);
        std::vector<std::string> queries;
        auto store = todo::store::open_store(
            "sqlite::memory:", [&](std::string_view operation, double) { queries.emplace_back(operation); }, 1);
        seed(*store, json::array({{{"title", "buy milk"}}, {{"title", "call the dentist"}}}));
        auto engine = todo::assistant::make_builtin_engine([] { return std::string("2026-12-01"); });
        todo::assistant::ToolBox tools(*store, "corpus");
        queries.clear();
        auto reply = engine->respond(message.toStdString(), {}, tools);
        QVERIFY2(!reply.tool_calls.empty(), reply.response.c_str());
        // A list the user asked for is a list_tasks tool call; the engine's own read is the other.
        std::size_t lists = 0;
        for (const auto& query : queries) lists += query == "list_tasks";
        std::size_t asked = 0;
        for (const auto& call : reply.tool_calls) asked += call.name == "list_tasks";
        QCOMPARE(lists - asked, std::size_t{readsAll ? 1u : 0u});
    }
};

QTEST_GUILESS_MAIN(TestPhrasings)
#include "test_phrasings.moc"
