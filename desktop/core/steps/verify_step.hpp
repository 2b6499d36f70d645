#pragma once
// Verify: poll `kubectl get deployment/pods -o json` until the rollout is done and pods are Ready.

#include <QDeadlineTimer>
#include <QTimer>

#include "core/steps/tool_step.hpp"

namespace helmdeck::core {

class VerifyStep : public ToolStep {
    Q_OBJECT

public:
    explicit VerifyStep(int deadlineMs = 180000, QObject* parent = nullptr);

    QString id() const override { return QStringLiteral("verify"); }
    QString title() const override { return tr("Verify rollout"); }

public Q_SLOTS:
    void cancel() override;

protected:
    void start(RunContext& context) override;

private:
    void poll();
    void checkPods(const QList<PodInfo>& pods, int desired, bool rolledOut);
    void retryOrFail(const QString& why);

    RunContext* context_ = nullptr;
    int deadlineMs_;
    QDeadlineTimer deadline_;
    QTimer pollTimer_;
    QString lastState_;
};

}  // namespace helmdeck::core
