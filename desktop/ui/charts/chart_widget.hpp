#pragma once
// The small shared base of every chart: a titled card holding a chart view, themed for the
// current palette. Only this folder includes Qt Charts, so a move to Qt Graphs stays here.

#include <QWidget>

QT_BEGIN_NAMESPACE
class QAbstractAxis;
class QChart;
class QChartView;
class QLabel;
QT_END_NAMESPACE

namespace helmdeck::ui {

class ChartWidget : public QWidget {
    Q_OBJECT

public:
    explicit ChartWidget(const QString& title, QWidget* parent = nullptr);
    ~ChartWidget() override;

    QSize sizeHint() const override { return {480, 260}; }
    /// A line under the title, e.g. what the chart is empty waiting for.
    void setSubtitle(const QString& text);

protected:
    QChart* chart() const { return chart_; }
    /// Colours an axis (labels, grid) for the current palette; call for each new axis.
    void styleAxis(QAbstractAxis* axis) const;
    /// Re-applies colours after a palette change; subclasses restyle their series here.
    virtual void applyTheme();
    void changeEvent(QEvent* event) override;

private:
    QChart* chart_ = nullptr;
    QChartView* view_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
};

}  // namespace helmdeck::ui
