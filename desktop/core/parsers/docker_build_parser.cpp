#include "core/parsers/docker_build_parser.hpp"

#include <QRegularExpression>

namespace helmdeck::core {

namespace {

QString stepKey(const QString& stage, int index) {
    return stage + QLatin1Char('/') + QString::number(index);
}

QString stepLabel(const BuildStep& step) {
    const QString prefix = step.stage.isEmpty() ? QString() : step.stage + QLatin1Char(' ');
    return QStringLiteral("[%1%2/%3] %4")
        .arg(prefix)
        .arg(step.index)
        .arg(step.total)
        .arg(step.text);
}

}  // namespace

DockerBuildParser::DockerBuildParser(QObject* parent) : QObject(parent) {}

void DockerBuildParser::reset() {
    steps_.clear();
    stageTotals_.clear();
    vertexToStep_.clear();
    completed_.clear();
    cached_.clear();
    legacyCurrent_.clear();
    currentText_.clear();
    imageId_.clear();
    errorText_.clear();
    imageDone_ = false;
}

int DockerBuildParser::totalSteps() const {
    int total = 0;
    for (int stageTotal : stageTotals_) total += stageTotal;
    return total;
}

double DockerBuildParser::fraction() const {
    if (imageDone_) return 1.0;
    const int total = totalSteps();
    return total > 0 ? double(completed_.size()) / total : 0.0;
}

void DockerBuildParser::parseLine(const QString& rawLine) {
    const QString line = rawLine.trimmed();
    if (line.isEmpty()) return;

    // BuildKit: "#5 [builder 2/7] RUN make" (the stage prefix is optional).
    static const QRegularExpression bkStep(
        QStringLiteral("^#(\\d+) \\[(?:(\\S+) )?(\\d+)/(\\d+)\\] (.*)$"));
    static const QRegularExpression bkStatus(
        QStringLiteral("^#(\\d+) (CACHED|DONE\\b.*|ERROR:? ?(.*))$"));
    static const QRegularExpression bkImage(QStringLiteral("writing image (sha256:[0-9a-f]+)"));
    static const QRegularExpression legacyStep(QStringLiteral("^Step (\\d+)/(\\d+) : (.*)$"));
    static const QRegularExpression legacyBuilt(QStringLiteral("^Successfully built ([0-9a-f]+)$"));
    static const QRegularExpression legacyError(
        QStringLiteral("^(The command '.*' returned a non-zero code: \\d+|ERROR: .*|error: .*)$"));

    if (const auto m = bkStep.match(line); m.hasMatch()) {
        BuildStep step{m.captured(2), m.captured(3).toInt(), m.captured(4).toInt(), m.captured(5)};
        const QString key = stepKey(step.stage, step.index);
        vertexToStep_.insert(m.captured(1), key);
        startStep(key, step);
        return;
    }
    if (const auto m = bkStatus.match(line); m.hasMatch()) {
        const QString status = m.captured(2);
        const QString key = vertexToStep_.value(m.captured(1));
        if (status.startsWith(QLatin1String("ERROR"))) {
            errorText_ = m.captured(3).trimmed().isEmpty() ? status : m.captured(3).trimmed();
            Q_EMIT errorReported(errorText_);
        } else if (!key.isEmpty()) {
            completeStep(key, status == QLatin1String("CACHED"));
        }
        return;
    }
    if (const auto m = bkImage.match(line); m.hasMatch() && line.startsWith(QLatin1Char('#'))) {
        imageId_ = m.captured(1);
        imageDone_ = true;
        emitProgress();
        Q_EMIT imageWritten(imageId_);
        return;
    }
    if (const auto m = legacyStep.match(line); m.hasMatch()) {
        // A new step means the previous one finished.
        if (!legacyCurrent_.isEmpty()) completeStep(legacyCurrent_, false);
        BuildStep step{QString(), m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3)};
        legacyCurrent_ = stepKey(QString(), step.index);
        startStep(legacyCurrent_, step);
        return;
    }
    if (line == QLatin1String("---> Using cache") && !legacyCurrent_.isEmpty()) {
        completeStep(legacyCurrent_, true);
        return;
    }
    if (const auto m = legacyBuilt.match(line); m.hasMatch()) {
        if (!legacyCurrent_.isEmpty()) completeStep(legacyCurrent_, false);
        imageId_ = m.captured(1);
        imageDone_ = true;
        emitProgress();
        Q_EMIT imageWritten(imageId_);
        return;
    }
    if (const auto m = legacyError.match(line);
        m.hasMatch() && !line.startsWith(QLatin1Char('#'))) {
        // BuildKit repeats its error at the end; keep the first, more specific one.
        if (errorText_.isEmpty()) {
            errorText_ = line;
            Q_EMIT errorReported(errorText_);
        }
    }
}

void DockerBuildParser::startStep(const QString& key, const BuildStep& step) {
    stageTotals_.insert(step.stage, step.total);
    if (steps_.contains(key)) return;  // BuildKit repeats a header when output interleaves
    steps_.insert(key, step);
    currentText_ = stepLabel(step);
    Q_EMIT stepStarted(step);
    emitProgress();
}

void DockerBuildParser::completeStep(const QString& key, bool cached) {
    if (completed_.contains(key)) return;
    completed_.insert(key);
    const BuildStep step = steps_.value(key);
    if (cached) {
        cached_.insert(key);
        Q_EMIT stepCached(step);
    }
    currentText_ = stepLabel(step) + (cached ? QStringLiteral(" (cached)") : QString());
    emitProgress();
}

void DockerBuildParser::emitProgress() {
    Q_EMIT progress(fraction(), imageDone_ ? QStringLiteral("image written") : currentText_);
}

}  // namespace helmdeck::core
