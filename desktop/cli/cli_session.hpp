#pragma once
// Runs one helmdeck-cli command: loads the profile, builds and observes the pipeline, prints
// the summary, and reports the exit code through done(). Holds no pipeline logic of its own.

#include <QObject>
#include <QPointer>
#include <memory>

#include "cli_options.hpp"
#include "core/pipeline.hpp"

namespace helmdeck::core {
class ChatClient;
struct ChatReply;
}  // namespace helmdeck::core

namespace helmdeck::cli {

class ProgressPrinter;

class CliSession : public QObject {
    Q_OBJECT

public:
    explicit CliSession(CliOptions options, QObject* parent = nullptr);
    ~CliSession() override;

    /// Starts the command; done() follows (possibly queued, never from inside start()).
    void start();

public Q_SLOTS:
    /// SIGINT/SIGTERM: cancel whatever runs; done(130) follows once every child is gone.
    void interrupt(int signalNumber);

Q_SIGNALS:
    void done(int exitCode);

private:
    void finishWith(int exitCode);
    /// A cluster step failed: print the Ops diagnosis to stderr, then finish with `exitCode`.
    bool diagnoseThenFinish(int exitCode);
    void transcribeWav();
    void startPipeline();
    void runHistory();
    void askAboutDiff(const core::ReleaseDiff& diff, std::function<void(bool)> answer);
    void onPipelineFinished();
    void sendChat();
    void onChatReply(const core::ChatReply& reply);
    void printOut(const QString& text);
    void printErr(const QString& text);

    CliOptions options_;
    core::Profile profile_;
    QPointer<core::Pipeline> pipeline_;
    ProgressPrinter* printer_ = nullptr;
    core::ChatClient* chat_ = nullptr;
    std::shared_ptr<core::RunningService> service_;
    QObject* recognizer_ = nullptr;  // core::voice::SpeechRecognizer while --wav transcribes
    bool interrupted_ = false;
    bool finished_ = false;
};

}  // namespace helmdeck::cli
