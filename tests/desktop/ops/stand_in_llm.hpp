#pragma once
// A stand-in OpenAI-compatible Chat Completions server on 127.0.0.1: answers each
// POST /v1/chat/completions with the next scripted message, and keeps the request bodies.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QTcpServer>
#include <QTcpSocket>

class StandInLlm : public QObject {
public:
    explicit StandInLlm(QObject* parent = nullptr) : QObject(parent) {
        connect(&server_, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = server_.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onData(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return server_.listen(QHostAddress::LocalHost, 0); }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(server_.serverPort()); }

    /// The next reply's `choices[0].message`.
    void script(const QJsonObject& message) { scripted_ << message; }
    static QJsonObject toolCalls(const QList<QPair<QString, QJsonObject>>& calls) {
        QJsonArray array;
        int n = 0;
        for (const auto& [name, arguments] : calls)
            array.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("call_%1").arg(++n)},
                                     {QStringLiteral("type"), QStringLiteral("function")},
                                     {QStringLiteral("function"),
                                      QJsonObject{{QStringLiteral("name"), name},
                                                  {QStringLiteral("arguments"),
                                                   QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact))}}}});
        return {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), QJsonValue()},
                {QStringLiteral("tool_calls"), array}};
    }
    static QJsonObject text(const QString& content) {
        return {{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content}};
    }

    const QList<QJsonObject>& requests() const { return requests_; }
    const QList<QByteArray>& authorizations() const { return authorizations_; }

private:
    void onData(QTcpSocket* socket) {
        QByteArray& buffer = buffers_[socket];
        buffer += socket->readAll();
        const int headerEnd = int(buffer.indexOf("\r\n\r\n"));
        if (headerEnd < 0) return;
        const QByteArray headers = buffer.left(headerEnd).toLower();
        const int at = int(headers.indexOf("content-length:"));
        const int length = at < 0 ? 0 : headers.mid(at + 15, headers.indexOf("\r\n", at) - at - 15).trimmed().toInt();
        if (buffer.size() < headerEnd + 4 + length) return;
        const QByteArray body = buffer.mid(headerEnd + 4, length);
        const int auth = int(headers.indexOf("authorization:"));
        authorizations_ << (auth < 0 ? QByteArray() : buffer.mid(auth + 14, buffer.indexOf("\r\n", auth) - auth - 14).trimmed());
        buffers_.remove(socket);
        requests_ << QJsonDocument::fromJson(body).object();
        const QJsonObject message = scripted_.isEmpty() ? text(QStringLiteral("(no more script)")) : scripted_.takeFirst();
        const QByteArray reply = QJsonDocument(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("chatcmpl-%1").arg(requests_.size())},
            {QStringLiteral("object"), QStringLiteral("chat.completion")},
            {QStringLiteral("model"), requests_.last().value(QStringLiteral("model"))},
            {QStringLiteral("choices"), QJsonArray{QJsonObject{{QStringLiteral("index"), 0},
                                                               {QStringLiteral("message"), message},
                                                               {QStringLiteral("finish_reason"),
                                                                message.contains(QStringLiteral("tool_calls")) ? QStringLiteral("tool_calls")
                                                                                                               : QStringLiteral("stop")}}}}}).toJson(QJsonDocument::Compact);
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                      QByteArray::number(reply.size()) + "\r\n\r\n" + reply);
        socket->disconnectFromHost();
    }

    QTcpServer server_;
    QList<QJsonObject> scripted_;
    QList<QJsonObject> requests_;
    QList<QByteArray> authorizations_;
    QHash<QTcpSocket*, QByteArray> buffers_;
};
