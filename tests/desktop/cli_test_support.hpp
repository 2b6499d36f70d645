#pragma once
// Shared by the helmdeck-cli tests: run the real binary, write temp profiles, inspect /proc.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace helmdeck::testing {

struct CliResult {
    int exitCode = -1;
    bool finished = false;
    QString out;
    QString err;
};

inline QString cliBinary() {
    return QStringLiteral(HELMDECK_BINARY_DIR "/bin/helmdeck-cli");
}

/// The environment for a CLI run: HELMDECK_DATA_DIR pointed at `dataDir`, plus `extra`.
inline QProcessEnvironment cliEnvironment(const QString& dataDir,
                                          const QMap<QString, QString>& extra = {}) {
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HELMDECK_DATA_DIR"), dataDir);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        environment.insert(it.key(), it.value());
    return environment;
}

/// Runs helmdeck-cli to completion (bounded by `timeoutMs`; killed after it).
inline CliResult runCli(const QStringList& arguments, const QProcessEnvironment& environment,
                        int timeoutMs = 120000) {
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(QStringLiteral(HELMDECK_SOURCE_DIR));
    process.start(cliBinary(), arguments);
    CliResult result;
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

/// A profile for tests: the repo's image and chart by absolute path, a short probe.
inline QString writeProfile(const QString& dir, double latencyP95Ms = 2000, double durationS = 2,
                            const QString& target = QStringLiteral("local")) {
    const QString root = QStringLiteral(HELMDECK_SOURCE_DIR);
    const QString path =
        QDir(dir).filePath(QStringLiteral("profile-%1-%2.yaml").arg(latencyP95Ms).arg(durationS));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) return {};
    file.write(QStringLiteral("version: 1\n"
                              "images:\n"
                              "  - name: todo-chatbot\n"
                              "    dockerfile: %1/dockerfiles/chatbot.Dockerfile\n"
                              "    context: %1\n"
                              "    tag: \"{version}-{git}\"\n"
                              "release:\n"
                              "  name: todo-chatbot\n"
                              "  namespace: helmdeck\n"
                              "  chart: %1/helm/todo-chatbot\n"
                              "slo:\n"
                              "  latencyP95Ms: %2\n"
                              "  imageSizeMb: 500\n"
                              "probe:\n"
                              "  rateHz: 20\n"
                              "  durationS: %3\n"
                              "  timeoutMs: 2000\n"
                              "  paths: [/api/health]\n"
                              "  chat: true\n"
                              "target: %4\n")
                   .arg(root)
                   .arg(latencyP95Ms)
                   .arg(durationS)
                   .arg(target)
                   .toUtf8());
    return path;
}

struct ProcInfo {
    qint64 pid = 0;
    qint64 ppid = 0;
    qint64 pgid = 0;
    QString comm;
    char state = '?';
};

/// Every process in /proc (a snapshot).
inline QList<ProcInfo> processes() {
    QList<ProcInfo> result;
    const QStringList entries =
        QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric) continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly)) continue;
        const QString text = QString::fromUtf8(stat.readAll());
        // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
        const qsizetype open = text.indexOf(QLatin1Char('('));
        const qsizetype close = text.lastIndexOf(QLatin1Char(')'));
        if (open < 0 || close < 0) continue;
        const QStringList rest = text.mid(close + 2).split(QLatin1Char(' '));
        if (rest.size() < 3) continue;
        ProcInfo info;
        info.pid = pid;
        info.comm = text.mid(open + 1, close - open - 1);
        info.state = rest.at(0).isEmpty() ? '?' : rest.at(0).at(0).toLatin1();
        info.ppid = rest.at(1).toLongLong();
        info.pgid = rest.at(2).toLongLong();
        result << info;
    }
    return result;
}

/// Live (non-zombie) processes whose pid or process group is in `pids`.
inline QList<ProcInfo> survivors(const QList<qint64>& pids) {
    QList<ProcInfo> alive;
    for (const ProcInfo& info : processes())
        if (info.state != 'Z' && (pids.contains(info.pid) || pids.contains(info.pgid)))
            alive << info;
    return alive;
}

}  // namespace helmdeck::testing
