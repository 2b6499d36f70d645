// The LLM path against a stand-in OpenAI-compatible server over a loopback socket that returns
// scripted tool calls: read-only calls run at once, mutating ones only after the Confirmer says
// yes, read-only mode refuses them, and a tool that is not one of the typed actions never runs.

#include <QFile>
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "core/ops/llm_session.hpp"
#include "core/ops/llm_tools.hpp"
#include "ops_test_data.hpp"
#include "stand_in_llm.hpp"

using namespace helmdeck::ops;

namespace {

class ScriptedConfirmer : public Confirmer {
public:
    explicit ScriptedConfirmer(bool yes) : yes_(yes) {}
    Confirmation confirm(const Action&, const QString& command) override {
        asked << command;
        return yes_ ? Confirmation{true, QStringLiteral("test"), {}} : Confirmation{false, {}, QStringLiteral("declined")};
    }
    QStringList asked;

private:
    bool yes_;
};

}  // namespace

class TestOpsLlm : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString toolLog() const { return dir_.filePath(QStringLiteral("tools.log")); }
    QStringList commandsRun() const {
        QFile file(toolLog());
        if (!file.open(QIODevice::ReadOnly)) return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    OpsSettings settings(ReadOnlySource readOnly = ReadOnlySource::None) const {
        OpsSettings s;
        s.dataDir = dir_.filePath(QStringLiteral("data"));
        s.readOnly = readOnly;
        s.snapshot = loadScenario(QStringLiteral("crashloop"));
        return s;
    }

    OpsAnswer ask(StandInLlm& llm, OpsAssistant& assistant, const QString& request) {
        helmdeck::core::OpsLlmSpec spec{llm.baseUrl(), QStringLiteral("stand-in-model"), QStringLiteral("TEST_OPS_LLM_KEY")};
        LlmSession session(spec, &assistant);
        QSignalSpy answered(&session, &LlmSession::answered);
        session.ask(request);
        if (!answered.wait(30000)) qFatal("no answer");
        return answered.first().first().value<OpsAnswer>();
    }

    void scriptCrashInvestigation(StandInLlm& llm) {
        llm.script(StandInLlm::toolCalls(
            {{QStringLiteral("logs"), QJsonObject{{QStringLiteral("pod"), QStringLiteral("todo-chatbot-58d4f7b9c6-x4d9k")},
                                                  {QStringLiteral("previous"), true}}},
             {QStringLiteral("rollback"), QJsonObject{{QStringLiteral("revision"), 1}}}}));
        llm.script(StandInLlm::text(QStringLiteral("The backend cannot reach its database; rolled back to revision 1.")));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString bin = dir_.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString fake = QFINDTESTDATA("fake_kube_tool.sh");
        for (const QString& tool : {QStringLiteral("kubectl"), QStringLiteral("helm")})
            QVERIFY(QFile::link(fake, QDir(bin).filePath(tool)));
        qputenv("PATH", (bin + QLatin1Char(':')).toUtf8() + qgetenv("PATH"));
        qputenv("FAKE_TOOL_LOG", toolLog().toUtf8());
        qputenv("FAKE_SNAPSHOT", opsDataDir(QStringLiteral("crashloop")).toUtf8());
        qputenv("TEST_OPS_LLM_KEY", "sk-test-123");
    }

    void init() { QFile::remove(toolLog()); }

    void toolsAreTheTypedActionsOnly() {
        QStringList names;
        for (const QJsonValue& tool : llmTools()) names << tool.toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString();
        QCOMPARE(names, (QStringList{QStringLiteral("logs"), QStringLiteral("describe"), QStringLiteral("top_pods"),
                                     QStringLiteral("get_values"), QStringLiteral("scale"), QStringLiteral("rollout_restart"),
                                     QStringLiteral("rollback"), QStringLiteral("set_value_upgrade"), QStringLiteral("delete_pod"),
                                     QStringLiteral("uninstall")}));
        QString error;
        QVERIFY(!actionFromToolCall(QStringLiteral("shell"), QStringLiteral("{\"cmd\":\"rm -rf /\"}"), &error));
        QVERIFY(!actionFromToolCall(QStringLiteral("logs"), QStringLiteral("{\"pod\":\"--all-namespaces\"}"), &error));
        QVERIFY(error.contains(QStringLiteral("must be a Kubernetes object name")));
        QVERIFY(!actionFromToolCall(QStringLiteral("scale"), QStringLiteral("{\"deployment\":\"x\",\"replicas\":-1}"), &error));
    }

    void readOnlyCallsRunMutatingOnesAskAndADeclineRunsNothing() {
        StandInLlm llm;
        QVERIFY(llm.listen());
        scriptCrashInvestigation(llm);
        ScriptedConfirmer confirmer(false);
        OpsAssistant assistant(settings(), &confirmer);
        const OpsAnswer answer = ask(llm, assistant, QStringLiteral("why is the backend failing? fix it"));

        // The model saw the findings and the tools, and the key from the named variable.
        QCOMPARE(llm.requests().size(), 2);
        const QJsonObject first = llm.requests().first();
        QCOMPARE(first.value(QStringLiteral("model")).toString(), QStringLiteral("stand-in-model"));
        QVERIFY(first.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("content")).toString()
                    .contains(QStringLiteral("keeps exiting with code 1")));
        QCOMPARE(first.value(QStringLiteral("tools")).toArray().size(), 10);
        QCOMPARE(llm.authorizations().first(), QByteArray("Bearer sk-test-123"));

        const QStringList commands = commandsRun();
        QVERIFY2(commands.contains(QStringLiteral("kubectl --namespace helmdeck logs pod/todo-chatbot-58d4f7b9c6-x4d9k --tail=20 --previous")),
                 qPrintable(commands.join(QLatin1Char('\n'))));
        QCOMPARE(confirmer.asked, QStringList{QStringLiteral("helm rollback todo-chatbot 1 --wait --namespace helmdeck")});
        for (const QString& command : commands) QVERIFY2(!command.contains(QLatin1String("rollback")), qPrintable(command));
        QCOMPARE(answer.refused.size(), 1);

        // The tool results went back: the log ran, the rollback was not confirmed.
        const QJsonArray messages = llm.requests().last().value(QStringLiteral("messages")).toArray();
        const QString logsResult = messages.at(messages.size() - 2).toObject().value(QStringLiteral("content")).toString();
        const QString rollbackResult = messages.last().toObject().value(QStringLiteral("content")).toString();
        QVERIFY2(logsResult.contains(QStringLiteral("store unreachable")), qPrintable(logsResult));
        QVERIFY2(rollbackResult.contains(QStringLiteral("\"ran\":false")) && rollbackResult.contains(QStringLiteral("declined")),
                 qPrintable(rollbackResult));
        QVERIFY(answer.text.contains(QStringLiteral("The backend cannot reach its database")));
    }

    void confirmedMutatingCallRunsAndIsAudited() {
        StandInLlm llm;
        QVERIFY(llm.listen());
        scriptCrashInvestigation(llm);
        ScriptedConfirmer confirmer(true);
        OpsAssistant assistant(settings(), &confirmer);
        const OpsAnswer answer = ask(llm, assistant, QStringLiteral("fix the backend"));
        QVERIFY(commandsRun().contains(QStringLiteral("helm rollback todo-chatbot 1 --wait --namespace helmdeck")));
        QCOMPARE(answer.ran.size(), 2);
        const QList<QJsonObject> audit = OpsAuditLog(settings().dataDir).load();
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.last().value(QStringLiteral("confirmedBy")).toString(), QStringLiteral("test"));
        QCOMPARE(audit.last().value(QStringLiteral("request")).toString(), QStringLiteral("fix the backend"));
    }

    void readOnlyModeRefusesTheModelsMutatingCall() {
        StandInLlm llm;
        QVERIFY(llm.listen());
        scriptCrashInvestigation(llm);
        ScriptedConfirmer confirmer(true);
        OpsAssistant assistant(settings(ReadOnlySource::Profile), &confirmer);
        const OpsAnswer answer = ask(llm, assistant, QStringLiteral("fix it"));
        QVERIFY(confirmer.asked.isEmpty());
        for (const QString& command : commandsRun()) QVERIFY2(!command.contains(QLatin1String("rollback")), qPrintable(command));
        QVERIFY(answer.refused.first().contains(QStringLiteral("ops.readOnly is true in the profile")));
    }

    void unknownToolIsAnErrorResultAndRunsNothing() {
        StandInLlm llm;
        QVERIFY(llm.listen());
        llm.script(StandInLlm::toolCalls({{QStringLiteral("shell"), QJsonObject{{QStringLiteral("command"), QStringLiteral("kubectl delete ns helmdeck")}}}}));
        llm.script(StandInLlm::text(QStringLiteral("I cannot run that.")));
        ScriptedConfirmer confirmer(true);
        OpsAssistant assistant(settings(), &confirmer);
        ask(llm, assistant, QStringLiteral("delete the namespace"));
        QVERIFY(commandsRun().isEmpty());
        QVERIFY(confirmer.asked.isEmpty());
        const QString result = llm.requests().last().value(QStringLiteral("messages")).toArray().last().toObject()
                                   .value(QStringLiteral("content")).toString();
        QVERIFY2(result.contains(QStringLiteral("unknown tool \\\"shell\\\"")), qPrintable(result));
    }

    void unreachableModelFallsBackToTheOfflineParser() {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        helmdeck::core::OpsLlmSpec spec{QStringLiteral("http://127.0.0.1:1/v1"), QStringLiteral("m"), {}};
        ScriptedConfirmer confirmer(false);
        OpsAssistant assistant(settings(), &confirmer);
        LlmSession session(spec, &assistant);
        QSignalSpy answered(&session, &LlmSession::answered);
        session.ask(QStringLiteral("scale the backend to 3"));
        QVERIFY(answered.wait(30000));
        const OpsAnswer answer = answered.first().first().value<OpsAnswer>();
        QVERIFY2(answer.text.startsWith(QStringLiteral("(the model could not answer:")), qPrintable(answer.text));
        QCOMPARE(confirmer.asked, QStringList{QStringLiteral("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3")});
        QVERIFY(!commandsRun().contains(QStringLiteral("kubectl --namespace helmdeck scale deployment/todo-chatbot --replicas=3")));
    }
};

QTEST_GUILESS_MAIN(TestOpsLlm)
#include "test_ops_llm.moc"
