// The diff view, the deploy confirmation and the Cluster page offscreen, with real data: two
// real `helm template` renders of helm/todo-chatbot, and the fake-tool tier for kubectl/helm.
// Writes PNGs to build/screenshots (and to $HELMDECK_SCREENSHOT_DIR when set, for the README).

#include <QDir>
#include <QFile>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

#include "core/parsers/kubectl_parser.hpp"
#include "fake_tools/fake_tools.hpp"
#include "ui/cluster_page.hpp"
#include "ui/diff_dialog.hpp"
#include "ui/diff_view.hpp"
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

// Grabs `widget` to build/screenshots/NAME (and $HELMDECK_SCREENSHOT_DIR/NAME); the image.
QImage shoot(QWidget* widget, const QString& name) {
    QApplication::processEvents();
    const QImage image = widget->grab().toImage();
    QStringList dirs{QStringLiteral(HELMDECK_BINARY_DIR "/screenshots")};
    if (!qEnvironmentVariableIsEmpty("HELMDECK_SCREENSHOT_DIR"))
        dirs << qEnvironmentVariable("HELMDECK_SCREENSHOT_DIR");
    for (const QString& dir : dirs) {
        QDir().mkpath(dir);
        image.save(QDir(dir).filePath(name));
    }
    return image;
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
        const QImage image = shoot(&view, QStringLiteral("diff.png"));
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
        QTRY_COMPARE(fake.calls(QStringLiteral("kubectl")).size(), 1);
        const QStringList argv = fake.calls(QStringLiteral("kubectl")).first();
        QVERIFY2(hasPair(argv, QStringLiteral("--context"), QStringLiteral("ctx-a")),
                 qPrintable(argv.join(' ')));
        QVERIFY(argv.contains(QStringLiteral("todo-chatbot-7d9c5b6f4d-4xk2p")));
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
        QVERIFY(testing::greyStdDev(shoot(&page, QStringLiteral("cluster_revision_diff.png"))) > 12);
    }
};

QTEST_MAIN(TestDiffView)
#include "test_diff_view.moc"
