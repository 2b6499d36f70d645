#include "ui/screenshot_demo.hpp"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPixmap>

#include "core/voice/audio_source.hpp"

#include "ui/charts/latency_histogram_chart.hpp"
#include "ui/charts/latency_timeline_chart.hpp"
#include "ui/chat_page.hpp"
#include "ui/deploy_session.hpp"
#include "ui/health_page.hpp"
#include "ui/images_page.hpp"
#include "ui/voice_bar.hpp"

namespace helmdeck::ui {

namespace {
constexpr int kDeadlineMs = 180 * 1000;
constexpr int kSettleMs = 3000;  // a few more live-probe seconds on the charts
const QStringList kMessages{QStringLiteral("add a task to buy milk"),
                            QStringLiteral("show my tasks")};
}  // namespace

ScreenshotDemo::ScreenshotDemo(MainWindow* window, MainWindow::Page page, QString file,
                               QObject* parent)
    : QObject(parent), window_(window), page_(page), file_(std::move(file)) {
    watchdog_.setSingleShot(true);
    watchdog_.setInterval(kDeadlineMs);
    connect(&watchdog_, &QTimer::timeout, this,
            [this] { finish(1, tr("timed out while %1").arg(stage_)); });
}

void ScreenshotDemo::start() {
    watchdog_.start();
    stage_ = tr("running Build & Deploy on the local target");
    window_->setTarget(core::Target::Local);
    connect(window_, &MainWindow::runFinished, this, &ScreenshotDemo::onRunFinished);
    window_->buildAndDeploy();
    if (!window_->session()->isRunning()) finish(1, tr("Build & Deploy did not start"));
}

void ScreenshotDemo::onRunFinished(core::Pipeline* pipeline) {
    disconnect(window_, &MainWindow::runFinished, this, &ScreenshotDemo::onRunFinished);
    using Outcome = core::Pipeline::Outcome;
    if (pipeline->outcome() == Outcome::StepFailed || pipeline->outcome() == Outcome::Cancelled)
        return finish(1, tr("the demo run failed: %1").arg(pipeline->outcomeReason()));
    connect(window_->chatPage(), &ChatPage::replied, this, [this](const core::ChatReply& reply) {
        if (!reply.ok) return finish(1, tr("the chat failed: %1").arg(reply.error));
        chat(int(window_->chatPage()->bubbles().size() / 2));
    });
    chat(0);
}

void ScreenshotDemo::chat(int index) {
    if (index < kMessages.size()) {
        stage_ = tr("waiting for the chat reply to \"%1\"").arg(kMessages.at(index));
        window_->chatPage()->send(kMessages.at(index));
        return;
    }
    disconnect(window_->chatPage(), &ChatPage::replied, this, nullptr);
    settleAndCapture();
}

void ScreenshotDemo::settleAndCapture() {
    stage_ = tr("measuring local images");
    ImagesPage* images = window_->imagesPage();
    if (images->isMeasuring()) {
        connect(images, &ImagesPage::measuringFinished, this, &ScreenshotDemo::settleAndCapture,
                Qt::SingleShotConnection);
        return;
    }
    stage_ = tr("capturing the %1 page").arg(QFileInfo(file_).fileName());
    window_->showPage(page_);
    // With --voice-wav the Chat page is caught mid-recording, the clip feeding the meter.
    VoiceBar* voice = window_->chatPage()->voiceBar();
    const bool recording = page_ == MainWindow::Page::Chat &&
                           qobject_cast<core::voice::ClipSource*>(voice->audioSource());
    if (recording) QTimer::singleShot(kSettleMs - 1200, voice, [voice] { voice->press(); });
    QTimer::singleShot(kSettleMs, this, [this] {
        window_->healthPage()->refresh();
        window_->healthPage()->timeline()->refresh();
        window_->healthPage()->histogram()->refresh();
        QString error;
        if (!capture(window_, file_, &error)) return finish(1, error);
        finish(0, {});
    });
}

bool ScreenshotDemo::capture(MainWindow* window, const QString& file, QString* error) {
    QApplication::processEvents();
    const QPixmap pixmap = window->grab();
    if (pixmap.isNull()) {
        *error = tr("grabbing the window gave an empty image");
        return false;
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    if (!pixmap.save(file, "PNG")) {
        *error = tr("cannot write %1").arg(file);
        return false;
    }
    return true;
}

void ScreenshotDemo::finish(int exitCode, const QString& message) {
    if (finished_) return;
    finished_ = true;
    watchdog_.stop();
    Q_EMIT done(exitCode, message);
}

}  // namespace helmdeck::ui
