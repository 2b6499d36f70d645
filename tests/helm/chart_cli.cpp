#include "chart_cli.hpp"

#include <QProcess>

namespace helmdeck::chart_test {

QByteArray ProcessResult::describe() const {
    QByteArray text = "`" + command.toUtf8() + "` ";
    if (!started)
        text += "did not start";
    else if (timed_out)
        text += "timed out";
    else
        text += "exited " + QByteArray::number(exit_code);
    return text + "\n--- stdout\n" + out.left(8000) + "\n--- stderr\n" + err.left(8000);
}

ProcessResult run_process(const QString& program, const QStringList& args,
                          std::chrono::milliseconds deadline) {
    ProcessResult result;
    result.command = (QStringList{program} + args).join(QLatin1Char(' '));
    QProcess process;
    process.setProgram(program);
    process.setArguments(args);
    process.start();
    result.started = process.waitForStarted(10'000);
    if (!result.started) return result;
    process.closeWriteChannel();
    if (!process.waitForFinished(static_cast<int>(deadline.count()))) {
        result.timed_out = true;
        process.kill();
        process.waitForFinished(5'000);
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (!result.timed_out)
        result.exit_code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return result;
}

ProcessResult helm_template(const QString& helm, const QString& chart,
                            const QStringList& extra_args) {
    QStringList args = {QStringLiteral("template"),
                        QString::fromLatin1(kRelease),
                        chart,
                        QStringLiteral("--namespace"),
                        QString::fromLatin1(kNamespace),
                        QStringLiteral("--kube-version"),
                        QString::fromLatin1(kKubeVersion)};
    return run_process(helm, args + extra_args);
}

}  // namespace helmdeck::chart_test
