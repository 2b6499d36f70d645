// `kubectl get events -o json` (recorded shape of core/v1 Events) → events grouped by object,
// newest first; a pod's latest reason.

#include <QFile>
#include <QtTest>

#include "core/parsers/kubectl_event_parser.hpp"
#include "core/tools/kubectl.hpp"

using namespace helmdeck::core;

class TestKubectlEvents : public QObject {
    Q_OBJECT

private:
    static QList<EventInfo> recorded() {
        QFile file(QStringLiteral(HELMDECK_SOURCE_DIR "/tests/desktop/data/kubectl_events.json"));
        file.open(QIODevice::ReadOnly);
        QString error;
        const auto events = parseKubectlEvents(file.readAll(), &error);
        if (!events) qFatal("%s", qPrintable(error));
        return *events;
    }

private Q_SLOTS:
    void readsEachEvent() {
        const QList<EventInfo> events = recorded();
        QCOMPARE(events.size(), 5);
        const EventInfo& scheduling = events.at(2);
        QCOMPARE(scheduling.reason, QStringLiteral("FailedScheduling"));
        QVERIFY(scheduling.isWarning());
        QCOMPARE(scheduling.object(), QStringLiteral("Pod/todo-chatbot-7d9c5b6f4d-zt8hn"));
        QVERIFY(scheduling.last.isValid());  // eventTime: the scheduler sets no lastTimestamp
        QCOMPARE(events.at(4).count, 5);
    }

    void groupsByObjectNewestFirst() {
        const QList<EventGroup> groups = groupEventsByObject(recorded());
        QCOMPARE(groups.size(), 4);
        QCOMPARE(groups.at(0).object, QStringLiteral("Pod/todo-chatbot-7d9c5b6f4d-zt8hn"));
        QCOMPARE(groups.at(0).warnings, 1);
        const EventGroup& crashing = groups.at(3);
        QCOMPARE(crashing.object, QStringLiteral("Pod/todo-chatbot-7d9c5b6f4d-9qwmz"));
        QCOMPARE(crashing.events.size(), 2);
        QCOMPARE(crashing.events.at(0).reason, QStringLiteral("BackOff"));  // newest first
        QCOMPARE(crashing.events.at(1).reason, QStringLiteral("Pulled"));
        for (const EventGroup& group : groups)
            for (qsizetype i = 1; i < group.events.size(); ++i)
                QVERIFY(group.events.at(i - 1).last >= group.events.at(i).last);
    }

    void aPodShowsItsLatestReason() {
        const QList<EventInfo> events = recorded();
        QCOMPARE(latestReason(events, QStringLiteral("Pod"), QStringLiteral("todo-chatbot-7d9c5b6f4d-zt8hn")),
                 QStringLiteral("FailedScheduling"));
        QCOMPARE(latestReason(events, QStringLiteral("Pod"), QStringLiteral("todo-chatbot-7d9c5b6f4d-9qwmz")),
                 QStringLiteral("BackOff"));
        QCOMPARE(latestReason(events, QStringLiteral("Pod"), QStringLiteral("nope")), QString());
    }

    void refusesWhatIsNotAList() {
        QString error;
        QVERIFY(!parseKubectlEvents("{\"kind\":\"Status\"}", &error));
        QVERIFY(!error.isEmpty());
    }

    void kubectlAsksForEventsInTheScope() {
        const Kubectl kubectl(KubeScope{QStringLiteral("c1"), QStringLiteral("ns1")});
        const QStringList argv = kubectl.events().command.arguments;
        QCOMPARE(argv.mid(0, 2), (QStringList{"get", "events"}));
        QVERIFY(argv.contains(QStringLiteral("--context")));
        QVERIFY(argv.contains(QStringLiteral("ns1")));
    }
};

QTEST_GUILESS_MAIN(TestKubectlEvents)
#include "test_kubectl_events.moc"
