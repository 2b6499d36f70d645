#include "ui/voice_bar.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStyle>

#include "core/voice/pocketsphinx_recognizer.hpp"
#include "core/voice/reply_speaker.hpp"
#include "ui/level_meter.hpp"

namespace helmdeck::ui {

using core::voice::PushToTalk;

namespace {
const QString kAutoSendKey = QStringLiteral("voice/autoSend");
const QString kSpeakKey = QStringLiteral("voice/speakReplies");
}  // namespace

VoiceBar::VoiceBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("voiceBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    mic_ = new QPushButton(tr("Hold to talk"), this);
    mic_->setObjectName(QStringLiteral("micButton"));
    mic_->setToolTip(tr("Hold to record, release to transcribe (or hold Ctrl+Space). "
                        "Audio stays in memory and is never saved or sent."));
    mic_->setStyleSheet(QStringLiteral(
        "QPushButton#micButton[recording=\"true\"] { background: #d9483b; color: white; "
        "border: 1px solid #b23a2f; font-weight: bold; }"));
    meter_ = new LevelMeter(this);
    meter_->setMaximumWidth(160);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("muted"));
    status_->setWordWrap(true);
    autoSend_ = new QCheckBox(tr("Send when transcribed"), this);
    speak_ = new QCheckBox(tr("Speak replies"), this);
    const QSettings settings;
    autoSend_->setChecked(settings.value(kAutoSendKey, false).toBool());
    speak_->setChecked(settings.value(kSpeakKey, false).toBool());
    layout->addWidget(mic_);
    layout->addWidget(meter_);
    layout->addWidget(status_, 1);
    layout->addWidget(autoSend_);
    layout->addWidget(speak_);

    connect(mic_, &QPushButton::pressed, this, &VoiceBar::press);
    connect(mic_, &QPushButton::released, this, &VoiceBar::release);
    connect(autoSend_, &QCheckBox::toggled, this, [](bool on) { QSettings().setValue(kAutoSendKey, on); });
    connect(speak_, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(kSpeakKey, on);
        if (speaker_) speaker_->setEnabled(on);
    });
    onState(PushToTalk::State::Idle);
}

void VoiceBar::setAudioSource(core::voice::AudioSource* source) {
    source->setParent(this);
    source_ = source;
}

PushToTalk* VoiceBar::pushToTalk() {
    if (talk_) return talk_;
    // Created on the first press: voice costs nothing until the user asks for it.
    if (!source_) source_ = new core::voice::MicrophoneSource(this);
    auto* recognizer = new core::voice::PocketSphinxRecognizer(this);
    recognizer->setTaskTitles(titles_);
    talk_ = new PushToTalk(source_, recognizer, this);
    connect(talk_, &PushToTalk::levelChanged, meter_, &LevelMeter::setLevel);
    connect(talk_, &PushToTalk::stateChanged, this, &VoiceBar::onState);
    connect(talk_, &PushToTalk::problem, this, &VoiceBar::showProblem);
    connect(talk_, &PushToTalk::talkStarted, this, [this] {
        if (speaker_) speaker_->stop();
    });
    connect(talk_, &PushToTalk::transcribed, this, [this](const QString& text) {
        status_->setText(tr("Heard: “%1”. Edit it or press Enter to send.").arg(text));
        Q_EMIT transcribed(text);
    });
    return talk_;
}

void VoiceBar::press() {
    status_->setProperty("error", false);
    pushToTalk()->press();
}

void VoiceBar::release() { if (talk_) talk_->release(); }

void VoiceBar::setTaskTitles(const QStringList& titles) {
    titles_ = titles;
    if (talk_) talk_->recognizer()->setTaskTitles(titles);
}

void VoiceBar::onReply(const core::ChatReply& reply) {
    QStringList titles = titles_;
    const auto collect = [&titles](const QJsonValue& value) {
        const QString title = value.toObject().value(QStringLiteral("title")).toString();
        if (!title.isEmpty() && !titles.contains(title)) titles << title;
    };
    for (const core::ChatToolCall& call : reply.toolCalls) {
        collect(call.result);
        const QJsonValue tasks = call.result.isArray() ? call.result : call.result[QStringLiteral("tasks")];
        for (const QJsonValue& task : tasks.toArray()) collect(task);
    }
    if (titles != titles_) setTaskTitles(titles);
    speakReply(reply.response);
}

void VoiceBar::speakReply(const QString& text) {
    if (!speak_->isChecked()) return;
    if (!speaker_) {
        speaker_ = new core::voice::ReplySpeaker(this);
        speaker_->setEnabled(true);
    }
    if (const QString why = speaker_->unavailableReason(); !why.isEmpty()) return showProblem(why);
    speaker_->speak(text);
}

bool VoiceBar::autoSend() const { return autoSend_->isChecked(); }

PushToTalk::State VoiceBar::state() const { return talk_ ? talk_->state() : PushToTalk::State::Idle; }

QString VoiceBar::statusText() const { return status_->text(); }

void VoiceBar::onState(PushToTalk::State state) {
    setRecordingLook(state == PushToTalk::State::Recording);
    mic_->setText(state == PushToTalk::State::Recording ? tr("Listening… release to stop")
                                                        : tr("Hold to talk"));
    meter_->setVisible(state == PushToTalk::State::Recording);
    if (state == PushToTalk::State::Recording) status_->setText(tr("Recording (in memory only)"));
    if (state == PushToTalk::State::Transcribing) status_->setText(tr("Transcribing…"));
    if (state != PushToTalk::State::Recording) meter_->setLevel(0);
}

void VoiceBar::showProblem(const QString& message) {
    status_->setText(message);
    setRecordingLook(false);
}

void VoiceBar::setRecordingLook(bool recording) {
    mic_->setProperty("recording", recording);
    mic_->style()->unpolish(mic_);
    mic_->style()->polish(mic_);
}

bool VoiceBar::isRecording() const { return mic_->property("recording").toBool(); }

void VoiceBar::watchShortcut(QWidget* widget) { widget->installEventFilter(this); }

bool VoiceBar::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease) {
        auto* key = static_cast<QKeyEvent*>(event);
        const bool recording = state() == PushToTalk::State::Recording;
        if (key->key() == Qt::Key_Space && (key->modifiers() & Qt::ControlModifier || recording)) {
            if (!key->isAutoRepeat()) {
                if (event->type() == QEvent::KeyPress) press();
                else release();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace helmdeck::ui
