// The diff model: objects added, changed and removed between two manifests (real `helm template`
// renders of helm/todo-chatbot), Helm's noise named as such, values, the unified diff text.

#include <QFile>
#include <QtTest>

#include "core/diff/manifest_diff.hpp"

using namespace helmdeck::core;

namespace {
QByteArray recording(const char* name) {
    QFile file(QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/data/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) qFatal("missing recording %s", name);
    return file.readAll();
}

QList<ManifestObject> objects(const char* name) {
    QString error;
    const auto parsed = parseManifests(recording(name), &error);
    if (!parsed) qFatal("%s: %s", name, qPrintable(error));
    return *parsed;
}

const ObjectDiff* find(const ReleaseDiff& diff, const QString& key) {
    for (const ObjectDiff& object : diff.objects)
        if (object.key() == key) return &object;
    return nullptr;
}
}  // namespace

class TestManifestDiff : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEachObjectAndSkipsHooks() {
        const auto deployed = objects("helm_manifest_deployed.yaml");
        QCOMPARE(deployed.size(), 7);
        const auto rendered = objects("helm_template_upgrade.yaml");
        QCOMPARE(rendered.size(), 7);  // the two chart-test hooks are not release objects
        QCOMPARE(rendered.last().key(), QStringLiteral("Deployment/todo-chatbot"));
        QCOMPARE(rendered.last().namespace_, QStringLiteral("helmdeck"));
        QVERIFY(!rendered.last().text.contains("# Source:"));
    }

    void namesWhatAnUpgradeChanges() {
        const ReleaseDiff diff =
            diffManifests(objects("helm_manifest_deployed.yaml"), objects("helm_template_upgrade.yaml"));
        QCOMPARE(diff.unchanged, 0);
        const ObjectDiff* deployment = find(diff, QStringLiteral("Deployment/todo-chatbot"));
        QVERIFY(deployment);
        QCOMPARE(deployment->change, ObjectDiff::Changed);
        QCOMPARE(deployment->summary(), QStringLiteral("image tag, 1 env var"));
        const ObjectDiff* config = find(diff, QStringLiteral("ConfigMap/todo-chatbot-config"));
        QVERIFY(config);
        QCOMPARE(config->summary(), QStringLiteral("data.LOG_LEVEL"));
        QCOMPARE(diff.meaningfulCount(), 2);
        QCOMPARE(diff.headline(),
                 QStringLiteral("2 objects change: ConfigMap/todo-chatbot-config (data.LOG_LEVEL), "
                                "Deployment/todo-chatbot (image tag, 1 env var); 5 more have "
                                "only Helm's own labels or checksums"));
    }

    void namesHelmsNoiseAsSuch() {
        const ReleaseDiff diff =
            diffManifests(objects("helm_manifest_deployed.yaml"), objects("helm_template_upgrade.yaml"));
        const ObjectDiff* service = find(diff, QStringLiteral("Service/todo-chatbot"));
        QVERIFY(service);
        QVERIFY(service->onlyNoise());
        QCOMPARE(service->summary(), QStringLiteral("only Helm's own: helm.sh/chart label"));
        const ObjectDiff* deployment = find(diff, QStringLiteral("Deployment/todo-chatbot"));
        QStringList noise;
        for (const FieldChange& field : deployment->fields)
            if (!field.noise.isEmpty()) noise << field.noise;
        QVERIFY(noise.contains("checksum/config annotation"));
        QVERIFY(noise.contains("checksum/secret annotation"));
        QVERIFY(noise.contains("helm.sh/chart label"));
    }

    void hidesSecretValues() {
        const QByteArray secret =
            "---\n# Source: todo-chatbot/templates/secret.yaml\napiVersion: v1\nkind: Secret\n"
            "metadata:\n  name: todo-chatbot\ntype: Opaque\ndata:\n  AUTH_JWT_SECRET: "
            "c3VwZXItc2VjcmV0LXZhbHVl\n";
        const auto parsed = parseManifests(secret);
        QVERIFY(parsed && parsed->size() == 1);
        const QString text = parsed->first().text;
        QVERIFY2(text.contains("AUTH_JWT_SECRET: (hidden, sha256 "), qPrintable(text));
        QVERIFY(!text.contains("c3VwZXItc2VjcmV0LXZhbHVl"));
        // A changed secret still shows as changed, by digest.
        QByteArray other = secret;
        other.replace("c3VwZXItc2VjcmV0LXZhbHVl", "b3RoZXI=");
        const ReleaseDiff diff = diffManifests(*parsed, *parseManifests(other));
        QCOMPARE(diff.objects.size(), 1);
        QCOMPARE(diff.objects.first().summary(), QStringLiteral("data.AUTH_JWT_SECRET"));
    }

    void addsAndRemovesObjects() {
        auto deployed = objects("helm_manifest_deployed.yaml");
        auto rendered = deployed;
        const ManifestObject pdb = rendered.takeAt(1);
        ManifestObject hpa;
        hpa.kind = QStringLiteral("HorizontalPodAutoscaler");
        hpa.name = QStringLiteral("todo-chatbot");
        hpa.text = QStringLiteral("kind: HorizontalPodAutoscaler\nmetadata:\n  name: todo-chatbot\n");
        rendered << hpa;
        const ReleaseDiff diff = diffManifests(deployed, rendered);
        QCOMPARE(diff.objects.size(), 2);
        QCOMPARE(diff.unchanged, 6);
        QCOMPARE(diff.objects.at(0).change, ObjectDiff::Added);
        QCOMPARE(diff.objects.at(0).key(), QStringLiteral("HorizontalPodAutoscaler/todo-chatbot"));
        QCOMPARE(diff.objects.at(1).change, ObjectDiff::Removed);
        QCOMPARE(diff.objects.at(1).key(), pdb.key());
        QVERIFY(diff.objects.at(0).unified.contains("+kind: HorizontalPodAutoscaler"));
        QCOMPARE(diff.headline(),
                 QStringLiteral("2 objects change: HorizontalPodAutoscaler/todo-chatbot (added), "
                                "PodDisruptionBudget/todo-chatbot (removed)"));
    }

    void sameManifestsDiffToNothing() {
        const auto deployed = objects("helm_manifest_deployed.yaml");
        const ReleaseDiff diff = diffManifests(deployed, deployed);
        QVERIFY(diff.isEmpty());
        QCOMPARE(diff.unchanged, 7);
        QCOMPARE(diff.headline(), QStringLiteral("no object changes"));
    }

    void refusesBadYaml() {
        QString error;
        QVERIFY(!parseManifests("kind: [unclosed\n", &error));
        QVERIFY(!error.isEmpty());
    }

    void diffsTheUserValues() {
        const QByteArray deployed = "image:\n  repository: todo-chatbot\n  tag: 0.1.0-3f2a1c9\n";
        const auto next = userValues({}, {QStringLiteral("image.repository=todo-chatbot,image.tag=0.1.0-8e4b7d2"),
                                          QStringLiteral("config.logLevel=debug")});
        QVERIFY(next);
        const auto changes = diffValues(deployed, *next);
        QVERIFY(changes);
        QCOMPARE(changes->size(), 2);
        QCOMPARE(changes->at(0).path, QStringLiteral("image.tag"));
        QCOMPARE(changes->at(0).before, QStringLiteral("0.1.0-3f2a1c9"));
        QCOMPARE(changes->at(0).after, QStringLiteral("0.1.0-8e4b7d2"));
        QCOMPARE(changes->at(1).path, QStringLiteral("config.logLevel"));
        QCOMPARE(changes->at(1).before, QString());
        // helm get values prints "null" for a release installed without values.
        const auto fromNothing = diffValues("null\n", *next);
        QCOMPARE(fromNothing->size(), 3);
    }

    void unifiedDiffHasHunksWithContext() {
        const QString before = QStringLiteral("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n");
        QString after = before;
        after.replace(QStringLiteral("e\n"), QStringLiteral("E\n"));
        const QString diff = unifiedDiff(before, after, QStringLiteral("old"), QStringLiteral("new"));
        QCOMPARE(diff, QStringLiteral("--- old\n+++ new\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n"));
        QCOMPARE(unifiedDiff(before, before, {}, {}), QString());
    }
};

QTEST_GUILESS_MAIN(TestManifestDiff)
#include "test_manifest_diff.moc"
