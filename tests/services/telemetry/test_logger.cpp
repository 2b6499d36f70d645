// Structured log lines: JSON shape, text shape, level filtering and parsing of the settings.

#include <QtTest>
#include <nlohmann/json.hpp>
#include <thread>

#include "chatbot/telemetry/logger.hpp"

using todo::telemetry::LogFormat;
using todo::telemetry::Logger;
using todo::telemetry::LogLevel;

namespace {

struct Capture {
    std::vector<std::string> lines;
    Logger::Sink sink() {
        return [this](std::string_view line) { lines.emplace_back(line); };
    }
};

}  // namespace

class TestLogger : public QObject {
    Q_OBJECT

private slots:
    void jsonLineShape() {
        Capture capture;
        Logger logger(LogLevel::Info, LogFormat::Json, capture.sink());
        logger.info("request", {{"method", "GET"}, {"status", 200}, {"duration_ms", 1.5}});
        QCOMPARE(capture.lines.size(), std::size_t{1});
        const auto& line = capture.lines[0];
        QVERIFY(line.back() == '\n');
        QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
        QVERIFY(line.rfind("{\"ts\":\"", 0) == 0);  // ts, level and event come first

        const auto json = nlohmann::json::parse(line);
        QCOMPARE(json["level"], "info");
        QCOMPARE(json["event"], "request");
        QCOMPARE(json["method"], "GET");
        QCOMPARE(json["status"], 200);
        const QRegularExpression iso("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$");
        QVERIFY(iso.match(QString::fromStdString(json["ts"].get<std::string>())).hasMatch());
    }

    void reservedKeysAndOddFieldsSurvive() {
        Capture capture;
        Logger logger(LogLevel::Debug, LogFormat::Json, capture.sink());
        logger.warn("odd", {{"level", "mine"}, {"text", "line\nbreak \"quoted\" \xff"}});
        logger.error("scalar", "just a string");
        QCOMPARE(capture.lines.size(), std::size_t{2});
        const auto odd = nlohmann::json::parse(capture.lines[0]);
        QCOMPARE(odd["level"], "warn");
        QCOMPARE(odd["field.level"], "mine");
        QVERIFY(odd["text"].get<std::string>().rfind("line\nbreak \"quoted\" ", 0) == 0);
        const auto scalar = nlohmann::json::parse(capture.lines[1]);
        QCOMPARE(scalar["fields"], "just a string");
    }

    void levelsFilter() {
        Capture capture;
        Logger logger(LogLevel::Warn, LogFormat::Json, capture.sink());
        logger.debug("d");
        logger.info("i");
        logger.warn("w");
        logger.error("e");
        QCOMPARE(capture.lines.size(), std::size_t{2});
        QVERIFY(!logger.enabled(LogLevel::Info));
        QVERIFY(logger.enabled(LogLevel::Error));
    }

    void textLineShape() {
        Capture capture;
        Logger logger(LogLevel::Info, LogFormat::Text, capture.sink());
        logger.info("listening",
                    {{"url", "http://127.0.0.1:8080"}, {"note", "two words"}, {"n", 3}});
        QCOMPARE(capture.lines.size(), std::size_t{1});
        const auto line = QString::fromStdString(capture.lines[0]).trimmed();
        QVERIFY2(line.contains(" INFO  listening "), qPrintable(line));
        QVERIFY(line.contains("url=http://127.0.0.1:8080"));
        QVERIFY(line.contains("note=\"two words\""));
        QVERIFY(line.contains("n=3"));
    }

    void linesNeverInterleave() {
        std::mutex mutex;
        std::vector<std::string> lines;
        Logger logger(LogLevel::Info, LogFormat::Json, [&](std::string_view line) {
            std::lock_guard lock(mutex);  // the logger serialises; this only guards the vector
            lines.emplace_back(line);
        });
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t)
            threads.emplace_back([&logger, t] {
                for (int i = 0; i < 200; ++i) logger.info("tick", {{"t", t}, {"i", i}});
            });
        for (auto& thread : threads) thread.join();
        QCOMPARE(lines.size(), std::size_t{800});
        for (const auto& line : lines) QVERIFY(nlohmann::json::accept(line));
    }

    void parsesSettings() {
        using todo::telemetry::parse_log_format;
        using todo::telemetry::parse_log_level;
        QCOMPARE(parse_log_level("debug"), std::optional(LogLevel::Debug));
        QCOMPARE(parse_log_level("INFO"), std::optional(LogLevel::Info));
        QCOMPARE(parse_log_level("warn"), std::optional(LogLevel::Warn));
        QCOMPARE(parse_log_level("warning"), std::optional(LogLevel::Warn));
        QCOMPARE(parse_log_level("error"), std::optional(LogLevel::Error));
        QVERIFY(!parse_log_level("verbose"));
        QVERIFY(!parse_log_level(""));
        QCOMPARE(parse_log_format("json"), std::optional(LogFormat::Json));
        QCOMPARE(parse_log_format("text"), std::optional(LogFormat::Text));
        QVERIFY(!parse_log_format("xml"));
    }
};

QTEST_GUILESS_MAIN(TestLogger)
#include "test_logger.moc"
