#include "core/steps/endpoint_step.hpp"

#include "core/port_forward.hpp"

namespace helmdeck::core {

namespace {
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

bool EndpointStep::isWebFrontend(const ServiceInfo& service) {
    return service.component == QLatin1String("web");
}

ServiceInfo EndpointStep::preferredService(const QList<ServiceInfo>& services) {
    for (const ServiceInfo& service : services)
        if (isWebFrontend(service)) return service;
    return services.isEmpty() ? ServiceInfo() : services.first();
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
    setLogStdout(false);
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
    call(kubectl(context).services(selector),
         [this](const ToolReply<QList<ServiceInfo>>& reply) { onService(reply); });
}

void EndpointStep::onService(const ToolReply<QList<ServiceInfo>>& reply) {
    if (!reply.ok()) {
        failWith(reply);
        return;
    }
    if (reply.value->isEmpty()) {
        finish(StepResult::failed(
            tr("no service labelled %1 in namespace %2")
                .arg(releaseSelector(*context_), context_->profile.release.namespace_),
            tr("deploy first: helmdeck-cli deploy --target cluster")));
        return;
    }
    const ServiceInfo service = preferredService(*reply.value);
    webFrontend_ = isWebFrontend(service);
    if (context_->profile.cluster.endpoint == EndpointKind::NodePort) {
        if (service.nodePort <= 0) {
            finish(StepResult::failed(
                tr("service %1 has no nodePort").arg(service.name),
                tr("set service.type=NodePort, or use cluster.endpoint: port-forward")));
            return;
        }
        nodePort(service.nodePort);
        return;
    }
    forward(service.name, service.port);
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
    forward_->start(kubectl(*context_), QStringLiteral("svc/") + service, port);
}

void EndpointStep::nodePort(int nodePort) {
    call(kubectl(*context_).nodes(), [this, nodePort](const ToolReply<QList<NodeInfo>>& reply) {
        if (!reply.ok()) {
            failWith(reply);
            return;
        }
        QString address;
        for (const NodeInfo& node : *reply.value)
            if (address.isEmpty()) address = node.internalIp;
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
