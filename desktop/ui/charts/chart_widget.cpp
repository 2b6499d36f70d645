#include "ui/charts/chart_widget.hpp"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>

#include "ui/theme.hpp"

namespace helmdeck::ui {

ChartWidget::ChartWidget(const QString& title, QWidget* parent) : QWidget(parent) {
    auto* card = new QFrame(this);
    card->setObjectName(QStringLiteral("card"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(card);

    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(14, 12, 14, 8);
    layout->setSpacing(2);
    title_ = new QLabel(title, card);
    title_->setObjectName(QStringLiteral("sectionTitle"));
    subtitle_ = new QLabel(card);
    subtitle_->setObjectName(QStringLiteral("muted"));
    subtitle_->setVisible(false);
    layout->addWidget(title_);
    layout->addWidget(subtitle_);

    chart_ = new QChart;
    chart_->setMargins(QMargins(0, 4, 0, 0));
    chart_->setBackgroundRoundness(0);
    chart_->legend()->setAlignment(Qt::AlignBottom);
    chart_->setAnimationOptions(QChart::NoAnimation);  // 1 Hz bulk updates; animation only lags
    view_ = new QChartView(chart_, card);              // the view owns the chart
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumHeight(180);
    view_->setStyleSheet(QStringLiteral("background: transparent; border: none;"));
    layout->addWidget(view_, 1);
    applyTheme();
}

ChartWidget::~ChartWidget() = default;

void ChartWidget::setSubtitle(const QString& text) {
    subtitle_->setText(text);
    subtitle_->setVisible(!text.isEmpty());
}

void ChartWidget::styleAxis(QAbstractAxis* axis) const {
    axis->setLabelsColor(theme::mutedText());
    axis->setGridLineColor(theme::border());
    axis->setLinePenColor(theme::border());
    axis->setTitleBrush(theme::mutedText());
    QFont font = axis->labelsFont();
    font.setPointSizeF(8);
    axis->setLabelsFont(font);
    QFont titleFont = font;
    titleFont.setBold(false);
    axis->setTitleFont(titleFont);
}

void ChartWidget::applyTheme() {
    chart_->setBackgroundBrush(theme::surface());
    chart_->setPlotAreaBackgroundVisible(false);
    chart_->legend()->setLabelColor(theme::text());
    QFont font = chart_->legend()->font();
    font.setPointSizeF(8);
    chart_->legend()->setFont(font);
    for (QAbstractAxis* axis : chart_->axes()) styleAxis(axis);
}

void ChartWidget::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange) applyTheme();
    QWidget::changeEvent(event);
}

}  // namespace helmdeck::ui
