#include "core/pipeline.hpp"

#include <QTimer>

#include "core/paths.hpp"
#include "core/run_history.hpp"

namespace helmdeck::core {

QString nameOf(StepState state) {
    switch (state) {
        case StepState::Idle:
            return QStringLiteral("idle");
        case StepState::Running:
            return QStringLiteral("running");
        case StepState::Ok:
            return QStringLiteral("ok");
        case StepState::Failed:
            return QStringLiteral("failed");
        case StepState::Cancelled:
            return QStringLiteral("cancelled");
        case StepState::Skipped:
            return QStringLiteral("skipped");
    }
    return {};
}

// --- Step -----------------------------------------------------------------------------------

qint64 Step::durationMs() const {
    if (result_.state == StepState::Running) return clock_.elapsed();
    return durationMs_;
}

void Step::run(RunContext& context) {
    result_ = {StepState::Running, {}, {}};
    durationMs_ = 0;
    clock_.start();
    start(context);
}

void Step::skip(const QString& reason) {
    result_ = StepResult::skipped(reason);
    durationMs_ = 0;
}

void Step::cancel() {
    if (isRunning()) finish(StepResult::cancelled());
}

void Step::finish(const StepResult& result) {
    if (result_.state != StepState::Running) return;
    durationMs_ = clock_.elapsed();
    result_ = result;
    if (result_.state == StepState::Running || result_.state == StepState::Idle)
        result_.state = StepState::Ok;
    Q_EMIT finished(result_);
}

// --- Pipeline -------------------------------------------------------------------------------

Pipeline::Pipeline(RunContext context, PipelineOptions options, QObject* parent)
    : QObject(parent), context_(std::move(context)), options_(std::move(options)) {
    qRegisterMetaType<StepResult>();
    qRegisterMetaType<RunReport>();
    qRegisterMetaType<ProbeSample>();
}

Pipeline::~Pipeline() {
    // Steps are children; cancel first so their tools are stopped through the normal path.
    if (running_ && current_ >= 0 && current_ < steps_.size()) {
        Step* step = steps_.at(current_);
        step->disconnect(this);
        step->cancel();
    }
}

void Pipeline::addStep(Step* step) {
    if (running_ || finished_) {
        qWarning("Pipeline::addStep: the pipeline has already started");
        return;
    }
    step->setParent(this);
    const int index = int(steps_.size());
    steps_.append(step);
    connect(step, &Step::progress, this, [this, index](double fraction, const QString& text) {
        Q_EMIT stepProgress(index, fraction, text);
    });
    connect(step, &Step::logLine, this,
            [this, index](const QString& line) { Q_EMIT stepLog(index, line); });
    connect(step, &Step::finished, this,
            [this, index](const StepResult& result) { onStepFinished(index, result); });
    connect(step, &Step::probeSample, this, &Pipeline::probeSample);
    connect(step, &Step::detail, this,
            [this, index](const QVariantMap& detail) { Q_EMIT stepDetail(index, detail); });
}

void Pipeline::start() {
    if (running_ || finished_) return;
    running_ = true;
    if (!context_.startedAt.isValid()) context_.startedAt = QDateTime::currentDateTimeUtc();
    Q_EMIT started();
    // Queued: observers connected right after start() still see the first step start.
    QTimer::singleShot(0, this, &Pipeline::startNext);
}

void Pipeline::cancel() {
    if (!running_ || cancelRequested_) return;
    cancelRequested_ = true;
    if (current_ >= 0 && current_ < steps_.size() &&
        steps_.at(current_)->state() == StepState::Running)
        steps_.at(current_)->cancel();
    else
        QTimer::singleShot(0, this, &Pipeline::startNext);  // between steps: wind down now
}

void Pipeline::startNext() {
    if (!running_) return;
    if (current_ >= 0 && current_ < steps_.size() &&
        steps_.at(current_)->state() == StepState::Running)
        return;  // a queued call raced with a running step
    ++current_;
    if (cancelRequested_) {
        for (int i = current_; i < steps_.size(); ++i) steps_.at(i)->skip(tr("run cancelled"));
        complete();
        return;
    }
    if (current_ >= steps_.size()) {
        complete();
        return;
    }
    Q_EMIT stepStarted(current_);
    steps_.at(current_)->run(context_);
}

void Pipeline::onStepFinished(int index, const StepResult& result) {
    Q_EMIT stepFinished(index, result);
    if (context_.endpointUrl != announcedEndpoint_ && context_.endpointUrl.isValid()) {
        announcedEndpoint_ = context_.endpointUrl;
        Q_EMIT endpointReady(announcedEndpoint_);
    }
    if (result.state == StepState::Failed || result.state == StepState::Cancelled) {
        const QString why = result.state == StepState::Cancelled
                                ? tr("run cancelled")
                                : tr("%1 failed").arg(steps_.at(index)->id());
        if (result.state == StepState::Cancelled) cancelRequested_ = true;
        for (int i = index + 1; i < steps_.size(); ++i) steps_.at(i)->skip(why);
        current_ = int(steps_.size());
        // Queued: let the step's own finished() emission unwind before we tear down.
        QTimer::singleShot(0, this, &Pipeline::complete);
        return;
    }
    QTimer::singleShot(0, this, &Pipeline::startNext);
}

void Pipeline::complete() {
    if (finished_) return;
    running_ = false;
    finished_ = true;
    current_ = -1;
    if (!options_.keepServiceRunning && context_.service) {
        context_.service->stop();
        context_.service.reset();
    }
    buildReport();

    outcome_ = Outcome::Pass;
    outcomeReason_.clear();
    outcomeFixHint_.clear();
    for (Step* step : steps_) {
        const StepResult& result = step->result();
        if (result.state == StepState::Failed || result.state == StepState::Cancelled) {
            outcome_ = result.state == StepState::Failed ? Outcome::StepFailed : Outcome::Cancelled;
            outcomeReason_ = QStringLiteral("%1: %2").arg(step->id(), result.reason);
            outcomeFixHint_ = result.fixHint;
            break;
        }
    }
    if (outcome_ == Outcome::Pass && cancelRequested_) {
        outcome_ = Outcome::Cancelled;
        outcomeReason_ = tr("run cancelled");
    }
    if (outcome_ == Outcome::Pass && context_.verdict) {
        outcomeReason_ = context_.verdict->reason;
        if (context_.verdict->overall != CheckStatus::Pass) outcome_ = Outcome::SloBreach;
        if (context_.rolledBackTo)
            outcomeReason_ += tr("; rolled back to revision %1").arg(*context_.rolledBackTo);
    }
    if (outcome_ == Outcome::Pass && outcomeReason_.isEmpty()) {
        qsizetype done = 0;
        for (Step* step : steps_) done += step->state() == StepState::Ok ? 1 : 0;
        outcomeReason_ = tr("%1 of %2 steps ok").arg(done).arg(steps_.size());
    }

    const bool recordable =
        options_.kind == PipelineKind::Run || options_.kind == PipelineKind::Probe;
    // A cancelled run measured nothing worth a trend point.
    if (options_.recordHistory && recordable && outcome_ != Outcome::Cancelled) {
        RunRecord record = recordFromReport(report_);
        if (!report_.verdict) {
            record.verdict = CheckStatus::Unknown;
            record.reason = outcomeReason_;
        }
        const QString dir = options_.dataDir.isEmpty() ? appDataDir() : options_.dataDir;
        QString error;
        if (!RunHistory(dir).append(record, &error))
            qWarning("could not record the run in %s: %s", qPrintable(dir), qPrintable(error));
    }
    Q_EMIT finished(report_);
}

bool Pipeline::releaseStepFailed() const {
    static const QStringList releaseSteps{QStringLiteral("deploy"), QStringLiteral("verify"),
                                          QStringLiteral("endpoint"), QStringLiteral("rollback")};
    if (context_.target != Target::Cluster) return false;
    for (const Step* step : steps_)
        if (step->state() == StepState::Failed && releaseSteps.contains(step->id())) return true;
    return false;
}

void Pipeline::buildReport() {
    report_ = RunReport{};
    report_.startedAt = context_.startedAt;
    report_.finishedAt = QDateTime::currentDateTimeUtc();
    report_.gitRevision = context_.gitRevision;
    report_.target = nameOf(context_.target);
    for (Step* step : steps_) {
        StepRecord record;
        record.name = step->id();
        const StepState state = step->state();
        // The report knows ok/failed/cancelled/skipped; a step that never ran was skipped.
        record.status = state == StepState::Idle || state == StepState::Running
                            ? nameOf(StepState::Skipped)
                            : nameOf(state);
        record.durationMs = step->durationMs();
        if (state != StepState::Ok) record.reason = step->result().reason;
        report_.steps.append(record);
    }
    for (const MeasuredImage& image : context_.images)
        if (!image.reference.isEmpty()) report_.images.append({image.reference, image.sizeBytes});
    report_.probe = context_.probe;
    report_.verdict = context_.verdict;
    report_.pods = context_.podResources;
}

}  // namespace helmdeck::core
