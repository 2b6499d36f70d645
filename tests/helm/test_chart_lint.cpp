// `helm lint --strict` on the chart and on its packaged .tgz, and the documentation promise:
// every values key has a `## @param` line, a schema entry and a README row.

#include <yaml-cpp/yaml.h>

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "chart_cli.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::chart_test;

namespace {
const QString kChart = QStringLiteral(HELMDECK_SOURCE_DIR "/helm/todo-chatbot");

QString read_text(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// Leaf keys of values.yaml as dotted paths; an empty map or list counts as a leaf.
void collect_keys(const YAML::Node& node, const QString& prefix, QStringList* keys) {
    if (!node.IsMap() || node.size() == 0) {
        keys->append(prefix);
        return;
    }
    for (const auto& entry : node) {
        const auto key = QString::fromStdString(entry.first.as<std::string>());
        collect_keys(entry.second, prefix.isEmpty() ? key : prefix + '.' + key, keys);
    }
}

// Whether the schema has a property at that dotted path (an open object accepts any subtree).
bool schema_knows(const YAML::Node& node, const QStringList& steps, int index = 0) {
    if (index == steps.size()) return true;
    // A const yaml-cpp lookup of a missing key yields a node that throws unless checked first.
    const auto properties = node["properties"];
    if (!properties.IsDefined() || !properties.IsMap()) {
        const auto type = node["type"];
        return type.IsDefined() && type.IsScalar() && type.as<std::string>() == "object";
    }
    const auto child = properties[steps[index].toStdString()];
    return child.IsDefined() && schema_knows(child, steps, index + 1);
}
}  // namespace

class TestChartLint : public QObject {
    Q_OBJECT

    QString helm_;

    QByteArray lint(const QStringList& extra, bool* ok) {
        const auto result =
            run_process(helm_, QStringList{QStringLiteral("lint"), QStringLiteral("--strict"),
                                           QStringLiteral("--kube-version"),
                                           QString::fromLatin1(kKubeVersion)} +
                                   extra);
        *ok = result.ok() && result.out.contains("0 chart(s) failed");
        return result.describe();
    }

private slots:
    void initTestCase() {
        helm_ = helmdeck::testing::find_tool(QStringLiteral("helm"));
        HELMDECK_REQUIRE(
            !helm_.isEmpty(), "helm",
            "run ./dev setup (it installs helm with go install helm.sh/helm/v3/cmd/helm)");
    }

    void lint_strict_data() {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("default values") << QStringList{kChart};
        QTest::newRow("values-minikube.yaml")
            << QStringList{kChart, QStringLiteral("-f"), kChart + "/values-minikube.yaml"};
        QTest::newRow("every optional object") << QStringList{
            kChart, QStringLiteral("--set"),
            QStringLiteral(
                "autoscaling.enabled=true,ingress.enabled=true,ingress.tlsSecretName=tls,"
                "postgresql.enabled=true,service.type=LoadBalancer")};
    }
    void lint_strict() {
        QFETCH(QStringList, args);
        bool ok = false;
        const auto output = lint(args, &ok);
        QVERIFY2(ok, output.constData());
    }

    void package_lints_clean() {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const auto package = run_process(
            helm_, {QStringLiteral("package"), kChart, QStringLiteral("-d"), out.path()});
        QVERIFY2(package.ok(), package.describe().constData());

        const auto chart = YAML::LoadFile((kChart + "/Chart.yaml").toStdString());
        const auto tgz =
            out.filePath(QStringLiteral("todo-chatbot-%1.tgz")
                             .arg(QString::fromStdString(chart["version"].as<std::string>())));
        QVERIFY2(QFile::exists(tgz), package.out.constData());

        bool ok = false;
        auto output = lint({tgz}, &ok);
        QVERIFY2(ok, output.constData());
        output = lint({tgz, QStringLiteral("-f"), kChart + "/values-minikube.yaml"}, &ok);
        QVERIFY2(ok, output.constData());

        // The archive carries the schema and the app version, and renders on its own.
        const auto shown =
            run_process(helm_, {QStringLiteral("show"), QStringLiteral("chart"), tgz});
        QVERIFY2(shown.ok(), shown.describe().constData());
        QVERIFY(shown.out.contains(
            "appVersion: " + QByteArray::fromStdString(chart["appVersion"].as<std::string>())));
        const auto rejected =
            helm_template(helm_, tgz, {QStringLiteral("--set"), QStringLiteral("replicaCount=0")});
        QVERIFY2(!rejected.ok() && rejected.err.contains("replicaCount"),
                 rejected.describe().constData());
        const auto rendered = helm_template(helm_, tgz);
        QVERIFY2(rendered.ok() && rendered.out.contains("kind: Deployment"),
                 rendered.describe().constData());
    }

    void app_version_matches_the_backend() {
        const auto chart = YAML::LoadFile((kChart + "/Chart.yaml").toStdString());
        QCOMPARE(chart["apiVersion"].as<std::string>(), std::string("v2"));
        // The backend's version is the project version in the top-level CMakeLists.txt.
        const auto cmake = read_text(QStringLiteral(HELMDECK_SOURCE_DIR "/CMakeLists.txt"));
        const auto match =
            QRegularExpression(QStringLiteral(R"(project\(helmdeck\s+VERSION\s+([0-9.]+))"))
                .match(cmake);
        QVERIFY2(match.hasMatch(), "no project(helmdeck VERSION …) in CMakeLists.txt");
        QCOMPARE(QString::fromStdString(chart["appVersion"].as<std::string>()), match.captured(1));
    }

    void every_value_is_documented() {
        const auto values_text = read_text(kChart + "/values.yaml");
        const auto readme = read_text(kChart + "/README.md");
        QVERIFY(!values_text.isEmpty() && !readme.isEmpty());

        QSet<QString> documented;
        QSet<QString> whole_objects;  // `## @param key [object] …` documents the subtree at once
        const QRegularExpression param(QStringLiteral(R"(^\s*## @param (\S+)( \[object\])? \S)"),
                                       QRegularExpression::MultilineOption);
        for (auto it = param.globalMatch(values_text); it.hasNext();) {
            const auto match = it.next();
            documented.insert(match.captured(1));
            if (!match.captured(2).isEmpty()) whole_objects.insert(match.captured(1));
        }

        QStringList keys;
        collect_keys(YAML::Load(values_text.toStdString()), QString(), &keys);
        QVERIFY(keys.size() > 50);
        const auto schema = YAML::LoadFile((kChart + "/values.schema.json").toStdString());
        for (const auto& key : keys) {
            bool covered = documented.contains(key);
            for (const auto& object : whole_objects) covered |= key.startsWith(object + '.');
            QVERIFY2(covered, qPrintable(key + " has no ## @param line in values.yaml"));
            QVERIFY2(schema_knows(schema, key.split('.')),
                     qPrintable(key + " is not in values.schema.json"));
        }
        for (const auto& name : documented) {
            bool exists = false;
            for (const auto& key : keys) exists |= key == name || key.startsWith(name + '.');
            QVERIFY2(exists, qPrintable("## @param " + name + " names no key in values.yaml"));
            QVERIFY2(readme.contains("| `" + name + "` |"),
                     qPrintable(name + " is missing from README.md's table"));
        }
    }
};

QTEST_GUILESS_MAIN(TestChartLint)
#include "test_chart_lint.moc"
