// The built-in engine's replies about executed tool calls, and what it reads from history.
// (Its phrasing rows live in data/phrasings.json, run by test_phrasings.)
#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/assistant/confirmation.hpp"
#include "chatbot/assistant/history.hpp"


namespace {

// 2026-11-27 is a Friday.
constexpr const char* kToday = "2026-11-27";

}  // namespace

class TestIntent : public QObject {
    Q_OBJECT

private slots:
    void confirms_an_added_task();
    void confirms_a_list();
    void explains_a_failed_call();
    void confirms_reopening_and_renaming();
    void finds_the_last_task_in_history();
};

void TestIntent::confirms_an_added_task() {
    todo::assistant::ToolCallRecord record{
        "add_task",
        {{"title", "Buy groceries"}},
        {{"id", 4}, {"title", "Buy groceries"}, {"due_date", "2026-12-04"}, {"priority", "high"},
         {"tags", {"home"}}, {"completed", false}}};
    QCOMPARE(QString::fromStdString(todo::assistant::describe_outcome(record, kToday)),
             QString::fromUtf8("Added \u201CBuy groceries\u201D (task 4), due Friday 2026-12-04, "
                               "high priority, tagged #home."));
    record.result["due_date"] = "2026-11-28";
    QVERIFY(todo::assistant::describe_outcome(record, kToday).find("due tomorrow") != std::string::npos);
}

void TestIntent::confirms_a_list() {
    todo::assistant::ToolCallRecord record{
        "list_tasks",
        {{"status", "pending"}},
        nlohmann::json::array({{{"id", 1}, {"title", "Buy milk"}, {"priority", "medium"},
                                {"due_date", nullptr}, {"completed", false}},
                               {{"id", 3}, {"title", "Pay bills"}, {"priority", "high"},
                                {"due_date", "2026-11-27"}, {"completed", false}}})};
    auto text = QString::fromStdString(todo::assistant::describe_outcome(record, kToday));
    QVERIFY2(text.startsWith("You have 2 pending tasks:"), qPrintable(text));
    QVERIFY2(text.contains("#1 Buy milk"), qPrintable(text));
    QVERIFY2(text.contains("#3 Pay bills (due today, high priority)"), qPrintable(text));

    record.result = nlohmann::json::array();
    text = QString::fromStdString(todo::assistant::describe_outcome(record, kToday));
    QVERIFY2(text.contains("all caught up"), qPrintable(text));
}

void TestIntent::explains_a_failed_call() {
    todo::assistant::ToolCallRecord record{
        "complete_task", {{"task_id", 9}}, {{"error", "task 9 not found"}}};
    QCOMPARE(QString::fromStdString(todo::assistant::describe_outcome(record, kToday)),
             QString("Sorry, I couldn't complete that task: task 9 not found."));
}

void TestIntent::confirms_reopening_and_renaming() {
    nlohmann::json task = {{"id", 2}, {"title", "Weekly sync"}, {"completed", false},
                           {"priority", "medium"}, {"due_date", nullptr}};
    todo::assistant::ToolCallRecord reopen{"update_task", {{"task_id", 2}, {"completed", false}}, task};
    QVERIFY(todo::assistant::describe_outcome(reopen, kToday).rfind("Reopened", 0) == 0);
    todo::assistant::ToolCallRecord rename{"update_task", {{"task_id", 2}, {"title", "Weekly sync"}}, task};
    QCOMPARE(QString::fromStdString(todo::assistant::describe_outcome(rename, kToday)),
             QString::fromUtf8("Updated task 2: renamed it to \u201CWeekly sync\u201D."));
}

void TestIntent::finds_the_last_task_in_history() {
    todo::Message user;
    user.role = "user";
    user.content = "add buy milk";
    todo::Message assistant;
    assistant.role = "assistant";
    assistant.tool_calls_json =
        R"([{"name":"add_task","arguments":{"title":"Buy milk"},"result":{"id":12,"title":"Buy milk"}}])";
    QCOMPARE(todo::assistant::last_task_id({user, assistant}).value_or(-1), std::int64_t{12});

    assistant.tool_calls_json =
        R"([{"name":"delete_task","arguments":{"task_id":5},"result":{"error":"task 5 not found"}}])";
    QCOMPARE(todo::assistant::last_task_id({assistant}).value_or(-1), std::int64_t{5});

    assistant.tool_calls_json = "[]";
    QVERIFY(!todo::assistant::last_task_id({user, assistant}).has_value());
    QVERIFY(!todo::assistant::last_task_id({}).has_value());
}

QTEST_GUILESS_MAIN(TestIntent)
#include "test_intent.moc"
