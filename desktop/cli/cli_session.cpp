#include "cli_session.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTimer>
#include <csignal>
#include <cstdio>
#include <unistd.h>

#include "core/chat_client.hpp"
#include "core/paths.hpp"
#include "core/run_history.hpp"
#include "core/voice/pocketsphinx_recognizer.hpp"
#include "exit_codes.hpp"
#include "ops_command.hpp"
#include "progress_printer.hpp"
#include "summary_printer.hpp"

namespace helmdeck::cli {

namespace {

std::optional<core::PipelineKind> kindOf(const QString& command) {
    using core::PipelineKind;
    static const QMap<QString, PipelineKind> kinds{
        {QStringLiteral("run"), PipelineKind::Run},
        {QStringLiteral("preflight"), PipelineKind::Preflight},
        {QStringLiteral("build"), PipelineKind::Build},
        {QStringLiteral("deploy"), PipelineKind::Deploy},
        {QStringLiteral("probe"), PipelineKind::Probe},
        {QStringLiteral("chat"), PipelineKind::Endpoint},
        {QStringLiteral("status"), PipelineKind::Status},
        {QStringLiteral("rollback"), PipelineKind::Rollback},
        {QStringLiteral("uninstall"), PipelineKind::Uninstall},
        {QStringLiteral("diff"), PipelineKind::Diff}};
    const auto it = kinds.constFind(command);
    if (it == kinds.cend()) return std::nullopt;
    return *it;
}

QString jsonText(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

}  // namespace

CliSession::CliSession(CliOptions options, QObject* parent)
    : QObject(parent), options_(std::move(options)) {}

CliSession::~CliSession() {
    if (service_) service_->stop();
}

void CliSession::printOut(const QString& text) {
    std::fputs(text.toLocal8Bit().constData(), stdout);
    std::fflush(stdout);
}

void CliSession::printErr(const QString& text) {
    if (printer_)
        printer_->line(text);
    else {
        std::fputs((text + QLatin1Char('\n')).toLocal8Bit().constData(), stderr);
        std::fflush(stderr);
    }
}

void CliSession::finishWith(int exitCode) {
    if (finished_) return;
    finished_ = true;
    if (service_) {
        service_->stop();
        service_.reset();
    }
    QTimer::singleShot(0, this, [this, exitCode] { Q_EMIT done(exitCode); });
}

void CliSession::start() {
    if (options_.command == QLatin1String("history")) {
        runHistory();
        return;
    }
    if (!options_.wavFile.isEmpty()) {
        transcribeWav();
        return;
    }
    startPipeline();
}

// chat --wav: the transcript becomes the message, then the usual chat runs. Audio stays in
// memory and is wiped by the recognizer.
void CliSession::transcribeWav() {
    QFile file(options_.wavFile);
    if (!file.open(QIODevice::ReadOnly)) {
        printErr(QStringLiteral("helmdeck-cli: cannot read %1: %2").arg(options_.wavFile, file.errorString()));
        finishWith(kExitUsage);
        return;
    }
    QByteArray bytes = file.readAll();
    QString error;
    core::voice::AudioClip clip = core::voice::parseWav(bytes, &error);
    core::voice::wipeBytes(bytes);
    if (clip.isEmpty()) {
        printErr(QStringLiteral("helmdeck-cli: %1: %2 (fix: record 16 kHz mono 16-bit PCM)")
                     .arg(options_.wavFile, error.isEmpty() ? QStringLiteral("no samples") : error));
        finishWith(kExitUsage);
        return;
    }
    auto* recognizer = new core::voice::PocketSphinxRecognizer(this);
    recognizer_ = recognizer;
    connect(recognizer, &core::voice::SpeechRecognizer::failed, this, [this](const QString& reason) {
        printErr(QStringLiteral("helmdeck-cli: speech recognition failed: %1").arg(reason));
        finishWith(kExitStepFailure);
    });
    connect(recognizer, &core::voice::SpeechRecognizer::cancelled, this,
            [this] { finishWith(kExitInterrupted); });
    connect(recognizer, &core::voice::SpeechRecognizer::recognized, this, [this](const QString& text) {
        recognizer_->deleteLater();
        recognizer_ = nullptr;
        if (text.trimmed().isEmpty()) {
            printErr(QStringLiteral("helmdeck-cli: no speech recognised in %1 (fix: speak a todo "
                                    "request, e.g. \"show my tasks\")").arg(options_.wavFile));
            finishWith(kExitStepFailure);
            return;
        }
        printErr(QStringLiteral("heard: %1").arg(text));
        options_.message = text;
        startPipeline();
    });
    recognizer->recognize(std::move(clip));
}

void CliSession::startPipeline() {
    core::Profile profile;
    QString profilePath = options_.profilePath;
    if (profilePath.isEmpty()) {
        const QString root = core::findWorkspaceRoot();
        if (!root.isEmpty()) profilePath = QDir(root).filePath(QStringLiteral("helmdeck.yaml"));
    }
    try {
        profile = profilePath.isEmpty() ? core::defaultProfile() : core::loadProfile(profilePath);
    } catch (const core::ProfileError& error) {
        printErr(QStringLiteral("helmdeck-cli: %1").arg(error.toString()));
        finishWith(kExitUsage);
        return;
    }
    if (options_.command == QLatin1String("diagnose") || options_.command == QLatin1String("ops")) {
        auto* command = new OpsCommand(profile, options_, this);
        connect(command, &OpsCommand::done, this, &CliSession::finishWith);
        command->start();
        return;
    }
    const core::Target target = options_.target.value_or(profile.target);
    profile_ = profile;
    core::PipelineOptions pipelineOptions;
    pipelineOptions.kind = *kindOf(options_.command);
    pipelineOptions.rollbackOnFail = options_.rollbackOnFail;
    pipelineOptions.rollbackRevision = options_.revision;
    pipelineOptions.diffBeforeDeploy = options_.confirmDiff;
    // chat needs the backend after the pipeline; CliSession stops it when the reply is in.
    pipelineOptions.keepServiceRunning = options_.command == QLatin1String("chat");

    pipeline_ = core::makePipeline(profile, target, pipelineOptions, this);
    printer_ =
        new ProgressPrinter(pipeline_, ProgressPrinter::isTerminal(stderr), options_.verbose);
    connect(pipeline_, &core::Pipeline::finished, this, &CliSession::onPipelineFinished);
    if (options_.confirmDiff)
        pipeline_->context().confirmDiff = [this](const core::ReleaseDiff& diff,
                                                  std::function<void(bool)> answer) {
            askAboutDiff(diff, std::move(answer));
        };
    pipeline_->start();
}

void CliSession::interrupt(int signalNumber) {
    if (finished_) return;
    if (!interrupted_)
        printErr(
            QStringLiteral("helmdeck-cli: %1 received; cancelling and stopping child processes")
                .arg(signalNumber == SIGTERM ? QStringLiteral("SIGTERM")
                                             : QStringLiteral("SIGINT")));
    interrupted_ = true;
    if (auto* recognizer = qobject_cast<core::voice::SpeechRecognizer*>(recognizer_)) {
        recognizer->cancel();  // cancelled() follows; it maps to 130
        return;
    }
    if (pipeline_ && pipeline_->isRunning()) {
        pipeline_->cancel();  // finished() follows; onPipelineFinished maps it to 130
        return;
    }
    // Between the pipeline and the chat reply, or during history: stop now.
    if (chat_) chat_->disconnect(this);
    finishWith(kExitInterrupted);
}

void CliSession::askAboutDiff(const core::ReleaseDiff& diff, std::function<void(bool)> answer) {
    printErr(diff.text().trimmed());
    if (!::isatty(STDIN_FILENO)) {
        printErr(QStringLiteral("helmdeck-cli: --confirm-diff asks on a terminal and stdin is not "
                                "one; nothing was deployed"));
        answer(false);
        return;
    }
    printErr(QStringLiteral("Deploy these changes to %1? [y/N]").arg(diff.release));
    // Read the answer without blocking, so SIGINT still cancels through the event loop.
    auto* notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [notifier, answer] {
        char line[64] = {};
        const ssize_t n = ::read(STDIN_FILENO, line, sizeof line - 1);
        notifier->deleteLater();
        const QString reply = n > 0 ? QString::fromLocal8Bit(line, int(n)).trimmed().toLower()
                                    : QString();
        answer(reply == QLatin1String("y") || reply == QLatin1String("yes"));
    });
}

void CliSession::runHistory() {
    const core::RunHistory history(core::appDataDir());
    const core::RunHistory::Loaded loaded = history.load();
    if (!loaded.error.isEmpty()) {
        printErr(QStringLiteral("helmdeck-cli: cannot read %1: %2")
                     .arg(history.filePath(), loaded.error));
        finishWith(kExitStepFailure);
        return;
    }
    const QList<core::RunRecord> runs =
        loaded.runs.mid(qMax(0, int(loaded.runs.size()) - options_.historyLimit));
    if (options_.json) {
        QJsonArray array;
        for (const core::RunRecord& run : runs) array.append(core::toJson(run));
        printOut(jsonText(QJsonObject{{QStringLiteral("file"), history.filePath()},
                                      {QStringLiteral("corruptLines"), loaded.corruptLines},
                                      {QStringLiteral("runs"), array}}));
    } else {
        printOut(textHistory(runs));
        if (loaded.corruptLines > 0)
            printErr(QStringLiteral("helmdeck-cli: skipped %1 unreadable line(s) in %2")
                         .arg(loaded.corruptLines)
                         .arg(history.filePath()));
    }
    finishWith(kExitPass);
}

void CliSession::onPipelineFinished() {
    const core::Pipeline& pipeline = *pipeline_;
    int exitCode = exitCodeFor(pipeline.outcome());
    if (interrupted_) exitCode = kExitInterrupted;

    if (!options_.reportFile.isEmpty()) {
        QString error;
        if (!writeReport(options_.reportFile, pipeline.report(), &error)) {
            printErr(QStringLiteral("helmdeck-cli: cannot write the report %1: %2")
                         .arg(options_.reportFile, error));
            if (exitCode == kExitPass) exitCode = kExitStepFailure;
        }
    }

    const bool chat = options_.command == QLatin1String("chat");
    if (chat && exitCode == kExitPass) {
        service_ = pipeline_->context().service;
        sendChat();
        return;
    }
    if (auto service = pipeline_->context().service) service->stop();

    if (options_.json)
        printOut(jsonText(jsonSummary(options_.command, pipeline)));
    else
        printOut(textSummary(options_.command, pipeline));

    switch (pipeline.outcome()) {
        case core::Pipeline::Outcome::Pass:
            break;
        case core::Pipeline::Outcome::SloBreach:
            printErr(QStringLiteral("helmdeck-cli: SLO breach: %1").arg(pipeline.outcomeReason()));
            break;
        case core::Pipeline::Outcome::StepFailed:
            printErr(QStringLiteral("helmdeck-cli: %1%2")
                         .arg(pipeline.outcomeReason(),
                              pipeline.outcomeFixHint().isEmpty()
                                  ? QString()
                                  : QStringLiteral(" (fix: %1)").arg(pipeline.outcomeFixHint())));
            break;
        case core::Pipeline::Outcome::Cancelled:
            printErr(QStringLiteral("helmdeck-cli: cancelled; no child process left behind"));
            break;
    }
    if (pipeline.outcome() == core::Pipeline::Outcome::StepFailed && diagnoseThenFinish(exitCode)) return;
    finishWith(exitCode);
}

bool CliSession::diagnoseThenFinish(int exitCode) {
    if (!pipeline_->releaseStepFailed()) return false;
    printErr(QStringLiteral("helmdeck-cli: diagnosing the release (helmdeck-cli diagnose):"));
    auto* assistant = new ops::OpsAssistant(ops::settingsFor(profile_, options_.readOnly), nullptr, this);
    connect(assistant, &ops::OpsAssistant::answered, this, [this, exitCode](const ops::OpsAnswer& answer) {
        for (const QString& line : answer.text.trimmed().split(QLatin1Char('\n'))) printErr(line);
        finishWith(exitCode);
    });
    assistant->diagnose();
    return true;
}

void CliSession::sendChat() {
    chat_ = new core::ChatClient(this);
    chat_->setBaseUrl(pipeline_->context().endpointUrl);
    connect(chat_, &core::ChatClient::replied, this, &CliSession::onChatReply);
    chat_->send(options_.message);
}

void CliSession::onChatReply(const core::ChatReply& reply) {
    if (options_.json)
        printOut(jsonText(jsonChatReply(reply)));
    else if (reply.ok)
        printOut(textChatReply(reply));
    if (!reply.ok) {
        printErr(QStringLiteral(
                     "helmdeck-cli: chat failed: %1 (fix: check the backend log with --verbose)")
                     .arg(reply.error));
        finishWith(kExitStepFailure);
        return;
    }
    finishWith(kExitPass);
}

}  // namespace helmdeck::cli
