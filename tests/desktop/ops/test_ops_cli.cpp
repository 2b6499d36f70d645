// helmdeck-cli diagnose and ops end to end, over stand-in kubectl and helm programs that replay
// recorded snapshots and log every command line they are started with. Proves that no mutating
// command starts without a confirmation, that read-only mode refuses, and the audit log.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "../cli_test_support.hpp"
#include "ops_test_data.hpp"
#include "stand_in_llm.hpp"

using namespace helmdeck::testing;

class TestOpsCli : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QString toolsDir_;
    QString profile_;

    QString toolLog() const { return dir_.filePath(QStringLiteral("tools.log")); }
    QString dataDir() const { return dir_.filePath(QStringLiteral("data")); }

    QStringList commandsRun() const {
        QFile file(toolLog());
        if (!file.open(QIODevice::ReadOnly)) return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    QList<QJsonObject> auditLines() const {
        QList<QJsonObject> lines;
        QFile file(QDir(dataDir()).filePath(QStringLiteral("ops-audit.jsonl")));
        if (!file.open(QIODevice::ReadOnly)) return lines;
        for (const QByteArray& line : file.readAll().split('\n'))
            if (!line.isEmpty()) lines << QJsonDocument::fromJson(line).object();
        return lines;
    }

    CliResult run(const QString& scenario, const QStringList& arguments, const QString& profile = {},
                  const QString& failing = {}) {
        QFile::remove(toolLog());
        QProcessEnvironment environment = cliEnvironment(
            dataDir(), {{QStringLiteral("FAKE_TOOL_LOG"), toolLog()},
                        {QStringLiteral("FAKE_SNAPSHOT"), opsDataDir(scenario)},
                        {QStringLiteral("FAKE_FAIL"), failing},
                        {QStringLiteral("PATH"), toolsDir_ + QLatin1Char(':') + qEnvironmentVariable("PATH")}});
        return runCli(QStringList{QStringLiteral("--profile"), profile.isEmpty() ? profile_ : profile} + arguments,
                      environment, 60000);
    }

    static bool anyContains(const QStringList& lines, const QString& part) {
        for (const QString& line : lines)
            if (line.contains(part)) return true;
        return false;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY2(QFile::exists(cliBinary()), "build helmdeck-cli first");
        toolsDir_ = dir_.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(toolsDir_));
        const QString fake = QFINDTESTDATA("fake_kube_tool.sh");
        QVERIFY(!fake.isEmpty());
        for (const QString& tool : {QStringLiteral("kubectl"), QStringLiteral("helm"), QStringLiteral("kubectl-ai")})
            QVERIFY(QFile::link(fake, QDir(toolsDir_).filePath(tool)));
        profile_ = dir_.filePath(QStringLiteral("helmdeck.yaml"));
        QFile file(profile_);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("release:\n  name: todo-chatbot\n  namespace: helmdeck\n  chart: %1/helm/todo-chatbot\n"
                                  "target: cluster\n").arg(QStringLiteral(HELMDECK_SOURCE_DIR)).toUtf8());
    }

    void init() {
        QFile::remove(QDir(dataDir()).filePath(QStringLiteral("ops-audit.jsonl")));
    }

    void diagnoseHealthyExitsZero() {
        const CliResult result = run(QStringLiteral("healthy"), {QStringLiteral("diagnose")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("Everything is healthy: 2 of 2 pods ready")), qPrintable(result.out));
        const QStringList commands = commandsRun();
        QVERIFY2(commands.contains(QStringLiteral("kubectl --namespace helmdeck get pods,events,deployments,replicasets,"
                                                  "services,endpoints,persistentvolumeclaims --output json")),
                 qPrintable(commands.join(QLatin1Char('\n'))));
        QVERIFY(commands.contains(QStringLiteral("helm status todo-chatbot --output json --namespace helmdeck")));
    }

    void diagnoseFaultExitsOneWithCauseAndFix() {
        const CliResult result = run(QStringLiteral("crashloop"), {QStringLiteral("diagnose"), QStringLiteral("--json")});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject answer = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(answer.value(QStringLiteral("healthy")).toBool(true), false);
        const QJsonObject first = answer.value(QStringLiteral("findings")).toArray().first().toObject();
        QVERIFY(first.value(QStringLiteral("cause")).toString().contains(QStringLiteral("keeps exiting with code 1")));
        QCOMPARE(first.value(QStringLiteral("fix")).toObject().value(QStringLiteral("command")).toString(),
                 QStringLiteral("helm rollback todo-chatbot 1 --wait --namespace helmdeck"));
        // The crashing containers' logs were read, current and previous; nothing else ran.
        const QStringList commands = commandsRun();
        QVERIFY(commands.contains(QStringLiteral("kubectl --namespace helmdeck logs pod/todo-chatbot-58d4f7b9c6-x4d9k "
                                                 "--container todo-chatbot --tail=20 --previous")));
        for (const QString& command : commands)
            QVERIFY2(command.contains(QLatin1String(" get ")) || command.contains(QLatin1String(" logs ")) ||
                         command.startsWith(QLatin1String("helm status")) || command.startsWith(QLatin1String("helm history")),
                     qPrintable(command));
        QVERIFY(auditLines().isEmpty());  // diagnose runs no action
    }

    void mutatingActionWithoutATerminalOrYesDoesNotRun() {
        const CliResult result = run(QStringLiteral("healthy"), {QStringLiteral("ops"), QStringLiteral("scale the backend to 3")});
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("not run (no terminal to confirm on; pass --yes to run it): "
                                                    "kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3")),
                 qPrintable(result.err));
        QVERIFY(!anyContains(commandsRun(), QStringLiteral(" scale ")));
        QVERIFY(auditLines().isEmpty());
    }

    void mutatingActionWithYesRunsAndIsAudited() {
        const CliResult result = run(QStringLiteral("healthy"),
                                     {QStringLiteral("ops"), QStringLiteral("scale the backend to 3"), QStringLiteral("--yes")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(commandsRun().contains(QStringLiteral("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3")));
        const QList<QJsonObject> audit = auditLines();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().value(QStringLiteral("request")).toString(), QStringLiteral("scale the backend to 3"));
        QCOMPARE(audit.first().value(QStringLiteral("command")).toString(),
                 QStringLiteral("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3"));
        QCOMPARE(audit.first().value(QStringLiteral("exitCode")).toInt(), 0);
        QCOMPARE(audit.first().value(QStringLiteral("confirmedBy")).toString(), QStringLiteral("--yes"));
        QCOMPARE(audit.first().value(QStringLiteral("mutating")).toBool(), true);
        QVERIFY(!audit.first().value(QStringLiteral("time")).toString().isEmpty());
    }

    // On a terminal (a pty from util-linux's script), y runs the command and anything else does not.
    void terminalPromptAsksBeforeRunning_data() {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("runs");
        QTest::newRow("y") << QByteArray("y\n") << true;
        QTest::newRow("yes") << QByteArray("yes\n") << true;
        QTest::newRow("n") << QByteArray("n\n") << false;
        QTest::newRow("enter") << QByteArray("\n") << false;
    }

    void terminalPromptAsksBeforeRunning() {
        QFETCH(QByteArray, answer);
        QFETCH(bool, runs);
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty()) QFAIL("script (util-linux) is needed for a terminal");
        QFile::remove(toolLog());
        QProcess process;
        process.setProcessEnvironment(cliEnvironment(
            dataDir(), {{QStringLiteral("FAKE_TOOL_LOG"), toolLog()},
                        {QStringLiteral("FAKE_SNAPSHOT"), opsDataDir(QStringLiteral("healthy"))},
                        {QStringLiteral("PATH"), toolsDir_ + QLatin1Char(':') + qEnvironmentVariable("PATH")}}));
        process.start(script, {QStringLiteral("-qec"),
                               QStringLiteral("%1 --profile %2 ops 'scale the backend to 3'").arg(cliBinary(), profile_),
                               QStringLiteral("/dev/null")});
        QVERIFY(process.waitForStarted());
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += process.readAll()).contains("Run it? [y/N]"), 20000);
        QVERIFY2(seen.contains("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3"), seen.constData());
        QVERIFY(!anyContains(commandsRun(), QStringLiteral(" scale ")));  // nothing before the answer
        process.write(answer);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), runs ? 0 : 3);
        QCOMPARE(anyContains(commandsRun(), QStringLiteral(" scale deployment/todo-chatbot --replicas=3")), runs);
        if (runs) QCOMPARE(auditLines().last().value(QStringLiteral("confirmedBy")).toString(), QStringLiteral("tty"));
    }

    void readOnlyFlagRefusesEvenWithYes() {
        const CliResult result = run(QStringLiteral("pending-upgrade"),
                                     {QStringLiteral("ops"), QStringLiteral("roll back"), QStringLiteral("--yes"),
                                      QStringLiteral("--read-only")});
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("refused: --read-only is set")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("helm rollback todo-chatbot 1 --wait --namespace helmdeck")));
        QVERIFY(!anyContains(commandsRun(), QStringLiteral("rollback")));
        QVERIFY(auditLines().isEmpty());
    }

    void readOnlyProfileRefusesNamingTheSetting() {
        const QString profile = dir_.filePath(QStringLiteral("read-only.yaml"));
        QFile file(profile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("release:\n  name: todo-chatbot\n  namespace: helmdeck\nops:\n  readOnly: true\n");
        file.close();
        const CliResult result = run(QStringLiteral("healthy"),
                                     {QStringLiteral("ops"), QStringLiteral("restart the pods"), QStringLiteral("--yes")}, profile);
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("refused: ops.readOnly is true in the profile")), qPrintable(result.err));
        QVERIFY(!anyContains(commandsRun(), QStringLiteral("rollout restart")));
        // Read-only actions still run at once.
        const CliResult logs = run(QStringLiteral("crashloop"), {QStringLiteral("ops"), QStringLiteral("show the logs of the crashing pod")}, profile);
        QCOMPARE(logs.exitCode, 0);
        QVERIFY2(logs.out.contains(QStringLiteral("store unreachable")), qPrintable(logs.out));
    }

    void confirmedRollbackReturnsToTheLastDeployedRevision() {
        const CliResult result = run(QStringLiteral("pending-upgrade"),
                                     {QStringLiteral("ops"), QStringLiteral("roll back"), QStringLiteral("--yes")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(commandsRun().contains(QStringLiteral("helm rollback todo-chatbot 1 --wait --namespace helmdeck")));
        QCOMPARE(auditLines().size(), 1);
    }

    void readOnlyActionsRunAtOnceAndAreAudited() {
        const CliResult result = run(QStringLiteral("crashloop"), {QStringLiteral("ops"), QStringLiteral("show the logs of the crashing pod")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(QStringLiteral("$ kubectl --namespace helmdeck logs pod/todo-chatbot-58d4f7b9c6-x4d9k --tail=20")));
        const QList<QJsonObject> audit = auditLines();
        QCOMPARE(audit.size(), 1);
        QVERIFY(audit.first().value(QStringLiteral("confirmedBy")).isNull());
        QCOMPARE(audit.first().value(QStringLiteral("mutating")).toBool(true), false);
    }

    void notUnderstoodListsWhatItCanDoAndRunsNothing() {
        const CliResult result = run(QStringLiteral("healthy"), {QStringLiteral("ops"), QStringLiteral("make me a sandwich")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral("I did not understand \"make me a sandwich\", so I did nothing.")));
        QVERIFY(result.out.contains(QStringLiteral("scale the backend to 3")));
        QVERIFY(commandsRun().isEmpty());
    }

    void whatChangedInTheLastUpgrade() {
        const CliResult result = run(QStringLiteral("image-not-loaded"), {QStringLiteral("ops"), QStringLiteral("what changed in the last upgrade?")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("From revision 1 to 2 the values changed:\n  ~ image.tag: 0.1.0-13b1244 → 0.2.0-notloaded")),
                 qPrintable(result.out + result.err));
    }

    void whichPodUsesTheMostMemory() {
        const CliResult result = run(QStringLiteral("healthy"), {QStringLiteral("ops"), QStringLiteral("which pod uses the most memory?")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(QStringLiteral("todo-chatbot-6b7f9c8d5-w9m4q uses the most memory: 19Mi (cpu 2m).")), qPrintable(result.out));
        const CliResult noMetrics = run(QStringLiteral("crashloop"), {QStringLiteral("ops"), QStringLiteral("which pod uses the most memory?")});
        QCOMPARE(noMetrics.exitCode, 0);
        QVERIFY2(noMetrics.out.contains(QStringLiteral("No usage figures (the kubelet Summary API and kubectl top both failed")), qPrintable(noMetrics.out));
    }

    // ops.llm in the profile: the model's mutating tool call meets the same y/N as the parser's.
    void llmToolCallsNeedTheSameConfirmation_data() {
        QTest::addColumn<bool>("yes");
        QTest::newRow("no --yes, no terminal") << false;
        QTest::newRow("--yes") << true;
    }

    void llmToolCallsNeedTheSameConfirmation() {
        QFETCH(bool, yes);
        StandInLlm llm;
        QVERIFY(llm.listen());
        llm.script(StandInLlm::toolCalls({{QStringLiteral("describe"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("deployment")},
                                                                                   {QStringLiteral("name"), QStringLiteral("todo-chatbot")}}},
                                          {QStringLiteral("scale"), QJsonObject{{QStringLiteral("deployment"), QStringLiteral("todo-chatbot")},
                                                                                {QStringLiteral("replicas"), 3}}}}));
        llm.script(StandInLlm::text(QStringLiteral("Scaled.")));
        const QString profile = dir_.filePath(QStringLiteral("llm.yaml"));
        QFile file(profile);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QStringLiteral("release:\n  name: todo-chatbot\n  namespace: helmdeck\nops:\n  llm:\n    baseUrl: %1\n    model: stand-in\n")
                       .arg(llm.baseUrl()).toUtf8());
        file.close();
        QFile::remove(toolLog());
        QProcess process;  // asynchronous: the stand-in answers from this event loop
        process.setProcessEnvironment(cliEnvironment(
            dataDir(), {{QStringLiteral("FAKE_TOOL_LOG"), toolLog()},
                        {QStringLiteral("FAKE_SNAPSHOT"), opsDataDir(QStringLiteral("healthy"))},
                        {QStringLiteral("PATH"), toolsDir_ + QLatin1Char(':') + qEnvironmentVariable("PATH")}}));
        QStringList arguments{QStringLiteral("--profile"), profile, QStringLiteral("ops"), QStringLiteral("scale the backend up a bit")};
        if (yes) arguments << QStringLiteral("--yes");
        process.start(cliBinary(), arguments);
        QTRY_COMPARE_WITH_TIMEOUT(process.state(), QProcess::NotRunning, 30000);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        QCOMPARE(llm.requests().size(), 2);
        QVERIFY(commandsRun().contains(QStringLiteral("kubectl --namespace helmdeck describe deployment todo-chatbot")));
        QCOMPARE(commandsRun().contains(QStringLiteral("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3")), yes);
        QCOMPARE(process.exitCode(), yes ? 0 : 3);
        if (!yes) QVERIFY2(err.contains(QStringLiteral("no terminal to confirm on; pass --yes")), qPrintable(err));
    }

    void askKubectlAiIsReadOnlyAndShownBesideOurs() {
        const CliResult result = run(QStringLiteral("crashloop"),
                                     {QStringLiteral("ops"), QStringLiteral("ask kubectl-ai why is the backend failing?")});
        QCOMPARE(result.exitCode, 1);  // the answer carries our findings
        QVERIFY(commandsRun().contains(QStringLiteral("kubectl-ai --quiet why is the backend failing?")));
        QVERIFY(!anyContains(commandsRun(), QStringLiteral("--skip-permissions")));
        QVERIFY2(result.out.startsWith(QStringLiteral("kubectl-ai says:\n$ kubectl-ai --quiet 'why is the backend failing?'\nfake: ran")),
                 qPrintable(result.out));
        QVERIFY(result.out.contains(QStringLiteral("Helmdeck's diagnosis:\n6 findings")));
    }

    // A cluster step that fails (here helm rollback) is followed by the diagnosis on stderr.
    void clusterStepFailurePrintsTheDiagnosis() {
        const CliResult result = run(QStringLiteral("pending-upgrade"), {QStringLiteral("rollback")}, {}, QStringLiteral("rollback"));
        QCOMPARE(result.exitCode, 3);
        QVERIFY2(result.err.contains(QStringLiteral("helmdeck-cli: diagnosing the release (helmdeck-cli diagnose):")), qPrintable(result.err));
        QVERIFY(result.err.contains(QStringLiteral("Release/todo-chatbot: the release is stuck in pending-upgrade at revision 2")));
        QVERIFY(result.err.contains(QStringLiteral("run: helm rollback todo-chatbot 1 --wait --namespace helmdeck")));
    }

    void usageErrors() {
        const CliResult result = run(QStringLiteral("healthy"), {QStringLiteral("ops")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(QStringLiteral("ops needs exactly one request")));
        const CliResult missing = run(QStringLiteral("healthy"), {QStringLiteral("diagnose"), QStringLiteral("--snapshot"), QStringLiteral("/nonexistent")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains(QStringLiteral("/nonexistent: no such folder")));
    }
};

QTEST_GUILESS_MAIN(TestOpsCli)
#include "test_ops_cli.moc"
