#pragma once
// Shows a pipeline's progress on stderr: a redrawn bar on a terminal, plain lines otherwise.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <cstdio>

namespace helmdeck::core {
class Pipeline;
struct StepResult;
}  // namespace helmdeck::core

namespace helmdeck::cli {

class ProgressPrinter : public QObject {
    Q_OBJECT

public:
    /// `interactive`: draw a bar (stderr is a TTY); `verbose`: also print tool output lines.
    ProgressPrinter(core::Pipeline* pipeline, bool interactive, bool verbose,
                    std::FILE* stream = stderr);

    /// Whether `stream` is a terminal (and TERM is not "dumb").
    static bool isTerminal(std::FILE* stream);
    /// "[#######.........]  45%" for a fraction, `width` cells between the brackets.
    static QString bar(double fraction, int width);
    /// "850 ms", "12.3 s", "2 min 5 s".
    static QString duration(qint64 ms);

    /// Prints a line above the bar (clears the bar first on a terminal).
    void line(const QString& text);

private:
    void onStarted(int index);
    void onProgress(int index, double fraction, const QString& text);
    void onLog(int index, const QString& text);
    void onFinished(int index, const core::StepResult& result);
    void drawBar();
    void clearBar();
    QString prefix(int index) const;

    core::Pipeline* pipeline_;
    bool interactive_;
    bool verbose_;
    std::FILE* stream_;
    int current_ = -1;
    double fraction_ = 0;
    QString text_;
    bool barShown_ = false;
    QElapsedTimer lastPlain_;
    QElapsedTimer lastDraw_;
    QString lastRow_;
};

}  // namespace helmdeck::cli
