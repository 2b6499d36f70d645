// The built-in engine's intent parsing: text plus context in, a tool call or a reply out.
#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/assistant/confirmation.hpp"
#include "chatbot/assistant/history.hpp"
#include "chatbot/assistant/intent.hpp"

using todo::Priority;
using todo::Task;
using todo::assistant::Context;
using todo::assistant::interpret;

namespace {

// 2026-11-27 is a Friday.
constexpr const char* kToday = "2026-11-27";

Task task(std::int64_t id, std::string title, bool completed = false,
          Priority priority = Priority::Medium, std::vector<std::string> tags = {}) {
    Task t;
    t.id = id;
    t.title = std::move(title);
    t.completed = completed;
    t.priority = priority;
    t.tags = std::move(tags);
    return t;
}

Context context_named(const QString& name) {
    Context context;
    context.today = kToday;
    if (name == "empty") return context;
    context.tasks = {
        task(1, "Buy milk"),
        task(2, "Team meeting at 10", false, Priority::High),
        task(3, "Pay bills"),
        task(4, "Call mom", true),
        task(5, "Book dentist appointment"),
        task(6, "Buy bread"),
        task(7, "Write quarterly report", true, Priority::Medium, {"work"}),
    };
    if (name == "last6") context.last_task_id = 6;
    if (name == "last4") context.last_task_id = 4;
    return context;
}

}  // namespace

class TestIntent : public QObject {
    Q_OBJECT

private slots:
    void interprets_data();
    void interprets();
    void confirms_an_added_task();
    void confirms_a_list();
    void explains_a_failed_call();
    void confirms_reopening_and_renaming();
    void finds_the_last_task_in_history();
};

void TestIntent::interprets_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("tool");       // empty: no tool call expected
    QTest::addColumn<QString>("arguments");  // JSON object: keys that must match; "<absent>"
    QTest::addColumn<QString>("reply");      // substring of the reply when there is no call

    auto row = [](const char* text, const char* context, const char* tool, const char* args,
                  const char* reply = "") {
        QTest::newRow(text) << QString::fromUtf8(text) << QString(context) << QString(tool)
                            << QString::fromUtf8(args) << QString::fromUtf8(reply);
    };

    // The spec's phrasings
    row("Add a task to buy groceries", "std", "add_task", R"({"title":"Buy groceries","due_date":"<absent>"})");
    row("I need to remember to pay bills", "std", "add_task", R"({"title":"Pay bills"})");
    row("Show me all my tasks", "std", "list_tasks", R"({"status":"all","search":"<absent>"})");
    row("What's pending?", "std", "list_tasks", R"({"status":"pending"})");
    row("What have I completed?", "std", "list_tasks", R"({"status":"completed"})");
    row("Mark task 3 as complete", "std", "complete_task", R"({"task_id":3})");
    row("Delete the meeting task", "std", "delete_task", R"({"task_id":2})");
    row("Change task 1 to 'Call mom tonight'", "std", "update_task",
        R"({"task_id":1,"title":"Call mom tonight","due_date":"<absent>"})");

    // Adding, with priorities, dates, tags and descriptions
    row("add buy eggs", "std", "add_task", R"({"title":"Buy eggs"})");
    row("Add 'Buy oat milk' to my list", "std", "add_task", R"({"title":"Buy oat milk"})");
    row("remind me to call mom tomorrow", "std", "add_task", R"({"title":"Call mom","due_date":"2026-11-28"})");
    row("remind me tomorrow to call the plumber", "std", "add_task",
        R"({"title":"Call the plumber","due_date":"2026-11-28"})");
    row("Add a high priority task to finish the slides", "std", "add_task",
        R"({"title":"Finish the slides","priority":"high"})");
    row("add urgent: renew passport", "std", "add_task", R"({"title":"Renew passport","priority":"high"})");
    row("add water the plants, low priority", "std", "add_task", R"({"title":"Water the plants","priority":"low"})");
    row("Add an urgent task to call the bank", "std", "add_task", R"({"title":"Call the bank","priority":"high"})");
    row("Add pay rent by friday", "std", "add_task", R"({"title":"Pay rent","due_date":"2026-12-04"})");
    row("add submit report due 2026-12-01", "std", "add_task", R"({"title":"Submit report","due_date":"2026-12-01"})");
    row("Add dentist appointment on monday", "std", "add_task", R"({"title":"Dentist appointment","due_date":"2026-11-30"})");
    row("add buy a gift for next friday", "std", "add_task", R"({"title":"Buy a gift","due_date":"2026-12-04"})");
    row("add call the bank today", "std", "add_task", R"({"title":"Call the bank","due_date":"2026-11-27"})");
    row("add prepare slides in 3 days", "std", "add_task", R"({"title":"Prepare slides","due_date":"2026-11-30"})");
    row("add renew insurance on dec 3", "std", "add_task", R"({"title":"Renew insurance","due_date":"2026-12-03"})");
    row("add send the invoice by 5 january", "std", "add_task", R"({"title":"Send the invoice","due_date":"2027-01-05"})");
    row("new task: water plants", "std", "add_task", R"({"title":"Water plants"})");
    row("create a task called Plan the trip", "std", "add_task", R"({"title":"Plan the trip"})");
    row("Don't let me forget to feed the cat", "std", "add_task", R"({"title":"Feed the cat"})");
    row("I have to buy batteries", "std", "add_task", R"({"title":"Buy batteries"})");
    row("I need to finish the report by friday", "std", "add_task",
        R"({"title":"Finish the report","due_date":"2026-12-04"})");
    row("add book flights #travel", "std", "add_task", R"({"title":"Book flights","tags":["travel"]})");
    row("add update the CV and tag it career", "std", "add_task", R"({"title":"Update the CV","tags":["career"]})");
    row("add buy milk with description 2 litres, semi-skimmed", "std", "add_task",
        R"({"title":"Buy milk","description":"2 litres, semi-skimmed"})");
    row("Please add call grandma this weekend", "std", "add_task", R"({"title":"Call grandma","due_date":"2026-11-28"})");
    row("Could you add a reminder to take out the trash tonight", "std", "add_task",
        R"({"title":"Take out the trash tonight","due_date":"2026-11-27"})");
    row("todo: clean the garage", "std", "add_task", R"({"title":"Clean the garage"})");
    row("hey, add buy stamps", "std", "add_task", R"({"title":"Buy stamps"})");
    row("add buy sun cream", "std", "add_task", R"({"title":"Buy sun cream","due_date":"<absent>"})");
    row("remind me to water the plants", "empty", "add_task", R"({"title":"Water the plants"})");
    row("add a task", "std", "", "", "What should the task say");
    row("Put milk on my shopping list", "std", "add_task", R"({"title":"Milk"})");
    row("Add task: Finish homework", "std", "add_task", R"({"title":"Finish homework"})");
    row("create a new task: book the hotel, due next monday", "std", "add_task",
        R"({"title":"Book the hotel","due_date":"2026-11-30"})");

    // Listing and filtering
    row("list my tasks", "std", "list_tasks", R"({"status":"all"})");
    row("show pending tasks", "std", "list_tasks", R"({"status":"pending"})");
    row("What do I still have to do?", "std", "list_tasks", R"({"status":"pending"})");
    row("what's left", "std", "list_tasks", R"({"status":"pending"})");
    row("Show completed tasks", "std", "list_tasks", R"({"status":"completed"})");
    row("what have I done so far", "std", "list_tasks", R"({"status":"completed"})");
    row("show my high priority tasks", "std", "list_tasks", R"({"status":"all","priority":"high"})");
    row("any urgent tasks?", "std", "list_tasks", R"({"priority":"high"})");
    row("show tasks tagged work", "std", "list_tasks", R"({"tag":"work"})");
    row("show my #work tasks", "std", "list_tasks", R"({"tag":"work"})");
    row("find the milk task", "std", "list_tasks", R"({"search":"milk"})");
    row("search for report", "std", "list_tasks", R"({"search":"report"})");
    row("show tasks about dentist", "std", "list_tasks", R"({"search":"dentist"})");
    row("pending", "std", "list_tasks", R"({"status":"pending"})");
    row("my todo list", "std", "list_tasks", R"({"status":"all"})");
    row("what's on my plate", "std", "list_tasks", R"({"status":"pending"})");
    row("How many tasks do I have?", "std", "list_tasks", R"({"status":"all"})");
    row("Can you show me what's pending?", "std", "list_tasks", R"({"status":"pending"})");
    row("show my tasks", "empty", "list_tasks", R"({"status":"all"})");

    // Completing, by number, title fragment or context
    row("mark task 1 done", "std", "complete_task", R"({"task_id":1})");
    row("complete #5", "std", "complete_task", R"({"task_id":5})");
    row("I finished buying milk", "std", "complete_task", R"({"task_id":1})");
    row("the milk task is done", "std", "complete_task", R"({"task_id":1})");
    row("done with task 3", "std", "complete_task", R"({"task_id":3})");
    row("check off pay bills", "std", "complete_task", R"({"task_id":3})");
    row("Finished the dentist one", "std", "complete_task", R"({"task_id":5})");
    row("mark it done", "last6", "complete_task", R"({"task_id":6})");
    row("mark as done", "last6", "complete_task", R"({"task_id":6})");
    row("task 6 is complete", "std", "complete_task", R"({"task_id":6})");
    row("mark it as complete", "std", "", "", "Which task");
    row("mark task 4 as done", "std", "", "", "already");
    row("Mark task 9 as complete", "std", "", "", "couldn't find task 9");
    row("I completed the report", "std", "", "", "already");
    row("mark the buy task as done", "std", "", "", "Buy bread");

    // Deleting
    row("delete task 2", "std", "delete_task", R"({"task_id":2})");
    row("remove #6", "std", "delete_task", R"({"task_id":6})");
    row("delete it", "last6", "delete_task", R"({"task_id":6})");
    row("Get rid of the bread task", "std", "delete_task", R"({"task_id":6})");
    row("cancel the dentist appointment", "std", "delete_task", R"({"task_id":5})");
    row("delete the buy task", "std", "", "", "Which one do you mean");
    row("delete the gym task", "std", "", "", "couldn't find");
    row("delete all tasks", "std", "", "", "one task at a time");
    row("delete task 1", "empty", "", "", "no open tasks");
    row("delete", "std", "", "", "Which task");
    row("remove the due date from task 2", "std", "update_task", R"({"task_id":2,"due_date":null})");

    // Renaming and other updates
    row("rename task 2 to Weekly sync", "std", "update_task", R"({"task_id":2,"title":"Weekly sync"})");
    row("rename the milk task to buy oat milk", "std", "update_task", R"({"task_id":1,"title":"Buy oat milk"})");
    row("change the title of task 3 to Pay electricity bill", "std", "update_task",
        R"({"task_id":3,"title":"Pay electricity bill"})");
    row("make task 3 high priority", "std", "update_task", R"({"task_id":3,"priority":"high"})");
    row("set the priority of task 5 to low", "std", "update_task", R"({"task_id":5,"priority":"low"})");
    row("mark task 1 as urgent", "std", "update_task", R"({"task_id":1,"priority":"high"})");
    row("change task 3's priority to medium", "std", "update_task", R"({"task_id":3,"priority":"medium"})");
    row("make it urgent", "last6", "update_task", R"({"task_id":6,"priority":"high"})");
    row("move task 3 to monday", "std", "update_task", R"({"task_id":3,"due_date":"2026-11-30"})");
    row("postpone the dentist appointment until next week", "std", "update_task",
        R"({"task_id":5,"due_date":"2026-12-04"})");
    row("set the due date of task 1 to 2026-12-24", "std", "update_task", R"({"task_id":1,"due_date":"2026-12-24"})");
    row("task 2 is due tomorrow", "std", "update_task", R"({"task_id":2,"due_date":"2026-11-28"})");
    row("Update task 5 description to bring the insurance card", "std", "update_task",
        R"({"task_id":5,"description":"bring the insurance card"})");
    row("set task 1 to done", "std", "complete_task", R"({"task_id":1})");
    row("change task 8 to something else", "std", "", "", "couldn't find task 8");
    row("rename the buy task to shopping", "std", "", "", "Which one do you mean");

    // Reopening
    row("reopen task 4", "std", "update_task", R"({"task_id":4,"completed":false})");
    row("mark task 4 as not done", "std", "update_task", R"({"task_id":4,"completed":false})");
    row("reopen the report task", "std", "update_task", R"({"task_id":7,"completed":false})");
    row("I didn't finish calling mom", "std", "update_task", R"({"task_id":4,"completed":false})");
    row("reopen it", "last4", "update_task", R"({"task_id":4,"completed":false})");
    row("mark task 1 as incomplete", "std", "", "", "already open");
    row("undo task 4", "std", "update_task", R"({"task_id":4,"completed":false})");
    row("lower the priority of task 2", "std", "update_task", R"({"task_id":2,"priority":"low"})");

    // Small talk and nonsense
    row("hi", "std", "", "", "Hi there");
    row("Hello!", "std", "", "", "Hi there");
    row("good morning", "std", "", "", "Hi there");
    row("what can you do?", "std", "", "", "I can add tasks");
    row("help", "std", "", "", "I can add tasks");
    row("thanks!", "std", "", "", "welcome");
    row("", "std", "", "", "I can add tasks");
    row("asdfghjkl", "std", "", "", "didn't quite get");
    row("purple monkey dishwasher", "std", "", "", "didn't quite get");
    row("the weather is nice", "std", "", "", "didn't quite get");
    row("what time is it", "std", "", "", "didn't quite get");
    row("tell me about the weather", "std", "", "", "didn't quite get");
}

void TestIntent::interprets() {
    QFETCH(QString, text);
    QFETCH(QString, context);
    QFETCH(QString, tool);
    QFETCH(QString, arguments);
    QFETCH(QString, reply);

    auto intent = interpret(text.toStdString(), context_named(context));
    if (tool.isEmpty()) {
        QVERIFY2(!intent.call, intent.call ? intent.call->arguments.dump().c_str() : "");
        QVERIFY2(QString::fromStdString(intent.reply).contains(reply, Qt::CaseInsensitive),
                 intent.reply.c_str());
        return;
    }
    QVERIFY2(intent.call, ("no call; reply: " + intent.reply).c_str());
    QCOMPARE(QString::fromStdString(intent.call->name), tool);
    const auto& actual = intent.call->arguments;
    auto expected = nlohmann::json::parse(arguments.toStdString());
    for (const auto& [key, value] : expected.items()) {
        auto message = key + " in " + actual.dump();
        if (value == "<absent>") {
            QVERIFY2(!actual.contains(key), message.c_str());
            continue;
        }
        QVERIFY2(actual.contains(key), message.c_str());
        QVERIFY2(actual[key] == value, message.c_str());
    }
}

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
