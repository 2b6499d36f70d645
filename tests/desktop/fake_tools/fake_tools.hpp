#pragma once
// The fake-tool unit tier: helm, kubectl, docker, minikube and kind replaced on PATH by
// fake_tool.sh, which records each argv and replays recorded output chosen by glob rules.

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTextStream>

namespace helmdeck::testing {

struct FakeReply {
    FakeReply(int exit = 0, QString outFile = {}, QByteArray outText = {}, QString errText = {},
              double sleep = 0, int answers = 0)
        : exitCode(exit), stdoutFile(std::move(outFile)), stdoutText(std::move(outText)),
          stderrText(std::move(errText)), sleepSeconds(sleep), times(answers) {}

    int exitCode = 0;
    QString stdoutFile;     ///< a file to print (e.g. a recording under tests/desktop/data)
    QByteArray stdoutText;  ///< or literal text (written to a file of its own)
    QString stderrText;     ///< printf %b: "\n" separates lines
    double sleepSeconds = 0;
    int times = 0;  ///< answer this many matching calls, then let later rules answer; 0: all
};

class FakeTools {
public:
    FakeTools() {
        QDir(dir_.path()).mkpath(QStringLiteral("bin"));
        const QString script =
            QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/fake_tools/fake_tool.sh");
        for (const char* tool : {"helm", "kubectl", "docker", "minikube", "kind"})
            QFile::link(script, bin() + QLatin1Char('/') + QLatin1String(tool));
        QFile(path(QStringLiteral("rules"))).open(QIODevice::WriteOnly);
        savedPath_ = qgetenv("PATH");
        qputenv("PATH", bin().toUtf8());
        qputenv("FAKE_TOOL_DIR", dir_.path().toUtf8());
    }
    ~FakeTools() { qputenv("PATH", savedPath_); }
    FakeTools(const FakeTools&) = delete;
    FakeTools& operator=(const FakeTools&) = delete;

    QString bin() const { return dir_.path() + QStringLiteral("/bin"); }
    QString path(const QString& name) const { return dir_.filePath(name); }
    /// A recording under tests/desktop/data.
    static QString data(const QString& name) {
        return QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/data/") + name;
    }

    /// Adds a rule: `program` called with arguments matching `glob` (over "$*") answers `reply`.
    void on(const QString& program, const QString& glob, FakeReply reply) {
        QString out = reply.stdoutFile;
        if (out.isEmpty() && !reply.stdoutText.isEmpty()) {
            out = path(QStringLiteral("out.%1").arg(++outputs_));
            QFile file(out);
            file.open(QIODevice::WriteOnly);
            file.write(reply.stdoutText);
        }
        QFile rules(path(QStringLiteral("rules")));
        rules.open(QIODevice::Append);
        const QString err = reply.stderrText.isEmpty() ? QStringLiteral("-") : reply.stderrText;
        rules.write(QStringList{program, glob, QString::number(reply.times),
                                QString::number(reply.exitCode),
                                out.isEmpty() ? QStringLiteral("-") : out, err,
                                QString::number(reply.sleepSeconds)}
                        .join(QLatin1Char('\t'))
                        .toUtf8() +
                    '\n');
    }
    void on(const QString& program, const QString& glob, const QString& recording) {
        on(program, glob, FakeReply{0, data(recording)});
    }

    /// Every recorded call of `program` (all programs when empty), as its argument list.
    QList<QStringList> calls(const QString& program = {}) const {
        QList<QStringList> result;
        QFile log(path(QStringLiteral("calls.log")));
        if (!log.open(QIODevice::ReadOnly)) return result;
        for (const QByteArray& line : log.readAll().split('\n')) {
            if (line.isEmpty()) continue;
            QStringList argv = QString::fromUtf8(line).split(QLatin1Char('\t'));
            if (!program.isEmpty() && argv.first() != program) continue;
            if (!program.isEmpty()) argv.removeFirst();
            result << argv;
        }
        return result;
    }
    /// The calls as "prog arg arg" lines, for failure messages.
    QString transcript() const {
        QStringList lines;
        for (const QStringList& call : calls()) lines << call.join(QLatin1Char(' '));
        return lines.join(QLatin1Char('\n'));
    }

private:
    QTemporaryDir dir_;
    QByteArray savedPath_;
    int outputs_ = 0;
};

/// Whether `argv` holds `flag` immediately followed by `value`.
inline bool hasPair(const QStringList& argv, const QString& flag, const QString& value) {
    for (qsizetype i = 0; i + 1 < argv.size(); ++i)
        if (argv.at(i) == flag && argv.at(i + 1) == value) return true;
    return false;
}

}  // namespace helmdeck::testing
