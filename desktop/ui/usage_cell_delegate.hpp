#pragma once
// Paints a pod's usage cell: the figure as text, over a bar of the share of its limit and a
// small line of its recent samples (the item's data under the roles below).

#include <QStyledItemDelegate>

namespace helmdeck::ui {

class UsageCellDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    /// The share of the limit, 0..1 (a double), or invalid when no limit is set.
    static constexpr int ShareRole = Qt::UserRole + 1;
    /// The recent samples, oldest first, as shares of the scale (a QVariantList of doubles).
    static constexpr int SeriesRole = Qt::UserRole + 2;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace helmdeck::ui
