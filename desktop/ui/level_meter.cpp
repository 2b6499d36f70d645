#include "ui/level_meter.hpp"

#include <QPainter>
#include <algorithm>

namespace helmdeck::ui {

LevelMeter::LevelMeter(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("levelMeter"));
    setMinimumSize(80, 8);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Microphone level"));
}

void LevelMeter::setLevel(double level) {
    level = std::clamp(level, 0.0, 1.0);
    level_ = level >= level_ ? level : std::max(level, level_ * 0.8);
    update();
}

void LevelMeter::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    const double radius = frame.height() / 2;
    painter.setPen(Qt::NoPen);
    painter.setBrush(palette().color(QPalette::Mid));
    painter.drawRoundedRect(frame, radius, radius);
    if (level_ <= 0) return;
    // Speech peaks sit well below full scale: a square root spreads them over the bar.
    QRectF bar = frame;
    bar.setWidth(std::max(frame.height(), frame.width() * std::sqrt(level_)));
    const QColor colour = level_ > 0.9 ? QColor(0xd9, 0x48, 0x3b) : QColor(0x2e, 0xa0, 0x43);
    painter.setBrush(colour);
    painter.drawRoundedRect(bar, radius, radius);
}

}  // namespace helmdeck::ui
