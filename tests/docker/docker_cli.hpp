#pragma once
// The docker CLI for tests: commands with deadlines, the image build (BuildKit when the client
// offers it, as ./dev image does), and a private copy of the build context.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace helmdeck::testing {

struct CommandResult {
    int exit_code = -1;  ///< -1 when it could not start, crashed or timed out
    QByteArray output;   ///< stdout and stderr, merged
    bool ok() const { return exit_code == 0; }
    QByteArray trimmed() const { return output.trimmed(); }
};

/// Runs `program args…` and waits at most `timeout_ms` (killing it past that).
CommandResult run_command(const QString& program, const QStringList& args, int timeout_ms,
                          const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment());

/// `docker args…`.
CommandResult docker(const QStringList& args, int timeout_ms = 60000);

/// True when a Docker engine answers `docker info`.
bool docker_answers();

/// How images are built: the command and whether it is BuildKit (whose log says "CACHED")
/// or the classic builder ("Using cache").
struct ImageBuilder {
    QString program;
    QStringList args;  ///< up to and including "build" and its output options
    QProcessEnvironment env;
    bool buildkit = false;
    QString name;
};
ImageBuilder select_image_builder();

/// `build … -f <dockerfile> -t <tag> <extra> <context>` with a 25-minute deadline.
CommandResult build_image(const ImageBuilder& builder, const QString& context,
                          const QString& dockerfile, const QString& tag,
                          const QStringList& extra = {});

/// Copies what the service image needs (CMakeLists.txt, CMakePresets.json, cmake/, services/,
/// dockerfiles/, .dockerignore) from the source tree to `destination`, skipping build trees.
bool copy_build_context(const QString& source_root, const QString& destination, QString* why);

/// The numeric ids on the "Uid:" (or "Gid:") line of /proc/<pid>/status.
QStringList proc_status_ids(qint64 pid, const QByteArray& field);

}  // namespace helmdeck::testing
