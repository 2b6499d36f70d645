#include "core/tool_runner.hpp"

#include <sys/types.h>
#include <unistd.h>

#include <QEventLoop>
#include <QFileInfo>
#include <QStandardPaths>
#include <csignal>

namespace helmdeck::core {

namespace {

// Looks up `program` on the PATH the child will see (which may be overridden).
QString resolveProgram(const QString& program, const QProcessEnvironment& environment) {
    if (program.contains(QLatin1Char('/'))) {
        const QFileInfo info(program);
        return info.isFile() && info.isExecutable() ? info.absoluteFilePath() : QString();
    }
    const QString path = environment.value(QStringLiteral("PATH"));
    if (path.isEmpty()) return {};
    return QStandardPaths::findExecutable(program,
                                          path.split(QLatin1Char(':'), Qt::SkipEmptyParts));
}

// Emits every complete line in `buffer`, keeping the unfinished tail.
template <typename Emit>
void takeLines(QByteArray& buffer, Emit emitLine) {
    qsizetype start = 0;
    for (qsizetype newline = buffer.indexOf('\n'); newline >= 0;
         newline = buffer.indexOf('\n', start)) {
        qsizetype end = newline;
        if (end > start && buffer.at(end - 1) == '\r') --end;
        emitLine(QString::fromUtf8(buffer.constData() + start, end - start));
        start = newline + 1;
    }
    buffer.remove(0, start);
}

}  // namespace

QString nameOf(ToolResult::Status status) {
    switch (status) {
        case ToolResult::Ok:
            return QStringLiteral("ok");
        case ToolResult::Failed:
            return QStringLiteral("failed");
        case ToolResult::TimedOut:
            return QStringLiteral("timed out");
        case ToolResult::Cancelled:
            return QStringLiteral("cancelled");
        case ToolResult::NotFound:
            return QStringLiteral("not found");
        case ToolResult::FailedToStart:
            return QStringLiteral("failed to start");
    }
    return {};
}

ToolRunner::ToolRunner(QObject* parent) : QObject(parent) {
    qRegisterMetaType<ToolResult>();
    timeoutTimer_.setSingleShot(true);
    killTimer_.setSingleShot(true);
    connect(&timeoutTimer_, &QTimer::timeout, this, [this] {
        stop(ToolResult::TimedOut, QStringLiteral("%1 timed out after %2 s")
                                       .arg(programName_)
                                       .arg(timeoutTimer_.interval() / 1000.0, 0, 'g', 3));
    });
    connect(&killTimer_, &QTimer::timeout, this, &ToolRunner::killNow);
}

ToolRunner::~ToolRunner() {
    if (!isRunning()) return;
    // Never leave a child behind: kill its whole process group and reap it.
    process_->disconnect(this);
    const qint64 pid = process_->processId();
    if (pid > 0) ::kill(-pid_t(pid), SIGKILL);
    process_->kill();
    process_->waitForFinished(2000);
}

bool ToolRunner::isRunning() const {
    return process_ && process_->state() != QProcess::NotRunning;
}

qint64 ToolRunner::processId() const {
    return isRunning() ? process_->processId() : 0;
}

void ToolRunner::start(const QString& program, const QStringList& arguments,
                       const QMap<QString, QString>& environment, int timeoutMs,
                       const QString& workingDirectory) {
    if (isRunning()) {
        qWarning("ToolRunner::start: %s is still running; cancel it first",
                 qPrintable(programName_));
        return;
    }
    if (process_) {
        // We may be inside the old process's finished() emission: delete it later, not now.
        QProcess* old = process_.release();
        old->disconnect(this);
        old->setParent(this);
        old->deleteLater();
    }
    programName_ = QFileInfo(program).fileName();
    stdoutBuffer_.clear();
    stderrBuffer_.clear();
    captured_.clear();
    lastStderrLine_.clear();
    stopStatus_ = ToolResult::Ok;
    stopReason_.clear();
    finishedEmitted_ = false;
    clock_.start();

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());

    programPath_ = resolveProgram(program, env);
    if (programPath_.isEmpty()) {
        ToolResult result;
        result.status = ToolResult::NotFound;
        result.program = program;
        result.reason = program.contains(QLatin1Char('/'))
                            ? QStringLiteral("%1 not found or not executable").arg(program)
                            : QStringLiteral("%1 not found on PATH").arg(program);
        // Queued, so callers can connect after start() and still see the result.
        QTimer::singleShot(0, this, [this, result] { finish(result); });
        return;
    }

    process_ = std::make_unique<QProcess>();
    process_->setProgram(programPath_);
    process_->setArguments(arguments);
    process_->setProcessEnvironment(env);
    process_->setStandardInputFile(QProcess::nullDevice());
    if (!workingDirectory.isEmpty()) process_->setWorkingDirectory(workingDirectory);
    // Own process group, so cancel reaches grandchildren (sh -c …) too.
    process_->setChildProcessModifier([] { ::setpgid(0, 0); });

    connect(process_.get(), &QProcess::readyReadStandardOutput, this,
            &ToolRunner::onReadyReadStdout);
    connect(process_.get(), &QProcess::readyReadStandardError, this,
            &ToolRunner::onReadyReadStderr);
    connect(process_.get(), &QProcess::finished, this, &ToolRunner::onProcessFinished);
    connect(process_.get(), &QProcess::errorOccurred, this, &ToolRunner::onProcessError);
    connect(process_.get(), &QProcess::started, this, &ToolRunner::started);

    if (timeoutMs > 0) timeoutTimer_.start(timeoutMs);
    process_->start();
}

void ToolRunner::cancel() {
    stop(ToolResult::Cancelled, QStringLiteral("%1 was cancelled").arg(programName_));
}

void ToolRunner::stop(ToolResult::Status why, const QString& reason) {
    if (!isRunning() || stopStatus_ != ToolResult::Ok) return;
    stopStatus_ = why;
    stopReason_ = reason;
    timeoutTimer_.stop();
    const qint64 pid = process_->processId();
    if (pid > 0) ::kill(-pid_t(pid), SIGTERM);
    process_->terminate();
    killTimer_.start(killGraceMs_);
}

void ToolRunner::killNow() {
    if (!isRunning()) return;
    const qint64 pid = process_->processId();
    if (pid > 0) ::kill(-pid_t(pid), SIGKILL);
    process_->kill();
}

void ToolRunner::onReadyReadStdout() {
    const QByteArray chunk = process_->readAllStandardOutput();
    if (captureStdout_) captured_ += chunk;
    if (!emitStdoutLines_) return;
    stdoutBuffer_ += chunk;
    takeLines(stdoutBuffer_, [this](const QString& line) { Q_EMIT stdoutLine(line); });
}

void ToolRunner::onReadyReadStderr() {
    stderrBuffer_ += process_->readAllStandardError();
    takeLines(stderrBuffer_, [this](const QString& line) {
        if (!line.trimmed().isEmpty()) lastStderrLine_ = line.trimmed();
        Q_EMIT stderrLine(line);
    });
}

void ToolRunner::flushPartialLines() {
    onReadyReadStdout();
    onReadyReadStderr();
    if (!stdoutBuffer_.isEmpty()) {
        Q_EMIT stdoutLine(QString::fromUtf8(stdoutBuffer_));
        stdoutBuffer_.clear();
    }
    if (!stderrBuffer_.isEmpty()) {
        lastStderrLine_ = QString::fromUtf8(stderrBuffer_).trimmed();
        Q_EMIT stderrLine(QString::fromUtf8(stderrBuffer_));
        stderrBuffer_.clear();
    }
}

void ToolRunner::onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus) {
    timeoutTimer_.stop();
    killTimer_.stop();
    flushPartialLines();

    ToolResult result;
    result.program = programPath_;
    result.exitCode = exitStatus == QProcess::NormalExit ? exitCode : -1;
    if (stopStatus_ != ToolResult::Ok) {
        result.status = stopStatus_;
        result.reason = stopReason_;
    } else if (exitStatus == QProcess::CrashExit) {
        result.status = ToolResult::Failed;
        result.reason = QStringLiteral("%1 crashed").arg(programName_);
    } else if (exitCode != 0) {
        result.status = ToolResult::Failed;
        result.reason = QStringLiteral("%1 exited with code %2").arg(programName_).arg(exitCode);
        if (!lastStderrLine_.isEmpty()) result.reason += QStringLiteral(": ") + lastStderrLine_;
    } else {
        result.status = ToolResult::Ok;
    }
    finish(result);
}

void ToolRunner::onProcessError(QProcess::ProcessError error) {
    // Other errors (Crashed, Read/WriteError) are followed by finished().
    if (error != QProcess::FailedToStart) return;
    timeoutTimer_.stop();
    ToolResult result;
    result.status = ToolResult::FailedToStart;
    result.program = programPath_;
    result.reason =
        QStringLiteral("cannot start %1: %2").arg(programName_, process_->errorString());
    finish(result);
}

void ToolRunner::finish(ToolResult result) {
    if (finishedEmitted_) return;
    finishedEmitted_ = true;
    // Sweep what the child left in its process group after a stop (e.g. sh's own children).
    if (stopStatus_ != ToolResult::Ok && process_) {
        const qint64 pid = process_->processId();
        if (pid > 0) ::kill(-pid_t(pid), SIGKILL);
    }
    result.stdoutData = captured_;
    result.elapsedMs = clock_.elapsed();
    Q_EMIT finished(result);
}

ToolResult ToolRunner::runAndWait(const QString& program, const QStringList& arguments,
                                  int timeoutMs, const QMap<QString, QString>& environment) {
    if (timeoutMs <= 0) timeoutMs = 5000;  // synchronous calls always have a deadline
    ToolRunner runner;
    runner.setCaptureStdout(true);
    runner.setEmitStdoutLines(false);
    runner.setKillGraceMs(500);
    ToolResult result;
    result.status = ToolResult::TimedOut;
    result.reason = QStringLiteral("%1 did not finish in time").arg(program);
    QEventLoop loop;
    connect(&runner, &ToolRunner::finished, &loop, [&](const ToolResult& r) {
        result = r;
        loop.quit();
    });
    // A hard deadline on top of the runner's own timeout, so the loop always ends.
    QTimer::singleShot(timeoutMs + 2000, &loop, &QEventLoop::quit);
    runner.start(program, arguments, environment, timeoutMs);
    loop.exec();
    return result;
}

}  // namespace helmdeck::core
