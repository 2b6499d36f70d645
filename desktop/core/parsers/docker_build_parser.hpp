#pragma once
// Turns `docker build` output (BuildKit --progress=plain, or the legacy builder) into progress.

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

namespace helmdeck::core {

/// One Dockerfile instruction as the builder numbers it ("[builder 2/7] RUN make").
struct BuildStep {
    QString stage;  ///< BuildKit stage name ("builder", "stage-1"); empty for single-stage/legacy
    int index = 0;  ///< 1-based within its stage
    int total = 0;  ///< instructions in its stage
    QString text;   ///< the instruction, e.g. "RUN make"
};

/// Fed `docker build` output line by line; emits steps and a progress fraction. Knows both
/// BuildKit's plain progress ("#5 [2/4] RUN …", "#5 CACHED", "#5 DONE 0.2s", "#5 ERROR: …")
/// and the legacy builder ("Step 2/4 : RUN …", " ---> Using cache", "Successfully built …").
class DockerBuildParser : public QObject {
    Q_OBJECT

public:
    explicit DockerBuildParser(QObject* parent = nullptr);

    void parseLine(const QString& line);
    void reset();

    /// Completed steps over all steps seen so far, 0..1 (1 once the image is written).
    double fraction() const;
    int completedSteps() const { return int(completed_.size()); }
    int cachedSteps() const { return int(cached_.size()); }
    int totalSteps() const;
    QString currentStepText() const { return currentText_; }
    QString imageId() const { return imageId_; }  ///< "sha256:…" or the legacy short id
    QString errorText() const { return errorText_; }

Q_SIGNALS:
    void stepStarted(const helmdeck::core::BuildStep& step);
    void stepCached(const helmdeck::core::BuildStep& step);
    void progress(double fraction, const QString& text);
    void imageWritten(const QString& imageId);
    void errorReported(const QString& message);

private:
    void startStep(const QString& key, const BuildStep& step);
    void completeStep(const QString& key, bool cached);
    void emitProgress();

    QHash<QString, BuildStep> steps_;       ///< by stage/index key
    QHash<QString, int> stageTotals_;       ///< total instructions per stage
    QHash<QString, QString> vertexToStep_;  ///< BuildKit "#5" → step key
    QSet<QString> completed_;
    QSet<QString> cached_;
    QString legacyCurrent_;  ///< legacy builder: the step now running
    QString currentText_;
    QString imageId_;
    QString errorText_;
    bool imageDone_ = false;
};

}  // namespace helmdeck::core
