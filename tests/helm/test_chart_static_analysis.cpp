// Static analysis of the rendered manifests with kube-score: zero warnings and zero critical
// findings for every value set, with the checks turned off listed in kube-score.yaml, each with
// a reason. (kube-linter, which the issue named, is not served by the Go module proxy here.)

#include <yaml-cpp/yaml.h>

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "chart_cli.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::chart_test;

namespace {
const QString kChart = QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot");
const QString kConfig = QStringLiteral(HELMDECK_SOURCE_DIR "/tests/helm/kube-score.yaml");
}  // namespace

class TestChartStaticAnalysis : public QObject {
    Q_OBJECT

    QString helm_;
    QString kube_score_;
    QStringList config_args_;
    QStringList ignored_;
    QTemporaryDir scratch_;

private slots:
    void initTestCase() {
        helm_ = helmdeck::testing::find_tool(QStringLiteral("helm"));
        HELMDECK_REQUIRE(
            !helm_.isEmpty(), "helm",
            "run ./dev setup (it installs helm with go install helm.sh/helm/v3/cmd/helm)");
        kube_score_ = helmdeck::testing::find_tool(QStringLiteral("kube-score"));
        HELMDECK_REQUIRE(!kube_score_.isEmpty(), "kube-score",
                         "run ./dev setup (it installs kube-score with go install "
                         "github.com/zegl/kube-score/cmd/kube-score)");
        QVERIFY(scratch_.isValid());

        const auto config = YAML::LoadFile(kConfig.toStdString());
        for (const auto& entry : config["ignoredTests"]) {
            const auto id = QString::fromStdString(entry.first.as<std::string>());
            ignored_ << id;
            config_args_ << QStringLiteral("--ignore-test") << id;
        }
        for (const auto& id : config["enabledOptionalTests"])
            config_args_ << QStringLiteral("--enable-optional-test")
                         << QString::fromStdString(id.as<std::string>());
    }

    void every_disabled_check_is_real_and_has_a_reason() {
        const auto config = YAML::LoadFile(kConfig.toStdString());
        const auto listed = run_process(kube_score_, {QStringLiteral("list")});
        QVERIFY2(listed.ok(), listed.describe().constData());
        for (const auto& entry : config["ignoredTests"]) {
            const auto id = entry.first.as<std::string>();
            const auto reason =
                entry.second.IsScalar() ? entry.second.as<std::string>() : std::string();
            QVERIFY2(reason.size() > 20 && reason.find('\n') == std::string::npos,
                     (id + " needs a one-line reason").c_str());
            QVERIFY2(listed.out.contains(QByteArray::fromStdString(id + ",")),
                     (id + " is not a kube-score check").c_str());
        }
        for (const auto& id : config["enabledOptionalTests"])
            QVERIFY2(listed.out.contains(QByteArray::fromStdString(id.as<std::string>() + ",")),
                     (id.as<std::string>() + " is not a kube-score check").c_str());
    }

    void rendered_manifests_score_clean_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("default values") << QStringList{};
        QTest::newRow("values-minikube.yaml")
            << QStringList{QStringLiteral("-f"), kChart + "/values-minikube.yaml"};
        QTest::newRow("production: external database, hpa, ingress") << QStringList{
            QStringLiteral("--set"),
            QStringLiteral(
                "externalDatabase.url=postgres://u:p@db.example/todo?sslmode=require,"
                "autoscaling.enabled=true,ingress.enabled=true,ingress.className=nginx,"
                "secrets.authJwtSecret=s,networkPolicy.ingressNamespaceSelector.team=web")};
        QTest::newRow("postgres with hpa and hard anti-affinity") << QStringList{
            QStringLiteral("--set"),
            QStringLiteral(
                "postgresql.enabled=true,autoscaling.enabled=true,podAntiAffinityPreset=hard")};
        QTest::newRow("no network policy, external secret")
            << QStringList{QStringLiteral("--set"),
                           QStringLiteral("externalDatabase.existingSecret=neon,existingSecret=app,"
                                          "networkPolicy.enabled=false")};
    }
    void rendered_manifests_score_clean() {
        QFETCH(QStringList, args);
        const auto rendered = helm_template(helm_, kChart, args);
        QVERIFY2(rendered.ok(), rendered.describe().constData());
        const bool network_policies = !args.join(' ').contains("networkPolicy.enabled=false");

        const auto manifests = scratch_.filePath(
            QString::fromLatin1(QTest::currentDataTag()).replace(' ', '_') + ".yaml");
        QFile file(manifests);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(rendered.out);
        file.close();

        QStringList score_args = {QStringLiteral("score"),
                                  QStringLiteral("--output-format"),
                                  QStringLiteral("ci"),
                                  QStringLiteral("--exit-one-on-warning"),
                                  QStringLiteral("--kubernetes-version"),
                                  QStringLiteral("v1.33")};
        score_args << config_args_;
        // Without NetworkPolicies (an explicit opt-out) kube-score rightly asks for them; that is
        // the only difference this row accepts.
        if (!network_policies)
            score_args << QStringLiteral("--ignore-test") << QStringLiteral("pod-networkpolicy");
        score_args << manifests;
        const auto scored = run_process(kube_score_, score_args);

        QByteArrayList findings;
        for (const auto& line : scored.out.split('\n')) {
            if (line.startsWith("[WARNING]") || line.startsWith("[CRITICAL]")) findings << line;
        }
        QVERIFY2(findings.isEmpty(), findings.join('\n').constData());
        QVERIFY2(scored.ok(), scored.describe().constData());
        QVERIFY2(scored.out.contains("[OK]"), scored.describe().constData());
    }
};

QTEST_GUILESS_MAIN(TestChartStaticAnalysis)
#include "test_chart_static_analysis.moc"
