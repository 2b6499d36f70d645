#pragma once
// Runs one external tool (docker, helm, kubectl, …) and reports its lines and its end.

#include <QByteArray>
#include <QElapsedTimer>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <memory>

namespace helmdeck::core {

/// How a tool run ended.
struct ToolResult {
    enum Status { Ok, Failed, TimedOut, Cancelled, NotFound, FailedToStart };

    Status status = FailedToStart;
    int exitCode = -1;      ///< the process's exit code when it exited normally, else -1
    QString reason;         ///< one line for the user when status != Ok
    QByteArray stdoutData;  ///< all of stdout, only when setCaptureStdout(true)
    QString program;        ///< the resolved executable path (or the name when not found)
    qint64 elapsedMs = 0;

    bool ok() const { return status == Ok; }
};

QString nameOf(ToolResult::Status status);

/// Runs a program through QProcess: line-buffered stdout/stderr signals, a timeout,
/// and cancellation by SIGTERM then SIGKILL after a grace period. One run at a time.
/// The destructor kills a child that is still running, so none is ever left behind.
class ToolRunner : public QObject {
    Q_OBJECT

public:
    explicit ToolRunner(QObject* parent = nullptr);
    ~ToolRunner() override;

    /// Keep the whole stdout in ToolResult::stdoutData (for JSON outputs). Off by default.
    void setCaptureStdout(bool capture) { captureStdout_ = capture; }
    /// Time between SIGTERM and SIGKILL on cancel() or timeout. Default 3000 ms.
    void setKillGraceMs(int ms) { killGraceMs_ = ms; }
    /// Stop emitting stdoutLine for each line (only capture). Default on.
    void setEmitStdoutLines(bool emitLines) { emitStdoutLines_ = emitLines; }

    /// Starts `program` (a name looked up on PATH, or a path). `timeoutMs` <= 0 means none.
    /// `environment` entries are added to (or override) the current environment.
    /// A missing program finishes at once (queued) with NotFound.
    void start(const QString& program, const QStringList& arguments,
               const QMap<QString, QString>& environment = {}, int timeoutMs = 0,
               const QString& workingDirectory = {});

    bool isRunning() const;
    /// Process id of the running child, 0 when none.
    qint64 processId() const;

    /// Runs synchronously in a local event loop, bounded by `timeoutMs`. For preflight-style
    /// quick calls only; stdout is captured.
    static ToolResult runAndWait(const QString& program, const QStringList& arguments,
                                 int timeoutMs, const QMap<QString, QString>& environment = {});

public Q_SLOTS:
    /// SIGTERM now, SIGKILL after the grace period; finishes with Cancelled.
    void cancel();

Q_SIGNALS:
    void started();
    void stdoutLine(const QString& line);
    void stderrLine(const QString& line);
    void finished(const helmdeck::core::ToolResult& result);

private:
    void stop(ToolResult::Status why, const QString& reason);
    void onReadyReadStdout();
    void onReadyReadStderr();
    void onProcessFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void onProcessError(QProcess::ProcessError error);
    void flushPartialLines();
    void finish(ToolResult result);
    void killNow();

    std::unique_ptr<QProcess> process_;
    QTimer timeoutTimer_;
    QTimer killTimer_;
    QElapsedTimer clock_;
    QByteArray stdoutBuffer_;
    QByteArray stderrBuffer_;
    QByteArray captured_;
    QString programName_;
    QString programPath_;
    ToolResult::Status stopStatus_ = ToolResult::Ok;  ///< set when we asked it to stop
    QString stopReason_;
    QString lastStderrLine_;
    int killGraceMs_ = 3000;
    bool captureStdout_ = false;
    bool emitStdoutLines_ = true;
    bool finishedEmitted_ = true;
};

}  // namespace helmdeck::core

Q_DECLARE_METATYPE(helmdeck::core::ToolResult)
