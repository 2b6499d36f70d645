#include "core/preflight.hpp"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>

#include "core/parsers/tool_version_parser.hpp"
#include "core/tool_runner.hpp"

namespace helmdeck::core {

namespace {

const QString kDocker = QStringLiteral("docker");
const QString kHelm = QStringLiteral("helm");
const QString kKubectl = QStringLiteral("kubectl");
const QString kMinikube = QStringLiteral("minikube");
const QString kKind = QStringLiteral("kind");
const QString kCtr = QStringLiteral("ctr");
const QString kKubectlAi = QStringLiteral("kubectl-ai");  // optional: the Ops assistant's hand-over

QString installHint(const QString& tool) {
    if (tool == kDocker)
        return QStringLiteral("Install Docker: sudo apt install docker.io (or run ./dev setup)");
    if (tool == kHelm)
        return QStringLiteral(
            "Install Helm: ./dev setup (go install helm.sh/helm/v3/cmd/helm@v3.18.6)");
    if (tool == kKubectl)
        return QStringLiteral("Install kubectl: sudo apt install kubernetes-client");
    if (tool == kMinikube)
        return QStringLiteral(
            "Install minikube (https://minikube.sigs.k8s.io/docs/start/), or set "
            "cluster.imageLoader in helmdeck.yaml");
    if (tool == kKind)
        return QStringLiteral(
            "Install kind: go install sigs.k8s.io/kind@latest, or set cluster.imageLoader "
            "in helmdeck.yaml");
    if (tool == kCtr)
        return QStringLiteral(
            "Install containerd's ctr: sudo apt install containerd, or set cluster.imageLoader "
            "in helmdeck.yaml");
    if (tool == kKubectlAi)
        return QStringLiteral(
            "Optional, only for the Ops assistant's \"ask kubectl-ai\": install kubectl-ai "
            "(https://github.com/GoogleCloudPlatform/kubectl-ai)");
    return {};
}

// `kubectl-ai version` prints "version: 0.0.x" (and commit, date): the first x.y.z is it.
QString parseKubectlAiVersion(const QString& output) {
    static const QRegularExpression version(QStringLiteral("v?(\\d+\\.\\d+\\.\\d+[^\\s]*)"));
    return version.match(output).captured(1);
}

// Go tools land in ~/go/bin, which is often not on PATH: say so instead of "not installed".
QString goBinCopy(const QString& tool) {
    const QString candidate = QDir::home().filePath(QStringLiteral("go/bin/") + tool);
    return QFileInfo(candidate).isExecutable() ? candidate : QString();
}

bool reachabilityMatters(const QString& tool) {
    return tool == kDocker || tool == kKubectl;
}

}  // namespace

const PreflightItem* PreflightReport::item(const QString& tool) const {
    for (const PreflightItem& candidate : items)
        if (candidate.tool == tool) return &candidate;
    return nullptr;
}

QStringList PreflightReport::toolsFor(Target target, ImageLoader loader,
                                      const QString& kubeContext) {
    switch (target) {
        case Target::Local:
            return {};
        case Target::Docker:
            return {kDocker};
        case Target::Cluster:
            break;
    }
    QStringList tools{kDocker, kHelm, kKubectl};
    if (loader == ImageLoader::Auto) {
        if (kubeContext.startsWith(kMinikube))
            loader = ImageLoader::Minikube;
        else if (kubeContext.startsWith(QLatin1String("kind-")))
            loader = ImageLoader::Kind;
        else if (kubeContext == QLatin1String("helmdeck-test"))
            loader = ImageLoader::Containerd;
    }
    if (loader == ImageLoader::Minikube) tools << kMinikube;
    if (loader == ImageLoader::Kind) tools << kKind;
    if (loader == ImageLoader::Containerd) tools << kCtr;
    return tools;
}

QList<PreflightItem> PreflightReport::problemsFor(Target target, ImageLoader loader) const {
    QList<PreflightItem> problems;
    for (const QString& tool : toolsFor(target, loader, kubeContext)) {
        const PreflightItem* checked = item(tool);
        if (!checked) {
            PreflightItem unchecked;
            unchecked.tool = tool;
            unchecked.problem = QStringLiteral("%1 was not checked").arg(tool);
            unchecked.fixHint = QStringLiteral("Run the preflight with %1 included").arg(tool);
            problems << unchecked;
        } else if (!checked->ok()) {
            problems << *checked;
        }
    }
    return problems;
}

Preflight::Preflight(QObject* parent) : QObject(parent) {
    qRegisterMetaType<PreflightItem>();
    qRegisterMetaType<PreflightReport>();
}

// Runners are children: deleting the Preflight kills whatever is still running.
Preflight::~Preflight() = default;

QStringList Preflight::allTools() {
    return {kDocker, kHelm, kKubectl, kMinikube, kKind, kCtr, kKubectlAi};
}

void Preflight::run(const QStringList& tools) {
    if (isRunning()) {
        qWarning("Preflight::run: already running");
        return;
    }
    order_ = tools;
    done_.clear();
    kubeContext_.clear();
    pending_ = QSet<QString>(tools.begin(), tools.end());
    if (pending_.isEmpty()) {
        QTimer::singleShot(0, this, [this] { Q_EMIT finished(PreflightReport{}); });
        return;
    }
    for (const QString& tool : QStringList(pending_.begin(), pending_.end())) {
        if (tool == kDocker)
            checkDocker();
        else if (tool == kHelm)
            checkHelm();
        else if (tool == kKubectl)
            checkKubectl();
        else if (tool == kMinikube)
            checkSimple(tool, {QStringLiteral("version"), QStringLiteral("--short")},
                        &parseMinikubeVersion);
        else if (tool == kKind)
            checkSimple(tool, {QStringLiteral("version")}, &parseKindVersion);
        else if (tool == kCtr)
            checkSimple(tool, {QStringLiteral("--version")}, &parseCtrVersion);
        else if (tool == kKubectlAi)
            checkSimple(tool, {QStringLiteral("version")}, &parseKubectlAiVersion);
        else {
            PreflightItem unknown;
            unknown.tool = tool;
            unknown.problem = QStringLiteral("unknown tool \"%1\"").arg(tool);
            QTimer::singleShot(0, this, [this, unknown] { complete(unknown); });
        }
    }
}

void Preflight::runCommand(const QString& program, const QStringList& arguments, Next next) {
    auto* runner = new ToolRunner(this);
    runner->setCaptureStdout(true);
    runner->setEmitStdoutLines(false);
    runner->setKillGraceMs(1000);
    connect(runner, &ToolRunner::finished, this,
            [runner, next = std::move(next)](const ToolResult& result) {
                runner->deleteLater();
                next(result);
            });
    runner->start(program, arguments, {}, timeoutMs_);
}

void Preflight::missing(PreflightItem& item, const ToolResult& result) {
    item.found = false;
    const QString inGoBin =
        result.status == ToolResult::NotFound ? goBinCopy(item.tool) : QString();
    if (!inGoBin.isEmpty()) {
        item.problem = QStringLiteral("%1 is in %2, which is not on PATH")
                           .arg(item.tool, QFileInfo(inGoBin).path());
        item.fixHint = QStringLiteral("Add it to PATH: export PATH=\"$HOME/go/bin:$PATH\"");
    } else if (result.status == ToolResult::NotFound) {
        item.problem = QStringLiteral("%1 is not installed (not found on PATH)").arg(item.tool);
        item.fixHint = installHint(item.tool);
    } else {
        item.found = true;
        item.path = result.program;
        const QString why =
            result.reason.isEmpty() ? QStringLiteral("it printed no version") : result.reason;
        item.problem = QStringLiteral("%1 does not work: %2").arg(item.tool, why);
        item.fixHint = installHint(item.tool);
    }
}

void Preflight::checkDocker() {
    runCommand(
        kDocker,
        {QStringLiteral("version"), QStringLiteral("--format"),
         QStringLiteral("{{.Client.Version}}")},
        [this](const ToolResult& version) {
            PreflightItem item;
            item.tool = kDocker;
            // With the daemon down `docker version` exits 1 but still prints the client version.
            const QString clientVersion = parseDockerVersion(QString::fromUtf8(version.stdoutData));
            if (clientVersion.isEmpty()) {
                missing(item, version);
                complete(item);
                return;
            }
            item.found = true;
            item.path = version.program;
            item.version = clientVersion;
            runCommand(
                kDocker,
                {QStringLiteral("info"), QStringLiteral("--format"),
                 QStringLiteral("{{.ServerVersion}}")},
                [this, item](const ToolResult& info) mutable {
                    const QString server = QString::fromUtf8(info.stdoutData).trimmed();
                    item.reachable = info.ok() && !server.isEmpty();
                    if (item.reachable) {
                        item.detail = QStringLiteral("engine %1").arg(server);
                    } else if (info.reason.contains(QLatin1String("permission denied"),
                                                    Qt::CaseInsensitive)) {
                        item.problem = QStringLiteral("the Docker daemon refuses this user: %1")
                                           .arg(info.reason);
                        item.fixHint = QStringLiteral(
                            "Join the docker group: sudo usermod -aG docker $USER, then log in "
                            "again");
                    } else {
                        item.problem = QStringLiteral("the Docker daemon is not reachable: %1")
                                           .arg(info.reason);
                        item.fixHint = QStringLiteral(
                            "Start Docker: sudo systemctl start docker (or run ./dev setup)");
                    }
                    complete(item);
                });
        });
}

void Preflight::checkHelm() {
    checkSimple(kHelm, {QStringLiteral("version"), QStringLiteral("--short")}, &parseHelmVersion,
                [](PreflightItem& item) {
                    if (item.version.startsWith(QLatin1String("v3."))) return;
                    item.problem = QStringLiteral("helm %1 is not Helm 3").arg(item.version);
                    item.fixHint = installHint(kHelm);
                });
}

void Preflight::checkKubectl() {
    runCommand(
        kKubectl,
        {QStringLiteral("version"), QStringLiteral("--client"), QStringLiteral("-o"),
         QStringLiteral("json")},
        [this](const ToolResult& client) {
            PreflightItem item;
            item.tool = kKubectl;
            if (!client.ok()) {
                missing(item, client);
                complete(item);
                return;
            }
            item.found = true;
            item.path = client.program;
            item.version = parseKubectlVersion(client.stdoutData).client;
            runCommand(
                kKubectl, {QStringLiteral("config"), QStringLiteral("current-context")},
                [this, item](const ToolResult& context) mutable {
                    kubeContext_ =
                        context.ok() ? QString::fromUtf8(context.stdoutData).trimmed() : QString();
                    if (kubeContext_.isEmpty()) {
                        item.problem = QStringLiteral("kubectl has no current context");
                        item.fixHint = QStringLiteral(
                            "Start a local cluster: minikube start (or kind create cluster), "
                            "or pick one with kubectl config use-context NAME");
                        complete(item);
                        return;
                    }
                    // An unreachable API server is told in seconds, whatever the hang guard.
                    const int seconds = qMax(1, qMin(5, timeoutMs_ / 1000 - 1));
                    runCommand(
                        kKubectl,
                        {QStringLiteral("version"), QStringLiteral("-o"), QStringLiteral("json"),
                         QStringLiteral("--request-timeout=%1s").arg(seconds)},
                        [this, item](const ToolResult& server) mutable {
                            const QString serverVersion =
                                parseKubectlVersion(server.stdoutData).server;
                            item.reachable = !serverVersion.isEmpty();
                            if (item.reachable) {
                                item.detail = QStringLiteral("context %1, server %2")
                                                  .arg(kubeContext_, serverVersion);
                            } else {
                                item.detail = QStringLiteral("context %1").arg(kubeContext_);
                                item.problem =
                                    QStringLiteral(
                                        "the cluster of context \"%1\" is not reachable: %2")
                                        .arg(kubeContext_, server.reason);
                                item.fixHint = kubeContext_.startsWith(kMinikube)
                                                   ? QStringLiteral("Start it: minikube start")
                                                   : QStringLiteral(
                                                         "Start the cluster, or check it with "
                                                         "kubectl cluster-info");
                            }
                            complete(item);
                        });
                });
        });
}

void Preflight::checkSimple(const QString& tool, const QStringList& arguments,
                            QString (*parse)(const QString&),
                            std::function<void(PreflightItem&)> vet) {
    runCommand(tool, arguments, [this, tool, parse, vet](const ToolResult& result) {
        PreflightItem item;
        item.tool = tool;
        if (!result.ok()) {
            missing(item, result);
        } else {
            item.found = true;
            item.reachable = true;
            item.path = result.program;
            item.version = parse(QString::fromUtf8(result.stdoutData));
            if (vet) vet(item);
        }
        complete(item);
    });
}

void Preflight::complete(const PreflightItem& item) {
    done_ << item;
    pending_.remove(item.tool);
    Q_EMIT itemReady(item);
    if (!pending_.isEmpty()) return;
    PreflightReport report;
    report.kubeContext = kubeContext_;
    for (const QString& tool : order_)
        for (const PreflightItem& candidate : done_)
            if (candidate.tool == tool && !report.item(tool)) report.items << candidate;
    Q_EMIT finished(report);
}

}  // namespace helmdeck::core
