// Live pod resources without Prometheus: quantities, the Summary API and metrics.k8s.io parsers
// on recorded output, pods' requests and limits, and the monitor's fallback on the fake-tool
// tier (command lines, a refused node proxy, both sources down).

#include <QSignalSpy>
#include <QtTest>

#include "core/parsers/k8s_quantity.hpp"
#include "core/parsers/kubectl_parser.hpp"
#include "core/parsers/pod_usage_parser.hpp"
#include "core/pod_resource_monitor.hpp"
#include "core/run_report.hpp"
#include "fake_tools/fake_tools.hpp"

using namespace helmdeck::core;
using helmdeck::testing::FakeReply;
using helmdeck::testing::FakeTools;
using helmdeck::testing::hasPair;

namespace {

QByteArray recording(const QString& name) {
    QFile file(FakeTools::data(name));
    if (!file.open(QIODevice::ReadOnly)) qFatal("missing recording %s", qPrintable(name));
    return file.readAll();
}

const KubeScope kScope{QStringLiteral("helmdeck-test"), QStringLiteral("helmdeck")};

// Every node proxy call answers with the Summary recorded on the test node.
void replaySummary(FakeTools& tools) {
    tools.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /api/v1/nodes/*/proxy/stats/summary*"),
             QStringLiteral("kubelet_stats_summary.json"));
}

// A monitor on the test node, with a spy on its rounds.
struct WatchedMonitor {
    PodResourceMonitor monitor;
    QSignalSpy sampled{&monitor, &PodResourceMonitor::sampled};
    QSignalSpy unavailable{&monitor, &PodResourceMonitor::unavailable};
    explicit WatchedMonitor(const QStringList& nodes = {QStringLiteral("helmdeck-node")}) {
        monitor.watch(kScope, nodes);
    }
    /// One round; true when it ended with figures.
    bool round() {
        const qsizetype before = sampled.size();
        monitor.sampleNow();
        return sampled.size() > before || sampled.wait(10000);
    }
};

}  // namespace

class TestPodResources : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quantitiesReadEveryKubernetesSuffix() {
        QCOMPARE(memoryBytes(QStringLiteral("128Mi")).value(), 134217728.0);
        QCOMPARE(memoryBytes(QStringLiteral("1Gi")).value(), 1073741824.0);
        QCOMPARE(memoryBytes(QStringLiteral("64M")).value(), 64e6);
        QCOMPARE(memoryBytes(QStringLiteral("3948Ki")).value(), 3948.0 * 1024);
        QCOMPARE(memoryBytes(QStringLiteral("1e3")).value(), 1000.0);
        QCOMPARE(cpuMillicores(QStringLiteral("250m")).value(), 250.0);
        QCOMPARE(cpuMillicores(QStringLiteral("1")).value(), 1000.0);
        QCOMPARE(cpuMillicores(QStringLiteral("0.5")).value(), 500.0);
        QCOMPARE(cpuMillicores(QStringLiteral("1234567n")).value(), 1.234567);
        QCOMPARE(cpuMillicores(QStringLiteral("1500u")).value(), 1.5);
        QVERIFY(!memoryBytes(QStringLiteral("12 Mi")));
        QVERIFY(!memoryBytes(QStringLiteral("Mi")));
        QVERIFY(!cpuMillicores(QStringLiteral("")));
        QVERIFY(!cpuMillicores(QStringLiteral("1x")));
        QCOMPARE(memoryText(4089446), QStringLiteral("3.9 MiB"));
        QCOMPARE(memoryText(134217728), QStringLiteral("128.0 MiB"));
        QCOMPARE(cpuText(2.4), QStringLiteral("2m"));
        QCOMPARE(cpuText(0.3), QStringLiteral("<1m"));
        QCOMPARE(cpuText(1500), QStringLiteral("1.5"));
    }

    void podLimitsAreSummedOnlyWhenEveryContainerSetsOne() {
        const QByteArray pod = R"({"kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[
            {"name":"a","resources":{"requests":{"cpu":"50m","memory":"32Mi"},
                                     "limits":{"cpu":"500m","memory":"128Mi"}}},
            {"name":"b","resources":{"requests":{"cpu":"10m"},"limits":{"memory":"16Mi"}}}]},
            "status":{"phase":"Running"}})";
        const auto pods = parseKubectlPods(pod);
        QVERIFY(pods);
        const PodResources& resources = pods->first().resources;
        QCOMPARE(resources.cpuRequestMillicores, 60.0);
        QCOMPARE(resources.memoryRequestBytes, 32.0 * 1048576);
        QCOMPARE(resources.memoryLimitBytes, 144.0 * 1048576);
        QCOMPARE(resources.cpuLimitMillicores, 0.0);  // b has none: the pod is unbounded
    }

    void chartPodsCarryTheChartsLimits() {
        const auto pods = parseKubectlPods(recording(QStringLiteral("kubectl_pods_live.json")));
        QVERIFY(pods);
        QVERIFY(!pods->isEmpty());
        for (const PodInfo& pod : *pods) {
            QCOMPARE(pod.resources.memoryLimitBytes, 128.0 * 1048576);
            QCOMPARE(pod.resources.memoryRequestBytes, 32.0 * 1048576);
            QVERIFY(pod.resources.cpuLimitMillicores > 0);
        }
    }

    void summaryApiGivesEachPodsWorkingSetAndCpu() {
        QString error;
        const auto all = parseKubeletSummary(recording(QStringLiteral("kubelet_stats_summary.json")),
                                             {}, &error);
        QVERIFY2(all, qPrintable(error));
        const auto release = parseKubeletSummary(
            recording(QStringLiteral("kubelet_stats_summary.json")), QStringLiteral("helmdeck"), &error);
        QVERIFY2(release, qPrintable(error));
        QVERIFY(release->size() >= 2);
        QVERIFY(all->size() > release->size());  // kube-system's pods are filtered out
        for (const PodUsageSample& sample : *release) {
            QCOMPARE(sample.namespace_, QStringLiteral("helmdeck"));
            QVERIFY2(sample.memoryBytes > 0, qPrintable(sample.pod));
            QVERIFY2(sample.memoryBytes < 128.0 * 1048576, qPrintable(sample.pod));
            QVERIFY2(sample.cpuMillicores >= 0, qPrintable(sample.pod));
            QVERIFY2(sample.time.isValid(), qPrintable(sample.pod));
        }
    }

    void summarySumsContainersThenFallsBackToThePodAndSkipsUnmeasuredPods() {
        // The pod-level zeros are what the test node's kubelet (cgroup v1) really reports.
        const QByteArray json = R"({"node":{"nodeName":"n"},"pods":[
            {"podRef":{"name":"a","namespace":"ns"},
             "cpu":{"usageNanoCores":0,"usageCoreNanoSeconds":0},"memory":{"workingSetBytes":0},
             "containers":[
                {"name":"x","cpu":{"time":"2026-12-02T06:00:00Z","usageNanoCores":2000000},
                 "memory":{"time":"2026-12-02T06:00:00Z","workingSetBytes":1048576}},
                {"name":"y","cpu":{"usageNanoCores":1000000},"memory":{"workingSetBytes":2097152}}]},
            {"podRef":{"name":"b","namespace":"ns"},"containers":[{"name":"z"}]},
            {"podRef":{"name":"c","namespace":"ns"},"cpu":{"usageNanoCores":5000000},
             "memory":{"workingSetBytes":4194304},"containers":[{"name":"w"}]}]})";
        const auto samples = parseKubeletSummary(json, QStringLiteral("ns"));
        QVERIFY(samples);
        QCOMPARE(samples->size(), 2);
        QCOMPARE(samples->last().pod, QStringLiteral("c"));
        QCOMPARE(samples->last().memoryBytes, 4194304.0);
        QCOMPARE(samples->first().pod, QStringLiteral("a"));
        QCOMPARE(samples->first().cpuMillicores, 3.0);
        QCOMPARE(samples->first().memoryBytes, 3.0 * 1048576);
    }

    void summaryRejectsWhatIsNotASummary() {
        QString error;
        QVERIFY(!parseKubeletSummary("not json", {}, &error));
        QVERIFY(error.contains(QStringLiteral("invalid JSON")));
        QVERIFY(!parseKubeletSummary(R"({"kind":"Status","status":"Failure"})", {}, &error));
        QVERIFY(error.contains(QStringLiteral("pods")));
    }

    void metricsApiListIsReadToo() {
        QString error;
        const auto samples = parsePodMetrics(recording(QStringLiteral("metrics_pods.json")), &error);
        QVERIFY2(samples, qPrintable(error));
        QCOMPARE(samples->size(), 2);
        QCOMPARE(samples->first().memoryBytes, 3948.0 * 1024);
        QCOMPARE(samples->first().cpuMillicores, 1.234567);
        QVERIFY(samples->first().time.isValid());
        QVERIFY(!parsePodMetrics(R"({"kind":"PodList","items":[]})", &error));
        QVERIFY(error.contains(QStringLiteral("PodMetricsList")));
    }

    void monitorAsksEachNodesKubeletWithTheScope() {
        FakeTools tools;
        replaySummary(tools);
        WatchedMonitor watched({QStringLiteral("helmdeck-node"), QString(), QStringLiteral("helmdeck-node")});
        PodResourceMonitor& monitor = watched.monitor;
        QVERIFY2(watched.round(), qPrintable(tools.transcript()));
        QCOMPARE(monitor.source(), PodResourceMonitor::Source::KubeletSummary);
        const QList<QStringList> calls = tools.calls(QStringLiteral("kubectl"));
        QCOMPARE(calls.size(), 1);  // the node once, the empty name not at all
        QVERIFY(calls.first().contains(QStringLiteral("/api/v1/nodes/helmdeck-node/proxy/stats/summary")));
        QVERIFY(hasPair(calls.first(), QStringLiteral("--context"), QStringLiteral("helmdeck-test")));
        QVERIFY(!monitor.series().isEmpty());
        for (auto it = monitor.series().begin(); it != monitor.series().end(); ++it)
            QVERIFY2(it->peakMemoryBytes > 0, qPrintable(it.key()));
    }

    void aRepeatedKubeletFigureIsNotANewPoint() {
        FakeTools tools;
        replaySummary(tools);
        WatchedMonitor watched;
        QVERIFY(watched.round());
        QVERIFY(watched.round());
        for (auto it = watched.monitor.series().begin(); it != watched.monitor.series().end(); ++it)
            QCOMPARE(it->samples.size(), 1);
    }

    void refusedNodeProxyFallsBackToMetricsApi() {
        FakeTools tools;
        tools.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /api/v1/nodes/*"),
                 FakeReply{1, {}, {}, QStringLiteral("Error from server (Forbidden): nodes \"helmdeck-node\" is forbidden: User \"dev\" cannot get resource \"nodes/proxy\"")});
        tools.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /apis/metrics.k8s.io/v1beta1/namespaces/helmdeck/pods*"),
                 QStringLiteral("metrics_pods.json"));
        WatchedMonitor watched;
        QVERIFY2(watched.round(), qPrintable(tools.transcript()));
        QCOMPARE(watched.monitor.source(), PodResourceMonitor::Source::MetricsApi);
        QCOMPARE(watched.monitor.series().size(), 2);
        // Once refused, the next round goes straight to metrics.k8s.io.
        QVERIFY(watched.round());
        QCOMPARE(tools.calls(QStringLiteral("kubectl")).size(), 3);
    }

    void bothSourcesDownIsSaidOnceWithTheFix() {
        FakeTools tools;
        tools.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /api/v1/nodes/*"),
                 FakeReply{1, {}, {}, QStringLiteral("Error from server (Forbidden): nodes/proxy")});
        tools.on(QStringLiteral("kubectl"), QStringLiteral("get --raw /apis/*"),
                 FakeReply{1, {}, {}, QStringLiteral("Error from server (NotFound): the server could not find the requested resource")});
        WatchedMonitor watched;
        PodResourceMonitor& monitor = watched.monitor;
        QSignalSpy& unavailable = watched.unavailable;
        monitor.sampleNow();
        QVERIFY(unavailable.wait(10000));
        const QString reason = unavailable.first().first().toString();
        QVERIFY2(reason.contains(QStringLiteral("Forbidden")) && reason.contains(QStringLiteral("NotFound")),
                 qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("metrics-server")), qPrintable(reason));
        // The next round fails the same way: no second message.
        const qsizetype before = tools.calls(QStringLiteral("kubectl")).size();
        monitor.sampleNow();
        QTRY_VERIFY_WITH_TIMEOUT(tools.calls(QStringLiteral("kubectl")).size() >= before + 2 &&
                                     !monitor.isSampling(),
                                 10000);
        QCOMPARE(unavailable.size(), 1);
        QCOMPARE(watched.sampled.size(), 0);
    }

    void recordsJoinPeaksWithLimits() {
        FakeTools tools;
        replaySummary(tools);
        WatchedMonitor watched;
        QVERIFY(watched.round());
        const PodResourceMonitor& monitor = watched.monitor;
        const auto pods = parseKubectlPods(recording(QStringLiteral("kubectl_pods_live.json")));
        QVERIFY(pods);
        const QList<PodResourceRecord> records = monitor.records(*pods);
        QCOMPARE(records.size(), pods->size());
        for (const PodResourceRecord& record : records) {
            QCOMPARE(record.memoryLimitBytes, 128.0 * 1048576);
            QVERIFY(record.peakMemoryBytes > 0 && record.peakMemoryBytes < record.memoryLimitBytes);
            QCOMPARE(record.source, QStringLiteral("kubelet-summary"));
        }
        RunReport report;
        report.pods = records;
        QVERIFY(toMarkdown(report).contains(QStringLiteral("Pod resources")));
        QCOMPARE(toJson(report).value(QStringLiteral("pods")).toArray().size(), records.size());
    }
};

QTEST_GUILESS_MAIN(TestPodResources)
#include "test_pod_resources.moc"
