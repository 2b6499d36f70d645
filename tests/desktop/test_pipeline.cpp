// Pipeline mechanics on tiny test steps: order, failure, cancel, signals, outcome, history.

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "core/pipeline.hpp"
#include "core/steps/deploy_step.hpp"
#include "core/steps/endpoint_step.hpp"
#include "core/run_history.hpp"

using namespace helmdeck::core;

namespace {

// Finishes with a fixed result on the next event-loop turn, after one progress and one log line.
class FixedStep : public Step {
    Q_OBJECT
public:
    FixedStep(QString id, StepResult result, int delayMs = 0)
        : id_(std::move(id)), result_(std::move(result)), delayMs_(delayMs) {}
    QString id() const override { return id_; }
    QString title() const override { return id_; }
    int runs = 0;

protected:
    void start(RunContext&) override {
        ++runs;
        Q_EMIT progress(0.5, QStringLiteral("half"));
        Q_EMIT logLine(QStringLiteral("log of %1").arg(id_));
        QTimer::singleShot(delayMs_, this, [this] { finish(result_); });
    }

private:
    QString id_;
    StepResult result_;
    int delayMs_;
};

// Never finishes by itself: only cancel() ends it (the default Step::cancel).
class BlockingStep : public Step {
    Q_OBJECT
public:
    QString id() const override { return QStringLiteral("blocking"); }
    QString title() const override { return QStringLiteral("Blocking"); }

protected:
    void start(RunContext&) override { Q_EMIT progress(0.1, QStringLiteral("waiting")); }
};

// Sets a verdict on the context, as the Verdict step does.
class VerdictSettingStep : public Step {
    Q_OBJECT
public:
    explicit VerdictSettingStep(CheckStatus status) : status_(status) {}
    QString id() const override { return QStringLiteral("verdict"); }
    QString title() const override { return QStringLiteral("Verdict"); }

protected:
    void start(RunContext& context) override {
        Verdict verdict;
        verdict.overall = status_;
        verdict.reason = status_ == CheckStatus::Fail
                             ? QStringLiteral("latency p95 9 ms exceeds the 0 ms budget")
                             : QStringLiteral("all 1 budgets met");
        context.verdict = verdict;
        finish(StepResult::ok());
    }

private:
    CheckStatus status_;
};

class FakeService : public RunningService {
    Q_OBJECT
public:
    explicit FakeService(int* stops) : stops_(stops) {}
    Kind kind() const override { return Kind::External; }
    QUrl url() const override { return QUrl(QStringLiteral("http://127.0.0.1:1")); }
    QString description() const override { return QStringLiteral("fake"); }
    bool isRunning() const override { return true; }
    void stop() override { ++*stops_; }

private:
    int* stops_;
};

class ServiceStep : public Step {
    Q_OBJECT
public:
    explicit ServiceStep(int* stops) : stops_(stops) {}
    QString id() const override { return QStringLiteral("backend"); }
    QString title() const override { return QStringLiteral("Backend"); }

protected:
    void start(RunContext& context) override {
        context.service = std::make_shared<FakeService>(stops_);
        context.endpointUrl = context.service->url();
        finish(StepResult::ok());
    }

private:
    int* stops_;
};

RunContext testContext() {
    RunContext context;
    context.target = Target::Local;
    context.gitRevision = QStringLiteral("abc1234");
    return context;
}

QStringList stepIds(const Pipeline& pipeline) {
    QStringList ids;
    for (const Step* step : pipeline.steps()) ids << step->id();
    return ids;
}

}  // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dataDir_;

    PipelineOptions options(PipelineKind kind = PipelineKind::Build) {
        PipelineOptions result;
        result.kind = kind;  // Build: not recorded in history unless a test asks for Run
        result.dataDir = dataDir_.path();
        return result;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dataDir_.isValid());
        qputenv("HELMDECK_DATA_DIR", dataDir_.path().toUtf8());
    }

    void runsStepsInOrder() {
        Pipeline pipeline(testContext(), options());
        pipeline.addStep(new FixedStep(QStringLiteral("a"), StepResult::ok()));
        pipeline.addStep(new FixedStep(QStringLiteral("b"), StepResult::ok()));
        pipeline.addStep(new FixedStep(QStringLiteral("c"), StepResult::ok()));
        QSignalSpy started(&pipeline, &Pipeline::stepStarted);
        QSignalSpy stepFinished(&pipeline, &Pipeline::stepFinished);
        QSignalSpy progress(&pipeline, &Pipeline::stepProgress);
        QSignalSpy logs(&pipeline, &Pipeline::stepLog);
        QSignalSpy finished(&pipeline, &Pipeline::finished);

        pipeline.start();
        QVERIFY(pipeline.isRunning());
        QVERIFY(finished.wait(5000));

        QCOMPARE(started.count(), 3);
        QCOMPARE(stepFinished.count(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(started.at(i).at(0).toInt(), i);
            QCOMPARE(stepFinished.at(i).at(0).toInt(), i);
            QCOMPARE(stepFinished.at(i).at(1).value<StepResult>().state, StepState::Ok);
        }
        QCOMPARE(progress.count(), 3);
        QCOMPARE(progress.at(1).at(0).toInt(), 1);
        QCOMPARE(progress.at(1).at(1).toDouble(), 0.5);
        QCOMPARE(logs.count(), 3);
        QCOMPARE(logs.at(2).at(1).toString(), QStringLiteral("log of c"));
        QCOMPARE(finished.count(), 1);
        QVERIFY(!pipeline.isRunning());
        QVERIFY(pipeline.isFinished());
        QCOMPARE(pipeline.outcome(), Pipeline::Outcome::Pass);

        const RunReport report = finished.at(0).at(0).value<RunReport>();
        QCOMPARE(report.steps.size(), 3);
        QCOMPARE(report.steps.at(0).name, QStringLiteral("a"));
        QCOMPARE(report.steps.at(2).status, QStringLiteral("ok"));
        QCOMPARE(report.gitRevision, QStringLiteral("abc1234"));
        QCOMPARE(report.target, QStringLiteral("local"));
        QVERIFY(!report.verdict.has_value());
    }

    void failureSkipsLaterSteps() {
        Pipeline pipeline(testContext(), options());
        auto* first = new FixedStep(QStringLiteral("a"), StepResult::ok());
        auto* failing = new FixedStep(QStringLiteral("b"),
                                      StepResult::failed(QStringLiteral("docker not found on PATH"),
                                                         QStringLiteral("install docker")));
        auto* never = new FixedStep(QStringLiteral("c"), StepResult::ok());
        pipeline.addStep(first);
        pipeline.addStep(failing);
        pipeline.addStep(never);
        QSignalSpy started(&pipeline, &Pipeline::stepStarted);
        QSignalSpy finished(&pipeline, &Pipeline::finished);

        pipeline.start();
        QVERIFY(finished.wait(5000));

        QCOMPARE(started.count(), 2);
        QCOMPARE(never->runs, 0);
        QCOMPARE(failing->state(), StepState::Failed);
        QCOMPARE(never->state(), StepState::Skipped);
        QCOMPARE(never->result().reason, QStringLiteral("b failed"));
        QCOMPARE(pipeline.outcome(), Pipeline::Outcome::StepFailed);
        QCOMPARE(pipeline.outcomeReason(), QStringLiteral("b: docker not found on PATH"));
        QCOMPARE(pipeline.outcomeFixHint(), QStringLiteral("install docker"));
        const RunReport& report = pipeline.report();
        QCOMPARE(report.steps.at(1).status, QStringLiteral("failed"));
        QCOMPARE(report.steps.at(2).status, QStringLiteral("skipped"));
    }

    void cancelMidStep() {
        Pipeline pipeline(testContext(), options());
        pipeline.addStep(new FixedStep(QStringLiteral("a"), StepResult::ok()));
        auto* blocking = new BlockingStep;
        pipeline.addStep(blocking);
        auto* after = new FixedStep(QStringLiteral("c"), StepResult::ok());
        pipeline.addStep(after);
        QSignalSpy started(&pipeline, &Pipeline::stepStarted);
        QSignalSpy stepFinished(&pipeline, &Pipeline::stepFinished);
        QSignalSpy finished(&pipeline, &Pipeline::finished);

        pipeline.start();
        QTRY_COMPARE(started.count(), 2);
        QCOMPARE(pipeline.currentStep(), 1);
        QCOMPARE(blocking->state(), StepState::Running);
        QVERIFY(!finished.wait(50));  // it really blocks until cancelled

        pipeline.cancel();
        QVERIFY(finished.count() == 1 || finished.wait(5000));
        QCOMPARE(stepFinished.count(), 2);
        QCOMPARE(stepFinished.at(1).at(1).value<StepResult>().state, StepState::Cancelled);
        QCOMPARE(after->runs, 0);
        QCOMPARE(after->state(), StepState::Skipped);
        QCOMPARE(pipeline.outcome(), Pipeline::Outcome::Cancelled);
        QCOMPARE(pipeline.report().steps.at(1).status, QStringLiteral("cancelled"));
    }

    void cancelBeforeFirstStep() {
        Pipeline pipeline(testContext(), options());
        auto* step = new FixedStep(QStringLiteral("a"), StepResult::ok());
        pipeline.addStep(step);
        QSignalSpy finished(&pipeline, &Pipeline::finished);
        pipeline.start();
        pipeline.cancel();  // before the queued first step
        QVERIFY(finished.wait(5000));
        QCOMPARE(step->runs, 0);
        QCOMPARE(pipeline.outcome(), Pipeline::Outcome::Cancelled);
    }

    void verdictDecidesOutcome_data() {
        QTest::addColumn<CheckStatus>("status");
        QTest::addColumn<Pipeline::Outcome>("outcome");
        QTest::newRow("pass") << CheckStatus::Pass << Pipeline::Outcome::Pass;
        QTest::newRow("fail") << CheckStatus::Fail << Pipeline::Outcome::SloBreach;
        QTest::newRow("unknown") << CheckStatus::Unknown << Pipeline::Outcome::SloBreach;
    }

    void verdictDecidesOutcome() {
        QFETCH(CheckStatus, status);
        QFETCH(Pipeline::Outcome, outcome);
        Pipeline pipeline(testContext(), options());
        pipeline.addStep(new VerdictSettingStep(status));
        QSignalSpy finished(&pipeline, &Pipeline::finished);
        pipeline.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(pipeline.outcome(), outcome);
        QCOMPARE(pipeline.outcomeReason(), pipeline.context().verdict->reason);
        QVERIFY(pipeline.report().verdict.has_value());
    }

    void serviceStoppedUnlessKept_data() {
        QTest::addColumn<bool>("keep");
        QTest::newRow("cli") << false;
        QTest::newRow("gui") << true;
    }

    void serviceStoppedUnlessKept() {
        QFETCH(bool, keep);
        int stops = 0;
        PipelineOptions pipelineOptions = options();
        pipelineOptions.keepServiceRunning = keep;
        Pipeline pipeline(testContext(), pipelineOptions);
        pipeline.addStep(new ServiceStep(&stops));
        QSignalSpy endpoint(&pipeline, &Pipeline::endpointReady);
        QSignalSpy finished(&pipeline, &Pipeline::finished);
        pipeline.start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(endpoint.count(), 1);
        QCOMPARE(endpoint.at(0).at(0).toUrl(), QUrl(QStringLiteral("http://127.0.0.1:1")));
        QCOMPARE(stops, keep ? 0 : 1);
        QCOMPARE(bool(pipeline.context().service), keep);
    }

    void durationsForTheRail() {
        Pipeline pipeline(testContext(), options());
        auto* slow = new FixedStep(QStringLiteral("slow"), StepResult::ok(), 60);
        pipeline.addStep(slow);
        QSignalSpy finished(&pipeline, &Pipeline::finished);
        pipeline.start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(slow->durationMs() >= 50, qPrintable(QString::number(slow->durationMs())));
        QCOMPARE(pipeline.report().steps.at(0).durationMs, slow->durationMs());
    }

    void recordsRunsInHistory() {
        QTemporaryDir dir;
        PipelineOptions pipelineOptions = options(PipelineKind::Run);
        pipelineOptions.dataDir = dir.path();
        {
            Pipeline pipeline(testContext(), pipelineOptions);
            pipeline.addStep(new VerdictSettingStep(CheckStatus::Pass));
            QSignalSpy finished(&pipeline, &Pipeline::finished);
            pipeline.start();
            QVERIFY(finished.wait(5000));
        }
        {  // a cancelled run is not recorded
            Pipeline pipeline(testContext(), pipelineOptions);
            pipeline.addStep(new BlockingStep);
            QSignalSpy started(&pipeline, &Pipeline::stepStarted);
            QSignalSpy finished(&pipeline, &Pipeline::finished);
            pipeline.start();
            QVERIFY(started.wait(5000));
            pipeline.cancel();
            QVERIFY(finished.count() == 1 || finished.wait(5000));
        }
        const auto loaded = RunHistory(dir.path()).load();
        QCOMPARE(loaded.runs.size(), 1);
        QCOMPARE(loaded.runs.first().verdict, CheckStatus::Pass);
        QCOMPARE(loaded.runs.first().gitRevision, QStringLiteral("abc1234"));
    }

    void stepListsPerTarget_data() {
        QTest::addColumn<PipelineKind>("kind");
        QTest::addColumn<Target>("target");
        QTest::addColumn<bool>("rollbackOnFail");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("run local") << PipelineKind::Run << Target::Local << false
                                   << QStringList{"preflight", "backend", "probe", "verdict"};
        QTest::newRow("run docker")
            << PipelineKind::Run << Target::Docker << false
            << QStringList{"preflight", "build", "measure", "container", "probe", "verdict"};
        QTest::newRow("run cluster")
            << PipelineKind::Run << Target::Cluster << true
            << QStringList{"preflight", "build",    "measure", "load",    "deploy",
                           "verify",    "endpoint", "probe",   "verdict", "rollback"};
        QTest::newRow("build") << PipelineKind::Build << Target::Local << false
                               << QStringList{"preflight", "build", "measure"};
        QTest::newRow("probe cluster") << PipelineKind::Probe << Target::Cluster << false
                                       << QStringList{"preflight", "endpoint", "probe", "verdict"};
        QTest::newRow("chat local") << PipelineKind::Endpoint << Target::Local << false
                                    << QStringList{"preflight", "backend"};
        QTest::newRow("status") << PipelineKind::Status << Target::Local << false
                                << QStringList{"preflight", "status"};
        QTest::newRow("rollback") << PipelineKind::Rollback << Target::Docker << false
                                  << QStringList{"preflight", "rollback"};
        QTest::newRow("uninstall") << PipelineKind::Uninstall << Target::Cluster << false
                                   << QStringList{"preflight", "uninstall"};
    }

    void stepListsPerTarget() {
        QFETCH(PipelineKind, kind);
        QFETCH(Target, target);
        QFETCH(bool, rollbackOnFail);
        QFETCH(QStringList, ids);
        PipelineOptions pipelineOptions = options(kind);
        pipelineOptions.rollbackOnFail = rollbackOnFail;
        std::unique_ptr<Pipeline> pipeline(makePipeline(defaultProfile(), target, pipelineOptions));
        QCOMPARE(stepIds(*pipeline), ids);
        for (const Step* step : pipeline->steps()) {
            QVERIFY(!step->title().isEmpty());
            QCOMPARE(step->state(), StepState::Idle);
        }
        // Release operations always act on the cluster.
        if (kind == PipelineKind::Status || kind == PipelineKind::Rollback)
            QCOMPARE(pipeline->context().target, Target::Cluster);
    }

    void imageTagsFromTemplate_data() {
        QTest::addColumn<QString>("tagTemplate");
        QTest::addColumn<QString>("git");
        QTest::addColumn<QString>("expected");
        QTest::newRow("version-git") << "{version}-{git}"
                                     << "3f2a1c9" << helmdeckVersion() + QStringLiteral("-3f2a1c9");
        QTest::newRow("timestamp") << "t{timestamp}"
                                   << "x"
                                   << "t20260102030405";
        QTest::newRow("no git") << "{git}"
                                << ""
                                << "dev";
        QTest::newRow("invalid chars") << "a b/c:{git}"
                                       << "1"
                                       << "a-b-c-1";
        QTest::newRow("leading dash") << "-{git}"
                                      << "1"
                                      << "1";
    }

    void imageTagsFromTemplate() {
        QFETCH(QString, tagTemplate);
        QFETCH(QString, git);
        QFETCH(QString, expected);
        const QDateTime when(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        QCOMPARE(expandTagTemplate(tagTemplate, git, when), expected);
    }

    void contextTagsImages() {
        Profile profile = defaultProfile();
        profile.images.append({QStringLiteral("todo-chatbot"), QString(), QString(),
                               QStringLiteral("{version}-{git}"), QString()});
        const RunContext context = makeRunContext(profile, Target::Docker);
        QCOMPARE(context.images.size(), 1);
        QVERIFY(context.images.first().reference.startsWith(QStringLiteral("todo-chatbot:") +
                                                            helmdeckVersion()));
        QCOMPARE(context.images.first().sizeBytes, -1);
    }

    void endpointPrefersTheWebFrontend() {
        const auto service = [](const char* name, const char* component) {
            ServiceInfo info;
            info.name = QString::fromLatin1(name);
            info.component = QString::fromLatin1(component);
            return info;
        };
        const QList<ServiceInfo> both{service("todo-chatbot", "api"), service("todo-chatbot-web", "web")};
        QCOMPARE(EndpointStep::preferredService(both).name, QStringLiteral("todo-chatbot-web"));
        QVERIFY(EndpointStep::isWebFrontend(EndpointStep::preferredService(both)));
        const QList<ServiceInfo> backendOnly{service("todo-chatbot", "api")};
        QCOMPARE(EndpointStep::preferredService(backendOnly).name, QStringLiteral("todo-chatbot"));
        QVERIFY(!EndpointStep::isWebFrontend(EndpointStep::preferredService(backendOnly)));
        QVERIFY(EndpointStep::preferredService({}).name.isEmpty());
    }

    void deployPutsEachImageIntoItsChartValues() {
        Profile profile = defaultProfile();
        const ImageSpec backend{QStringLiteral("todo-chatbot"), QString(), QString(), QStringLiteral("v1"), QString()};
        const ImageSpec web{QStringLiteral("todo-web"), QString(), QString(), QStringLiteral("v1"),
                            QStringLiteral("web.image")};
        const ImageSpec other{QStringLiteral("sidecar"), QString(), QString(), QStringLiteral("v1"), QString()};
        profile.images = {backend, web, other};
        const QStringList args = DeployStep::chartValues(makeRunContext(profile, Target::Cluster)).extraSet;
        QVERIFY2(args.contains(QStringLiteral("image.repository=todo-chatbot,image.tag=v1")), qPrintable(args.join(' ')));
        QVERIFY2(args.contains(QStringLiteral("web.image.repository=todo-web,web.image.tag=v1")), qPrintable(args.join(' ')));
        // An image without a valuesKey beyond the first is built and measured, not injected.
        QVERIFY2(!args.join(' ').contains(QLatin1String("sidecar")), qPrintable(args.join(' ')));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "test_pipeline.moc"
