#pragma once
// The deployment pipeline: an ordered list of steps that the GUI and the CLI both observe.

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QUrl>
#include <QVariantMap>
#include <functional>
#include <memory>
#include <optional>

#include "core/diff/manifest_diff.hpp"
#include "core/latency_probe.hpp"
#include "core/parsers/docker_image_parser.hpp"
#include "core/parsers/helm_parser.hpp"
#include "core/parsers/kubectl_parser.hpp"
#include "core/preflight.hpp"
#include "core/profile.hpp"
#include "core/run_report.hpp"
#include "core/running_service.hpp"
#include "core/verdict.hpp"

namespace helmdeck::core {

enum class StepState { Idle, Running, Ok, Failed, Cancelled, Skipped };

/// "idle", "running", "ok", "failed", "cancelled", "skipped" (the report spelling).
QString nameOf(StepState state);

/// How a step ended. `reason` is one line for the user; `fixHint` says what to do about it.
struct StepResult {
    StepState state = StepState::Idle;
    QString reason;
    QString fixHint;

    static StepResult ok(const QString& detail = {}) { return {StepState::Ok, detail, {}}; }
    static StepResult failed(const QString& reason, const QString& fixHint = {}) {
        return {StepState::Failed, reason, fixHint};
    }
    static StepResult cancelled() {
        return {StepState::Cancelled, QStringLiteral("cancelled"), {}};
    }
    static StepResult skipped(const QString& reason) { return {StepState::Skipped, reason, {}}; }
};

/// An image the Build step produced and the Measure step sized.
struct MeasuredImage {
    QString name;              ///< profile name, e.g. "todo-chatbot"
    QString reference;         ///< "todo-chatbot:0.1.0-3f2a1c9"
    QString tag;               ///< "0.1.0-3f2a1c9"
    qint64 sizeBytes = -1;     ///< -1 until measured
    QList<ImageLayer> layers;  ///< newest first, as docker history prints them
};

/// Everything the steps share and produce. Owned by the Pipeline; read it through context().
struct RunContext {
    Profile profile;
    Target target = Target::Local;
    QString workspaceRoot;  ///< folder of the profile (build contexts resolve against it)
    QString gitRevision;    ///< short hash, "unknown" outside a git checkout
    QDateTime startedAt;

    std::optional<PreflightReport> preflight;
    QList<MeasuredImage> images;  ///< one per profile image, filled by Build then Measure

    /// Where the backend answers (local process, container port, port-forward, NodePort, URL).
    QUrl endpointUrl;
    /// The running backend / container / port-forward behind endpointUrl. Shared so the GUI's
    /// chat pane can keep it after the pipeline is gone; destroying the last copy stops it.
    std::shared_ptr<RunningService> service;
    /// The web frontend's URL when the endpoint is its Service (the URL a person opens).
    QUrl webUrl;

    std::optional<ProbeSummary> probe;
    std::optional<Verdict> verdict;

    // Cluster target.
    QString kubeContext;                 ///< the profile's context, else kubectl's current one
    std::optional<HelmRelease> release;  ///< after Deploy / Status / Rollback
    QList<HelmRevision> revisions;       ///< oldest first, after Status / Rollback
    QList<PodInfo> pods;                 ///< after Verify / Status
    std::optional<int> rolledBackTo;     ///< set by the Rollback step
    std::optional<ReleaseDiff> diff;     ///< set by the Diff step
    QList<PodResourceRecord> podResources;  ///< sampled by the Probe step

    /// Asked by the Diff step before anything is deployed: show `diff`, then call `answer`
    /// (true: deploy). Unset: the Diff step only reports.
    using DiffConfirmation = std::function<void(const ReleaseDiff& diff,
                                                std::function<void(bool yes)> answer)>;
    DiffConfirmation confirmDiff;
};

/// One unit of work. Subclasses implement start() and finish exactly once through finish().
class Step : public QObject {
    Q_OBJECT

public:
    explicit Step(QObject* parent = nullptr) : QObject(parent) {}

    virtual QString id() const = 0;     ///< stable, lower-case: "build", "deploy", "probe" …
    virtual QString title() const = 0;  ///< translated, for the GUI rail: tr("Build image")

    StepState state() const { return result_.state; }
    const StepResult& result() const { return result_; }
    /// Elapsed while running, the final duration once finished, 0 when it never ran.
    qint64 durationMs() const;

    /// Called by the Pipeline: marks Running, starts the clock, calls start().
    void run(RunContext& context);
    /// Called by the Pipeline for steps that never run (after a failure or a cancel).
    void skip(const QString& reason);

public Q_SLOTS:
    /// Asks the step to stop; it must then finish with Cancelled (the default does at once).
    virtual void cancel();

Q_SIGNALS:
    void progress(double fraction, const QString& text);
    void logLine(const QString& line);
    /// One live measurement (steps that probe emit it; the pipeline forwards it to the charts).
    void probeSample(const helmdeck::core::ProbeSample& sample);
    /// A structured update for the GUI's step card (e.g. the rollout's ReplicaSet counts).
    void detail(const QVariantMap& detail);
    void finished(const helmdeck::core::StepResult& result);

protected:
    virtual void start(RunContext& context) = 0;
    /// Ends the step; later calls are ignored. Emits finished (directly, not queued).
    void finish(const StepResult& result);
    bool isRunning() const { return result_.state == StepState::Running; }

private:
    StepResult result_;
    QElapsedTimer clock_;
    qint64 durationMs_ = 0;
};

/// What a pipeline is for: the CLI subcommands and the GUI's buttons map onto these.
enum class PipelineKind {
    Run,        ///< the whole path for the target: up to the endpoint, then probe and verdict
    Preflight,  ///< the tool checks only
    Build,      ///< build and measure the images (needs docker, whatever the target)
    Deploy,     ///< up to a live endpoint (local: start the backend; docker: run the container)
    Probe,      ///< reach the endpoint without building, then probe and verdict
    Endpoint,   ///< reach the endpoint only (for chat)
    Status,     ///< helm status/history and the pods (cluster)
    Rollback,   ///< helm rollback to the previous good revision, or options.rollbackRevision
    Uninstall,  ///< helm uninstall (cluster)
    Diff,       ///< what a deploy would change: rendered manifests and values vs the release
};

struct PipelineOptions {
    PipelineKind kind = PipelineKind::Run;
    bool rollbackOnFail = false;          ///< cluster Run: roll back when the verdict fails
    /// cluster Run/Deploy: a Diff step before Deploy (it asks RunContext::confirmDiff).
    bool diffBeforeDeploy = false;
    std::optional<int> rollbackRevision;  ///< Rollback: this revision instead of the previous
    /// Keep the backend/container/port-forward running after finished() (the GUI does; the
    /// CLI does not). When false, the pipeline stops it just before emitting finished().
    bool keepServiceRunning = false;
    bool recordHistory = true;  ///< append Run/Probe results (not cancelled ones) to RunHistory
    QString dataDir;            ///< default appDataDir()
};

class Pipeline : public QObject {
    Q_OBJECT

public:
    Pipeline(RunContext context, PipelineOptions options, QObject* parent = nullptr);
    ~Pipeline() override;

    /// Takes ownership (reparents) and appends. Only before start().
    void addStep(Step* step);
    const QList<Step*>& steps() const { return steps_; }
    int currentStep() const { return current_; }  ///< -1 when not running
    bool isRunning() const { return running_; }
    bool isFinished() const { return finished_; }

    RunContext& context() { return context_; }
    const RunContext& context() const { return context_; }
    const PipelineOptions& options() const { return options_; }
    /// Valid after finished(): what the run produced (also what was recorded in history).
    const RunReport& report() const { return report_; }
    /// The run's outcome in one value: the first failed/cancelled step, else the verdict.
    enum class Outcome { Pass, SloBreach, StepFailed, Cancelled };
    Outcome outcome() const { return outcome_; }
    /// One line naming what went wrong (the breach or the failed step's reason), or a summary.
    QString outcomeReason() const { return outcomeReason_; }
    QString outcomeFixHint() const { return outcomeFixHint_; }
    /// A step that talks to the release failed (deploy, verify, endpoint, rollback): the
    /// analyzers can say why, so the faces offer a diagnosis.
    bool releaseStepFailed() const;

public Q_SLOTS:
    /// Runs the steps in order (asynchronously). A failed or cancelled step skips the rest.
    void start();
    /// Cancels the running step; the rest are skipped; finished() follows.
    void cancel();

Q_SIGNALS:
    void started();
    void stepStarted(int index);
    void stepProgress(int index, double fraction, const QString& text);
    void stepLog(int index, const QString& line);
    void stepFinished(int index, const helmdeck::core::StepResult& result);
    /// Each probe answer, live, for the charts.
    void probeSample(const helmdeck::core::ProbeSample& sample);
    /// A step's structured update (Step::detail).
    void stepDetail(int index, const QVariantMap& detail);
    /// The backend answers at `url` (emitted when a step sets RunContext::endpointUrl).
    void endpointReady(const QUrl& url);
    void finished(const helmdeck::core::RunReport& report);

private:
    void startNext();
    void onStepFinished(int index, const StepResult& result);
    void complete();
    void buildReport();

    RunContext context_;
    PipelineOptions options_;
    QList<Step*> steps_;
    RunReport report_;
    Outcome outcome_ = Outcome::Pass;
    QString outcomeReason_;
    QString outcomeFixHint_;
    int current_ = -1;
    bool running_ = false;
    bool finished_ = false;
    bool cancelRequested_ = false;
    QUrl announcedEndpoint_;
};

/// The initial context for a profile and target: workspace root, git revision, image tags.
RunContext makeRunContext(const Profile& profile, Target target);

/// Builds the step list for `options.kind` and `target`:
///   Run/local    preflight, backend, probe, verdict
///   Run/docker   preflight, build, measure, container, probe, verdict
///   Run/cluster  preflight, build, measure, load, deploy, verify, endpoint, probe, verdict
///                [, rollback when options.rollbackOnFail and the verdict fails]
/// Status, Rollback and Uninstall always act on the cluster (whatever `target`).
Pipeline* makePipeline(const Profile& profile, Target target, const PipelineOptions& options,
                       QObject* parent = nullptr);

/// Expands an image tag template: {version} (project version), {git} (short revision),
/// {timestamp} (UTC yyyyMMddHHmmss). Docker-invalid characters become '-'.
QString expandTagTemplate(const QString& tagTemplate, const QString& gitRevision,
                          const QDateTime& when);

/// The project version compiled into helmdeck_core, e.g. "0.1.0".
QString helmdeckVersion();

}  // namespace helmdeck::core

Q_DECLARE_METATYPE(helmdeck::core::StepResult)
Q_DECLARE_METATYPE(helmdeck::core::RunReport)
