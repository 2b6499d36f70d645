#pragma once
// Follows one pod's log (`kubectl logs -f`) in the run's context and namespace, line by line.

#include <QObject>
#include <memory>

#include "core/tools/kubectl.hpp"

namespace helmdeck::core {

class PodLogStream : public QObject {
    Q_OBJECT

public:
    explicit PodLogStream(QObject* parent = nullptr);
    ~PodLogStream() override;

    /// Stops any stream and follows `pod` (the last `tail` lines first).
    void follow(const Kubectl& kubectl, const QString& pod, int tail = 200);
    void stop();
    bool isRunning() const;

Q_SIGNALS:
    void line(const QString& line);
    /// The stream ended by itself (not by stop()); `reason` is empty when kubectl exited 0.
    void ended(const QString& reason);

private:
    std::unique_ptr<ToolRunner> runner_;
};

}  // namespace helmdeck::core
