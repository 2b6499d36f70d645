#pragma once
// A stand-in for an OpenAI-compatible Chat Completions server: real HTTP/1.1 over a loopback
// socket. It answers each POST /v1/chat/completions with a plain assistant message, after
// `reply_delay_ms` (to hold a request in flight).

#include <QByteArray>
#include <QObject>
#include <QTcpServer>

namespace helmdeck::testing {

class LlmStub : public QObject {
    Q_OBJECT
public:
    explicit LlmStub(QObject* parent = nullptr);
    bool listen();
    quint16 port() const { return server_.serverPort(); }
    QString base_url() const;
    void set_reply(const QString& content, int delay_ms);

signals:
    /// A complete request arrived; the reply is on its way after the delay.
    void request_received(const QByteArray& body);

private:
    void serve(QTcpSocket* socket);
    QTcpServer server_;
    QString content_ = QStringLiteral("Hello from the stub.");
    int delay_ms_ = 0;
};

}  // namespace helmdeck::testing
