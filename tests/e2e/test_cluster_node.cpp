// The local cluster's real node and the workplace's network rules, checked on the live host:
// the node is a kubelet on containerd; pods get cluster DNS and no route out; nothing
// masquerades the pod CIDR; FORWARD drops whatever leaves the bridge; NodePorts answer on
// 127.0.0.1 and nowhere else outside the bridge; the control plane listens on 127.0.0.1 only;
// and `down` leaves interfaces, iptables chains, mounts and Docker's own network as they were.

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>
#include <unistd.h>

#include "core/tool_runner.hpp"
#include "local_cluster.hpp"
#include "support/backend_process.hpp"
#include "support/require_tool.hpp"

using namespace helmdeck::testing;

namespace {

constexpr int kToolTimeoutMs = 60 * 1000;
const QString kNamespace = QStringLiteral("helmdeck-node-e2e");
const QString kBridge = QStringLiteral("helmdeck0");
const QString kPodCidr = QStringLiteral("10.244.0.0/24");
const QString kNodeIp = QStringLiteral("10.244.0.1");

QString run(const QString& program, const QStringList& arguments) {
    return QString::fromUtf8(runCommand(program, arguments, kToolTimeoutMs).out);
}

/// What the node may change on the host, and must put back.
struct HostState {
    QStringList links;   ///< interface names
    QStringList chains;  ///< "table/chain" for every iptables chain
    QStringList mounts;  ///< mount points
    bool operator==(const HostState&) const = default;
};

HostState hostState() {
    HostState state;
    for (const QString& line : run(QStringLiteral("ip"), {QStringLiteral("-o"), QStringLiteral("link")})
                                   .split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        state.links << line.section(QLatin1Char(':'), 1, 1).trimmed().section(QLatin1Char('@'), 0, 0);
    QString table;
    for (const QString& line : run(QStringLiteral("iptables-save"), {}).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1Char('*'))) table = line.mid(1);
        if (line.startsWith(QLatin1Char(':'))) state.chains << table + QLatin1Char('/') + line.mid(1).section(QLatin1Char(' '), 0, 0);
    }
    state.mounts = run(QStringLiteral("findmnt"), {QStringLiteral("-rn"), QStringLiteral("-o"), QStringLiteral("TARGET")})
                       .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (QStringList* list : {&state.links, &state.chains, &state.mounts}) list->sort();
    return state;
}

QStringList difference(const QStringList& a, const QStringList& b) {
    QStringList only;
    for (const QString& item : a)
        if (!b.contains(item)) only << item;
    return only;
}

CommandResult kubectl(const QStringList& arguments) {
    return runCommand(QStringLiteral("kubectl"), arguments, kToolTimeoutMs);
}

/// A global IPv4 address of the host outside Docker's and the node's bridges, if it has one.
QString externalAddress() {
    for (const QString& line :
         run(QStringLiteral("ip"), {QStringLiteral("-4"), QStringLiteral("-o"), QStringLiteral("addr"),
                                    QStringLiteral("show"), QStringLiteral("scope"), QStringLiteral("global")})
             .split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QStringList fields = line.simplified().split(QLatin1Char(' '));
        if (fields.size() > 3 && fields.at(1) != kBridge && !fields.at(1).startsWith(QLatin1String("docker")) &&
            !fields.at(1).startsWith(QLatin1String("br-")))
            return fields.at(3).section(QLatin1Char('/'), 0, 0);
    }
    return {};
}

}  // namespace

class TestClusterNode : public QObject {
    Q_OBJECT

    LocalCluster cluster_;
    HostState before_;
    QString nodePort_;

private Q_SLOTS:
    void initTestCase() {
        HELMDECK_REQUIRE(geteuid() == 0, "root", "the real node needs root (containerd, kubelet, a bridge)");
        HELMDECK_REQUIRE(LocalCluster::canBuild(), "Go (to build the cluster binaries)",
                         "install Go >= 1.26, or run ./dev setup");
        const bool engine = helmdeck::core::ToolRunner::runAndWait(QStringLiteral("docker"),
                                                                   {QStringLiteral("info")}, 20000)
                                .ok();
        HELMDECK_REQUIRE(engine, "a Docker engine", "run ./dev setup (it starts dockerd)");
        // A clean host to compare with: whatever an earlier crashed run left goes first.
        QVERIFY(cluster_.down());
        before_ = hostState();
        QVERIFY2(before_.links.contains(QStringLiteral("docker0")), qPrintable(before_.links.join(' ')));
        QString why;
        QVERIFY2(cluster_.up(&why), qPrintable(why));
        QVERIFY(kubectl({QStringLiteral("create"), QStringLiteral("namespace"), kNamespace}).ok());
    }

    void cleanupTestCase() { cluster_.down(); }

    void nodeIsAKubeletOnContainerd() {
        const CommandResult nodes = kubectl({QStringLiteral("get"), QStringLiteral("nodes"),
                                             QStringLiteral("-o"), QStringLiteral("json")});
        QVERIFY2(nodes.ok(), qPrintable(nodes.describe()));
        const QJsonArray items = nodes.json().object().value(QStringLiteral("items")).toArray();
        QCOMPARE(items.size(), 1);  // no KWOK node unless a test asks for one
        const QJsonObject info = items.first().toObject().value(QStringLiteral("status")).toObject()
                                     .value(QStringLiteral("nodeInfo")).toObject();
        QVERIFY2(info.value(QStringLiteral("containerRuntimeVersion")).toString().startsWith(QLatin1String("containerd://")),
                 qPrintable(info.value(QStringLiteral("containerRuntimeVersion")).toString()));
        QCOMPARE(info.value(QStringLiteral("kubeletVersion")).toString(), QStringLiteral("v1.36.3"));
        QVERIFY(hostState().links.contains(QStringLiteral("docker0")));  // Docker's bridge is untouched
    }

    // A pod of our own: busybox's httpd behind a NodePort, to look at the pod network from inside.
    void podGetsClusterDnsAndNoRouteOut() {
        const QString manifest = QStringLiteral(R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Pod",
   "metadata": {"name": "netcheck", "namespace": "%1", "labels": {"app": "netcheck"}},
   "spec": {"automountServiceAccountToken": false, "containers": [{"name": "httpd",
     "image": "%2", "imagePullPolicy": "Never",
     "command": ["/bin/sh", "-c", "mkdir -p /tmp/www && echo netcheck-ok > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www"],
     "ports": [{"containerPort": 8080}]}]}},
  {"apiVersion": "v1", "kind": "Service",
   "metadata": {"name": "netcheck", "namespace": "%1"},
   "spec": {"type": "NodePort", "selector": {"app": "netcheck"}, "ports": [{"port": 80, "targetPort": 8080}]}}]})")
                                     .arg(kNamespace, QString::fromLocal8Bit(qgetenv("HELMDECK_CLUSTER_HELPER_IMAGE")));
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("netcheck.json")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(manifest.toUtf8());
        file.close();
        const CommandResult applied = kubectl({QStringLiteral("apply"), QStringLiteral("-f"), file.fileName()});
        QVERIFY2(applied.ok(), qPrintable(applied.describe()));
        const CommandResult ready = kubectl({QStringLiteral("wait"), QStringLiteral("--namespace"), kNamespace,
                                             QStringLiteral("--for"), QStringLiteral("condition=Ready"),
                                             QStringLiteral("--timeout"), QStringLiteral("90s"), QStringLiteral("pod/netcheck")});
        QVERIFY2(ready.ok(), qPrintable(ready.describe()));
        auto exec = [](const QStringList& command) {
            return kubectl(QStringList{QStringLiteral("exec"), QStringLiteral("--namespace"), kNamespace,
                                       QStringLiteral("netcheck"), QStringLiteral("--")} + command);
        };
        const CommandResult routes = exec({QStringLiteral("ip"), QStringLiteral("route")});
        QVERIFY2(routes.ok(), qPrintable(routes.describe()));
        QVERIFY2(!routes.out.contains("default"), routes.out.constData());
        QVERIFY2(routes.out.contains("10.96.0.0/16 via 10.244.0.1"), routes.out.constData());
        // Service names resolve through CoreDNS at the kube-dns Service address.
        const CommandResult dns = exec({QStringLiteral("nslookup"),
                                        QStringLiteral("kube-dns.kube-system.svc.cluster.local")});
        QVERIFY2(dns.ok() && dns.out.contains("10.96.0.10"), qPrintable(dns.describe() + dns.out));
        // Nothing outside is reachable: the kernel has no route for it.
        const CommandResult outside = exec({QStringLiteral("ip"), QStringLiteral("route"),
                                            QStringLiteral("get"), QStringLiteral("1.1.1.1")});
        QVERIFY(!outside.ok());
        QVERIFY2(outside.err.contains("Network is unreachable"), outside.err.constData());
    }

    void nothingMasqueradesThePodNetwork() {
        const QStringList nat = run(QStringLiteral("iptables"), {QStringLiteral("-w"), QStringLiteral("-t"),
                                                                 QStringLiteral("nat"), QStringLiteral("-S")})
                                    .split(QLatin1Char('\n'));
        for (const QString& rule : nat) {
            if (!rule.contains(QLatin1String("MASQUERADE"))) continue;
            // kube-proxy masquerades only packets it marked (KUBE-POSTROUTING returns the rest
            // first: Service traffic from outside the pod CIDR, e.g. 127.0.0.1 to a NodePort);
            // Docker only its own bridges' subnets.
            QVERIFY2(!rule.contains(QLatin1String("-s 10.244.")), qPrintable(rule));
            QVERIFY2(rule.startsWith(QLatin1String("-A KUBE-POSTROUTING")) ||
                         rule.contains(QLatin1String("-s 172.")),
                     qPrintable(rule));
        }
        QVERIFY2(nat.contains(QStringLiteral("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN")),
                 qPrintable(nat.join('\n')));
        const QString chain = run(QStringLiteral("iptables"), {QStringLiteral("-w"), QStringLiteral("-S"),
                                                               QStringLiteral("HELMDECK-NODE-FORWARD")});
        QVERIFY2(chain.contains(QStringLiteral("-s %1 ! -o %2 -j DROP").arg(kPodCidr, kBridge)), qPrintable(chain));
        const QStringList forward = run(QStringLiteral("iptables"), {QStringLiteral("-w"), QStringLiteral("-S"),
                                                                     QStringLiteral("FORWARD")})
                                        .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(forward.size() > 1);
        // First, before kube-proxy's and Docker's rules: nothing they accept leaves the bridge.
        QCOMPARE(forward.at(1), QStringLiteral("-A FORWARD -j HELMDECK-NODE-FORWARD"));
    }

    void nodePortAnswersOnLoopbackOnly() {
        const CommandResult port = kubectl({QStringLiteral("get"), QStringLiteral("service"), QStringLiteral("netcheck"),
                                            QStringLiteral("--namespace"), kNamespace, QStringLiteral("-o"),
                                            QStringLiteral("jsonpath={.spec.ports[0].nodePort}")});
        QVERIFY2(port.ok() && !port.out.isEmpty(), qPrintable(port.describe()));
        nodePort_ = QString::fromUtf8(port.out);
        // kube-proxy programs the endpoint a moment after the pod turns Ready.
        const QString url = QStringLiteral("http://127.0.0.1:%1/").arg(nodePort_);
        QTRY_COMPARE_WITH_TIMEOUT(http_request("GET", url, {}, {}, 2000).status, 200, 30000);
        QVERIFY(http_request("GET", url).body.contains("netcheck-ok"));
        const QString nat = run(QStringLiteral("iptables"), {QStringLiteral("-w"), QStringLiteral("-t"),
                                                             QStringLiteral("nat"), QStringLiteral("-S"), QStringLiteral("KUBE-SERVICES")});
        for (const QString& rule : nat.split(QLatin1Char('\n')))
            if (rule.contains(QLatin1String("KUBE-NODEPORTS")))
                // kube-proxy resolves --nodeport-addresses to the node's own addresses in them.
                QVERIFY2(rule.contains(QRegularExpression(QStringLiteral(
                             "-d (127\\.0\\.0\\.1/32|127\\.0\\.0\\.0/8|10\\.244\\.0\\.1/32) "))),
                         qPrintable(rule));
        const QString external = externalAddress();
        if (!external.isEmpty()) {
            const HttpReply outside = http_request("GET", QStringLiteral("http://%1:%2/").arg(external, nodePort_),
                                                   {}, {}, 3000);
            QVERIFY2(outside.status == 0, qPrintable(external));
        }
    }

    void controlPlaneListensOnLoopbackOnly() {
        QMap<QString, QString> pidToName;
        const QDir pids(cluster_.runDir() + QStringLiteral("/pids"));
        for (const QString& file : pids.entryList({QStringLiteral("*.pid")})) {
            QFile pidFile(pids.filePath(file));
            if (pidFile.open(QIODevice::ReadOnly)) pidToName.insert(QString::fromUtf8(pidFile.readAll()).trimmed(), file.section('.', 0, 0));
        }
        QVERIFY(!pidToName.key(QStringLiteral("kube-apiserver")).isEmpty());
        int checked = 0;
        const QString sockets = run(QStringLiteral("ss"), {QStringLiteral("-Htlnp")});
        for (const QString& line : sockets.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            for (auto it = pidToName.cbegin(); it != pidToName.cend(); ++it) {
                if (!line.contains(QStringLiteral("pid=%1,").arg(it.key()))) continue;
                const QString local = line.simplified().split(QLatin1Char(' ')).value(3);
                const bool node = it.value() == QLatin1String("kubelet");
                QVERIFY2(local.startsWith(QLatin1String("127.0.0.1:")) ||
                             (node && local.startsWith(kNodeIp + QLatin1Char(':'))),
                         qPrintable(it.value() + QStringLiteral(" listens on ") + local));
                ++checked;
            }
        }
        QVERIFY2(checked >= 6, qPrintable(sockets));
    }

    // Last: down removes all of it, and Docker still builds a network for a container.
    void downLeavesTheHostAsItWas() {
        QVERIFY(kubectl({QStringLiteral("delete"), QStringLiteral("namespace"), kNamespace, QStringLiteral("--wait=false")}).ok());
        QString why;
        QVERIFY2(cluster_.down(&why), qPrintable(why));
        const HostState after = hostState();
        QVERIFY2(after.links == before_.links, qPrintable(QStringLiteral("links added: %1; gone: %2")
                                                              .arg(difference(after.links, before_.links).join(' '),
                                                                   difference(before_.links, after.links).join(' '))));
        QVERIFY2(after.chains == before_.chains, qPrintable(QStringLiteral("chains added: %1; gone: %2")
                                                                .arg(difference(after.chains, before_.chains).join(' '),
                                                                     difference(before_.chains, after.chains).join(' '))));
        QVERIFY2(after.mounts == before_.mounts, qPrintable(QStringLiteral("mounts added: %1; gone: %2")
                                                                .arg(difference(after.mounts, before_.mounts).join(' '),
                                                                     difference(before_.mounts, after.mounts).join(' '))));
        const QString left = run(QStringLiteral("pgrep"), {QStringLiteral("-af"), cluster_.runDir()});
        QVERIFY2(left.trimmed().isEmpty(), qPrintable(left));
        if (!nodePort_.isEmpty())
            QCOMPARE(http_request("GET", QStringLiteral("http://127.0.0.1:%1/").arg(nodePort_), {}, {}, 3000).status, 0);
        const CommandResult container = runCommand(
            QStringLiteral("docker"),
            {QStringLiteral("run"), QStringLiteral("--rm"), QStringLiteral("--network"), QStringLiteral("bridge"),
             QStringLiteral("debian:bookworm-slim"), QStringLiteral("true")},
            kToolTimeoutMs * 2);
        QVERIFY2(container.ok(), qPrintable(container.describe()));
    }
};

QTEST_MAIN(TestClusterNode)
#include "test_cluster_node.moc"
