#include "core/voice/reply_speaker.hpp"

#include <QTextToSpeech>

namespace helmdeck::core::voice {

ReplySpeaker::ReplySpeaker(QObject* parent) : QObject(parent) {}

ReplySpeaker::~ReplySpeaker() = default;

void ReplySpeaker::setEnabled(bool on) {
    enabled_ = on;
    if (on) ensureEngine();
    else stop();
}

void ReplySpeaker::ensureEngine() {
    if (triedEngine_) return;
    triedEngine_ = true;
    // Prefer flite (fully offline, no daemon); speech-dispatcher next; else Qt's default.
    const QStringList engines = QTextToSpeech::availableEngines();
    for (const QString& name : {QStringLiteral("flite"), QStringLiteral("speechd")})
        if (engines.contains(name)) {
            engine_ = name;
            break;
        }
    if (engine_.isEmpty() && !engines.isEmpty()) engine_ = engines.first();
    if (engine_.isEmpty()) return;
    tts_ = std::make_unique<QTextToSpeech>(engine_);
    connect(tts_.get(), &QTextToSpeech::stateChanged, this, [this](QTextToSpeech::State state) {
        Q_EMIT speakingChanged(state == QTextToSpeech::Speaking);
    });
}

QString ReplySpeaker::unavailableReason() const {
    if (!triedEngine_ || tts_) return {};
    return tr("No text-to-speech engine found; install one: apt-get install qt6-speech-flite-plugin");
}

void ReplySpeaker::speak(const QString& text) {
    if (!enabled_ || text.trimmed().isEmpty()) return;
    ensureEngine();
    if (!tts_) return;
    tts_->stop();
    tts_->say(text);
}

void ReplySpeaker::stop() {
    if (tts_ && tts_->state() != QTextToSpeech::Ready) tts_->stop();
}

bool ReplySpeaker::isSpeaking() const {
    return tts_ && tts_->state() == QTextToSpeech::Speaking;
}

}  // namespace helmdeck::core::voice
