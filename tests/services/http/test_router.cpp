// Route matching, 404 versus 405, and the pure request-target helpers.

#include <QtTest>
#include <nlohmann/json.hpp>

#include "chatbot/http/error.hpp"
#include "chatbot/http/request_target.hpp"
#include "chatbot/http/router.hpp"

using todo::http::HttpError;
using todo::http::Request;
using todo::http::Response;
using todo::http::Router;

namespace {

Response named(const char* name) {
    Response response;
    response.body = name;
    return response;
}

Router task_router() {
    Router router;
    router.add("GET", "/api/health", [](Request&) { return named("health"); });
    router.add("GET", "/api/{user_id}/tasks", [](Request&) { return named("list"); });
    router.add("POST", "/api/{user_id}/tasks", [](Request&) { return named("create"); });
    router.add("GET", "/api/{user_id}/tasks/{id}", [](Request&) { return named("get"); });
    router.add("PUT", "/api/{user_id}/tasks/{id}", [](Request&) { return named("put"); });
    router.add("DELETE", "/api/{user_id}/tasks/{id}", [](Request&) { return named("delete"); });
    router.add("PATCH", "/api/{user_id}/tasks/{id}/complete",
               [](Request&) { return named("complete"); });
    router.add("GET", "/", [](Request&) { return named("root"); });
    return router;
}

Request make_request(const QString& method, const QString& path) {
    Request request;
    request.method = method.toStdString();
    request.path = path.toStdString();
    return request;
}

}  // namespace

class TestRouter : public QObject {
    Q_OBJECT

private slots:
    void matchesTemplates_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("handler");
        QTest::addColumn<QString>("route");
        QTest::addColumn<QString>("params");  // JSON object

        QTest::newRow("literal") << "GET"
                                 << "/api/health"
                                 << "health"
                                 << "/api/health"
                                 << "{}";
        QTest::newRow("one param") << "GET"
                                   << "/api/u1/tasks"
                                   << "list"
                                   << "/api/{user_id}/tasks"
                                   << R"({"user_id":"u1"})";
        QTest::newRow("method picks handler") << "POST"
                                              << "/api/u1/tasks"
                                              << "create"
                                              << "/api/{user_id}/tasks"
                                              << R"({"user_id":"u1"})";
        QTest::newRow("two params") << "DELETE"
                                    << "/api/alice/tasks/42"
                                    << "delete"
                                    << "/api/{user_id}/tasks/{id}"
                                    << R"({"id":"42","user_id":"alice"})";
        QTest::newRow("trailing literal") << "PATCH"
                                          << "/api/u/tasks/7/complete"
                                          << "complete"
                                          << "/api/{user_id}/tasks/{id}/complete"
                                          << R"({"id":"7","user_id":"u"})";
        QTest::newRow("decoded segment") << "GET"
                                         << "/api/an na/tasks"
                                         << "list"
                                         << "/api/{user_id}/tasks"
                                         << R"({"user_id":"an na"})";
        QTest::newRow("root") << "GET"
                              << "/"
                              << "root"
                              << "/"
                              << "{}";
    }

    void matchesTemplates() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, handler);
        QFETCH(QString, route);
        QFETCH(QString, params);

        auto router = task_router();
        auto request = make_request(method, path);
        const auto response = router.dispatch(request);
        QCOMPARE(QString::fromStdString(response.body), handler);
        QCOMPARE(QString::fromStdString(request.route), route);
        QCOMPARE(nlohmann::json(request.params), nlohmann::json::parse(params.toStdString()));
    }

    void unknownPathIsNotFound_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("unknown") << "/nope";
        QTest::newRow("too short") << "/api";
        QTest::newRow("too long") << "/api/u/tasks/1/complete/now";
        QTest::newRow("trailing slash") << "/api/u/tasks/";
        QTest::newRow("empty param") << "/api//tasks";
        QTest::newRow("case matters") << "/API/health";
    }

    void unknownPathIsNotFound() {
        QFETCH(QString, path);
        auto router = task_router();
        auto request = make_request("GET", path);
        try {
            router.dispatch(request);
            QFAIL("dispatch should have thrown");
        } catch (const HttpError& error) {
            QCOMPARE(error.status(), 404);
            QCOMPARE(QString::fromStdString(error.code()), QStringLiteral("not_found"));
            QVERIFY(error.headers().empty());
        }
        QCOMPARE(QString::fromStdString(request.route), QStringLiteral("unmatched"));
    }

    void otherMethodIsNotAllowed_data() {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("allow");
        QTest::addColumn<QString>("route");
        QTest::newRow("collection") << "DELETE"
                                    << "/api/u/tasks"
                                    << "GET, HEAD, POST"  // HEAD goes wherever GET does
                                    << "/api/{user_id}/tasks";
        QTest::newRow("item") << "POST"
                              << "/api/u/tasks/3"
                              << "DELETE, GET, HEAD, PUT"
                              << "/api/{user_id}/tasks/{id}";
        QTest::newRow("literal") << "POST"
                                 << "/api/health"
                                 << "GET, HEAD"
                                 << "/api/health";
    }

    void headIsServedByTheGetRoute() {
        Router router;
        router.add("GET", "/api/health", [](Request&) { return Response{200, "application/json", "{}", {}}; });
        Request request;
        request.method = "HEAD";
        request.path = "/api/health";
        QCOMPARE(router.dispatch(request).status, 200);
        QCOMPARE(QString::fromStdString(request.route), QStringLiteral("/api/health"));
    }

    void otherMethodIsNotAllowed() {
        QFETCH(QString, method);
        QFETCH(QString, path);
        QFETCH(QString, allow);
        QFETCH(QString, route);
        auto router = task_router();
        auto request = make_request(method, path);
        try {
            router.dispatch(request);
            QFAIL("dispatch should have thrown");
        } catch (const HttpError& error) {
            QCOMPARE(error.status(), 405);
            QCOMPARE(QString::fromStdString(error.code()), QStringLiteral("method_not_allowed"));
            QCOMPARE(error.headers().size(), std::size_t{1});
            QCOMPARE(QString::fromStdString(error.headers()[0].first), QStringLiteral("Allow"));
            QCOMPARE(QString::fromStdString(error.headers()[0].second), allow);

            const auto response = todo::http::error_response(error);
            QCOMPARE(response.status, 405);
            QCOMPARE(response.headers, error.headers());
        }
        QCOMPARE(QString::fromStdString(request.route), route);
    }

    void literalSegmentBeatsParameter() {
        for (const bool literal_first : {true, false}) {
            Router router;
            const auto add_literal = [&] {
                router.add("GET", "/api/health", [](Request&) { return named("health"); });
            };
            if (literal_first) add_literal();
            router.add("GET", "/api/{user_id}", [](Request&) { return named("user"); });
            if (!literal_first) add_literal();

            auto health = make_request("GET", "/api/health");
            QCOMPARE(router.dispatch(health).body, std::string("health"));
            auto user = make_request("GET", "/api/bob");
            QCOMPARE(router.dispatch(user).body, std::string("user"));
            QCOMPARE(user.params.at("user_id"), std::string("bob"));
        }
    }

    void handlerErrorsPassThrough() {
        Router router;
        router.add("GET", "/bad", [](Request&) -> Response {
            throw HttpError(422, "validation_failed", "title must not be empty");
        });
        auto request = make_request("GET", "/bad");
        QVERIFY_THROWS_EXCEPTION(HttpError, router.dispatch(request));
        QCOMPARE(request.route, std::string("/bad"));
    }

    void errorResponseShape() {
        const auto response = todo::http::error_response(413, "payload_too_large", "too \"big\"");
        QCOMPARE(response.status, 413);
        QCOMPARE(response.content_type, std::string("application/json"));
        const auto body = nlohmann::json::parse(response.body);
        QCOMPARE(body,
                 (nlohmann::json{
                     {"error", {{"code", "payload_too_large"}, {"message", "too \"big\""}}}}));
    }

    void percentDecode_data() {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<bool>("plusAsSpace");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QByteArray>("decoded");
        QTest::newRow("plain") << QByteArray("/api/u1") << false << true << QByteArray("/api/u1");
        QTest::newRow("space") << QByteArray("a%20b") << false << true << QByteArray("a b");
        QTest::newRow("utf-8") << QByteArray("%E2%9C%93") << false << true
                               << QByteArray("\xE2\x9C\x93");
        QTest::newRow("lower hex") << QByteArray("%2f") << false << true << QByteArray("/");
        QTest::newRow("plus kept in path")
            << QByteArray("a+b") << false << true << QByteArray("a+b");
        QTest::newRow("plus in query") << QByteArray("a+b") << true << true << QByteArray("a b");
        QTest::newRow("truncated") << QByteArray("abc%2") << false << false << QByteArray();
        QTest::newRow("lone percent") << QByteArray("%") << false << false << QByteArray();
        QTest::newRow("not hex") << QByteArray("%zz") << false << false << QByteArray();
        QTest::newRow("nul") << QByteArray("a%00b") << false << false << QByteArray();
    }

    void percentDecode() {
        QFETCH(QByteArray, input);
        QFETCH(bool, plusAsSpace);
        QFETCH(bool, valid);
        QFETCH(QByteArray, decoded);
        const auto result = todo::http::percent_decode(input.toStdString(), plusAsSpace);
        QCOMPARE(result.has_value(), valid);
        if (valid) QCOMPARE(QByteArray::fromStdString(*result), decoded);
    }

    void parseQuery() {
        const auto query = todo::http::parse_query(
            "status=pending&search=buy+milk%21&tag=&flag&&"
            "status=completed");
        QVERIFY(query.has_value());
        const std::map<std::string, std::string> expected = {
            {"status", "pending"}, {"search", "buy milk!"}, {"tag", ""}, {"flag", ""}};
        QCOMPARE(*query, expected);
        QVERIFY(todo::http::parse_query("")->empty());
        QVERIFY(!todo::http::parse_query("a=%G1").has_value());
    }

    void requestIds() {
        QVERIFY(todo::http::is_valid_request_id("abc-123_X.y"));
        QVERIFY(todo::http::is_valid_request_id(std::string(64, 'a')));
        QVERIFY(!todo::http::is_valid_request_id(std::string(65, 'a')));
        QVERIFY(!todo::http::is_valid_request_id(""));
        QVERIFY(!todo::http::is_valid_request_id("has space"));
        QVERIFY(!todo::http::is_valid_request_id("quote\""));
        QVERIFY(!todo::http::is_valid_request_id("line\nbreak"));

        const auto first = todo::http::generate_request_id();
        const auto second = todo::http::generate_request_id();
        QCOMPARE(first.size(), std::size_t{16});
        QVERIFY(first.find_first_not_of("0123456789abcdef") == std::string::npos);
        QVERIFY(todo::http::is_valid_request_id(first));
        QVERIFY(first != second);
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "test_router.moc"
