#pragma once
// Helpers shared by the widget tests: offscreen platform before QApplication, pixel variance,
// and screenshots into build/screenshots (and $HELMDECK_SCREENSHOT_DIR, for the README).

#include <QApplication>
#include <QByteArray>
#include <QDir>
#include <QImage>
#include <QStringList>
#include <QWidget>
#include <cmath>

namespace helmdeck::testing {

/// Runs at static-initialisation time, i.e. before QTEST_MAIN creates the QApplication.
inline const bool kOffscreen = [] {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    return true;
}();

/// Standard deviation of the grey level over a sampled grid: near 0 for a blank image.
inline double greyStdDev(const QImage& image) {
    if (image.isNull()) return 0;
    double sum = 0, sumSquares = 0;
    int n = 0;
    const int stepX = std::max(1, image.width() / 200), stepY = std::max(1, image.height() / 200);
    for (int y = 0; y < image.height(); y += stepY)
        for (int x = 0; x < image.width(); x += stepX) {
            const double grey = qGray(image.pixel(x, y));
            sum += grey;
            sumSquares += grey * grey;
            ++n;
        }
    const double mean = sum / n;
    return std::sqrt(std::max(0.0, sumSquares / n - mean * mean));
}

/// Grabs `widget` to build/screenshots/NAME (and $HELMDECK_SCREENSHOT_DIR/NAME); the image.
inline QImage shoot(QWidget* widget, const QString& name) {
    // A scroll area lays its content out in rounds of posted LayoutRequest events: run them all.
    for (int round = 0; round < 8; ++round) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QApplication::processEvents();
    }
    const QImage image = widget->grab().toImage();
    QStringList dirs{QStringLiteral(HELMDECK_BINARY_DIR "/screenshots")};
    if (!qEnvironmentVariableIsEmpty("HELMDECK_SCREENSHOT_DIR"))
        dirs << qEnvironmentVariable("HELMDECK_SCREENSHOT_DIR");
    for (const QString& dir : dirs) {
        QDir().mkpath(dir);
        image.save(QDir(dir).filePath(name));
    }
    return image;
}

}  // namespace helmdeck::testing
