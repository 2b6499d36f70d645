#include "core/steps/endpoint_step.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/port_forward.hpp"

namespace helmdeck::core {

namespace {
constexpr int kKubectlTimeoutMs = 30000;
constexpr int kReadyDeadlineMs = 60000;

// An always-reachable URL given in the profile.
class ExternalService : public RunningService {
public:
    explicit ExternalService(QUrl url) : url_(std::move(url)) {}
    Kind kind() const override { return Kind::External; }
    QUrl url() const override { return url_; }
    QString description() const override { return url_.toString(); }
    bool isRunning() const override { return true; }
    void stop() override {}

private:
    QUrl url_;
};
}  // namespace

bool EndpointStep::isWebFrontend(const QJsonObject& service) {
    return service.value(QStringLiteral("metadata"))
               .toObject()
               .value(QStringLiteral("labels"))
               .toObject()
               .value(QStringLiteral("app.kubernetes.io/component"))
               .toString() == QLatin1String("web");
}

QJsonObject EndpointStep::preferredService(const QJsonArray& services) {
    for (const QJsonValue& service : services)
        if (isWebFrontend(service.toObject())) return service.toObject();
    return services.isEmpty() ? QJsonObject() : services.first().toObject();
}

EndpointStep::EndpointStep(QObject* parent) : ToolStep(parent) {
    connect(&poller_, &ReadinessPoller::ready, this, [this] {
        context_->endpointUrl = url_;
        if (webFrontend_) context_->webUrl = url_;
        if (forward_) {
            context_->service = forward_;
            disconnect(forward_.get(), &RunningService::logLine, this, &Step::logLine);
        } else {
            context_->service = std::make_shared<ExternalService>(url_);
        }
        Q_EMIT progress(1.0, tr("ready on %1").arg(url_.toString()));
        finish(StepResult::ok(url_.toString()));
    });
    connect(&poller_, &ReadinessPoller::timedOut, this, [this](const QString& lastError) {
        if (forward_) forward_->stop();
        finish(StepResult::failed(
            tr("the backend is not ready through %1: %2").arg(url_.toString(), lastError),
            tr("check the pods with helmdeck-cli status")));
    });
}

void EndpointStep::start(RunContext& context) {
    context_ = &context;
    runner().setEmitStdoutLines(false);
    forward_.reset();
    webFrontend_ = false;
    if (context.profile.cluster.endpoint == EndpointKind::Url) {
        if (!context.profile.cluster.url.isEmpty()) {
            awaitReady(QUrl(context.profile.cluster.url));
            return;
        }
        finish(StepResult::failed(tr("cluster.endpoint is url but cluster.url is empty"),
                                  tr("set cluster.url in the profile")));
        return;
    }
    Q_EMIT progress(0.1, tr("looking up the service"));
    // The backend's Service and, when the chart deploys it, the web frontend's.
    const QString selector =
        QStringLiteral("app.kubernetes.io/instance=%1,app.kubernetes.io/component in (api,web)")
            .arg(context.profile.release.name);
    QStringList arguments{QStringLiteral("get"),         QStringLiteral("service"),
                          QStringLiteral("--namespace"), context.profile.release.namespace_,
                          QStringLiteral("-l"),          selector,
                          QStringLiteral("-o"),          QStringLiteral("json")};
    arguments << kubectlContextArgs(context);
    runTool(QStringLiteral("kubectl"), arguments, kKubectlTimeoutMs,
            [this](const ToolResult& result) { onService(result); });
}

void EndpointStep::onService(const ToolResult& result) {
    if (!result.ok()) {
        failWith(result);
        return;
    }
    const QJsonArray items = QJsonDocument::fromJson(result.stdoutData)
                                 .object()
                                 .value(QStringLiteral("items"))
                                 .toArray();
    if (items.isEmpty()) {
        finish(StepResult::failed(
            tr("no service labelled %1 in namespace %2")
                .arg(releaseSelector(*context_), context_->profile.release.namespace_),
            tr("deploy first: helmdeck-cli deploy --target cluster")));
        return;
    }
    const QJsonObject service = preferredService(items);
    webFrontend_ = isWebFrontend(service);
    const QString name = service.value(QStringLiteral("metadata"))
                             .toObject()
                             .value(QStringLiteral("name"))
                             .toString();
    const QJsonObject port = service.value(QStringLiteral("spec"))
                                 .toObject()
                                 .value(QStringLiteral("ports"))
                                 .toArray()
                                 .first()
                                 .toObject();
    if (context_->profile.cluster.endpoint == EndpointKind::NodePort) {
        const int node = port.value(QStringLiteral("nodePort")).toInt();
        if (node <= 0) {
            finish(StepResult::failed(
                tr("service %1 has no nodePort").arg(name),
                tr("set service.type=NodePort, or use cluster.endpoint: port-forward")));
            return;
        }
        nodePort(node);
        return;
    }
    forward(name, port.value(QStringLiteral("port")).toInt(80));
}

void EndpointStep::forward(const QString& service, int port) {
    Q_EMIT progress(0.3, tr("port-forward to svc/%1:%2").arg(service).arg(port));
    forward_ = std::make_shared<PortForward>();
    connect(forward_.get(), &RunningService::logLine, this, &Step::logLine);
    connect(forward_.get(), &PortForward::up, this, [this](const QUrl& url) { awaitReady(url); });
    connect(forward_.get(), &PortForward::failed, this, [this](const QString& reason) {
        poller_.stop();
        finish(StepResult::failed(reason, tr("is the pod running? helmdeck-cli status")));
    });
    QStringList extra{QStringLiteral("--namespace"), context_->profile.release.namespace_};
    extra << kubectlContextArgs(*context_);
    forward_->start(QStringLiteral("svc/") + service, port, extra);
}

void EndpointStep::nodePort(int nodePort) {
    QStringList arguments{QStringLiteral("get"), QStringLiteral("nodes"), QStringLiteral("-o"),
                          QStringLiteral("json")};
    arguments << kubectlContextArgs(*context_);
    runTool(QStringLiteral("kubectl"), arguments, kKubectlTimeoutMs,
            [this, nodePort](const ToolResult& result) {
                if (!result.ok()) {
                    failWith(result);
                    return;
                }
                const QJsonArray nodes = QJsonDocument::fromJson(result.stdoutData)
                                             .object()
                                             .value(QStringLiteral("items"))
                                             .toArray();
                QString address;
                for (const auto& node : nodes) {
                    const QJsonArray addresses = node.toObject()
                                                     .value(QStringLiteral("status"))
                                                     .toObject()
                                                     .value(QStringLiteral("addresses"))
                                                     .toArray();
                    for (const auto& entry : addresses)
                        if (entry.toObject().value(QStringLiteral("type")).toString() ==
                            QLatin1String("InternalIP"))
                            address = entry.toObject().value(QStringLiteral("address")).toString();
                    if (!address.isEmpty()) break;
                }
                if (address.isEmpty()) {
                    finish(StepResult::failed(tr("no node has an InternalIP address"),
                                              tr("use cluster.endpoint: port-forward")));
                    return;
                }
                awaitReady(QUrl(QStringLiteral("http://%1:%2").arg(address).arg(nodePort)));
            });
}

void EndpointStep::awaitReady(const QUrl& url) {
    url_ = url;
    Q_EMIT logLine(tr("waiting for %1/api/ready").arg(url.toString()));
    Q_EMIT progress(0.6, tr("waiting for %1").arg(url.toString()));
    poller_.start(url, kReadyDeadlineMs, 250);
}

void EndpointStep::cancel() {
    if (!isRunning()) return;
    poller_.stop();
    if (forward_) {
        forward_->disconnect(this);
        forward_->stop();
        forward_.reset();
    }
    ToolStep::cancel();
}

}  // namespace helmdeck::core
