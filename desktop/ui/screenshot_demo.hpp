#pragma once
// `helmdeck --screenshot FILE --page NAME`: a short demo on the local target (Build & Deploy,
// the probe, a chat exchange), then a grab of the chosen page to a PNG.

#include <QObject>
#include <QTimer>

#include "ui/main_window.hpp"

namespace helmdeck::ui {

class ScreenshotDemo : public QObject {
    Q_OBJECT

public:
    ScreenshotDemo(MainWindow* window, MainWindow::Page page, QString file,
                   QObject* parent = nullptr);

    /// Runs the demo; done() follows (exit code 0, or non-zero with a one-line reason).
    void start();
    /// Grabs `window` to `file` as it is now; false with `error` set on failure.
    static bool capture(MainWindow* window, const QString& file, QString* error);

Q_SIGNALS:
    void done(int exitCode, const QString& message);

private:
    void onRunFinished(core::Pipeline* pipeline);
    void chat(int index);
    void settleAndCapture();
    void finish(int exitCode, const QString& message);

    MainWindow* window_;
    MainWindow::Page page_;
    QString file_;
    QString stage_;
    QTimer watchdog_;
    bool finished_ = false;
};

}  // namespace helmdeck::ui
