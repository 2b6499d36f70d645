// The OpenAPI document and the router describe the same routes.

#include <QtTest>
#include <set>

#include "chatbot/api/application.hpp"
#include "chatbot/assistant/engine.hpp"
#include "chatbot/store/store.hpp"
#include "chatbot/telemetry/logger.hpp"
#include "chatbot/telemetry/metrics.hpp"

class TestOpenApi : public QObject {
    Q_OBJECT
private slots:
    void document_matches_router() {
        auto store = todo::store::open_store("sqlite::memory:");
        auto engine = todo::assistant::make_builtin_engine();
        todo::telemetry::Metrics metrics;
        todo::telemetry::Logger logger(todo::telemetry::LogLevel::Error);
        todo::api::Application app({*store, *engine, metrics, logger, "", "test"});

        std::set<std::string> routed;
        for (const auto& route : app.router().routes()) {
            std::string method = route.method;
            for (auto& c : method) c = static_cast<char>(std::tolower(c));
            routed.insert(method + " " + route.route_template);
        }
        std::set<std::string> documented;
        auto doc = nlohmann::json::parse(todo::api::openapi_document());
        QCOMPARE(doc["openapi"].get<std::string>().substr(0, 2), std::string("3."));
        for (const auto& [path, operations] : doc["paths"].items())
            for (const auto& [method, operation] : operations.items()) {
                documented.insert(method + " " + path);
                QVERIFY2(operation.contains("responses"), (method + " " + path).c_str());
            }
        for (const auto& route : routed)
            QVERIFY2(documented.count(route) == 1, ("undocumented route: " + route).c_str());
        for (const auto& route : documented)
            QVERIFY2(routed.count(route) == 1, ("documented but not routed: " + route).c_str());
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "test_openapi.moc"
