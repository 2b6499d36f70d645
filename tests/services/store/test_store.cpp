// The store against both backends: every data-driven case runs on a SQLite file and on a real
// PostgreSQL server started for this test.

#include <libpq-fe.h>
#include <sqlite3.h>

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "chatbot/store/database_url.hpp"
#include "chatbot/store/migrations.hpp"
#include "chatbot/store/store.hpp"
#include "support/postgres_server.hpp"
#include "support/require_tool.hpp"

using namespace todo;
using todo::store::open_store;
using todo::store::Store;

namespace {

TaskDraft draft(std::string title, Priority priority = Priority::Medium,
                std::optional<std::string> due = std::nullopt, std::vector<std::string> tags = {},
                std::string description = {}) {
    TaskDraft d;
    d.title = std::move(title);
    d.description = std::move(description);
    d.priority = priority;
    d.due_date = std::move(due);
    d.tags = std::move(tags);
    return d;
}

QStringList titles(const std::vector<Task>& tasks) {
    QStringList out;
    for (const auto& task : tasks) out << QString::fromStdString(task.title);
    return out;
}

bool is_iso_timestamp(const std::string& text) {
    static const QRegularExpression pattern(
        QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
    return pattern.match(QString::fromStdString(text)).hasMatch();
}

bool ping_succeeds(Store& store) {
    try {
        store.ping();
        return true;
    } catch (const store::StoreUnavailable&) {
        return false;
    }
}

TaskFilter filter_sorted(SortOrder sort) {
    TaskFilter filter;
    filter.sort = sort;
    return filter;
}

}  // namespace

// Fetches the backend column and opens a store on it, skipping (locally) without Postgres.
#define OPEN_STORE(name)                                                              \
    QFETCH(QString, backend);                                                         \
    if (backend == QLatin1String("postgres"))                                         \
        HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8()); \
    auto name = open_store(url_for(backend))

class StoreTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<helmdeck::testing::PostgresServer> postgres_;
    QString postgres_why_;
    QTemporaryDir sqlite_dir_;
    int next_user_ = 0;

    std::string url_for(const QString& backend) const {
        if (backend == QLatin1String("postgres")) return postgres_->url().toStdString();
        // A nested path: opening it must create the missing directories.
        return "sqlite:" + sqlite_dir_.path().toStdString() + "/nested/dir/store.db";
    }
    // Every case works as fresh users, so cases sharing one database cannot see each other.
    std::string fresh_user() { return "user-" + std::to_string(++next_user_) + "-ü"; }

    static void backends() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    int recorded_migrations(const QString& backend, int* latest) const;

    static bool run_postgres(const QString& url, const std::string& sql, QString* error) {
        PGconn* connection = PQconnectdb(url.toUtf8().constData());
        PGresult* result = PQexec(connection, sql.c_str());
        const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
        if (!ok) *error = QString::fromUtf8(PQerrorMessage(connection));
        PQclear(result);
        PQfinish(connection);
        return ok;
    }
    static bool run_sqlite(const std::string& path, const std::string& sql, QString* error) {
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        char* message = nullptr;
        const bool ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) == SQLITE_OK;
        if (!ok) *error = QString::fromUtf8(message ? message : sqlite3_errmsg(db));
        sqlite3_free(message);
        sqlite3_close(db);
        return ok;
    }

private slots:
    void initTestCase() {
        QVERIFY(sqlite_dir_.isValid());
        postgres_ = helmdeck::testing::PostgresServer::start(&postgres_why_);
        if (!postgres_) qWarning("PostgreSQL cases will not run: %s", qPrintable(postgres_why_));
    }

    void crud_data() { backends(); }
    void crud() {
        OPEN_STORE(store);
        QCOMPARE(store->kind(), backend.toStdString());
        const auto user = fresh_user();

        auto created = store->create_task(
            user, draft("Buy milk", Priority::High, "2030-01-31", {"home", "shop"}, "2 litres"));
        QVERIFY(created.id > 0);
        QCOMPARE(created.title, "Buy milk");
        QCOMPARE(created.description, "2 litres");
        QCOMPARE(created.priority, Priority::High);
        QCOMPARE(created.due_date, std::optional<std::string>("2030-01-31"));
        QCOMPARE(created.tags, (std::vector<std::string>{"home", "shop"}));
        QVERIFY(!created.completed);
        QVERIFY2(is_iso_timestamp(created.created_at), created.created_at.c_str());
        QCOMPARE(created.updated_at, created.created_at);

        auto fetched = store->get_task(user, created.id);
        QVERIFY(fetched);
        QCOMPARE(fetched->title, created.title);
        QCOMPARE(fetched->tags, created.tags);
        QCOMPARE(fetched->created_at, created.created_at);

        TaskPatch rename;
        rename.title = "Buy oat milk";
        rename.due_date = std::optional<std::string>{};  // clears the date
        rename.tags = std::vector<std::string>{"shop"};
        auto renamed = store->update_task(user, created.id, rename);
        QVERIFY(renamed);
        QCOMPARE(renamed->title, "Buy oat milk");
        QCOMPARE(renamed->description, "2 litres");   // untouched
        QCOMPARE(renamed->priority, Priority::High);  // untouched
        QVERIFY(!renamed->due_date);
        QCOMPARE(renamed->tags, std::vector<std::string>{"shop"});
        QVERIFY(is_iso_timestamp(renamed->updated_at));
        QVERIFY(renamed->updated_at >= renamed->created_at);

        TaskPatch reschedule;
        reschedule.due_date = std::optional<std::string>("2031-12-01");
        reschedule.priority = Priority::Low;
        reschedule.completed = true;
        reschedule.description = "";
        auto rescheduled = store->update_task(user, created.id, reschedule);
        QVERIFY(rescheduled);
        QCOMPARE(rescheduled->due_date, std::optional<std::string>("2031-12-01"));
        QCOMPARE(rescheduled->priority, Priority::Low);
        QVERIFY(rescheduled->completed);
        QCOMPARE(rescheduled->description, "");
        QCOMPARE(rescheduled->title, "Buy oat milk");

        auto toggled = store->toggle_complete(user, created.id);
        QVERIFY(toggled && !toggled->completed);
        toggled = store->toggle_complete(user, created.id);
        QVERIFY(toggled && toggled->completed);

        QVERIFY(store->delete_task(user, created.id));
        QVERIFY(!store->get_task(user, created.id));
        QVERIFY(!store->delete_task(user, created.id));
        QVERIFY(!store->update_task(user, created.id, rename));
        QVERIFY(!store->toggle_complete(user, created.id));
        QVERIFY(!store->get_task(user, 987654321));
    }

    void user_scoping_data() { backends(); }
    void user_scoping() {
        OPEN_STORE(store);
        const auto alice = fresh_user();
        const auto bob = fresh_user();
        auto task = store->create_task(alice, draft("Alice's secret"));

        QVERIFY(!store->get_task(bob, task.id));
        TaskPatch patch;
        patch.title = "hijacked";
        QVERIFY(!store->update_task(bob, task.id, patch));
        QVERIFY(!store->toggle_complete(bob, task.id));
        QVERIFY(!store->delete_task(bob, task.id));
        QVERIFY(store->list_tasks(bob, {}).empty());

        auto still = store->get_task(alice, task.id);
        QVERIFY(still);
        QCOMPARE(still->title, "Alice's secret");
        QVERIFY(!still->completed);
        QCOMPARE(store->list_tasks(alice, {}).size(), std::size_t{1});
    }

    void filters_and_sorts_data() { backends(); }
    void filters_and_sorts() {
        OPEN_STORE(store);
        const auto user = fresh_user();
        store->create_task(user, draft("charlie", Priority::Low, "2030-03-01", {"work"}));
        auto bravo =
            store->create_task(user, draft("Bravo", Priority::High, std::nullopt, {"workout"}));
        store->create_task(user, draft("alpha", Priority::Medium, "2030-01-01", {"home", "work"}));
        store->create_task(user, draft("Delta", Priority::High, "2030-02-01"));
        store->toggle_complete(user, bravo.id);
        store->create_task(fresh_user(), draft("other user's", Priority::High, {}, {"work"}));

        QCOMPARE(titles(store->list_tasks(user, {})),
                 QStringList({"charlie", "Bravo", "alpha", "Delta"}));

        TaskFilter pending;
        pending.status = StatusFilter::Pending;
        QCOMPARE(titles(store->list_tasks(user, pending)),
                 QStringList({"charlie", "alpha", "Delta"}));
        TaskFilter completed;
        completed.status = StatusFilter::Completed;
        QCOMPARE(titles(store->list_tasks(user, completed)), QStringList({"Bravo"}));

        TaskFilter high;
        high.priority = Priority::High;
        QCOMPARE(titles(store->list_tasks(user, high)), QStringList({"Bravo", "Delta"}));
        high.status = StatusFilter::Pending;
        QCOMPARE(titles(store->list_tasks(user, high)), QStringList({"Delta"}));

        TaskFilter work;
        work.tag = "work";  // exact: not "workout"
        QCOMPARE(titles(store->list_tasks(user, work)), QStringList({"charlie", "alpha"}));
        work.tag = "wor";
        QVERIFY(store->list_tasks(user, work).empty());

        QCOMPARE(titles(store->list_tasks(user, filter_sorted(SortOrder::Due))),
                 QStringList({"alpha", "Delta", "charlie", "Bravo"}));
        QCOMPARE(titles(store->list_tasks(user, filter_sorted(SortOrder::Priority))),
                 QStringList({"Bravo", "Delta", "alpha", "charlie"}));
        QCOMPARE(titles(store->list_tasks(user, filter_sorted(SortOrder::Title))),
                 QStringList({"alpha", "Bravo", "charlie", "Delta"}));
    }

    void due_ranges_paging_and_counts_data() { backends(); }
    void due_ranges_paging_and_counts() {
        OPEN_STORE(store);
        const auto user = fresh_user();
        store->create_task(user, draft("late", Priority::Medium, "2030-01-09"));
        auto done_late = store->create_task(user, draft("done late", Priority::Medium, "2030-01-08"));
        store->create_task(user, draft("today", Priority::Medium, "2030-01-10"));
        store->create_task(user, draft("in six days", Priority::Medium, "2030-01-16"));
        store->create_task(user, draft("in seven days", Priority::Medium, "2030-01-17"));
        store->create_task(user, draft("no date", Priority::Medium, std::nullopt));
        store->toggle_complete(user, done_late.id);
        QCOMPARE(store->count_tasks(user), std::size_t{6});
        QCOMPARE(store->count_tasks(fresh_user()), std::size_t{0});

        auto due = [&](const char* when) {
            TaskFilter filter;
            if (!todo::apply_due_filter(filter, when, "2030-01-10")) return QStringList{"<refused>"};
            return titles(store->list_tasks(user, filter));
        };
        QCOMPARE(due("today"), QStringList({"today"}));
        QCOMPARE(due("overdue"), QStringList({"late"}));  // open ones only
        QCOMPARE(due("week"), QStringList({"today", "in six days"}));
        QCOMPARE(due("2030-01-17"), QStringList({"in seven days"}));
        TaskFilter unknown;
        QVERIFY(!todo::apply_due_filter(unknown, "someday", "2030-01-10"));

        TaskFilter page;
        page.limit = 2;
        QCOMPARE(titles(store->list_tasks(user, page)), QStringList({"late", "done late"}));
        page.offset = 4;
        QCOMPARE(titles(store->list_tasks(user, page)), QStringList({"in seven days", "no date"}));
        page.offset = 6;
        QVERIFY(store->list_tasks(user, page).empty());

        for (int i = 0; i < 3; ++i) store->create_conversation(user);
        auto newest = store->list_conversations(user, 2, 0);
        QCOMPARE(newest.size(), std::size_t{2});
        QVERIFY(newest[0].id > newest[1].id);
        QVERIFY(!newest[0].created_at.empty());
        QCOMPARE(store->list_conversations(user, 2, 2).size(), std::size_t{1});
        QVERIFY(store->list_conversations(fresh_user(), 10, 0).empty());
    }

    void search_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QStringList>("expected");
        const QStringList backend_names = {QStringLiteral("sqlite"), QStringLiteral("postgres")};
        for (const auto& name : backend_names) {
            auto row = [&](const char* label, const char* needle, QStringList expected) {
                QTest::addRow("%s/%s", qPrintable(name), label)
                    << name << QString::fromUtf8(needle) << expected;
            };
            row("percent", "%", {"100% done"});
            row("underscore", "_", {"snake_case name"});
            row("quote", "'", {"it's Bob's"});
            row("backslash", "\\", {"C:\\temp"});
            row("case-insensitive", "DONE", {"100% done", "100 percent done"});
            row("in description", "groceries", {"plain"});
            row("emoji", "🎉", {"party 🎉"});
            row("no match", "zzz", {});
        }
    }
    void search() {
        OPEN_STORE(store);
        QFETCH(QString, needle);
        QFETCH(QStringList, expected);
        const auto user = fresh_user();
        for (const char* title : {"100% done", "100 percent done", "snake_case name", "snakeXcase",
                                  "it's Bob's", "C:\\temp", "party 🎉"})
            store->create_task(user, draft(title));
        store->create_task(user, draft("plain", Priority::Medium, {}, {}, "buy Groceries"));

        TaskFilter filter;
        filter.search = needle.toStdString();
        QCOMPARE(titles(store->list_tasks(user, filter)), expected);
    }

    void verbatim_round_trip_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("text");
        for (const char* name : {"sqlite", "postgres"}) {
            auto row = [&](const char* label, const char* text) {
                QTest::addRow("%s/%s", name, label)
                    << QString::fromLatin1(name) << QString::fromUtf8(text);
            };
            row("drop table", "'; DROP TABLE tasks; --");
            row("bobby", "Robert'); DROP TABLE students;--");
            row("emoji", "🎉 party 👩‍👩‍👧 ✅");
            row("quotes", "\"double\" and 'single' and `back`");
            row("placeholders", "$1 ?1 :name @p %s {}");
            row("dollar quote", "$$ SELECT 1 $$");
            row("whitespace", "  tabs\tand\nnewlines  ");
            row("json", R"({"tags": ["a"], "x": null})");
        }
    }
    void verbatim_round_trip() {
        OPEN_STORE(store);
        QFETCH(QString, text);
        const auto user = fresh_user();
        const std::string value = text.toStdString();
        auto created = store->create_task(user, draft(value, Priority::Low, {}, {value}, value));
        auto fetched = store->get_task(user, created.id);
        QVERIFY(fetched);
        QCOMPARE(fetched->title, value);
        QCOMPARE(fetched->description, value);
        QCOMPARE(fetched->tags, std::vector<std::string>{value});
        TaskFilter by_tag;
        by_tag.tag = value;
        QCOMPARE(store->list_tasks(user, by_tag).size(), std::size_t{1});
        TaskFilter by_search;
        by_search.search = value;
        QCOMPARE(store->list_tasks(user, by_search).size(), std::size_t{1});

        auto conversation = store->create_conversation(user);
        store->append_message(user, conversation, "user", value, "[]");
        auto messages = store->list_messages(user, conversation, 10);
        QCOMPARE(messages.size(), std::size_t{1});
        QCOMPARE(messages[0].content, value);
        QCOMPARE(store->list_tasks(user, {}).size(), std::size_t{1});  // the table survived
    }

    void conversations_data() { backends(); }
    void conversations() {
        OPEN_STORE(store);
        const auto user = fresh_user();
        const auto stranger = fresh_user();
        auto conversation = store->create_conversation(user);
        QVERIFY(conversation > 0);
        QVERIFY(store->conversation_exists(user, conversation));
        QVERIFY(!store->conversation_exists(stranger, conversation));
        QVERIFY(!store->conversation_exists(user, conversation + 100000));

        const std::string calls =
            R"([{"name":"add_task","arguments":{"title":"x"},"result":{"id":1}}])";
        for (int i = 1; i <= 5; ++i) {
            bool mine = i % 2 == 1;
            auto message = store->append_message(user, conversation, mine ? "user" : "assistant",
                                                 "message " + std::to_string(i), mine ? "" : calls);
            QCOMPARE(message.conversation_id, conversation);
            QVERIFY(is_iso_timestamp(message.created_at));
            QCOMPARE(message.tool_calls_json, mine ? std::string("[]") : calls);
        }

        auto last_three = store->list_messages(user, conversation, 3);
        QCOMPARE(last_three.size(), std::size_t{3});
        QCOMPARE(last_three[0].content, "message 3");
        QCOMPARE(last_three[1].content, "message 4");
        QCOMPARE(last_three[1].role, "assistant");
        QCOMPARE(last_three[1].tool_calls_json, calls);
        QCOMPARE(last_three[2].content, "message 5");
        QVERIFY(last_three[0].id < last_three[1].id && last_three[1].id < last_three[2].id);
        QCOMPARE(store->list_messages(user, conversation, 100).size(), std::size_t{5});
        QVERIFY(store->list_messages(user, conversation, 0).empty());

        QVERIFY(store->list_messages(stranger, conversation, 100).empty());
        QVERIFY_THROWS_EXCEPTION(store::ConversationNotFound,
                                 store->append_message(stranger, conversation, "user", "hi", "[]"));
        QVERIFY_THROWS_EXCEPTION(
            store::ConversationNotFound,
            store->append_message(user, conversation + 100000, "user", "hi", "[]"));
        QCOMPARE(store->list_messages(user, conversation, 100).size(), std::size_t{5});
    }

    void persists_across_reopen_data() { backends(); }
    void persists_across_reopen() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres"))
            HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        const auto user = fresh_user();
        std::int64_t task_id = 0;
        std::int64_t conversation = 0;
        {
            auto store = open_store(url_for(backend));
            task_id = store->create_task(user, draft("survives a restart")).id;
            conversation = store->create_conversation(user);
            store->append_message(user, conversation, "user", "remember me", "[]");
        }
        auto reopened = open_store(url_for(backend));
        auto task = reopened->get_task(user, task_id);
        QVERIFY(task);
        QCOMPARE(task->title, "survives a restart");
        QVERIFY(reopened->conversation_exists(user, conversation));
        QCOMPARE(reopened->list_messages(user, conversation, 10).at(0).content, "remember me");
    }

    void migrations_are_idempotent_data() { backends(); }
    void migrations_are_idempotent() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres"))
            HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        for (int i = 0; i < 3; ++i) open_store(url_for(backend))->ping();
        int latest = 0;
        QCOMPARE(recorded_migrations(backend, &latest),
                 static_cast<int>(store::schema_migrations().size()));
        QCOMPARE(latest, store::latest_schema_version());
    }

    void observer_sees_every_query_data() { backends(); }
    void observer_sees_every_query() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres"))
            HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        std::mutex mutex;
        std::vector<std::string> operations;
        bool negative = false;
        auto store = open_store(url_for(backend), [&](std::string_view operation, double seconds) {
            std::lock_guard lock(mutex);
            operations.emplace_back(operation);
            negative = negative || seconds < 0;
        });
        const auto user = fresh_user();
        auto task = store->create_task(user, draft("observed"));
        store->list_tasks(user, {});
        store->get_task(user, task.id);
        store->ping();
        QVERIFY(!negative);
        QCOMPARE(operations, (std::vector<std::string>{"migrate", "create_task", "list_tasks",
                                                       "get_task", "ping"}));
    }

    void concurrent_writers_data() {
        backends();
        QTest::newRow("sqlite-memory") << QStringLiteral("sqlite-memory");
    }
    void concurrent_writers() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres"))
            HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        auto store = open_store(
            backend == QLatin1String("sqlite-memory") ? "sqlite::memory:" : url_for(backend), {},
            4);
        const auto user = fresh_user();
        constexpr int kThreads = 6;
        constexpr int kTasksEach = 25;
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < kTasksEach; ++i) {
                    try {
                        store->create_task(
                            user, draft("t" + std::to_string(t) + "-" + std::to_string(i)));
                        store->list_tasks(user, {});
                    } catch (const std::exception& error) {
                        qWarning("concurrent write failed: %s", error.what());
                        ++failures;
                    }
                }
            });
        }
        for (auto& thread : threads) thread.join();
        QCOMPARE(failures.load(), 0);
        auto tasks = store->list_tasks(user, {});
        QCOMPARE(tasks.size(), std::size_t{kThreads * kTasksEach});
        std::set<std::int64_t> ids;
        for (const auto& task : tasks) ids.insert(task.id);
        QCOMPARE(ids.size(), tasks.size());
    }

    void the_cap_holds_under_concurrent_creates_data() { backends(); }
    void the_cap_holds_under_concurrent_creates() {
        OPEN_STORE(store);
        const auto user = fresh_user();
        constexpr std::size_t kCap = 20;
        constexpr int kThreads = 8;
        constexpr int kAttemptsEach = 6;
        std::atomic<int> created{0}, refused{0}, failed{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < kAttemptsEach; ++i) {
                    try {
                        store->create_task(user, draft("racing"), kCap);
                        ++created;
                    } catch (const store::TaskLimitReached&) {
                        ++refused;
                    } catch (const std::exception& error) {
                        qWarning("create failed: %s", error.what());
                        ++failed;
                    }
                }
            });
        }
        for (auto& thread : threads) thread.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(created.load() + refused.load(), kThreads * kAttemptsEach);
        // SQLite's one writer makes the cap exact. PostgreSQL checks it without a lock, so each
        // create in flight beside another may pass it once, and never more.
        if (backend == QLatin1String("sqlite")) QCOMPARE(created.load(), int(kCap));
        QVERIFY2(created.load() >= int(kCap) && created.load() < int(kCap) + kThreads,
                 qPrintable(QString::number(created.load())));
        auto tasks = store->list_tasks(user, {});
        QCOMPARE(tasks.size(), std::size_t(created.load()));
        QCOMPARE(store->count_tasks(user), tasks.size());

        // Deleting frees exactly as many places, one create at a time is exact, and the
        // message names the cap.
        const std::size_t surplus = tasks.size() - kCap;
        for (std::size_t i = 0; i < surplus + 3; ++i) QVERIFY(store->delete_task(user, tasks[i].id));
        QVERIFY(!store->delete_task(user, tasks[0].id));
        QCOMPARE(store->count_tasks(user), kCap - 3);
        for (int i = 0; i < 3; ++i) store->create_task(user, draft("refill"), kCap);
        try {
            store->create_task(user, draft("one too many"), kCap);
            QFAIL("the 21st task was created");
        } catch (const store::TaskLimitReached& full) {
            QVERIFY2(std::string(full.what()).find("limit of 20 tasks") != std::string::npos, full.what());
        }
        QCOMPARE(store->list_tasks(user, {}).size(), kCap);
        // The cap is per user, and no cap means none.
        const auto other = fresh_user();
        store->create_task(other, draft("mine"), kCap);
        for (std::size_t i = 0; i < kCap + 5; ++i) store->create_task(other, draft("uncapped"));
        QCOMPARE(store->count_tasks(other), kCap + 6);
    }

    // A database made by the previous release (schema 1, rows and all) gets its counts from
    // the rows it holds when it migrates.
    void counts_are_backfilled_on_upgrade_data() { backends(); }
    void counts_are_backfilled_on_upgrade() {
        QFETCH(QString, backend);
        if (backend == QLatin1String("postgres"))
            HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        const auto& first = store::schema_migrations()[0];
        const std::string rows =
            "INSERT INTO tasks (user_id, title) VALUES ('old', 'a'), ('old', 'b'), ('old', 'c'), "
            "('other', 'x');";
        std::string url;
        QString error;
        if (backend == QLatin1String("postgres")) {
            QVERIFY2(run_postgres(postgres_->url(), "CREATE DATABASE schema_one", &error), qPrintable(error));
            const QString server = postgres_->url();
            url = (server.left(server.lastIndexOf(QLatin1Char('/'))) + "/schema_one").toStdString();
            QVERIFY2(run_postgres(QString::fromStdString(url),
                                  std::string(first.postgres_sql) + rows +
                                      "CREATE TABLE schema_migrations (version integer PRIMARY KEY,"
                                      " name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                                      "INSERT INTO schema_migrations (version, name) VALUES (1, 'initial schema');",
                                  &error),
                     qPrintable(error));
        } else {
            const std::string path = sqlite_dir_.path().toStdString() + "/schema_one.db";
            QVERIFY2(run_sqlite(path,
                                std::string(first.sqlite_sql) + rows +
                                    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY,"
                                    " name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT '');"
                                    "INSERT INTO schema_migrations (version, name) VALUES (1, 'initial schema');",
                                &error),
                     qPrintable(error));
            url = "sqlite:" + path;
        }
        auto store = open_store(url);
        QCOMPARE(store->count_tasks("old"), std::size_t{3});
        QCOMPARE(store->count_tasks("other"), std::size_t{1});
        QVERIFY_THROWS_EXCEPTION(store::TaskLimitReached, store->create_task("old", draft("d"), 3));
        store->create_task("old", draft("d"), 4);
        QCOMPARE(store->count_tasks("old"), std::size_t{4});
    }

    void memory_databases_are_private() {
        auto first = open_store("sqlite::memory:");
        auto second = open_store("sqlite::memory:");
        first->create_task("u", draft("only in the first"));
        QCOMPARE(first->list_tasks("u", {}).size(), std::size_t{1});
        QVERIFY(second->list_tasks("u", {}).empty());
        QCOMPARE(second->kind(), "sqlite");
    }

    void bad_urls_are_rejected_data() {
        QTest::addColumn<QString>("url");
        QTest::newRow("empty") << "";
        QTest::newRow("mysql") << "mysql://app:s3cret@db/app";
        QTest::newRow("http") << "http://localhost:5432/db";
        QTest::newRow("no scheme") << "just-a-file.db";
        QTest::newRow("sqlite without path") << "sqlite:";
        QTest::newRow("sqlite slashes only") << "sqlite://";
        QTest::newRow("malformed postgres") << "postgres://app:s3cret@[::1/db";
        QTest::newRow("bad postgres parameter") << "postgresql://h/db?no_such_option=1";
    }
    void bad_urls_are_rejected() {
        QFETCH(QString, url);
        try {
            open_store(url.toStdString());
            QFAIL("open_store accepted a bad URL");
        } catch (const store::BadDatabaseUrl& error) {
            const QString message = QString::fromUtf8(error.what());
            QVERIFY2(!message.contains(QLatin1String("s3cret")), qPrintable(message));
            QVERIFY2(message.contains(QLatin1String("DATABASE_URL")), qPrintable(message));
        }
    }

    void passwords_are_redacted_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("userinfo") << "postgres://app:s3cret@db/app"
                                  << "connection to postgres://app:s3cret@db/app failed"
                                  << "connection to postgres://app:****@db/app failed";
        QTest::newRow("query, twice") << "postgres://db/app?password=pw1&user=x&password=pw2"
                                      << "pw1 then pw2, pw1 again"
                                      << "**** then ****, **** again";
        QTest::newRow("secret that is a mask") << "postgres://app:****@db" << "a ****** b"
                                               << "a ****** b";
        QTest::newRow("overlapping secrets") << "postgres://db?password=abcd&password=cdef"
                                             << "xabcdefy" << "x****y";
        QTest::newRow("no password") << "postgres://app@db/app" << "as it was" << "as it was";
        QString many = "postgres://db?";
        for (int i = 0; i < 9; ++i) many += QString("password=p%1&").arg(i);
        QTest::newRow("more passwords than a URL holds")
            << many << "p0 p1 p8" << "(details withheld: the URL holds 9 passwords)";
        QTest::newRow("the same password many times")
            << "postgres://db?" + QString("password=p&").repeated(400) << "p, p" << "****, ****";
    }
    // Masking is exact, and linear enough that fuzz_database_url is not held up by it.
    void passwords_are_redacted() {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(
                     store::redact_password(message.toStdString(), url.toStdString())),
                 expected);
    }

    void unreachable_postgres_is_unavailable() {
        QElapsedTimer clock;
        clock.start();
        // Nothing listens on port 1 on loopback; the refusal must surface quickly.
        QVERIFY_THROWS_EXCEPTION(
            store::StoreUnavailable,
            open_store("postgresql://helmdeck:helmdeck@127.0.0.1:1/helmdeck?connect_timeout=2"));
        QVERIFY(clock.elapsed() < 10000);
        if (postgres_) {
            auto wrong_password =
                postgres_->url().replace(QLatin1String(":helmdeck@"), QLatin1String(":wrong@"));
            QVERIFY_THROWS_EXCEPTION(store::StoreUnavailable,
                                     open_store(wrong_password.toStdString()));
        }
    }

    // Last: it stops and restarts the shared server.
    void postgres_outage_and_recovery() {
        HELMDECK_REQUIRE(postgres_ != nullptr, "PostgreSQL", postgres_why_.toUtf8());
        auto store = open_store(postgres_->url().toStdString(), {}, 4);
        const auto user = fresh_user();
        auto task = store->create_task(user, draft("before the outage"));
        for (int i = 0; i < 8; ++i) store->list_tasks(user, {});  // warm every pooled connection

        QVERIFY(postgres_->stop());
        QElapsedTimer clock;
        clock.start();
        QVERIFY_THROWS_EXCEPTION(store::StoreUnavailable, store->ping());
        QVERIFY_THROWS_EXCEPTION(store::StoreUnavailable, store->list_tasks(user, {}));
        QVERIFY_THROWS_EXCEPTION(store::StoreUnavailable,
                                 store->create_task(user, draft("during the outage")));
        QVERIFY_THROWS_EXCEPTION(store::StoreUnavailable, store->get_task(user, task.id));
        QVERIFY2(clock.elapsed() < 20000, "failures must be prompt, not hang");

        QVERIFY(postgres_->start_again());
        QTRY_VERIFY_WITH_TIMEOUT(ping_succeeds(*store), 30000);
        // Every pooled connection must recover, not only the one that pinged: parallel
        // readers force the pool to hand out the connections that went stale in the outage.
        std::atomic<int> failures{0};
        std::vector<std::thread> readers;
        for (int t = 0; t < 4; ++t) {
            readers.emplace_back([&] {
                for (int i = 0; i < 10; ++i) {
                    try {
                        if (store->list_tasks(user, {}).size() != 1) ++failures;
                    } catch (const std::exception& error) {
                        qWarning("read after recovery failed: %s", error.what());
                        ++failures;
                    }
                }
            });
        }
        for (auto& reader : readers) reader.join();
        QCOMPARE(failures.load(), 0);
        QVERIFY(store->create_task(user, draft("after the outage")).id > task.id);
    }

    void cleanupTestCase() { postgres_.reset(); }
};

int StoreTest::recorded_migrations(const QString& backend, int* latest) const {
    int count = -1;
    if (backend == QLatin1String("postgres")) {
        PGconn* connection = PQconnectdb(postgres_->url().toUtf8().constData());
        PGresult* result =
            PQexec(connection, "SELECT count(*), max(version) FROM schema_migrations");
        if (PQresultStatus(result) == PGRES_TUPLES_OK) {
            count = std::atoi(PQgetvalue(result, 0, 0));
            *latest = std::atoi(PQgetvalue(result, 0, 1));
        }
        PQclear(result);
        PQfinish(connection);
    } else {
        std::string path = url_for(backend).substr(7);
        sqlite3* db = nullptr;
        sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db, "SELECT count(*), max(version) FROM schema_migrations", -1,
                           &statement, nullptr);
        if (statement != nullptr && sqlite3_step(statement) == SQLITE_ROW) {
            count = sqlite3_column_int(statement, 0);
            *latest = sqlite3_column_int(statement, 1);
        }
        sqlite3_finalize(statement);
        sqlite3_close(db);
    }
    return count;
}

QTEST_GUILESS_MAIN(StoreTest)
#include "test_store.moc"
