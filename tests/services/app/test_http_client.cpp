// The one outbound HTTP client: a real deadline against a server that accepts and never
// answers, for the library call, the healthcheck function and the `healthcheck` subcommand.

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>
#include <thread>

#include "chatbot/app/healthcheck.hpp"
#include "chatbot/http/client.hpp"
#include "support/backend_process.hpp"

using namespace std::chrono_literals;

namespace {

/// Listens on loopback; the kernel completes the handshake, nobody ever reads or writes.
struct SilentServer {
    SilentServer() { server.listen(QHostAddress::LocalHost, 0); }
    QString url(const QString& path = "/api/health") const {
        return QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path);
    }
    QTcpServer server;
};

}  // namespace

class TestHttpClient : public QObject {
    Q_OBJECT

private slots:
    void fetchGivesUpAtTheDeadline() {
        SilentServer silent;
        todo::http::ClientRequest request;
        request.url = silent.url().toStdString();
        request.timeout = 300ms;
        try {
            todo::http::fetch(request);
            QFAIL("a silent server must time out");
        } catch (const todo::http::ClientError& error) {
            QVERIFY2(QString(error.what()).contains("timed out while waiting for the answer"),
                     error.what());
        }
    }

    void fetchReadsAnAnswer() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QByteArray seen;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            auto* socket = server.nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &seen] {
                seen += socket->readAll();
                if (seen.contains("\r\n\r\npayload"))
                    socket->write("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok");
            });
        });
        todo::http::ClientRequest request;
        request.method = "POST";
        request.url = QStringLiteral("http://127.0.0.1:%1/v1/x").arg(server.serverPort()).toStdString();
        request.body = "payload";
        todo::http::ClientResponse response;
        std::thread caller([&] { response = todo::http::fetch(request); });
        QTRY_VERIFY_WITH_TIMEOUT(response.status != 0, 10000);
        caller.join();
        QCOMPARE(response.status, 201);
        QCOMPARE(response.body, std::string("ok"));
        QVERIFY(seen.startsWith("POST /v1/x HTTP/1.1\r\n"));
        QVERIFY(seen.contains(QStringLiteral("Host: 127.0.0.1:%1").arg(server.serverPort()).toUtf8()));
    }

    void probeHealthTimesOut() {
        SilentServer silent;
        std::string why;
        QVERIFY(!todo::app::probe_health(silent.url().toStdString(), 300, &why));
        QVERIFY2(QString::fromStdString(why).contains("timed out"), why.c_str());
    }

    void healthcheckSubcommandDoesNotHang() {
        SilentServer silent;
        QProcess process;
        process.start(helmdeck::testing::built_binary("todo-chatbot"), {"healthcheck", "--url", silent.url()});
        QVERIFY2(process.waitForFinished(15000), "todo-chatbot healthcheck hung on a silent server");
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("timed out"));
    }
};

QTEST_GUILESS_MAIN(TestHttpClient)
#include "test_http_client.moc"
