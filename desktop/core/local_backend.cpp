#include "core/local_backend.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>

namespace helmdeck::core {

namespace {
constexpr int kTermGraceMs = 3000;

// Emits each complete line of `buffer`, keeping the tail.
template <typename Emit>
void takeLines(QByteArray& buffer, Emit emitLine) {
    qsizetype newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
        emitLine(QString::fromUtf8(buffer.left(newline)).trimmed());
        buffer.remove(0, newline + 1);
    }
}
}  // namespace

LocalBackend::LocalBackend(QObject* parent) : RunningService(parent) {
    connect(&poller_, &ReadinessPoller::ready, this, [this] {
        isUp_ = true;
        Q_EMIT up(url_);
    });
    connect(&poller_, &ReadinessPoller::timedOut, this, [this](const QString& lastError) {
        Q_EMIT failed(tr("todo-chatbot did not become ready: %1").arg(lastError));
    });
}

LocalBackend::~LocalBackend() {
    stop();
}

QString LocalBackend::description() const {
    if (!isRunning()) return tr("todo-chatbot (stopped)");
    return tr("todo-chatbot (pid %1) on %2").arg(processId()).arg(url_.authority());
}

bool LocalBackend::isRunning() const {
    return process_ && process_->state() != QProcess::NotRunning;
}

qint64 LocalBackend::processId() const {
    return isRunning() ? process_->processId() : 0;
}

void LocalBackend::start(const QString& program, const QString& databasePath, int readyDeadlineMs) {
    stop();
    isUp_ = false;
    stopping_ = false;
    url_.clear();
    readyDeadlineMs_ = readyDeadlineMs;
    process_ = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:") + databasePath);
    process_->setProcessEnvironment(environment);
    process_->setProgram(program);
    process_->setArguments({QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                            QStringLiteral("--port"), QStringLiteral("0"),
                            QStringLiteral("--log-format"), QStringLiteral("json")});
    process_->setStandardInputFile(QProcess::nullDevice());
    // Own process group (a terminal's Ctrl+C is ours to handle), and die with us if we are
    // killed outright, so a crashed GUI or CLI never leaves a backend behind.
    process_->setChildProcessModifier([] {
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    connect(process_.get(), &QProcess::readyReadStandardOutput, this, [this] {
        stdoutBuffer_ += process_->readAllStandardOutput();
        takeLines(stdoutBuffer_, [this](const QString& line) { onLine(line); });
    });
    connect(process_.get(), &QProcess::readyReadStandardError, this, [this] {
        stderrBuffer_ += process_->readAllStandardError();
        takeLines(stderrBuffer_, [this](const QString& line) { onLine(line); });
    });
    connect(process_.get(), &QProcess::finished, this, &LocalBackend::onFinished);
    connect(process_.get(), &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            Q_EMIT failed(tr("cannot start todo-chatbot: %1").arg(process_->errorString()));
    });
    Q_EMIT logLine(QStringLiteral("$ DATABASE_URL=sqlite:%1 %2 %3")
                       .arg(databasePath, QFileInfo(program).fileName(),
                            process_->arguments().join(QLatin1Char(' '))));
    process_->start();
}

void LocalBackend::onLine(const QString& line) {
    if (line.isEmpty()) return;
    lastLine_ = line;
    Q_EMIT logLine(line);
    if (!url_.isEmpty() || !line.contains(QLatin1String("listening"))) return;
    const QJsonObject object = QJsonDocument::fromJson(line.toUtf8()).object();
    const int port = object.value(QStringLiteral("port")).toInt();
    if (port <= 0) return;
    url_ = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    poller_.start(url_, readyDeadlineMs_);
}

void LocalBackend::onFinished(int exitCode, QProcess::ExitStatus status) {
    poller_.stop();
    if (stopping_) return;
    const QString why = status == QProcess::CrashExit
                            ? tr("todo-chatbot crashed")
                            : tr("todo-chatbot exited with code %1").arg(exitCode);
    const QString reason = lastLine_.isEmpty() ? why : why + QStringLiteral(": ") + lastLine_;
    if (isUp_)
        Q_EMIT lost(reason);
    else
        Q_EMIT failed(reason);
    isUp_ = false;
}

void LocalBackend::stop() {
    poller_.stop();
    if (!process_) return;
    stopping_ = true;
    if (isRunning()) {
        const pid_t pid = pid_t(process_->processId());
        if (pid > 0) ::kill(pid, SIGTERM);
        if (!process_->waitForFinished(kTermGraceMs)) {
            if (pid > 0) ::kill(-pid, SIGKILL);
            process_->kill();
            process_->waitForFinished(2000);
        }
    }
    process_->disconnect(this);
    isUp_ = false;
    // Deleting from inside one of its own signals is unsafe: hand it to the event loop.
    process_.release()->deleteLater();
}

}  // namespace helmdeck::core
