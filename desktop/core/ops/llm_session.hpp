#pragma once
// Answers an ops request with an OpenAI-compatible Chat Completions model: the analyzers'
// findings go in as context, the typed actions as tools. Every tool call goes through the
// assistant's gate and Confirmer, exactly as the offline path's actions do.

#include <QJsonArray>
#include <QObject>
#include <QPointer>

#include "core/ops/ops_assistant.hpp"
#include "core/profile.hpp"

class QNetworkAccessManager;
class QNetworkReply;

namespace helmdeck::ops {

class LlmSession : public QObject {
    Q_OBJECT

public:
    /// `assistant` reads the cluster and runs the actions; it must outlive the session.
    LlmSession(core::OpsLlmSpec spec, OpsAssistant* assistant, QObject* parent = nullptr);
    ~LlmSession() override;

    void setMaxRounds(int rounds) { maxRounds_ = rounds; }
    void setTimeoutMs(int ms) { timeoutMs_ = ms; }

    /// answered() follows. When the model cannot be reached, the offline parser answers.
    void ask(const QString& request);

Q_SIGNALS:
    void answered(const helmdeck::ops::OpsAnswer& answer);

private:
    void sendRound();
    void onReply(QNetworkReply* reply);
    void runToolCalls(QJsonArray calls);
    void fallBack(const QString& why);
    QString systemPrompt() const;

    core::OpsLlmSpec spec_;
    OpsAssistant* assistant_;
    QNetworkAccessManager* network_;
    QJsonArray messages_;
    OpsAnswer answer_;
    int round_ = 0;
    int maxRounds_ = 6;
    int timeoutMs_ = 60000;
};

}  // namespace helmdeck::ops
