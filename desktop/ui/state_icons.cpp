#include "ui/state_icons.hpp"

#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

#include "ui/theme.hpp"

namespace helmdeck::ui {

using core::StepState;

QColor colorOf(StepState state) {
    switch (state) {
        case StepState::Ok:
            return theme::ok();
        case StepState::Failed:
            return theme::failed();
        case StepState::Running:
            return theme::running();
        case StepState::Cancelled:
            return theme::warning();
        case StepState::Idle:
        case StepState::Skipped:
            break;
    }
    return theme::idle();
}

QPixmap stateIcon(StepState state, int size, qreal devicePixelRatio) {
    QPixmap pixmap(qCeil(size * devicePixelRatio), qCeil(size * devicePixelRatio));
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box(1, 1, size - 2, size - 2);
    const QColor color = colorOf(state);
    if (state == StepState::Idle || state == StepState::Skipped) {
        painter.setPen(QPen(color, 1.6));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box.adjusted(1, 1, -1, -1));
        return pixmap;
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(box);
    painter.setPen(QPen(Qt::white, size / 9.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter.setBrush(Qt::NoBrush);
    const qreal s = size;
    switch (state) {
        case StepState::Ok: {
            QPainterPath check;
            check.moveTo(s * 0.28, s * 0.52);
            check.lineTo(s * 0.44, s * 0.67);
            check.lineTo(s * 0.72, s * 0.35);
            painter.drawPath(check);
            break;
        }
        case StepState::Failed:
            painter.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67));
            painter.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67));
            break;
        case StepState::Cancelled:
            painter.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5));
            break;
        case StepState::Running:
            painter.setPen(Qt::NoPen);
            painter.setBrush(Qt::white);
            for (int i = 0; i < 3; ++i)
                painter.drawEllipse(QPointF(s * (0.3 + 0.2 * i), s * 0.5), s * 0.07, s * 0.07);
            break;
        default:
            break;
    }
    return pixmap;
}

QIcon paintedAppIcon() {
    QIcon icon;
    for (int size : {16, 32, 64, 128, 256}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(size / 256.0, size / 256.0);
        QLinearGradient gradient(0, 0, 256, 256);
        gradient.setColorAt(0, QColor(0x2f, 0x81, 0xf7));
        gradient.setColorAt(1, QColor(0x1b, 0x4f, 0xa8));
        painter.setPen(Qt::NoPen);
        painter.setBrush(gradient);
        painter.drawRoundedRect(QRectF(8, 8, 240, 240), 52, 52);
        painter.setPen(QPen(Qt::white, 14, Qt::SolidLine, Qt::RoundCap));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(QPointF(128, 128), 58, 58);
        painter.drawLine(QPointF(128, 40), QPointF(128, 216));
        painter.drawLine(QPointF(40, 128), QPointF(216, 128));
        painter.drawLine(QPointF(65.8, 65.8), QPointF(190.2, 190.2));
        painter.drawLine(QPointF(190.2, 65.8), QPointF(65.8, 190.2));
        painter.setPen(Qt::NoPen);
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(128, 128), 22, 22);
        icon.addPixmap(pixmap);
    }
    return icon;
}

}  // namespace helmdeck::ui
