#include "cli_options.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include "core/pipeline.hpp"

namespace helmdeck::cli {

QStringList cliCommands() {
    return {QStringLiteral("preflight"), QStringLiteral("build"),     QStringLiteral("deploy"),
            QStringLiteral("probe"),     QStringLiteral("chat"),      QStringLiteral("status"),
            QStringLiteral("rollback"),  QStringLiteral("uninstall"), QStringLiteral("run"),
            QStringLiteral("history"),   QStringLiteral("diff"),      QStringLiteral("diagnose"),
            QStringLiteral("ops")};
}

namespace {

const char* kDescription = R"(Helmdeck headless: build, deploy, probe and judge todo-chatbot.

Commands:
  run              the whole pipeline for the target: preflight, [build, measure,
                   load, deploy, verify,] endpoint, probe, verdict
  preflight        check docker, helm, kubectl, minikube and kind (fix hints)
  build            build and measure the profile's images
  deploy           bring the target up (local: backend; docker: container;
                   cluster: build, load, helm upgrade --install, verify, endpoint)
  probe            probe the target's endpoint and judge it (no build for cluster)
  chat "message"   send one chat message to the target's backend, print the reply
  chat --wav FILE  transcribe a 16 kHz mono WAV offline (PocketSphinx), send that
  status           helm status and history, and the release's pods (cluster)
  rollback [REV]   helm rollback to the previous good revision, or REV (cluster)
  uninstall        helm uninstall the release (cluster)
  history          the recorded runs, oldest first
  diff             what a deploy would change: each object added, changed or
                   removed (helm template vs the deployed manifest), the values
  diagnose         run the Ops analyzers on the release's namespace; exit 1 on
                   findings at warning or above
  ops "request"    ask the Ops assistant ("why is the backend failing?", "scale
                   the backend to 3"); mutating actions ask y/N first (--yes)

Targets: local (todo-chatbot as a child process, SQLite in the data dir; no docker
or cluster needed), docker (build the image, run it on a 127.0.0.1 port), cluster
(the current kube context).

Exit codes:
  0    pass (every step ok; every SLO budget met)
  1    SLO breach: the verdict failed; the breach is named on stderr
  2    usage or profile error (file:line:col: key: message)
  3    a tool or step failed (the reason and a fix hint on stderr)
  130  interrupted by SIGINT/SIGTERM: the run was cancelled and every child
       process (backend, container, port-forward, tools) was stopped

Progress goes to stderr (a bar on a terminal), the summary to stdout.
Environment: HELMDECK_DATA_DIR overrides the data directory (history, local DB).)";

}  // namespace

ParseOutcome parseCommandLine(const QStringList& arguments, CliOptions* options) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QString::fromUtf8(kDescription));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QStringLiteral("The profile to use (default: helmdeck.yaml of the workspace)."),
        QStringLiteral("FILE"));
    const QCommandLineOption targetOption(
        QStringLiteral("target"),
        QStringLiteral("local, docker or cluster (default: the profile's)."),
        QStringLiteral("TARGET"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("Print the summary on stdout as JSON."));
    const QCommandLineOption reportOption(
        QStringLiteral("report"),
        QStringLiteral("Write the run report to FILE: JSON (helmdeck.report/v1) when it ends in "
                       ".json, else Markdown."),
        QStringLiteral("FILE"));
    const QCommandLineOption rollbackOption(
        QStringLiteral("rollback-on-fail"),
        QStringLiteral("cluster run: roll back to the previous revision when the verdict fails."));
    const QCommandLineOption confirmDiffOption(
        QStringLiteral("confirm-diff"),
        QStringLiteral("cluster run/deploy: print what the deploy changes and ask on the "
                       "terminal before deploying (no terminal: nothing is deployed)."));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"),
        QStringLiteral("Also stream every tool's output lines to stderr."));
    const QCommandLineOption limitOption(
        QStringLiteral("limit"), QStringLiteral("history: show the last N runs (default 20)."),
        QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption yesOption(
        QStringLiteral("yes"), QStringLiteral("ops: run a mutating action without asking."));
    const QCommandLineOption readOnlyOption(
        QStringLiteral("read-only"), QStringLiteral("ops: refuse every action that changes the cluster."));
    const QCommandLineOption snapshotOption(
        QStringLiteral("snapshot"),
        QStringLiteral("diagnose, ops: read a recorded snapshot folder instead of the cluster."),
        QStringLiteral("DIR"));
    const QCommandLineOption wavOption(
        QStringLiteral("wav"),
        QStringLiteral("chat: transcribe FILE (16-bit PCM WAV, 16 kHz mono) offline and send the "
                       "transcript instead of a typed message."),
        QStringLiteral("FILE"));
    parser.addOptions({profileOption, targetOption, jsonOption, reportOption, rollbackOption,
                       confirmDiffOption, verboseOption, limitOption, yesOption, readOnlyOption,
                       snapshotOption, wavOption});
    parser.addPositionalArgument(QStringLiteral("command"), cliCommands().join(QLatin1Char('|')),
                                 QStringLiteral("<command>"));
    parser.addPositionalArgument(QStringLiteral("argument"),
                                 QStringLiteral("chat: the message; rollback: a revision."),
                                 QStringLiteral("[argument]"));

    if (!parser.parse(arguments)) return {ParseOutcome::UsageError, parser.errorText()};
    if (parser.isSet(helpOption)) return {ParseOutcome::ExitOk, parser.helpText()};
    if (parser.isSet(versionOption))
        return {ParseOutcome::ExitOk,
                QStringLiteral("%1 %2\n").arg(QCoreApplication::applicationName(),
                                              QCoreApplication::applicationVersion())};

    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return {ParseOutcome::UsageError, QStringLiteral("no command given; one of %1 (see --help)")
                                              .arg(cliCommands().join(QStringLiteral(", ")))};
    options->command = positional.first();
    if (!cliCommands().contains(options->command))
        return {ParseOutcome::UsageError,
                QStringLiteral("unknown command \"%1\"; one of %2")
                    .arg(options->command, cliCommands().join(QStringLiteral(", ")))};
    if (parser.isSet(wavOption) && options->command != QLatin1String("chat"))
        return {ParseOutcome::UsageError, QStringLiteral("--wav is an option of chat only")};
    if (options->command == QLatin1String("chat") && parser.isSet(wavOption)) {
        if (positional.size() > 1)
            return {ParseOutcome::UsageError,
                    QStringLiteral("chat takes a message or --wav FILE, not both")};
        options->wavFile = parser.value(wavOption);
    } else if (options->command == QLatin1String("chat")) {
        if (positional.size() != 2 || positional.at(1).trimmed().isEmpty())
            return {ParseOutcome::UsageError,
                    QStringLiteral("chat needs exactly one message: helmdeck-cli chat \"add a task "
                                   "to buy milk\" (or --wav FILE)")};
        options->message = positional.at(1);
    } else if (options->command == QLatin1String("ops")) {
        if (positional.size() != 2 || positional.at(1).trimmed().isEmpty())
            return {ParseOutcome::UsageError,
                    QStringLiteral("ops needs exactly one request: helmdeck-cli ops \"why is the "
                                   "backend failing?\"")};
        options->message = positional.at(1);
    } else if (options->command == QLatin1String("rollback") && positional.size() == 2) {
        bool ok = false;
        const int revision = positional.at(1).toInt(&ok);
        if (!ok || revision < 1)
            return {ParseOutcome::UsageError,
                    QStringLiteral("rollback takes a revision number, not \"%1\"")
                        .arg(positional.at(1))};
        options->revision = revision;
    } else if (positional.size() > 1) {
        return {ParseOutcome::UsageError, QStringLiteral("%1 takes no argument (got \"%2\")")
                                              .arg(options->command, positional.at(1))};
    }

    options->profilePath = parser.value(profileOption);
    if (parser.isSet(targetOption)) {
        core::Target target;
        if (!core::parseTarget(parser.value(targetOption), &target))
            return {ParseOutcome::UsageError,
                    QStringLiteral("--target must be local, docker or cluster, not \"%1\"")
                        .arg(parser.value(targetOption))};
        options->target = target;
    }
    options->json = parser.isSet(jsonOption);
    options->reportFile = parser.value(reportOption);
    options->rollbackOnFail = parser.isSet(rollbackOption);
    options->confirmDiff = parser.isSet(confirmDiffOption);
    options->verbose = parser.isSet(verboseOption);
    options->yes = parser.isSet(yesOption);
    options->readOnly = parser.isSet(readOnlyOption);
    options->snapshotDir = parser.value(snapshotOption);
    bool limitOk = false;
    options->historyLimit = parser.value(limitOption).toInt(&limitOk);
    if (!limitOk || options->historyLimit < 1)
        return {ParseOutcome::UsageError, QStringLiteral("--limit needs a positive number")};
    return {};
}

}  // namespace helmdeck::cli
