#include "core/ops/llm_session.hpp"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "core/ops/llm_tools.hpp"

namespace helmdeck::ops {

namespace {

constexpr int kToolOutputLimit = 6000;  // characters of a command's output handed to the model

QString compact(const QJsonValue& value) {
    return QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                             : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

}  // namespace

LlmSession::LlmSession(core::OpsLlmSpec spec, OpsAssistant* assistant, QObject* parent)
    : QObject(parent), spec_(std::move(spec)), assistant_(assistant), network_(new QNetworkAccessManager(this)) {}

LlmSession::~LlmSession() = default;

QString LlmSession::systemPrompt() const {
    const ActionContext& context = assistant_->settings().context;
    QJsonArray findings;
    for (const Finding& finding : answer_.findings) findings.append(toJson(finding, context));
    return QStringLiteral(
               "You are Helmdeck's Ops assistant for the Helm release %1 in namespace %2. You act only "
               "through the tools given; each runs one exact kubectl or helm command. Tools that change "
               "the cluster are shown to the user, who confirms or refuses them; a refusal is final. "
               "Prefer the read-only tools to look before you act. Answer briefly, naming the cause and "
               "the fix. The offline analyzers found (JSON): %3")
        .arg(context.release, context.namespace_, compact(findings));
}

void LlmSession::ask(const QString& request) {
    answer_ = OpsAnswer{};
    answer_.request = request;
    round_ = 0;
    connect(assistant_, &OpsAssistant::snapshotReady, this, [this, request](const QString& error) {
        if (!error.isEmpty()) {
            answer_.error = error;
            answer_.text = QStringLiteral("Cannot read the cluster: %1\n").arg(error);
            Q_EMIT answered(answer_);
            return;
        }
        answer_.findings = diagnose(assistant_->snapshot());
        messages_ = QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("system")},
                                           {QStringLiteral("content"), systemPrompt()}},
                               QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                           {QStringLiteral("content"), request}}};
        sendRound();
    }, Qt::SingleShotConnection);
    assistant_->readCluster();
}

void LlmSession::sendRound() {
    if (++round_ > maxRounds_) {
        answer_.text += QStringLiteral("(stopped after %1 rounds of tool calls)\n").arg(maxRounds_);
        Q_EMIT answered(answer_);
        return;
    }
    QString base = spec_.baseUrl;
    while (base.endsWith(QLatin1Char('/'))) base.chop(1);
    QNetworkRequest request(QUrl(base + QStringLiteral("/chat/completions")));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setTransferTimeout(timeoutMs_);
    if (!spec_.apiKeyEnv.isEmpty()) {
        const QByteArray key = qgetenv(spec_.apiKeyEnv.toLocal8Bit().constData());
        if (!key.isEmpty()) request.setRawHeader("Authorization", "Bearer " + key);
    }
    const QJsonObject body{{QStringLiteral("model"), spec_.model},
                           {QStringLiteral("messages"), messages_},
                           {QStringLiteral("tools"), llmTools()},
                           {QStringLiteral("tool_choice"), QStringLiteral("auto")}};
    QNetworkReply* reply = network_->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReply(reply); });
}

void LlmSession::fallBack(const QString& why) {
    // The built-in parser answers; the same gate and Confirmer guard what it runs.
    connect(assistant_, &OpsAssistant::answered, this, [this, why](const OpsAnswer& offline) {
        OpsAnswer answer = offline;
        answer.text = QStringLiteral("(the model could not answer: %1; answered offline)\n").arg(why) + offline.text;
        Q_EMIT answered(answer);
    }, Qt::SingleShotConnection);
    assistant_->ask(answer_.request);
}

void LlmSession::onReply(QNetworkReply* reply) {
    reply->deleteLater();
    const QByteArray data = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) {
        fallBack(reply->errorString());
        return;
    }
    const QJsonObject message = QJsonDocument::fromJson(data)
                                    .object()
                                    .value(QStringLiteral("choices"))
                                    .toArray()
                                    .first()
                                    .toObject()
                                    .value(QStringLiteral("message"))
                                    .toObject();
    if (message.isEmpty()) {
        fallBack(QStringLiteral("the reply has no choices[0].message"));
        return;
    }
    const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    if (calls.isEmpty()) {
        answer_.text += message.value(QStringLiteral("content")).toString() + QLatin1Char('\n');
        Q_EMIT answered(answer_);
        return;
    }
    QJsonObject assistantMessage{{QStringLiteral("role"), QStringLiteral("assistant")},
                                 {QStringLiteral("content"), message.value(QStringLiteral("content"))},
                                 {QStringLiteral("tool_calls"), calls}};
    messages_.append(assistantMessage);
    runToolCalls(calls);
}

// One call at a time, in order; each result goes back as a "tool" message, then the next round.
void LlmSession::runToolCalls(QJsonArray calls) {
    if (calls.isEmpty()) {
        sendRound();
        return;
    }
    const QJsonObject call = calls.takeAt(0).toObject();
    const QString id = call.value(QStringLiteral("id")).toString();
    const QJsonObject function = call.value(QStringLiteral("function")).toObject();
    auto reply = [this, id](const QJsonObject& result) {
        messages_.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("tool")},
                                     {QStringLiteral("tool_call_id"), id},
                                     {QStringLiteral("content"), compact(result)}});
    };
    QString error;
    const auto action = actionFromToolCall(function.value(QStringLiteral("name")).toString(),
                                           function.value(QStringLiteral("arguments")).toString(), &error);
    if (!action) {
        reply({{QStringLiteral("error"), error}});
        runToolCalls(calls);
        return;
    }
    connect(assistant_, &OpsAssistant::actionDone, this,
            [this, calls, reply](bool ran, const ActionOutcome& outcome, const QString& refusal) {
                if (!ran) {
                    answer_.refused << refusal;
                    answer_.text += refusal + QLatin1Char('\n');
                    reply({{QStringLiteral("ran"), false}, {QStringLiteral("command"), outcome.command},
                           {QStringLiteral("refused"), refusal}});
                } else {
                    answer_.ran << outcome;
                    answer_.text += QStringLiteral("$ %1\n").arg(outcome.command);
                    reply({{QStringLiteral("ran"), true},
                           {QStringLiteral("command"), outcome.command},
                           {QStringLiteral("exitCode"), outcome.result.exitCode},
                           {QStringLiteral("output"), outcome.output.right(kToolOutputLimit)},
                           {QStringLiteral("error"), outcome.result.ok() ? QString() : outcome.result.reason}});
                }
                runToolCalls(calls);
            },
            Qt::SingleShotConnection);
    assistant_->runAction(*action, answer_.request);
}

}  // namespace helmdeck::ops
