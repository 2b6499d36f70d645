// Paginated lists, the due filter, the per-user task cap and the conversation list, on the
// real todo-chatbot binary over loopback HTTP.

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "support/backend_process.hpp"

using namespace helmdeck::testing;

namespace {

constexpr int kCap = 150;

QByteArray json(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

// The target of a `Link: <…>; rel="next"` header, or empty.
QString next_link(const HttpReply& reply) {
    static const QRegularExpression link(R"re(^<([^>]+)>; rel="next"$)re");
    auto match = link.match(QString::fromUtf8(reply.header("Link")));
    return match.hasMatch() ? match.captured(1) : QString();
}

QString error_message(const HttpReply& reply) {
    return reply.json().object().value("error").toObject().value("message").toString();
}

}  // namespace

class TestPaginationApi : public QObject {
    Q_OBJECT

    QTemporaryDir data_;
    BackendProcess backend_;
    QString url_;

    HttpReply get(const QString& path) { return http_request("GET", url_ + path); }
    HttpReply post(const QString& path, const QJsonObject& body) {
        return http_request("POST", url_ + path, json(body));
    }

private slots:
    void initTestCase() {
        QVERIFY(data_.isValid());
        backend_.environment().insert("DATABASE_URL", "sqlite:" + data_.filePath("todo.db"));
        backend_.environment().insert("MAX_TASKS_PER_USER", QString::number(kCap));
        QString why;
        QVERIFY2(backend_.start({}, &why), qPrintable(why));
        url_ = backend_.base_url();
        for (int i = 1; i <= kCap; ++i) {
            auto reply = post("/api/pages/tasks", {{"title", QString("Task %1").arg(i)}});
            QCOMPARE(reply.status, 201);
        }
    }
    void cleanupTestCase() { QCOMPARE(backend_.terminate(), 0); }

    void the_cap_answers_409() {
        auto reply = post("/api/pages/tasks", {{"title", "One too many"}});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.json()["error"]["code"].toString(), QString("task_limit_reached"));
        QVERIFY2(error_message(reply).contains("150"), qPrintable(error_message(reply)));
        // The assistant's add_task hits the same cap and says so.
        auto chat = post("/api/pages/chat", {{"message", "add buy milk"}});
        QCOMPARE(chat.status, 200);
        auto result = chat.json()["tool_calls"].toArray().at(0).toObject().value("result").toObject();
        QVERIFY2(result["error"].toString().contains("limit"), chat.body.constData());
        QCOMPARE(get("/api/pages/tasks?limit=500").json().array().size(), kCap);
    }

    void lists_come_in_pages_with_a_next_link() {
        auto first = get("/api/pages/tasks");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().array().size(), 100);
        QCOMPARE(first.json().array().at(0)["title"].toString(), QString("Task 1"));
        auto next = next_link(first);
        QVERIFY2(next.startsWith("/api/pages/tasks?"), first.header("Link").constData());
        auto second = get(next);
        QCOMPARE(second.status, 200);
        QCOMPARE(second.json().array().size(), kCap - 100);
        QCOMPARE(second.json().array().at(0)["title"].toString(), QString("Task 101"));
        QVERIFY(second.header("Link").isEmpty());

        // Other parameters ride along in the link.
        auto sorted = get("/api/pages/tasks?sort=title&limit=40");
        QCOMPARE(sorted.json().array().size(), 40);
        QVERIFY2(next_link(sorted).contains("sort=title"), sorted.header("Link").constData());
        QVERIFY(next_link(sorted).contains("limit=40"));
        int seen = 40;
        for (auto link = next_link(sorted); !link.isEmpty();) {
            auto page = get(link);
            QCOMPARE(page.status, 200);
            seen += page.json().array().size();
            link = next_link(page);
        }
        QCOMPARE(seen, kCap);
    }

    void bad_page_parameters_are_400_naming_the_field() {
        for (const char* query : {"limit=0", "limit=501", "limit=ten", "limit=-1"}) {
            auto reply = get(QString("/api/pages/tasks?") + query);
            QCOMPARE(reply.status, 400);
            QVERIFY2(error_message(reply).contains("limit"), query);
        }
        for (const char* query : {"cursor=abc", "cursor=o", "cursor=o-5", "cursor=99"}) {
            auto reply = get(QString("/api/pages/tasks?") + query);
            QCOMPARE(reply.status, 400);
            QVERIFY2(error_message(reply).contains("cursor"), query);
        }
        auto due = get("/api/pages/tasks?due=someday");
        QCOMPARE(due.status, 400);
        QVERIFY(error_message(due).contains("due"));
        QCOMPARE(get("/api/pages/conversations?limit=0").status, 400);
    }

    void the_due_filter() {
        const QString user = "due";
        const auto today = QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate);
        const auto yesterday = QDateTime::currentDateTimeUtc().date().addDays(-1).toString(Qt::ISODate);
        QCOMPARE(post("/api/due/tasks", {{"title", "Today's"}, {"due_date", today}}).status, 201);
        QCOMPARE(post("/api/due/tasks", {{"title", "Late"}, {"due_date", yesterday}}).status, 201);
        QCOMPARE(post("/api/due/tasks", {{"title", "Undated"}}).status, 201);
        auto titles = [&](const QString& query) {
            QStringList out;
            for (const auto& task : get("/api/" + user + "/tasks?" + query).json().array())
                out << task.toObject().value("title").toString();
            return out;
        };
        QCOMPARE(titles("due=today"), QStringList({"Today's"}));
        QCOMPARE(titles("due=overdue"), QStringList({"Late"}));
        QCOMPARE(titles("due=" + yesterday), QStringList({"Late"}));
        auto chat = post("/api/due/chat", {{"message", "what's due today?"}});
        auto call = chat.json()["tool_calls"].toArray().at(0).toObject();
        QCOMPARE(call.value("name").toString(), QString("list_tasks"));
        QCOMPARE(call.value("arguments").toObject().value("due").toString(), QString("today"));
        QCOMPARE(call.value("result").toArray().size(), 1);
    }

    void conversations_are_listed_newest_first() {
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i)
            ids << post("/api/talker/chat", {{"message", "hi"}}).json()["conversation_id"].toInteger();
        auto first = get("/api/talker/conversations?limit=2");
        QCOMPARE(first.status, 200);
        auto list = first.json().array();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0)["id"].toInteger(), ids.at(2));
        QVERIFY(!list.at(0)["created_at"].toString().isEmpty());
        auto rest = get(next_link(first));
        QCOMPARE(rest.json().array().size(), 1);
        QCOMPARE(rest.json().array().at(0)["id"].toInteger(), ids.at(0));
        QVERIFY(get("/api/nobody/conversations").json().array().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPaginationApi)
#include "test_pagination_api.moc"
