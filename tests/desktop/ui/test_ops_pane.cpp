// The Ops faces offscreen: the Chat page's Ops switch answers with finding cards (evidence
// folded) and proposed fixes; a mutating fix waits on a confirm card that shows its exact
// command, and nothing runs before Run (a stand-in kubectl/helm logs every command started);
// read-only mode refuses and names the setting; the Pipeline page's Diagnose after a failed
// deploy shows the findings inline. Screenshots go to build/screenshots.

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include "../ops/ops_test_data.hpp"
#include "core/pipeline.hpp"
#include "core/steps/deploy_step.hpp"
#include "ui/chat_page.hpp"
#include "ui/finding_card.hpp"
#include "ui/ops_pane.hpp"
#include "ui/pipeline_page.hpp"
#include "ui/theme.hpp"
#include "ui_test_support.hpp"

using namespace helmdeck;


class TestOpsPane : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    QByteArray savedPath_;

    QString toolLog() const { return dir_.filePath(QStringLiteral("tools.log")); }
    QStringList commandsRun() const {
        QFile file(toolLog());
        if (!file.open(QIODevice::ReadOnly)) return {};
        return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    bool ran(const QString& part) const {
        for (const QString& line : commandsRun())
            if (line.contains(part)) return true;
        return false;
    }
    void useScenario(const QString& scenario, const QString& failing = {}) {
        QFile::remove(toolLog());
        qputenv("FAKE_SNAPSHOT", opsDataDir(scenario).toUtf8());
        qputenv("FAKE_FAIL", failing.toUtf8());
    }
    ops::OpsSettings settings(ops::ReadOnlySource readOnly = ops::ReadOnlySource::None) const {
        ops::OpsSettings settings;
        settings.context.kubeContext = QStringLiteral("helmdeck-test");
        settings.dataDir = dir_.path();
        settings.readOnly = readOnly;
        return settings;
    }
    QList<QJsonObject> auditLines() const {
        QList<QJsonObject> lines;
        QFile file(dir_.filePath(QStringLiteral("ops-audit.jsonl")));
        if (!file.open(QIODevice::ReadOnly)) return lines;
        for (const QByteArray& line : file.readAll().split('\n'))
            if (!line.isEmpty()) lines << QJsonDocument::fromJson(line).object();
        return lines;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        ui::theme::apply(*qApp);
        const QString bin = dir_.filePath(QStringLiteral("bin"));
        QVERIFY(QDir().mkpath(bin));
        const QString fake = QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/ops/fake_kube_tool.sh");
        for (const char* tool : {"kubectl", "helm"})
            QVERIFY(QFile::link(fake, QDir(bin).filePath(QLatin1String(tool))));
        savedPath_ = qgetenv("PATH");
        qputenv("PATH", bin.toUtf8() + ':' + savedPath_);
        qputenv("FAKE_TOOL_LOG", toolLog().toUtf8());
    }
    void cleanupTestCase() { qputenv("PATH", savedPath_); }

    void opsSwitchDiagnosesWithFindingCards() {
        useScenario(QStringLiteral("crashloop"));
        ui::ChatPage page;
        page.resize(1100, 820);
        page.opsPane()->setSettings(settings());
        page.setMode(ui::ChatPage::Mode::Ops);
        page.show();
        QSignalSpy answered(page.opsPane(), &ui::OpsPane::answered);
        page.send(QStringLiteral("why is the backend failing?"));
        QVERIFY(answered.wait(20000));
        const QList<ui::FindingCard*> cards = page.opsPane()->findingCards();
        QVERIFY2(!cards.isEmpty(), qPrintable(page.opsPane()->answerTexts().join('\n')));
        ui::FindingCard* crash = nullptr;
        for (ui::FindingCard* card : cards)
            if (card->finding().cause.contains(QStringLiteral("CrashLoopBackOff")) ||
                card->finding().cause.contains(QStringLiteral("crash")))
                crash = card;
        QVERIFY2(crash, qPrintable(cards.first()->finding().cause));
        QCOMPARE(crash->finding().severity, ops::Severity::Error);
        QVERIFY(crash->evidenceToggle());
        QVERIFY(!crash->evidenceShown());  // folded until asked
        crash->evidenceToggle()->click();
        QVERIFY(crash->evidenceShown());
        // Reading the analyzers ran only read commands.
        for (const QString& line : commandsRun())
            QVERIFY2(!line.contains(QStringLiteral(" rollback ")) && !line.contains(QStringLiteral(" scale ")),
                     qPrintable(line));
        QVERIFY(testing::greyStdDev(testing::shoot(&page, QStringLiteral("chat-ops.png"))) > 12);
    }

    void mutatingFixWaitsForRunOnItsCard() {
        useScenario(QStringLiteral("pending-upgrade"));
        ui::OpsPane pane;
        pane.resize(900, 700);
        pane.setSettings(settings());
        pane.show();
        QSignalSpy answered(&pane, &ui::OpsPane::answered);
        pane.diagnose();
        QVERIFY(answered.wait(20000));
        ui::FindingCard* stuck = nullptr;
        for (ui::FindingCard* card : pane.findingCards())
            if (card->fixButton() && card->finding().fix->kind == ops::ActionKind::Rollback) stuck = card;
        QVERIFY2(stuck, qPrintable(pane.answerTexts().join('\n')));
        stuck->fixButton()->click();
        QCOMPARE(pane.confirmCards().size(), 1);
        ui::ConfirmCard* card = pane.confirmCards().first();
        QCOMPARE(card->command(),
                 QStringLiteral("helm rollback todo-chatbot 1 --wait --kube-context helmdeck-test --namespace helmdeck"));
        QVERIFY(!ran(QStringLiteral("rollback")));  // shown, not run
        card->cancelButton()->click();
        QVERIFY(card->isSettled());
        QVERIFY(!ran(QStringLiteral("rollback")));
        QVERIFY(auditLines().isEmpty());

        stuck->fixButton()->click();
        QCOMPARE(pane.confirmCards().size(), 2);
        answered.clear();
        pane.confirmCards().last()->runButton()->click();
        QVERIFY(answered.wait(20000));
        QVERIFY2(ran(QStringLiteral("helm rollback todo-chatbot 1 --wait --kube-context helmdeck-test")),
                 qPrintable(commandsRun().join('\n')));
        const QList<QJsonObject> audit = auditLines();
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().value(QStringLiteral("confirmedBy")).toString(), QStringLiteral("gui"));
        QVERIFY(testing::greyStdDev(testing::shoot(&pane, QStringLiteral("ops_confirm.png"))) > 12);
    }

    void typedMutationBecomesAConfirmCard() {
        useScenario(QStringLiteral("healthy"));
        ui::OpsPane pane;
        pane.setSettings(settings());
        QSignalSpy answered(&pane, &ui::OpsPane::answered);
        pane.ask(QStringLiteral("scale the backend to 3"));
        QVERIFY(answered.wait(20000));
        QCOMPARE(pane.confirmCards().size(), 1);
        const QString command = pane.confirmCards().first()->command();
        QVERIFY2(command.startsWith(QStringLiteral("kubectl --context helmdeck-test --namespace helmdeck scale ")) &&
                     command.contains(QStringLiteral("--replicas=3")),
                 qPrintable(command));
        QVERIFY(!ran(QStringLiteral(" scale ")));
    }

    void readOnlyRefusesAndNamesTheSetting() {
        useScenario(QStringLiteral("pending-upgrade"));
        ui::OpsPane pane;
        pane.setSettings(settings(ops::ReadOnlySource::Profile));
        QSignalSpy answered(&pane, &ui::OpsPane::answered);
        pane.diagnose();
        QVERIFY(answered.wait(20000));
        ui::FindingCard* stuck = nullptr;
        for (ui::FindingCard* card : pane.findingCards())
            if (card->fixButton() && ops::isMutating(*card->finding().fix)) stuck = card;
        QVERIFY(stuck);
        answered.clear();
        stuck->fixButton()->click();
        QCOMPARE(answered.size(), 1);
        QCOMPARE(pane.confirmCards().size(), 0);
        QVERIFY2(pane.answerTexts().last().contains(QStringLiteral("ops.readOnly")),
                 qPrintable(pane.answerTexts().last()));
        QVERIFY(!ran(QStringLiteral("rollback")));
        // A typed request is refused the same way.
        answered.clear();
        pane.ask(QStringLiteral("restart the pods"));
        QVERIFY(answered.wait(20000));
        QVERIFY2(pane.answerTexts().last().contains(QStringLiteral("ops.readOnly")),
                 qPrintable(pane.answerTexts().last()));
        QVERIFY(!ran(QStringLiteral("rollout restart")));
    }

    void pipelineDiagnoseShowsFindingsAfterAFailedDeploy() {
        useScenario(QStringLiteral("pending-upgrade"), QStringLiteral("upgrade"));
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.profile.cluster.context = QStringLiteral("helmdeck-test");
        core::PipelineOptions options;
        options.recordHistory = false;
        core::Pipeline pipeline(context, options);
        pipeline.addStep(new core::DeployStep);
        ui::PipelinePage page;
        page.resize(1200, 900);
        page.setOpsSettings(settings());
        page.attach(&pipeline);
        page.show();
        QSignalSpy finished(&pipeline, &core::Pipeline::finished);
        pipeline.start();
        QVERIFY(finished.wait(20000));
        QVERIFY(page.failureVisible());
        QVERIFY(page.diagnoseButton()->isVisibleTo(&page));
        QSignalSpy answered(page.diagnosis(), &ui::OpsPane::answered);
        page.diagnoseButton()->click();
        QVERIFY(answered.wait(20000));
        bool pending = false;
        for (ui::FindingCard* card : page.diagnosis()->findingCards())
            pending = pending || card->finding().cause.contains(QStringLiteral("pending-upgrade"));
        QVERIFY2(pending, qPrintable(page.diagnosis()->answerTexts().join('\n')));
        QVERIFY(testing::greyStdDev(testing::shoot(&page, QStringLiteral("pipeline_diagnose.png"))) > 12);
    }
};

QTEST_MAIN(TestOpsPane)
#include "test_ops_pane.moc"
