// The diff view, the deploy confirmation and the Cluster page offscreen, with real data: two
// real `helm template` renders of helm/todo-chatbot, and the fake-tool tier for kubectl/helm.
// Writes PNGs to build/screenshots (and to $HELMDECK_SCREENSHOT_DIR when set, for the README).

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtTest>

#include "core/parsers/helm_parser.hpp"
#include "core/parsers/kubectl_parser.hpp"
#include "core/rollout_watch.hpp"
#include "fake_tools/fake_tools.hpp"
#include "ui/cluster_page.hpp"
#include "ui/diff_dialog.hpp"
#include "ui/diff_view.hpp"
#include "ui/pipeline_page.hpp"
#include "ui/theme.hpp"
#include "ui_test_support.hpp"

using namespace helmdeck;
using testing::FakeReply;
using testing::FakeTools;
using testing::hasPair;

namespace {
QByteArray recording(const QString& name) {
    QFile file(FakeTools::data(name));
    file.open(QIODevice::ReadOnly);
    return file.readAll();
}

core::ReleaseDiff upgradeDiff() {
    core::ReleaseDiff diff = core::diffManifests(
        *core::parseManifests(recording(QStringLiteral("helm_manifest_deployed.yaml"))),
        *core::parseManifests(recording(QStringLiteral("helm_template_upgrade.yaml"))));
    diff.release = QStringLiteral("todo-chatbot");
    diff.deployedRevision = 3;
    diff.values = *core::diffValues("image:\n  tag: 0.1.0-3f2a1c9\n",
                                    "image:\n  tag: 0.1.0-8e4b7d2\nconfig:\n  logLevel: debug\n");
    return diff;
}

}  // namespace

class TestDiffView : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { ui::theme::apply(*qApp); }

    void showsEachObjectAndItsUnifiedDiff() {
        ui::DiffView view;
        view.resize(1200, 720);
        view.setDiff(upgradeDiff());
        view.show();
        QCOMPARE(view.objectCount(), 7);
        // The first object worth reading is selected, not the first noise.
        QVERIFY(view.unifiedText().contains(QStringLiteral("-  LOG_LEVEL: \"info\"")));
        QVERIFY(view.unifiedText().contains(QStringLiteral("+  LOG_LEVEL: \"debug\"")));
        QVERIFY(view.headlineText().startsWith(QStringLiteral("Against revision 3: 2 objects change")));
        QVERIFY(view.rowText(0).startsWith(QStringLiteral("noise  NetworkPolicy/todo-chatbot")));
        const int deployment = 6;
        QVERIFY(view.rowText(deployment).contains(QStringLiteral("image tag, 1 env var")));
        view.selectObject(deployment);
        QVERIFY(view.unifiedText().contains(QStringLiteral("+          image: \"todo-chatbot:0.1.0-8e4b7d2\"")));
        QVERIFY(view.unifiedText().contains(QStringLiteral("+            - name: FEATURE_FLAGS")));
        QVERIFY(view.unifiedText().contains(QStringLiteral("# Helm's own: checksum/config annotation")));
        const QImage image = testing::shoot(&view, QStringLiteral("diff.png"));
        QVERIFY(testing::greyStdDev(image) > 12);
    }

    void deployAsksWithWhatChanges() {
        ui::DiffDialog dialog(upgradeDiff());
        QVERIFY(ui::DiffDialog::question(upgradeDiff())
                    .startsWith(QStringLiteral("2 objects change: ConfigMap/todo-chatbot-config "
                                               "(data.LOG_LEVEL), Deployment/todo-chatbot "
                                               "(image tag, 1 env var)")));
        QSignalSpy answered(&dialog, &ui::DiffDialog::answered);
        dialog.open();
        dialog.deployButton()->click();
        QCOMPARE(answered.size(), 1);
        QCOMPARE(answered.first().first().toBool(), true);
    }

    void podLogsComeFromTheRunsContext() {
        // The log viewer once ran `kubectl logs -f` without --context: the wrong cluster.
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("logs -f *"),
                FakeReply{0, {}, "{\"msg\":\"listening\"}\n", {}, 30});
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.profile.cluster.context = QStringLiteral("ctx-a");
        context.profile.release.namespace_ = QStringLiteral("helmdeck");
        context.pods = *core::parseKubectlPods(recording(QStringLiteral("kubectl_pods.json")));
        ui::ClusterPage page;
        page.showContext(context);
        QCOMPARE(page.podCount(), 3);
        page.findChildren<QTableWidget*>().at(1)->selectRow(0);
        auto logCalls = [&fake] {
            QList<QStringList> logs;
            for (const QStringList& argv : fake.calls(QStringLiteral("kubectl")))
                if (argv.first() == QLatin1String("logs")) logs << argv;
            return logs;
        };
        QTRY_COMPARE(logCalls().size(), 1);
        const QStringList argv = logCalls().first();
        QVERIFY2(hasPair(argv, QStringLiteral("--context"), QStringLiteral("ctx-a")),
                 qPrintable(argv.join(' ')));
        QVERIFY(argv.contains(QStringLiteral("todo-chatbot-7d9c5b6f4d-4xk2p")));
    }

    void eventsAreGroupedAndPodsShowTheirLatestReason() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get events *"),
                QStringLiteral("kubectl_events.json"));
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.profile.cluster.context = QStringLiteral("ctx-a");
        context.pods = *core::parseKubectlPods(recording(QStringLiteral("kubectl_pods.json")));
        ui::ClusterPage page;
        page.resize(1280, 900);
        page.showContext(context);
        page.show();
        QTRY_COMPARE(page.eventsTree()->topLevelItemCount(), 4);
        QVERIFY(page.eventsTree()->topLevelItem(0)->text(0).startsWith(
            QStringLiteral("Pod/todo-chatbot-7d9c5b6f4d-zt8hn (1 warning)")));
        QCOMPARE(page.eventsTree()->topLevelItem(0)->child(0)->text(1),
                 QStringLiteral("FailedScheduling"));
        QCOMPARE(page.podEventReason(1), QStringLiteral("BackOff"));           // 9qwmz, CrashLoop
        QCOMPARE(page.podEventReason(2), QStringLiteral("FailedScheduling"));  // zt8hn, Pending
        const QStringList argv = fake.calls(QStringLiteral("kubectl")).first();
        QVERIFY(hasPair(argv, QStringLiteral("--context"), QStringLiteral("ctx-a")));
        page.findChild<QTabWidget*>()->setCurrentWidget(page.eventsTree());
        QVERIFY(testing::greyStdDev(testing::shoot(&page, QStringLiteral("cluster_events.png"))) > 12);
    }

    void clusterPageShowsPodResourcesAgainstLimits() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /api/v1/nodes/*/proxy/stats/summary *"),
                QStringLiteral("kubelet_stats_summary.json"));
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get events *"),
                QStringLiteral("kubectl_events.json"));
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.profile.cluster.context = QStringLiteral("ctx-a");
        context.pods = *core::parseKubectlPods(recording(QStringLiteral("kubectl_pods_live.json")));
        context.release = core::parseHelmStatus(recording(QStringLiteral("helm_status.json")));
        context.revisions = *core::parseHelmHistory(recording(QStringLiteral("helm_history.json")));
        ui::ClusterPage page;
        page.resize(1440, 900);
        page.showContext(context);
        page.show();
        QTRY_VERIFY2(page.podMemoryText(0).endsWith(QStringLiteral(" / 128.0 MiB")),
                     qPrintable(fake.transcript()));
        for (int row = 0; row < page.podCount(); ++row) {
            QVERIFY2(page.podMemoryText(row).contains(QStringLiteral("MiB / 128.0 MiB")),
                     qPrintable(page.podMemoryText(row)));
            QVERIFY2(page.podCpuText(row).contains(QStringLiteral(" / ")), qPrintable(page.podCpuText(row)));
        }
        QVERIFY2(page.resourcesCaption().contains(QStringLiteral("kubelet Summary API")),
                 qPrintable(page.resourcesCaption()));
        for (const QStringList& argv : fake.calls(QStringLiteral("kubectl")))
            QVERIFY(hasPair(argv, QStringLiteral("--context"), QStringLiteral("ctx-a")));
        QVERIFY(testing::greyStdDev(testing::shoot(&page, QStringLiteral("cluster-resources.png"))) > 12);
    }

    void clusterPageSaysWhyThereAreNoResources() {
        FakeTools fake;
        fake.on(QStringLiteral("kubectl"), QStringLiteral("get --raw *"),
                FakeReply{1, {}, {}, QStringLiteral("Error from server (Forbidden): nodes/proxy is forbidden")});
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.pods = *core::parseKubectlPods(recording(QStringLiteral("kubectl_pods_live.json")));
        ui::ClusterPage page;
        page.showContext(context);
        page.show();
        QTRY_VERIFY(page.resourcesCaption().contains(QStringLiteral("fix:")));
        QVERIFY(page.resourcesCaption().contains(QStringLiteral("Forbidden")));
        QCOMPARE(page.podMemoryText(0), QString());
    }

    void deployCardDrawsTheRollout() {
        core::ReplicaSetStatus current{QStringLiteral("todo-chatbot-5f7c9"), QStringLiteral("todo-chatbot"), 3, 2, 2, 1, 1};
        core::ReplicaSetStatus old{QStringLiteral("todo-chatbot-7d9c5"), QStringLiteral("todo-chatbot"), 2, 1, 1, 1, 1};
        core::ReplicaSetStatus web{QStringLiteral("todo-chatbot-web-64b8"), QStringLiteral("todo-chatbot-web"), 1, 2, 2, 2, 2};
        ui::StepCard card(0, QStringLiteral("Deploy release"));
        card.resize(420, 170);
        card.setState(core::StepState::Running);
        const auto rollout = core::rolloutOf({old, current, web});
        card.setProgress(0.1 + 0.8 * core::rolloutFraction(rollout), core::rolloutText(rollout));
        card.setDetail(core::rolloutDetail(rollout));
        const QString text = card.rolloutText();
        QVERIFY2(text.contains(QStringLiteral("todo-chatbot rev 3")) && text.contains(QStringLiteral("1/2 new")) &&
                     text.contains(QStringLiteral("1 old")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("todo-chatbot-web rev 1")) && text.contains(QStringLiteral("2/2 new")),
                 qPrintable(text));
        card.show();
        QVERIFY(testing::greyStdDev(testing::shoot(&card, QStringLiteral("deploy_rollout.png"))) > 8);
    }

    void clusterPageComparesTwoRevisions() {
        FakeTools fake;
        fake.on(QStringLiteral("helm"), QStringLiteral("get manifest todo-chatbot --revision 2 *"),
                QStringLiteral("helm_manifest_deployed.yaml"));
        fake.on(QStringLiteral("helm"), QStringLiteral("get manifest todo-chatbot --revision 3 *"),
                QStringLiteral("helm_template_upgrade.yaml"));
        fake.on(QStringLiteral("helm"), QStringLiteral("get values todo-chatbot -o yaml --revision 2 *"),
                FakeReply{0, {}, "image:\n  tag: 0.1.0-3f2a1c9\n"});
        fake.on(QStringLiteral("helm"), QStringLiteral("get values todo-chatbot -o yaml --revision 3 *"),
                FakeReply{0, {}, "image:\n  tag: 0.1.0-8e4b7d2\n"});
        core::RunContext context;
        context.target = core::Target::Cluster;
        context.profile.cluster.context = QStringLiteral("ctx-a");
        ui::ClusterPage page;
        page.resize(1280, 900);
        page.showContext(context);
        page.show();
        page.compareRevisions(2, 3);
        QTRY_COMPARE(page.revisionDiff()->objectCount(), 7);
        QCOMPARE(page.revisionDiff()->diff().values.size(), 1);
        for (const QStringList& argv : fake.calls(QStringLiteral("helm")))
            QVERIFY(hasPair(argv, QStringLiteral("--kube-context"), QStringLiteral("ctx-a")));
        QVERIFY(testing::greyStdDev(testing::shoot(&page, QStringLiteral("cluster_revision_diff.png"))) > 12);
    }
};

QTEST_MAIN(TestDiffView)
#include "test_diff_view.moc"
