// task_json() and task_list_json() must write exactly what to_json(...).dump() wrote before them:
// clients and the OpenAPI tests see the same bytes, key order and escapes included.

#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/domain/task.hpp"
#include "chatbot/domain/task_json.hpp"

Q_DECLARE_METATYPE(todo::Task)

namespace {

std::string reference_dump(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

todo::Task task(std::string title, std::string description = "",
                std::vector<std::string> tags = {}) {
    todo::Task t;
    t.id = 42;
    t.title = std::move(title);
    t.description = std::move(description);
    t.tags = std::move(tags);
    t.created_at = "2026-11-27T14:03:00Z";
    t.updated_at = "2026-11-28T09:00:01Z";
    return t;
}

}  // namespace

class TaskJsonTest : public QObject {
    Q_OBJECT

private slots:
    void same_bytes_as_nlohmann_data() {
        QTest::addColumn<todo::Task>("task");
        QTest::newRow("plain") << task("Buy milk");
        auto due = task("Due", "with a date", {"home", "errand"});
        due.due_date = "2026-12-01";
        due.completed = true;
        due.priority = todo::Priority::High;
        QTest::newRow("due, completed, tags") << due;
        QTest::newRow("quotes and backslashes") << task("say \"hi\" \\ there", "C:\\path");
        QTest::newRow("control characters")
            << task(std::string("a\b\f\n\r\tb\x01\x1f\x7f", 10), std::string("nul\0here", 8));
        QTest::newRow("unicode") << task("café ☕ 𝄞", "ideographic\xe3\x80\x80space", {"é", "日本"});
        QTest::newRow("invalid utf-8") << task("bad \xff byte", "cut \xe2\x82", {"\xc0\x80"});
        QTest::newRow("surrogate") << task("\xed\xa0\x80 lone surrogate");
        auto big = task("big id");
        big.id = INT64_MAX;
        big.priority = todo::Priority::Low;
        QTest::newRow("largest id, low") << big;
        QTest::newRow("empty strings") << task("", "", {""});
    }
    void same_bytes_as_nlohmann() {
        QFETCH(todo::Task, task);
        QCOMPARE(todo::task_json(task), reference_dump(todo::to_json(task)));
    }

    void lists() {
        std::vector<todo::Task> tasks;
        QCOMPARE(todo::task_list_json(tasks), std::string("[]"));
        tasks = {task("one"), task("two", "second", {"x"})};
        tasks[1].id = 7;
        QCOMPARE(todo::task_list_json(tasks), reference_dump(todo::to_json(tasks)));
    }
};

QTEST_GUILESS_MAIN(TaskJsonTest)
#include "test_task_json.moc"
