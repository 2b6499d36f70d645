// helm status / history JSON (Helm 3 format; see data/README.md for provenance).

#include <QFile>
#include <QtTest>

#include "core/parsers/helm_parser.hpp"

using namespace helmdeck::core;

namespace {

QByteArray readData(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

}  // namespace

class TestHelmParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void status() {
        QString error;
        const auto release =
            parseHelmStatus(readData(QFINDTESTDATA("data/helm_status.json")), &error);
        QVERIFY2(release, qPrintable(error));
        QCOMPARE(release->name, QStringLiteral("todo-chatbot"));
        QCOMPARE(release->namespace_, QStringLiteral("helmdeck"));
        QCOMPARE(release->revision, 3);
        QCOMPARE(release->status, QStringLiteral("deployed"));
        QCOMPARE(release->chart(), QStringLiteral("todo-chatbot-0.1.0"));
        QCOMPARE(release->appVersion, QStringLiteral("0.1.0"));
        QCOMPARE(release->description, QStringLiteral("Upgrade complete"));
        QVERIFY(release->notes.contains(QLatin1String("NODE_PORT")));
        // "+01:00" offsets and nanoseconds, normalised to UTC milliseconds.
        QCOMPARE(release->firstDeployed,
                 QDateTime(QDate(2026, 11, 27), QTime(13, 20, 5, 487), Qt::UTC));
        QCOMPARE(release->lastDeployed,
                 QDateTime(QDate(2026, 11, 27), QTime(14, 2, 41, 901), Qt::UTC));
    }

    void history() {
        QString error;
        const auto revisions =
            parseHelmHistory(readData(QFINDTESTDATA("data/helm_history.json")), &error);
        QVERIFY2(revisions, qPrintable(error));
        QCOMPARE(revisions->size(), 3);
        const QStringList expectedStatus{QStringLiteral("superseded"), QStringLiteral("failed"),
                                         QStringLiteral("deployed")};
        for (int i = 0; i < revisions->size(); ++i) {
            QCOMPARE(revisions->at(i).revision, i + 1);
            QCOMPARE(revisions->at(i).status, expectedStatus.at(i));
            QCOMPARE(revisions->at(i).chart, QStringLiteral("todo-chatbot-0.1.0"));
            QCOMPARE(revisions->at(i).appVersion, QStringLiteral("0.1.0"));
            QVERIFY(revisions->at(i).updated.isValid());
        }
        QVERIFY(revisions->at(1).description.contains(QLatin1String("context deadline exceeded")));
        // Revision 2 failed, so a rollback from 3 goes to 1.
        QCOMPARE(rollbackTarget(*revisions), std::optional<int>(1));
    }

    void rollbackNeedsAnEarlierGoodRevision() {
        QCOMPARE(rollbackTarget({}), std::nullopt);
        HelmRevision only;
        only.revision = 1;
        only.status = QStringLiteral("deployed");
        QCOMPARE(rollbackTarget({only}), std::nullopt);
        HelmRevision failed = only;
        failed.status = QStringLiteral("failed");
        HelmRevision current = only;
        current.revision = 2;
        QCOMPARE(rollbackTarget({failed, current}), std::nullopt);
    }

    void badInput_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("error text") << QByteArray("Error: release: not found\n");
        QTest::newRow("wrong shape") << QByteArray("[1, 2]");
    }
    void badInput() {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!parseHelmStatus(json, &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!parseHelmHistory("{\"name\": \"x\"}", &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestHelmParser)
#include "test_helm_parser.moc"
