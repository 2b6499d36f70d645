#pragma once
// `docker image inspect` and `docker history` output → image size and per-layer sizes.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace helmdeck::core {

struct ImageInfo {
    QString id;  ///< "sha256:…"
    qint64 sizeBytes = 0;
    QDateTime created;
    QStringList repoTags;
    QStringList layerDigests;  ///< RootFS layers, base first
    QString architecture;
    QString os;
};

struct ImageLayer {
    QString id;         ///< "sha256:…", or "<missing>" for layers built elsewhere
    QString createdBy;  ///< as docker prints it
    QDateTime created;
    qint64 sizeBytes = 0;
    QString comment;
};

/// Parses `docker image inspect REF` (a JSON array); the first image. nullopt on bad input.
std::optional<ImageInfo> parseDockerImageInspect(const QByteArray& json, QString* error = nullptr);

/// Parses `docker history --no-trunc --human=false --format '{{json .}}'` (one JSON object
/// per line, newest layer first). Human sizes ("12.3MB", from `--format json`) are accepted too.
std::optional<QList<ImageLayer>> parseDockerHistory(const QByteArray& jsonLines,
                                                    QString* error = nullptr);

/// "0", "307200", "6B", "307kB", "105.6MB", "1.2GB", "3MiB" → bytes; -1 when not a size.
/// Docker's human sizes are decimal (kB = 1000 B).
qint64 parseDockerSize(const QString& text);

/// A layer's command for display: "/bin/sh -c #(nop)  ENV A=b" → "ENV A=b",
/// "/bin/sh -c make" → "RUN make", drops BuildKit's " # buildkit" suffix.
QString summarizeLayerCommand(const QString& createdBy);

}  // namespace helmdeck::core
