#include "ops_command.hpp"

#include <QJsonDocument>
#include <cstdio>
#include <unistd.h>

#include "exit_codes.hpp"

namespace helmdeck::cli {

ops::Confirmation TerminalConfirmer::confirm(const ops::Action& action, const QString& command) {
    if (assumeYes_) return {true, QStringLiteral("--yes"), {}};
    if (!isatty(STDIN_FILENO))
        return {false, {}, QStringLiteral("no terminal to confirm on; pass --yes to run it")};
    std::fprintf(stderr, "%s — this changes the cluster:\n  %s\nRun it? [y/N] ",
                 ops::describe(action).toLocal8Bit().constData(), command.toLocal8Bit().constData());
    std::fflush(stderr);
    char line[64] = {};
    if (!std::fgets(line, sizeof line, stdin)) return {false, {}, QStringLiteral("no answer")};
    const QString answer = QString::fromLocal8Bit(line).trimmed().toLower();
    if (answer == QLatin1String("y") || answer == QLatin1String("yes"))
        return {true, QStringLiteral("tty"), {}};
    return {false, {}, QStringLiteral("declined")};
}

OpsCommand::OpsCommand(const core::Profile& profile, CliOptions options, QObject* parent)
    : QObject(parent),
      options_(std::move(options)),
      settings_(ops::settingsFor(profile, options_.readOnly)),
      confirmer_(options_.yes),
      llmSpec_(profile.ops.llm) {
    if (!options_.snapshotDir.isEmpty()) {
        QString error;
        settings_.snapshot = ops::loadSnapshotDir(options_.snapshotDir, &error);
        if (!settings_.snapshot) setupError_ = error;
    }
}

OpsCommand::~OpsCommand() = default;

void OpsCommand::start() {
    if (!setupError_.isEmpty()) {
        std::fprintf(stderr, "helmdeck-cli: --snapshot: %s\n", setupError_.toLocal8Bit().constData());
        QMetaObject::invokeMethod(this, [this] { Q_EMIT done(kExitUsage); }, Qt::QueuedConnection);
        return;
    }
    assistant_ = std::make_unique<ops::OpsAssistant>(settings_, &confirmer_);
    connect(assistant_.get(), &ops::OpsAssistant::outputLine, this, [this](const QString& line) {
        if (options_.verbose) std::fprintf(stderr, "%s\n", line.toLocal8Bit().constData());
    });
    connect(assistant_.get(), &ops::OpsAssistant::answered, this, &OpsCommand::onAnswered);
    if (options_.command == QLatin1String("diagnose")) {
        assistant_->diagnose();
    } else if (llmSpec_.enabled()) {
        // The model gets the typed actions as tools; the same gate and y/N guard its calls.
        llm_ = std::make_unique<ops::LlmSession>(llmSpec_, assistant_.get());
        connect(llm_.get(), &ops::LlmSession::answered, this, &OpsCommand::onAnswered);
        llm_->ask(options_.message);
    } else {
        assistant_->ask(options_.message);
    }
}

void OpsCommand::onAnswered(const ops::OpsAnswer& answer) {
    if (options_.json)
        std::fputs(QJsonDocument(answer.toJson(settings_.context)).toJson(QJsonDocument::Indented).constData(), stdout);
    else
        std::fputs(answer.text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
    int exitCode = kExitPass;
    if (!answer.error.isEmpty()) {
        std::fprintf(stderr, "helmdeck-cli: %s\n", answer.error.toLocal8Bit().constData());
        exitCode = kExitStepFailure;
    } else if (!answer.refused.isEmpty()) {
        std::fprintf(stderr, "helmdeck-cli: %s\n", answer.refused.first().toLocal8Bit().constData());
        exitCode = kExitStepFailure;
    } else if (!answer.healthy()) {
        exitCode = kExitSloBreach;  // 1: findings at warning or above
    }
    Q_EMIT done(exitCode);
}

}  // namespace helmdeck::cli
