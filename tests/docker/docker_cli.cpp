#include "docker/docker_cli.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>

#include "support/require_tool.hpp"

namespace helmdeck::testing {

CommandResult run_command(const QString& program, const QStringList& args, int timeout_ms,
                          const QProcessEnvironment& env) {
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, args);
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        result.output = "could not start " + program.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    if (!process.waitForFinished(timeout_ms)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = process.readAll() + "\n(timed out after " +
                        QByteArray::number(timeout_ms / 1000) + " s)";
        return result;
    }
    result.output = process.readAll();
    if (process.exitStatus() == QProcess::NormalExit) result.exit_code = process.exitCode();
    return result;
}

CommandResult docker(const QStringList& args, int timeout_ms) {
    return run_command(QStringLiteral("docker"), args, timeout_ms);
}

bool docker_answers() {
    return !find_tool(QStringLiteral("docker")).isEmpty() &&
           docker({QStringLiteral("info"), QStringLiteral("--format"), QStringLiteral("{{.ID}}")},
                  20000)
               .ok();
}

namespace {

// The major version of a docker client ("Docker version 20.10.24+dfsg1, build …"), or 0.
int client_major_version(const QString& client) {
    const auto result = run_command(client, {QStringLiteral("--version")}, 10000);
    const auto match = QRegularExpression(QStringLiteral("Docker version (\\d+)\\."))
                           .match(QString::fromUtf8(result.output));
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

}  // namespace

ImageBuilder select_image_builder() {
    ImageBuilder builder;
    builder.env = QProcessEnvironment::systemEnvironment();
    const QString path_docker = find_tool(QStringLiteral("docker"));
    // Same choice as scripts/dev/docker.sh: buildx, else a client with BuildKit built in (< 23),
    // else the classic builder.
    if (docker({QStringLiteral("buildx"), QStringLiteral("version")}, 20000).ok()) {
        builder.program = path_docker;
        builder.buildkit = true;
        builder.name = QStringLiteral("BuildKit (buildx)");
    } else {
        for (const QString& client : {path_docker, QStringLiteral("/usr/bin/docker")}) {
            const int major = QFileInfo(client).isExecutable() ? client_major_version(client) : 0;
            if (major > 0 && major < 23) {
                builder.program = client;
                builder.buildkit = true;
                builder.name = QStringLiteral("BuildKit (built into %1 %2.x)").arg(client).arg(major);
                break;
            }
        }
    }
    if (builder.buildkit) {
        builder.env.insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("1"));
        builder.args = {QStringLiteral("build"), QStringLiteral("--progress=plain")};
    } else {
        builder.program = path_docker;
        builder.env.insert(QStringLiteral("DOCKER_BUILDKIT"), QStringLiteral("0"));
        builder.args = {QStringLiteral("build")};
        builder.name = QStringLiteral("classic builder");
    }
    return builder;
}

CommandResult build_image(const ImageBuilder& builder, const QString& context,
                          const QString& dockerfile, const QString& tag, const QStringList& extra) {
    QStringList args = builder.args;
    args << QStringLiteral("-f") << QDir(context).filePath(dockerfile) << QStringLiteral("-t") << tag
         << extra << context;
    return run_command(builder.program, args, 25 * 60 * 1000, builder.env);
}

namespace {

bool copy_file(const QString& from, const QString& to, QString* why) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (QFile::copy(from, to)) return true;
    *why = QStringLiteral("cannot copy %1 to %2").arg(from, to);
    return false;
}

bool is_build_tree(const QString& relative_path) {
    static const QRegularExpression build_dir(
        QStringLiteral("(^|/)(build|build-[^/]*|\\.cache|node_modules|dist)(/|$)"));
    return build_dir.match(relative_path).hasMatch();
}

}  // namespace

bool copy_build_context(const QString& source_root, const QString& destination, QString* why) {
    const QDir source(source_root);
    for (const QString& file : {QStringLiteral("CMakeLists.txt"), QStringLiteral("CMakePresets.json"),
                                QStringLiteral(".dockerignore")}) {
        if (!copy_file(source.filePath(file), QDir(destination).filePath(file), why)) return false;
    }
    for (const QString& folder :
         {QStringLiteral("cmake"), QStringLiteral("services"), QStringLiteral("dockerfiles")}) {
        QDirIterator it(source.filePath(folder), QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = source.relativeFilePath(path);
            if (is_build_tree(relative)) continue;
            if (!copy_file(path, QDir(destination).filePath(relative), why)) return false;
        }
    }
    return true;
}

QStringList proc_status_ids(qint64 pid, const QByteArray& field) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) return {};
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field + ':')) {
            return QString::fromUtf8(line.mid(field.size() + 1))
                .split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        }
    }
    return {};
}

}  // namespace helmdeck::testing
