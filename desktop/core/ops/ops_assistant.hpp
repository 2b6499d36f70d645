#pragma once
// Answers one ops request end to end, for the CLI and the GUI alike: reads the cluster (or a
// recorded snapshot), runs the analyzers or resolves the action, passes it through the gate and
// the face's Confirmer, runs it, and reports the answer. Holds no command line of its own.

#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <optional>

#include "core/ops/action_executor.hpp"
#include "core/ops/action_gate.hpp"
#include "core/ops/analyzer.hpp"
#include "core/ops/request_parser.hpp"
#include "core/parsers/pod_usage_parser.hpp"
#include "core/profile.hpp"

namespace helmdeck::ops {

class SnapshotCollector;

struct OpsAnswer {
    QString request;
    QString text;              ///< the answer, for a person
    QList<Finding> findings;   ///< when the request ran the analyzers
    QList<ActionOutcome> ran;  ///< the actions that ran
    QStringList refused;       ///< refusals and declined confirmations
    /// Mutating actions waiting for the user's yes (OpsSettings::deferConfirmation): the GUI
    /// shows each as a card with its exact command, and runs it through runAction on a yes.
    QList<Action> proposed;
    QString error;             ///< the cluster could not be read, or an action failed

    bool healthy() const { return error.isEmpty() && !needsAttention(findings); }
    QJsonObject toJson(const ActionContext& context) const;
};

struct OpsSettings {
    ActionContext context;
    QString dataDir;  ///< where ops-audit.jsonl goes
    ReadOnlySource readOnly = ReadOnlySource::None;
    /// A recorded snapshot to read instead of the cluster (tests, offline demos).
    std::optional<ClusterSnapshot> snapshot;
    /// A face that cannot block on a question (the GUI) gets mutating actions back in
    /// OpsAnswer::proposed instead of a Confirmer call.
    bool deferConfirmation = false;
};

/// The profile's cluster context, namespace, release and chart, the data dir for the audit
/// log, and read-only mode (the profile's setting named first: it is the one to change).
OpsSettings settingsFor(const core::Profile& profile, bool readOnlyFlag);

class OpsAssistant : public QObject {
    Q_OBJECT

public:
    /// `confirmer` asks before mutating actions; it must outlive the assistant.
    OpsAssistant(OpsSettings settings, Confirmer* confirmer, QObject* parent = nullptr);
    ~OpsAssistant() override;

    /// Runs the analyzers; answered() follows.
    void diagnose();
    /// Understands `request` with the offline parser and answers it; answered() follows.
    void ask(const QString& request);
    /// Runs one action for `request` (after the gate and, when mutating, the Confirmer);
    /// actionDone() follows. The LLM path calls this for each tool call.
    void runAction(const Action& action, const QString& request);
    /// The snapshot of the last read (empty before the first).
    const ClusterSnapshot& snapshot() const { return snapshot_; }
    const OpsSettings& settings() const { return settings_; }
    /// Reads the cluster (or takes the recorded snapshot); snapshotReady() follows.
    void readCluster();

Q_SIGNALS:
    void snapshotReady(const QString& error);
    void outputLine(const QString& line);
    /// One action's end: ran (with its outcome), or refused / declined (with the reason).
    void actionDone(bool ran, const helmdeck::ops::ActionOutcome& outcome, const QString& refusal);
    void answered(const helmdeck::ops::OpsAnswer& answer);

private:
    void answerParsed();
    void answerWithAction(const Action& action);
    void answerTopMemory();
    /// The kubelet Summary of each node in turn; metrics.k8s.io (`kubectl top`) when refused.
    void askNodeSummaries(QStringList nodes, QList<core::PodUsageSample> samples);
    void answerTopMemoryFrom(QList<core::PodUsageSample> samples);
    void answerTopMemoryFromMetricsApi();
    void answerUpgradeDiff();
    void finish();

    OpsSettings settings_;
    Confirmer* confirmer_;
    ActionExecutor executor_;
    SnapshotCollector* collector_ = nullptr;
    ClusterSnapshot snapshot_;
    OpsRequest parsed_;
    OpsAnswer answer_;
};

}  // namespace helmdeck::ops

Q_DECLARE_METATYPE(helmdeck::ops::OpsAnswer)
