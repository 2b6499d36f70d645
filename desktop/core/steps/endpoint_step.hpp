#pragma once
// Cluster target: reach the release's Service by port-forward, NodePort or an explicit URL,
// then wait until /api/ready answers through it. The web frontend's Service is preferred when
// the release has one: the page and the API (proxied) both answer there.

#include "core/parsers/kubectl_network_parser.hpp"

#include "core/readiness_poller.hpp"
#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class PortForward;

class EndpointStep : public ToolStep {
    Q_OBJECT

public:
    explicit EndpointStep(QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("endpoint"); }
    QString title() const override { return tr("Open endpoint"); }

    /// The web frontend's Service (component=web) if listed, else the first (the backend's).
    static ServiceInfo preferredService(const QList<ServiceInfo>& services);
    static bool isWebFrontend(const ServiceInfo& service);

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    void onService(const ToolReply<QList<ServiceInfo>>& reply);
    void forward(const QString& service, int port);
    void nodePort(int nodePort);
    void awaitReady(const QUrl& url);

    RunContext* context_ = nullptr;
    ReadinessPoller poller_;
    std::shared_ptr<PortForward> forward_;
    QUrl url_;
    bool webFrontend_ = false;
};

}  // namespace helmdeck::core
