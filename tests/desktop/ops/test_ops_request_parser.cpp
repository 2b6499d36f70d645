// The offline request parser on its corpus (../data/ops/requests.tsv, ≥ 100 requests): each
// request means what the corpus says, and nothing it does not understand turns into an action.

#include <QFile>
#include <QTest>

#include "core/ops/request_parser.hpp"
#include "ops_test_data.hpp"

using namespace helmdeck::ops;

class TestOpsRequestParser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void corpus_data() {
        QTest::addColumn<QString>("request");
        QTest::addColumn<QString>("expected");
        QFile file(opsDataDir() + QStringLiteral("/requests.tsv"));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        int rows = 0;
        for (const QByteArray& raw : file.readAll().split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
            const QStringList columns = line.split(QLatin1Char('\t'));
            QVERIFY2(columns.size() == 2, qPrintable(line));
            QTest::newRow(qPrintable(QStringLiteral("%1: %2").arg(++rows).arg(columns.at(0))))
                << columns.at(0) << columns.at(1);
        }
        QVERIFY2(rows >= 100, "the corpus must hold at least 100 requests");
    }

    void corpus() {
        QFETCH(QString, request);
        QFETCH(QString, expected);
        const OpsRequest parsed = parseOpsRequest(request);
        QCOMPARE(summary(parsed), expected);
        if (parsed.kind == OpsRequest::Kind::Help) {
            QVERIFY(!parsed.action);
            QVERIFY(parsed.reply.contains(QStringLiteral("I can:")));
        }
        if (parsed.kind == OpsRequest::Kind::Act) QVERIFY(parsed.action);
    }

    void unknownRequestsListWhatItCanDoAndNeverAct() {
        const OpsRequest parsed = parseOpsRequest(QStringLiteral("frobnicate the flux capacitor"));
        QCOMPARE(parsed.kind, OpsRequest::Kind::Help);
        QVERIFY(!parsed.action);
        QVERIFY(parsed.reply.startsWith(QStringLiteral("I did not understand \"frobnicate the flux capacitor\", so I did nothing.")));
        QVERIFY(parsed.reply.contains(QStringLiteral("scale the backend to 3")));
    }

    void setValueKeepsTheValuesCase() {
        const OpsRequest parsed = parseOpsRequest(QStringLiteral("Set image.pullPolicy to Never"));
        QVERIFY(parsed.action);
        QCOMPARE(parsed.action->valueKey, QStringLiteral("image.pullPolicy"));
        QCOMPARE(parsed.action->value, QStringLiteral("Never"));
    }
};

QTEST_GUILESS_MAIN(TestOpsRequestParser)
#include "test_ops_request_parser.moc"
