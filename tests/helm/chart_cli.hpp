#pragma once
// Runs helm and kube-score against the chart with a deadline, the way Helmdeck runs its tools.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <chrono>

namespace helmdeck::chart_test {

/// The Kubernetes version every render and lint assumes (Minikube's current default line).
inline constexpr const char* kKubeVersion = "1.33.0";
/// The release and namespace every render uses, so object names are predictable.
inline constexpr const char* kRelease = "demo";
inline constexpr const char* kNamespace = "helmdeck";

struct ProcessResult {
    bool started = false;
    bool timed_out = false;
    int exit_code = -1;
    QByteArray out;
    QByteArray err;

    bool ok() const { return started && !timed_out && exit_code == 0; }
    /// One paragraph for a failure message: the command, how it ended, and its output.
    QByteArray describe() const;
    QString command;
};

/// Runs `program args…`, killing it when `deadline` passes.
ProcessResult run_process(const QString& program, const QStringList& args,
                          std::chrono::milliseconds deadline = std::chrono::seconds(60));

/// `helm template demo <chart> --namespace helmdeck --kube-version …` plus `extra_args`.
ProcessResult helm_template(const QString& helm, const QString& chart,
                            const QStringList& extra_args = {});

}  // namespace helmdeck::chart_test
