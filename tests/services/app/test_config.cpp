// Flags override the environment; bad values are usage errors naming what is wrong.

#include <QtTest>
#include <map>

#include "chatbot/app/config.hpp"

using namespace todo::app;

namespace {
EnvLookup fake_env(std::map<std::string, std::string> values) {
    return [values](const std::string& name) -> std::optional<std::string> {
        auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        return it->second;
    };
}
}  // namespace

class TestConfig : public QObject {
    Q_OBJECT
private slots:
    void defaults() {
        auto invocation = parse_invocation({}, fake_env({{"HOME", "/home/ada"}}));
        QCOMPARE(invocation.command, Command::Serve);
        QCOMPARE(invocation.config.port, std::uint16_t(8080));
        QCOMPARE(invocation.config.host, std::string("0.0.0.0"));
        QCOMPARE(invocation.config.database_url,
                 std::string("sqlite:/home/ada/.local/share/todo-chatbot/todo.db"));
        QCOMPARE(invocation.config.log_format, std::string("json"));
    }

    void environment_is_read() {
        auto invocation = parse_invocation(
            {}, fake_env({{"PORT", "9000"}, {"HOST", "127.0.0.1"}, {"DATABASE_URL", "sqlite::memory:"},
                          {"AUTH_JWT_SECRET", "s"}, {"LLM_BASE_URL", "http://x/v1"},
                          {"LLM_MODEL", "m"}, {"LOG_LEVEL", "debug"}, {"LOG_FORMAT", "text"}}));
        const auto& config = invocation.config;
        QCOMPARE(config.port, std::uint16_t(9000));
        QCOMPARE(config.host, std::string("127.0.0.1"));
        QCOMPARE(config.database_url, std::string("sqlite::memory:"));
        QCOMPARE(config.jwt_secret, std::string("s"));
        QCOMPARE(config.llm_base_url, std::string("http://x/v1"));
        QCOMPARE(config.llm_model, std::string("m"));
        QCOMPARE(config.log_level, std::string("debug"));
        QCOMPARE(config.log_format, std::string("text"));
    }

    void flags_override_environment() {
        auto invocation = parse_invocation({"--port", "7000", "--database-url=sqlite:/tmp/x.db"},
                                           fake_env({{"PORT", "9000"}, {"DATABASE_URL", "sqlite::memory:"}}));
        QCOMPARE(invocation.config.port, std::uint16_t(7000));
        QCOMPARE(invocation.config.database_url, std::string("sqlite:/tmp/x.db"));
    }

    void commands() {
        QCOMPARE(parse_invocation({"--version"}, fake_env({})).command, Command::Version);
        QCOMPARE(parse_invocation({"--help"}, fake_env({})).command, Command::Help);
        auto check = parse_invocation({"healthcheck"}, fake_env({{"PORT", "9100"}}));
        QCOMPARE(check.command, Command::Healthcheck);
        QCOMPARE(check.healthcheck_url, std::string("http://127.0.0.1:9100/api/health"));
        auto explicit_url = parse_invocation({"healthcheck", "--url", "http://h:1/api/health"}, fake_env({}));
        QCOMPARE(explicit_url.healthcheck_url, std::string("http://h:1/api/health"));
    }

    void usage_errors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown flag") << QStringList{"--frobnicate"} << "unknown option '--frobnicate'";
        QTest::newRow("port not a number") << QStringList{"--port", "http"} << "port number";
        QTest::newRow("port too big") << QStringList{"--port", "70000"} << "port number";
        QTest::newRow("missing value") << QStringList{"--port"} << "needs a value";
        QTest::newRow("bad log format") << QStringList{"--log-format", "xml"} << "log format";
        QTest::newRow("bad log level") << QStringList{"--log-level", "loud"} << "log level";
        QTest::newRow("url outside healthcheck") << QStringList{"--url", "x"} << "unknown option";
    }
    void usage_errors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        std::vector<std::string> argv;
        for (const auto& arg : args) argv.push_back(arg.toStdString());
        try {
            parse_invocation(argv, fake_env({}));
            QFAIL("accepted");
        } catch (const UsageError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).contains(message), error.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "test_config.moc"
