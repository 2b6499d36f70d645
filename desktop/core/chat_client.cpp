#include "core/chat_client.hpp"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <memory>

namespace helmdeck::core {

ChatReply parseChatReply(const QByteArray& body, int httpStatus) {
    ChatReply reply;
    reply.httpStatus = httpStatus;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();
    if (httpStatus < 200 || httpStatus > 299) {
        const QJsonValue error = object.value(QStringLiteral("error"));
        const QString detail = error.isObject()
                                   ? error.toObject().value(QStringLiteral("message")).toString()
                                   : error.toString();
        reply.error = detail.isEmpty() ? QStringLiteral("HTTP %1").arg(httpStatus)
                                       : QStringLiteral("HTTP %1: %2").arg(httpStatus).arg(detail);
        return reply;
    }
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        reply.error = QStringLiteral("the chat answer is not a JSON object");
        return reply;
    }
    const QJsonValue id = object.value(QStringLiteral("conversation_id"));
    reply.conversationId = id.isDouble() ? QString::number(qint64(id.toDouble())) : id.toString();
    reply.response = object.value(QStringLiteral("response")).toString();
    for (const QJsonValue& call : object.value(QStringLiteral("tool_calls")).toArray()) {
        const QJsonObject callObject = call.toObject();
        reply.toolCalls.append({callObject.value(QStringLiteral("name")).toString(),
                                callObject.value(QStringLiteral("arguments")),
                                callObject.value(QStringLiteral("result"))});
    }
    reply.ok = true;
    return reply;
}

ChatClient::ChatClient(QObject* parent)
    : QObject(parent), network_(new QNetworkAccessManager(this)) {
    qRegisterMetaType<ChatReply>();
}

void ChatClient::send(const QString& message) {
    if (pending_) {
        QNetworkReply* old = pending_;
        pending_ = nullptr;
        old->disconnect(this);
        old->abort();
        old->deleteLater();
    }
    QUrl url = baseUrl_;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) path.chop(1);
    url.setPath(path + QStringLiteral("/api/%1/chat").arg(user_));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs_);
    if (!token_.isEmpty()) request.setRawHeader("Authorization", "Bearer " + token_);
    QJsonObject body{{QStringLiteral("message"), message}};
    if (!conversationId_.isEmpty()) {
        bool numeric = false;
        const qint64 id = conversationId_.toLongLong(&numeric);
        body.insert(QStringLiteral("conversation_id"),
                    numeric ? QJsonValue(double(id)) : QJsonValue(conversationId_));
    }
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    pending_ = network_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(pending_, &QNetworkReply::finished, this, [this, reply = pending_, clock] {
        reply->deleteLater();
        if (reply != pending_) return;
        pending_ = nullptr;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        ChatReply answer;
        if (status == 0) {
            answer.error = reply->errorString();
        } else {
            answer = parseChatReply(reply->readAll(), status);
        }
        answer.latencyMs = clock->elapsed();
        if (answer.ok && !answer.conversationId.isEmpty()) conversationId_ = answer.conversationId;
        Q_EMIT replied(answer);
    });
}

}  // namespace helmdeck::core
