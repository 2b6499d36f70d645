#include "llm_stub.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace helmdeck::testing {

LlmStub::LlmStub(QObject* parent) : QObject(parent) {
    connect(&server_, &QTcpServer::newConnection, this, [this] {
        while (auto* socket = server_.nextPendingConnection()) serve(socket);
    });
}

bool LlmStub::listen() { return server_.listen(QHostAddress::LocalHost, 0); }

QString LlmStub::base_url() const {
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(server_.serverPort());
}

void LlmStub::set_reply(const QString& content, int delay_ms) {
    content_ = content;
    delay_ms_ = delay_ms;
}

void LlmStub::serve(QTcpSocket* socket) {
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const auto header_end = buffer->indexOf("\r\n\r\n");
        if (header_end < 0) return;
        qsizetype length = 0;
        for (const auto& line : buffer->left(header_end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        if (buffer->size() < header_end + 4 + length) return;
        const auto body = buffer->mid(header_end + 4, length);
        buffer->clear();
        emit request_received(body);

        const QJsonObject message{{"role", "assistant"}, {"content", content_}};
        const QJsonObject answer{
            {"id", "chatcmpl-stub"},
            {"object", "chat.completion"},
            {"choices", QJsonArray{QJsonObject{
                            {"index", 0}, {"message", message}, {"finish_reason", "stop"}}}}};
        const auto payload = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        const auto response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                               "Content-Length: " +
                               QByteArray::number(payload.size()) + "\r\n\r\n" + payload;
        QTimer::singleShot(delay_ms_, socket, [socket, response] { socket->write(response); });
    });
}

}  // namespace helmdeck::testing
