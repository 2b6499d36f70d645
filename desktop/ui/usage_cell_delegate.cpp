#include "ui/usage_cell_delegate.hpp"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

#include "ui/theme.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kSparkWidth = 72;
constexpr double kHotShare = 0.9;  // near the limit: the OOM killer or CPU throttling is close
}

void UsageCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    QStyleOptionViewItem textOption = option;
    initStyleOption(&textOption, index);
    const QVariant share = index.data(ShareRole);
    const QVariantList series = index.data(SeriesRole).toList();
    const bool hot = share.isValid() && share.toDouble() >= kHotShare;
    if (hot) textOption.palette.setColor(QPalette::Text, theme::failed());

    const QRect cell = option.rect.adjusted(4, 3, -4, -3);
    const QRect spark(cell.right() - kSparkWidth, cell.top(), kSparkWidth, cell.height());
    textOption.rect = option.rect.adjusted(0, 0, -(kSparkWidth + 8), 0);
    QStyledItemDelegate::paint(painter, textOption, index);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = hot ? theme::failed() : theme::accent();
    if (share.isValid()) {
        // The share of the limit, as a thin bar along the bottom of the sparkline.
        QRectF track(spark.left(), spark.bottom() - 2, spark.width(), 3);
        painter->fillRect(track, theme::border());
        track.setWidth(track.width() * std::clamp(share.toDouble(), 0.0, 1.0));
        painter->fillRect(track, colour);
    }
    if (series.size() >= 2) {
        QPainterPath path;
        const double step = double(spark.width()) / double(series.size() - 1);
        const double height = spark.height() - 5;
        for (qsizetype i = 0; i < series.size(); ++i) {
            const double y = spark.top() + height * (1.0 - std::clamp(series.at(i).toDouble(), 0.0, 1.0));
            const QPointF point(spark.left() + step * double(i), y);
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        painter->setPen(QPen(colour, 1.4));
        painter->drawPath(path);
    }
    painter->restore();
}

QSize UsageCellDelegate::sizeHint(const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += kSparkWidth + 12;
    size.setHeight(std::max(size.height(), 24));
    return size;
}

}  // namespace helmdeck::ui
