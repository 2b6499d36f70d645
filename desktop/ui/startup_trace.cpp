#include "ui/startup_trace.hpp"

#include <QEvent>
#include <QFile>
#include <QObject>
#include <QWidget>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace helmdeck::ui {

double msSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly)) return 0;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime, clock ticks after boot) comes after the ")" closing the command.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20) return 0;
    const double startSeconds = fields.at(19).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startSeconds) * 1000.0;
}

namespace {
class FirstPaintFilter : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint) {
            std::fprintf(stderr, "helmdeck: first paint after %.0f ms\n", msSinceProcessStart());
            watched->removeEventFilter(this);
            deleteLater();
        }
        return false;
    }
};
}  // namespace

void traceFirstPaint(QWidget* window) {
    if (qEnvironmentVariableIsEmpty("HELMDECK_TRACE_STARTUP")) return;
    window->installEventFilter(new FirstPaintFilter(window));
}

}  // namespace helmdeck::ui
