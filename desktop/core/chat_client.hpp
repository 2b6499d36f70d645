#pragma once
// One chat round-trip with todo-chatbot: POST {base}/api/{user}/chat {"message",
// "conversation_id"?}.

#include <QJsonValue>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace helmdeck::core {

struct ChatToolCall {
    QString name;  ///< add_task, list_tasks, …
    QJsonValue arguments;
    QJsonValue result;  ///< carries {"error": "…"} when the call failed
};

struct ChatReply {
    bool ok = false;
    QString error;  ///< set when !ok: network error, HTTP status, bad JSON
    int httpStatus = 0;
    QString conversationId;
    QString response;
    QList<ChatToolCall> toolCalls;
    qint64 latencyMs = 0;
};

/// Parses the backend's chat answer body; !ok with `error` when it is not one.
ChatReply parseChatReply(const QByteArray& body, int httpStatus);

class ChatClient : public QObject {
    Q_OBJECT

public:
    explicit ChatClient(QObject* parent = nullptr);

    void setBaseUrl(const QUrl& url) { baseUrl_ = url; }
    QUrl baseUrl() const { return baseUrl_; }
    void setUser(const QString& user) { user_ = user; }
    void setBearerToken(const QByteArray& token) { token_ = token; }
    void setTimeoutMs(int ms) { timeoutMs_ = ms; }
    /// Follow-up messages continue this conversation; empty starts a new one.
    void setConversationId(const QString& id) { conversationId_ = id; }
    QString conversationId() const { return conversationId_; }

    /// Sends one message; replied() follows (one at a time: a second send aborts the first).
    void send(const QString& message);

Q_SIGNALS:
    void replied(const helmdeck::core::ChatReply& reply);

private:
    QNetworkAccessManager* network_ = nullptr;
    QNetworkReply* pending_ = nullptr;
    QUrl baseUrl_;
    QString user_ = QStringLiteral("helmdeck");
    QByteArray token_;
    QString conversationId_;
    int timeoutMs_ = 30000;
};

}  // namespace helmdeck::core

Q_DECLARE_METATYPE(helmdeck::core::ChatReply)
