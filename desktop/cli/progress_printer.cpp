#include "progress_printer.hpp"

#include <unistd.h>

#include <QByteArray>

#include "core/pipeline.hpp"

namespace helmdeck::cli {

namespace {
constexpr int kBarWidth = 24;
constexpr int kPlainProgressEveryMs = 2000;
constexpr int kTextWidth = 48;
constexpr int kRedrawMs = 100;
}  // namespace

ProgressPrinter::ProgressPrinter(core::Pipeline* pipeline, bool interactive, bool verbose,
                                 std::FILE* stream)
    : QObject(pipeline),
      pipeline_(pipeline),
      interactive_(interactive),
      verbose_(verbose),
      stream_(stream) {
    connect(pipeline, &core::Pipeline::stepStarted, this, &ProgressPrinter::onStarted);
    connect(pipeline, &core::Pipeline::stepProgress, this, &ProgressPrinter::onProgress);
    connect(pipeline, &core::Pipeline::stepLog, this, &ProgressPrinter::onLog);
    connect(pipeline, &core::Pipeline::stepFinished, this, &ProgressPrinter::onFinished);
}

bool ProgressPrinter::isTerminal(std::FILE* stream) {
    return ::isatty(::fileno(stream)) && qgetenv("TERM") != "dumb";
}

QString ProgressPrinter::bar(double fraction, int width) {
    const double clamped = qBound(0.0, fraction, 1.0);
    const int filled = qRound(clamped * width);
    return QStringLiteral("[%1%2] %3%")
        .arg(QString(filled, QLatin1Char('#')), QString(width - filled, QLatin1Char('.')))
        .arg(qRound(clamped * 100), 3);
}

QString ProgressPrinter::duration(qint64 ms) {
    if (ms < 1000) return QStringLiteral("%1 ms").arg(ms);
    if (ms < 60000) return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    return QStringLiteral("%1 min %2 s").arg(ms / 60000).arg((ms % 60000) / 1000);
}

QString ProgressPrinter::prefix(int index) const {
    return QStringLiteral("[%1/%2] %3")
        .arg(index + 1)
        .arg(pipeline_->steps().size())
        .arg(pipeline_->steps().at(index)->id());
}

void ProgressPrinter::line(const QString& text) {
    clearBar();
    std::fputs(text.toLocal8Bit().constData(), stream_);
    std::fputc('\n', stream_);
    std::fflush(stream_);
    if (interactive_ && current_ >= 0) drawBar();
}

void ProgressPrinter::clearBar() {
    if (!interactive_ || !barShown_) return;
    std::fputs("\r\033[K", stream_);
    barShown_ = false;
}

void ProgressPrinter::drawBar() {
    if (!interactive_ || current_ < 0) return;
    QString text = text_;
    if (text.size() > kTextWidth) text = text.left(kTextWidth - 1) + QChar(0x2026);
    const QString row =
        QStringLiteral("%1 %2 %3").arg(prefix(current_), bar(fraction_, kBarWidth), text);
    // Redraw only on change, and at most every kRedrawMs unless the bar was cleared.
    if (barShown_ && (row == lastRow_ || (lastDraw_.isValid() && lastDraw_.elapsed() < kRedrawMs)))
        return;
    lastRow_ = row;
    lastDraw_.start();
    std::fputs("\r\033[K", stream_);
    std::fputs(row.toLocal8Bit().constData(), stream_);
    std::fflush(stream_);
    barShown_ = true;
}

void ProgressPrinter::onStarted(int index) {
    current_ = index;
    fraction_ = 0;
    text_ = pipeline_->steps().at(index)->title();
    if (interactive_) {
        drawBar();
    } else {
        line(QStringLiteral("%1: %2").arg(prefix(index), text_));
        lastPlain_.start();
    }
}

void ProgressPrinter::onProgress(int index, double fraction, const QString& text) {
    if (index != current_) return;
    fraction_ = fraction;
    if (!text.isEmpty()) text_ = text;
    if (interactive_) {
        drawBar();
    } else if (!lastPlain_.isValid() || lastPlain_.elapsed() >= kPlainProgressEveryMs) {
        line(
            QStringLiteral("%1: %2% %3").arg(prefix(index)).arg(qRound(fraction * 100)).arg(text_));
        lastPlain_.start();
    }
}

void ProgressPrinter::onLog(int index, const QString& text) {
    if (!verbose_) return;
    line(QStringLiteral("  %1| %2").arg(pipeline_->steps().at(index)->id(), text));
}

void ProgressPrinter::onFinished(int index, const core::StepResult& result) {
    const core::Step* step = pipeline_->steps().at(index);
    QString text =
        QStringLiteral("%1: %2 (%3)")
            .arg(prefix(index), core::nameOf(result.state), duration(step->durationMs()));
    if (!result.reason.isEmpty()) text += QStringLiteral(" - ") + result.reason;
    current_ = -1;
    line(text);
}

}  // namespace helmdeck::cli
