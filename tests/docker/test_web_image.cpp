// The todo-web container image with the backend's image, on a real Docker engine: the web image
// is small, runs read-only as uid 10001 with no shell, serves the page, /healthz and the API
// through its proxy, logs a bad API_UPSTREAM clearly while still serving the page, and the UI's
// whole flow passes in Debian's Chromium (tests/web/browser-flow.mjs), with auth on and off.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUuid>
#include <QtTest>

#include "docker/docker_cli.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

const QString kSourceDir = QStringLiteral(HELMDECK_SOURCE_DIR);
const QString kScreenshots = QStringLiteral(HELMDECK_BINARY_DIR "/web-screenshots");
constexpr qint64 kTargetBytes = 15LL * 1000 * 1000;

QByteArray tail(const QByteArray& text, int lines = 40) {
    const auto all = text.split('\n');
    return all.mid(std::max<qsizetype>(0, all.size() - lines)).join('\n');
}

// The width of a PNG, from its IHDR chunk; 0 when the file is not a PNG.
quint32 png_width(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return 0;
    const QByteArray head = file.read(24);
    if (head.size() < 24 || !head.startsWith("\x89PNG\r\n\x1a\n")) return 0;
    const auto* bytes = reinterpret_cast<const uchar*>(head.constData());
    return quint32(bytes[16]) << 24 | quint32(bytes[17]) << 16 | quint32(bytes[18]) << 8 | bytes[19];
}

}  // namespace

class WebImageTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void imageIsSmallAndConfigured();
    void runsReadOnlyAsUnprivilegedUserWithoutShell();
    void servesThePageHealthzAndTheApi();
    void pageLoadsNothingFromElsewhere();
    void healthcheckTurnsHealthy();
    void badUpstreamIsLoggedAndThePageStillServed();
    void unreachableBackendAnswersJsonError();
    void stopsWithExitCodeZero();
    void browserFlowInDemoMode();
    void browserFlowWithAuth();
    void cleanupTestCase();

private:
    QString start(const QString& image, const QStringList& run_args);
    QString start_web(const QString& upstream, const QStringList& extra = {});
    QString published_url(const QString& container);
    bool wait_for_status(const QString& url, int status, int timeout_ms);
    QByteArray logs(const QString& container);
    QString inspect(const QString& object, const QString& format);
    CommandResult browser_flow(const QStringList& args);

    QString suffix_ = QUuid::createUuid().toString(QUuid::Id128).left(8);
    QString web_tag_, backend_tag_, network_;
    QString jwt_secret_ = QUuid::createUuid().toString(QUuid::Id128);
    QString web_url_, web_auth_url_;
    QString web_;
    QStringList containers_, images_;
    QString node_;
};

void WebImageTest::initTestCase() {
    HELMDECK_REQUIRE(docker_answers(), "a Docker engine",
                     "install docker.io and start dockerd (./dev setup does both as root)");
    node_ = find_tool(QStringLiteral("node"));
    HELMDECK_REQUIRE(!node_.isEmpty(), "node", "apt-get install nodejs (./dev setup does)");
    HELMDECK_REQUIRE(QFileInfo(QStringLiteral("/usr/bin/chromium")).isExecutable(), "/usr/bin/chromium",
                     "apt-get install chromium (./dev setup does)");
    HELMDECK_REQUIRE(QFileInfo::exists(kSourceDir + "/services/web/node_modules/playwright-core/package.json"),
                     "playwright-core", "run ./dev setup (npm ci in services/web)");

    const auto seeded = run_command(kSourceDir + "/dockerfiles/seed-base-image", {"debian:bookworm-slim"},
                                    10 * 60 * 1000);
    QVERIFY2(seeded.ok(), seeded.output.constData());
    const ImageBuilder builder = select_image_builder();
    web_tag_ = QStringLiteral("helmdeck-test/todo-web:") + suffix_;
    backend_tag_ = QStringLiteral("helmdeck-test/todo-chatbot-for-web:") + suffix_;
    images_ << web_tag_ << backend_tag_;
    const QStringList labels = {"--build-arg", "VERSION=test"};
    const auto web = build_image(builder, kSourceDir, QStringLiteral("dockerfiles/web.Dockerfile"), web_tag_, labels);
    QVERIFY2(web.ok(), tail(web.output).constData());
    const auto backend = build_image(builder, kSourceDir, QStringLiteral("dockerfiles/chatbot.Dockerfile"),
                                     backend_tag_, labels);
    QVERIFY2(backend.ok(), tail(backend.output).constData());

    // A network of their own: the web containers find the backends by their aliases.
    network_ = QStringLiteral("helmdeck-web-test-") + suffix_;
    const auto created = docker({"network", "create", network_});
    QVERIFY2(created.ok(), created.output.constData());
    const QStringList backend_args = {"--network", network_, "--tmpfs", "/data:uid=10001,gid=10001"};
    QVERIFY(!start(backend_tag_, backend_args + QStringList{"--network-alias", "todo-chatbot"}).isEmpty());
    QVERIFY(!start(backend_tag_, backend_args + QStringList{"--network-alias", "todo-chatbot-auth", "-e",
                                                            "AUTH_JWT_SECRET=" + jwt_secret_})
                 .isEmpty());

    web_ = start_web(QString());  // the image's default, http://todo-chatbot:8080
    QVERIFY(!web_.isEmpty());
    web_url_ = published_url(web_);
    const QString web_auth = start_web(QStringLiteral("http://todo-chatbot-auth:8080"));
    QVERIFY(!web_auth.isEmpty());
    web_auth_url_ = published_url(web_auth);
    QVERIFY2(wait_for_status(web_url_ + "/api/ready", 200, 30000), logs(web_).constData());
    QVERIFY2(wait_for_status(web_auth_url_ + "/healthz", 200, 30000), logs(web_auth).constData());
}

void WebImageTest::imageIsSmallAndConfigured() {
    const qint64 size = inspect(web_tag_, QStringLiteral("{{.Size}}")).toLongLong();
    const qint64 backend = inspect(backend_tag_, QStringLiteral("{{.Size}}")).toLongLong();
    qInfo("todo-web image: %.1f MB (target 15 MB); todo-chatbot image: %.1f MB", size / 1e6, backend / 1e6);
    QVERIFY(size > 0);
    QVERIFY2(size <= kTargetBytes, qPrintable(QStringLiteral("%1 bytes").arg(size)));
    QCOMPARE(inspect(web_tag_, QStringLiteral("{{.Config.User}}")), QStringLiteral("10001:10001"));
    QCOMPARE(inspect(web_tag_, QStringLiteral("{{json .Config.Entrypoint}}")),
             QStringLiteral("[\"/usr/local/bin/todo-web\"]"));
    QCOMPARE(inspect(web_tag_, QStringLiteral("{{json .Config.Healthcheck.Test}}")),
             QStringLiteral("[\"CMD\",\"/usr/local/bin/todo-web\",\"healthcheck\"]"));
    QVERIFY(inspect(web_tag_, QStringLiteral("{{json .Config.ExposedPorts}}")).contains(QLatin1String("8080/tcp")));
    QCOMPARE(inspect(web_tag_, QStringLiteral("{{.Config.StopSignal}}")), QStringLiteral("SIGQUIT"));
}

void WebImageTest::runsReadOnlyAsUnprivilegedUserWithoutShell() {
    QCOMPARE(inspect(web_, QStringLiteral("{{.HostConfig.ReadonlyRootfs}}")), QStringLiteral("true"));
    const qint64 pid = inspect(web_, QStringLiteral("{{.State.Pid}}")).toLongLong();
    QVERIFY(pid > 0);
    QCOMPARE(proc_status_ids(pid, "Uid"), QStringList(4, QStringLiteral("10001")));
    QCOMPARE(proc_status_ids(pid, "CapEff"), QStringList{QStringLiteral("0000000000000000")});
    // Scratch: nginx, its libraries and the entry point; no shell to exec into.
    const auto shell = docker({"exec", web_, "/bin/sh", "-c", "true"});
    QVERIFY2(!shell.ok(), shell.output.constData());
}

void WebImageTest::servesThePageHealthzAndTheApi() {
    const auto page = http_request("GET", web_url_ + "/");
    QCOMPARE(page.status, 200);
    QVERIFY2(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type").constData());
    QVERIFY2(page.header("Content-Security-Policy").contains("default-src 'self'"),
             page.header("Content-Security-Policy").constData());
    QCOMPARE(page.header("Cache-Control"), QByteArray("no-cache"));

    const auto script = QRegularExpression(QStringLiteral("src=\"(/assets/[^\"]+\\.js)\""))
                            .match(QString::fromUtf8(page.body));
    QVERIFY2(script.hasMatch(), page.body.constData());
    const auto js = http_request("GET", web_url_ + script.captured(1), {}, {{"Accept-Encoding", "gzip"}});
    QCOMPARE(js.status, 200);
    QCOMPARE(js.header("Content-Encoding"), QByteArray("gzip"));
    QVERIFY2(js.header("Cache-Control").contains("immutable"), js.header("Cache-Control").constData());
    QCOMPARE(http_request("GET", web_url_ + "/assets/missing.js").status, 404);
    // Any other path is the page (a reload on a deep link still works).
    QVERIFY(http_request("GET", web_url_ + "/some/deep/link").body.contains("<div id=\"app\">"));

    const auto healthz = http_request("GET", web_url_ + "/healthz");
    QCOMPARE(healthz.status, 200);
    QCOMPARE(healthz.json().object().value("status").toString(), QStringLiteral("ok"));

    // Through the proxy to the backend container.
    const auto health = http_request("GET", web_url_ + "/api/health");
    QCOMPARE(health.status, 200);
    QCOMPARE(health.json().object().value("status").toString(), QStringLiteral("ok"));
    const auto chat = http_request("POST", web_url_ + "/api/proxy-check/chat", "{\"message\":\"add a task to water the plants\"}",
                                   {{"Content-Type", "application/json"}});
    QVERIFY2(chat.status == 200, chat.body.constData());
    const auto invalid = http_request("POST", web_url_ + "/api/proxy-check/tasks", "{\"title\":\"\"}",
                                      {{"Content-Type", "application/json"}});
    QCOMPARE(invalid.status, 422);
    QVERIFY2(invalid.json().object().value("error").toObject().contains("message"), invalid.body.constData());
}

void WebImageTest::pageLoadsNothingFromElsewhere() {
    const auto page = http_request("GET", web_url_ + "/");
    QCOMPARE(page.status, 200);
    const QRegularExpression external(QStringLiteral("(src|href)=\"(https?:)?//"));
    QVERIFY2(!external.match(QString::fromUtf8(page.body)).hasMatch(), page.body.constData());
}

void WebImageTest::healthcheckTurnsHealthy() {
    const QString id = start_web(QString(), {"--health-interval=1s", "--health-start-period=1s"});
    QVERIFY(!id.isEmpty());
    QString status;
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        status = inspect(id, QStringLiteral("{{.State.Health.Status}}"));
        if (status == QLatin1String("healthy")) break;
        QTest::qWait(250);
    }
    QVERIFY2(status == QLatin1String("healthy"),
             qPrintable(status + '\n' + inspect(id, QStringLiteral("{{json .State.Health}}"))));
}

void WebImageTest::badUpstreamIsLoggedAndThePageStillServed() {
    const QString id = start_web(QStringLiteral("ftp://nowhere"));
    QVERIFY(!id.isEmpty());
    const QString base = published_url(id);
    QVERIFY2(wait_for_status(base + "/", 200, 30000), logs(id).constData());
    QVERIFY2(logs(id).contains("todo-web: error: API_UPSTREAM=\"ftp://nowhere\" is not usable: it must start with http://"),
             logs(id).constData());
    const auto api = http_request("GET", base + "/api/health");
    QCOMPARE(api.status, 502);
    const QJsonObject error = api.json().object().value("error").toObject();
    QCOMPARE(error.value("code").toString(), QStringLiteral("bad_upstream"));
    QVERIFY2(error.value("message").toString().contains("API_UPSTREAM=ftp://nowhere"), api.body.constData());
}

void WebImageTest::unreachableBackendAnswersJsonError() {
    const QString id = start_web(QStringLiteral("http://no-such-backend:8080"));
    QVERIFY(!id.isEmpty());
    const QString base = published_url(id);
    QVERIFY2(wait_for_status(base + "/", 200, 30000), logs(id).constData());
    const auto api = http_request("GET", base + "/api/health", {}, {}, 15000);
    QCOMPARE(api.status, 502);
    QCOMPARE(api.json().object().value("error").toObject().value("code").toString(),
             QStringLiteral("upstream_unavailable"));
}

void WebImageTest::stopsWithExitCodeZero() {
    const QString id = start_web(QString());
    QVERIFY(!id.isEmpty());
    QVERIFY2(wait_for_status(published_url(id) + "/healthz", 200, 30000), logs(id).constData());
    const auto stopped = docker({"stop", "--time", "10", id}, 30000);
    QVERIFY2(stopped.ok(), stopped.output.constData());
    QCOMPARE(inspect(id, QStringLiteral("{{.State.ExitCode}}")), QStringLiteral("0"));
}

void WebImageTest::browserFlowInDemoMode() {
    QDir(kScreenshots).removeRecursively();
    const auto flow = browser_flow({"--mode", "demo", "--base-url", web_url_, "--screenshots", kScreenshots});
    QVERIFY2(flow.ok(), (flow.output + '\n' + logs(web_)).constData());
    QVERIFY2(flow.output.contains("passed: demo flow"), flow.output.constData());
    // A viewport screenshot is as wide as the viewport.
    QCOMPARE(png_width(kScreenshots + "/web-1280.png"), 1280u);
    QCOMPARE(png_width(kScreenshots + "/web-390.png"), 390u);
}

void WebImageTest::browserFlowWithAuth() {
    const auto flow = browser_flow({"--mode", "auth", "--base-url", web_auth_url_, "--jwt-secret", jwt_secret_,
                                    "--screenshots", kScreenshots});
    QVERIFY2(flow.ok(), flow.output.constData());
    QVERIFY2(flow.output.contains("passed: auth flow"), flow.output.constData());
    QVERIFY(png_width(kScreenshots + "/web-auth-rejected.png") == 1280u);
}

void WebImageTest::cleanupTestCase() {
    if (!containers_.isEmpty()) docker(QStringList{"rm", "--force", "--volumes"} + containers_);
    if (!network_.isEmpty()) docker({"network", "rm", network_});
    if (!images_.isEmpty()) docker(QStringList{"rmi", "--force"} + images_);
}

QString WebImageTest::start(const QString& image, const QStringList& run_args) {
    const QStringList hardening = {"--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges"};
    const auto started = docker(QStringList{"run", "--detach"} + hardening + run_args + QStringList{image});
    if (!started.ok()) {
        qWarning("docker run failed: %s", started.output.constData());
        return {};
    }
    const QString id = QString::fromUtf8(started.trimmed()).split(QLatin1Char('\n')).last();
    containers_ << id;
    return id;
}

QString WebImageTest::start_web(const QString& upstream, const QStringList& extra) {
    QStringList args = {"--network", network_, "--tmpfs", "/tmp:uid=10001,gid=10001", "-p", "127.0.0.1::8080"};
    if (!upstream.isEmpty()) args << "-e" << "API_UPSTREAM=" + upstream;
    return start(web_tag_, args + extra);
}

QString WebImageTest::published_url(const QString& container) {
    const auto port = docker({"port", container, "8080/tcp"});
    const QString first = QString::fromUtf8(port.trimmed()).split(QLatin1Char('\n')).first();
    return QStringLiteral("http://127.0.0.1:") + first.section(QLatin1Char(':'), -1);
}

bool WebImageTest::wait_for_status(const QString& url, int status, int timeout_ms) {
    QDeadlineTimer deadline(timeout_ms);
    while (!deadline.hasExpired()) {
        if (http_request("GET", url, {}, {}, 2000).status == status) return true;
        QTest::qWait(200);
    }
    return false;
}

QByteArray WebImageTest::logs(const QString& container) {
    return "container log:\n" + tail(docker({"logs", "--tail", "40", container}).output);
}

QString WebImageTest::inspect(const QString& object, const QString& format) {
    return QString::fromUtf8(docker({"inspect", "--format", format, object}).trimmed());
}

CommandResult WebImageTest::browser_flow(const QStringList& args) {
    return run_command(node_, QStringList{kSourceDir + "/tests/web/browser-flow.mjs"} + args, 180000);
}

QTEST_GUILESS_MAIN(WebImageTest)
#include "test_web_image.moc"
